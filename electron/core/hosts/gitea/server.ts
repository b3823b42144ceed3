// Asking a server, without credentials, what it is (GET /api/v1/version) and how many tokens one
// answer may hold (GET /api/v1/settings/api). Source: shared reference hosts-next.md §1.1 and §1.7.
import type { HttpClient } from '../../http/client';
import { errorFor, notGitea } from './errors';
import { readVersion, type GiteaServer } from './version';
import { wireApiSettings, wireVersion } from './wire';

/** The documented default of [api] MAX_RESPONSE_ITEMS, for a server that does not tell its own. */
export const DEFAULT_PAGE_SIZE = 50;

/** Asks the server what it is, without credentials. Anything but a Gitea or Forgejo answer is refused. */
export async function detectServer(http: HttpClient, api: string): Promise<GiteaServer> {
  const response = await http.request({ method: 'GET', url: `${api}/version` });
  // A site that wants a sign-in for everything: go on without knowing the flavour.
  if (response.status === 401 || response.status === 403) return readVersion(null);
  if (response.status === 404) throw notGitea();
  if (response.status < 200 || response.status >= 300) throw errorFor(response, { server: readVersion(null), baseUrl: null, otpSent: false, secrets: [] }, {});
  const parsed = wireVersion.safeParse(response.json);
  if (!parsed.success) throw notGitea();
  return readVersion(parsed.data.version);
}

/** The most tokens one answer may hold ([api] MAX_RESPONSE_ITEMS); the default when the server does not say. */
export async function pageSize(http: HttpClient, api: string): Promise<number> {
  const response = await http.request({ method: 'GET', url: `${api}/settings/api` });
  const parsed = response.status >= 200 && response.status < 300 ? wireApiSettings.safeParse(response.json) : null;
  const size = parsed?.success ? parsed.data.max_response_items : null;
  // A hostile or broken value must not ask for a million tokens in one answer.
  return size ? Math.min(Math.max(size, 1), 1000) : DEFAULT_PAGE_SIZE;
}
