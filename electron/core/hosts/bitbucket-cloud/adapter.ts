// Bitbucket Cloud through its REST API 2.0. Cloud has no API to create, list or revoke an Atlassian
// API token, so this adapter only asks whose a pasted token is (GET /2.0/user, Basic with the
// Atlassian account email and the token); everything else happens in the browser.
import { HOSTS, serviceBaseUrl } from '../../../../shared/hosts';
import { TOKEN_PAGE_WORDS as TOKEN_PAGE } from '../../../../shared/browser-token';
import { LatchError } from '../../../../shared/result';
import type { HttpClient } from '../../http/client';
import type { HostAdapter, HostCredentials, HostIdentity, HostToken } from '../adapter';
import { askWithToken, type TokenCheck, type TokenCheckAccount } from '../token-check';
import { cloudErrorFor, cloudMalformed } from './errors';
import { wireCloudUser } from './wire';

export const CLOUD_BASE_URL = HOSTS['bitbucket-cloud'].fixedBaseUrl!;
const CLOUD_API = 'https://api.bitbucket.org/2.0';

/**
 * Where the REST API of the Bitbucket Cloud at `baseUrl` lives: api.bitbucket.org for the real one, and
 * `<baseUrl>/2.0` for a stand-in on this machine (tests). Any other address is refused.
 */
export function cloudApiBase(baseUrl: string): string {
  const server = serviceBaseUrl(baseUrl, HOSTS['bitbucket-cloud']);
  return server === CLOUD_BASE_URL ? CLOUD_API : `${server}/2.0`;
}

function unsupported(what: string): LatchError {
  return new LatchError('unsupported', `Bitbucket Cloud has no API to ${what} API tokens: do that at ${TOKEN_PAGE}.`);
}

export class BitbucketCloudAdapter implements HostAdapter {
  readonly capabilities = HOSTS['bitbucket-cloud'];
  private readonly api: string;

  constructor(baseUrl: string, private readonly http: HttpClient) {
    this.api = cloudApiBase(baseUrl);
  }

  /** `username` is the Atlassian account email and `password` the API token: the REST API takes no other pair. */
  async verify(credentials: HostCredentials): Promise<HostIdentity> {
    const email = credentials.username;
    const authorization = `Basic ${Buffer.from(`${email}:${credentials.password}`, 'utf8').toString('base64')}`;
    // A GET: the client retries it on 429/5xx, never on 401 (repeated refusals can lock an account).
    const response = await this.http.request({ method: 'GET', url: `${this.api}/user`, headers: { authorization, accept: 'application/json' } });
    if (response.status < 200 || response.status >= 300) throw cloudErrorFor(response, email);
    const parsed = wireCloudUser.safeParse(response.json);
    if (!parsed.success) throw cloudMalformed();
    const user = parsed.data;
    return { userSlug: user.username, displayName: user.display_name || user.nickname || user.username };
  }

  /** The account's e-mail with the token, as verify sends them. */
  checkToken(secret: string, account: TokenCheckAccount): Promise<TokenCheck> {
    const authorization = `Basic ${Buffer.from(`${account.username}:${secret}`, 'utf8').toString('base64')}`;
    const request = { method: 'GET' as const, url: `${this.api}/user`, headers: { authorization, accept: 'application/json' } };
    return askWithToken(this.http, request, (response) => {
      const parsed = wireCloudUser.safeParse(response.json);
      return parsed.success ? parsed.data.username : null;
    });
  }

  listTokens(): Promise<HostToken[]> {
    return Promise.reject(unsupported('list'));
  }

  createToken(): Promise<{ token: HostToken; secret: string }> {
    return Promise.reject(unsupported('create'));
  }

  revokeToken(): Promise<void> {
    return Promise.reject(unsupported('revoke'));
  }
}
