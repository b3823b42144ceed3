// GitLab (gitlab.com and self-managed): personal tokens listed, revoked and rotated by API; project and
// group tokens created by API; any personal token can revoke itself (shared reference hosts-next.md §2).
import type { HostEntry } from './types';

/** gitlab.com, the server an account is on when none is named. */
export const GITLAB_WEB = 'https://gitlab.com';

/** The scopes Latch suggests for a personal token used with git: pull and push. */
export const DEFAULT_GITLAB_GIT_SCOPES: readonly string[] = ['read_repository', 'write_repository'];

/** The roles a project or group token may have, as GitLab numbers them (access_level). */
export const GITLAB_ROLES = { guest: 10, planner: 15, reporter: 20, developer: 30, maintainer: 40, owner: 50 } as const;
export type GitLabRole = keyof typeof GITLAB_ROLES;

/** The role's name for an access_level number, or the number itself when GitLab added one Latch does not know. */
export function gitlabRoleName(level: number): string {
  return (Object.keys(GITLAB_ROLES) as GitLabRole[]).find((role) => GITLAB_ROLES[role] === level) ?? String(level);
}

/** GitLab's Access tokens page with the name and scopes filled in (doc/user/profile/personal_access_tokens.md, "Prefill"). */
export function gitlabNewTokenPage(baseUrl: string, name: string, scopes: readonly string[] = DEFAULT_GITLAB_GIT_SCOPES): string {
  const web = (baseUrl.trim() === '' ? GITLAB_WEB : baseUrl.trim()).replace(/\/+$/, '').replace(/\/api\/v4$/, '');
  return `${web}/-/user_settings/personal_access_tokens?name=${encodeURIComponent(name)}&scopes=${scopes.map(encodeURIComponent).join(',')}`;
}

export const gitlab: HostEntry = {
  label: 'GitLab',
  glyph: { letters: 'GL', light: '#b1341a', dark: '#c2431f' },
  createByApi: true,
  listByApi: true,
  revokeByApi: true,
  rotateByApi: true,
  revokeBySecret: true,
  owners: ['user', 'project', 'group'],
  createOwners: ['project', 'group'],
  roles: GITLAB_ROLES,
  ownerPaths: 'namespace',
  managementAuth: 'A personal access token with the api scope.',
  signIn: 'api-token',
  twoFactor: false,
  browserToken: {
    pageWords: 'GitLab (User settings, Access tokens)',
    email: false,
    expiry: 'reported',
    tokenWords: 'personal access token',
    manages: true,
  },
  fixedBaseUrl: null,
  defaultBaseUrl: GITLAB_WEB,
  maxTokenDays: 365,
  scopeModel: 'named-scopes',
  namedScopes: ['read_repository', 'write_repository', 'read_api', 'api', 'read_registry', 'write_registry', 'create_runner', 'manage_runner', 'ai_features', 'k8s_proxy', 'self_rotate'],
  // GitLab takes any non-blank username over git; Latch answers the account's own (hosts-next.md §2.8).
  gitUsername: (_owner, account) => account.userSlug,
  restAuth: 'bearer',
  repoAccess: { read_repository: 1, write_repository: 2, api: 2 },
  limitation: 'Personal access tokens can only be created in the browser; project and group tokens by API.',
  manageUrl: (baseUrl) => `${baseUrl}/-/user_settings/personal_access_tokens`,
  secretFormats: [
    {
      kind: 'gitlab',
      matches: (secret) => /^gl[a-z]{1,5}-/.test(secret),
      describe: (secret) => (secret.trim().startsWith('glpat-') ? 'a GitLab personal, project or group access token' : 'a GitLab token'),
    },
  ],
  newTokenPages: (baseUrl, name, scopes) => {
    const page = gitlabNewTokenPage(baseUrl, name, scopes);
    return { classic: page, fineGrained: page };
  },
  implemented: true,
};
