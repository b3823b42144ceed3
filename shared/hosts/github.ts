// GitHub and GitHub Enterprise Server: no API creates, lists or lets the owner revoke a personal access
// token, but GET /user describes one, and anyone holding a leaked token can have it revoked
// (shared reference hosts-next.md §3).
import type { HostEntry } from './types';

const KINDS: ReadonlyArray<[prefix: string, words: string]> = [
  ['github_pat_', 'a GitHub fine-grained personal access token'],
  ['ghp_', 'a GitHub personal access token (classic)'],
  ['gho_', 'a GitHub OAuth app token'],
  ['ghu_', 'a GitHub App user token'],
  ['ghs_', 'a GitHub App installation token'],
  ['ghr_', 'a GitHub App refresh token'],
];

/** Which GitHub token a secret is, by prefix; only the prefix is returned. */
export function githubPrefix(secret: string): string | null {
  const text = secret.trim();
  return KINDS.find(([prefix]) => text.startsWith(prefix))?.[0] ?? null;
}

/** The scopes Latch suggests for a classic token used with git: push and pull, workflows included. */
export const DEFAULT_CLASSIC_SCOPES: readonly string[] = ['repo', 'workflow'];

/** github.com's web address, whatever form of it was given (api.github.com, www.). */
export const GITHUB_WEB = 'https://github.com';

/** The server's web address: github.com for any of its names, else the server without a trailing /api/v3 someone may have pasted. */
export function githubWebBase(baseUrl: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, '');
  const host = new URL(trimmed).hostname;
  if (host === 'github.com' || host === 'api.github.com' || host === 'www.github.com') return GITHUB_WEB;
  return trimmed.replace(/\/api\/v3$/i, '');
}

/** The classic and fine-grained token pages, the classic one with the name and scopes filled in. */
export function githubNewTokenPages(baseUrl: string, name: string, scopes: readonly string[] = DEFAULT_CLASSIC_SCOPES) {
  const web = githubWebBase(baseUrl);
  const query = `description=${encodeURIComponent(name)}&scopes=${scopes.map(encodeURIComponent).join(',')}`;
  return { classic: `${web}/settings/tokens/new?${query}`, fineGrained: `${web}/settings/personal-access-tokens/new` };
}

export const github: HostEntry = {
  label: 'GitHub',
  glyph: { letters: 'GH', light: '#24292f', dark: '#57606a' },
  createByApi: false,
  listByApi: false,
  revokeByApi: false,
  rotateByApi: false,
  revokeBySecret: true,
  owners: ['user'],
  managementAuth: 'Browser only (Settings, Developer settings).',
  signIn: 'api-token',
  twoFactor: false,
  browserToken: { pageWords: 'GitHub (Settings, Developer settings, Personal access tokens)', email: false, expiry: 'reported', tokenWords: 'personal access token' },
  fixedBaseUrl: null,
  defaultBaseUrl: 'https://github.com',
  maxTokenDays: null,
  scopeModel: 'named-scopes',
  gitScopes: DEFAULT_CLASSIC_SCOPES,
  repoAccess: { public_repo: 1, repo: 2 },
  gitUsername: (_owner, account) => account.userSlug,
  restAuth: 'bearer',
  limitation: 'GitHub has no API to create or list personal access tokens: create them in your browser and give them to Latch.',
  manageUrl: (baseUrl) => `${baseUrl}/settings/tokens`,
  secretFormats: [
    {
      kind: 'github',
      matches: (secret) => githubPrefix(secret) !== null,
      describe: (secret) => KINDS.find(([prefix]) => prefix === githubPrefix(secret))?.[1] ?? 'a GitHub token',
    },
  ],
  newTokenPages: githubNewTokenPages,
  implemented: true,
};
