// Gitea and Forgejo: create, list and delete scoped tokens with the account password (and a one-time
// code with 2FA); tokens are 40 hexadecimal characters that never expire (shared reference hosts-next.md §1).
// A token deletes itself only on Gitea 1.27 and later, so `revokeBySecret` stays false here: the adapter
// asks the server which it is before offering that.
import type { HostEntry } from './types';

/**
 * Whether a token deletes itself on the server as Latch records it ("Gitea 1.27.1", "Forgejo 16.0.1"):
 * Gitea from 1.27 on. A server that did not say which it is gets the benefit of the doubt: the revoke
 * itself then says where else to delete the token.
 */
export function tokenDeletesItself(server: string | null): boolean {
  if (server === null || server.startsWith('Forgejo')) return server === null;
  const version = /^Gitea (\d+)\.(\d+)/.exec(server);
  return version === null || Number(version[1]) > 1 || Number(version[2]) >= 27;
}

export const gitea: HostEntry = {
  label: 'Gitea / Forgejo',
  glyph: { letters: 'Gt', light: '#3a6616', dark: '#4a7d1f' },
  createByApi: true,
  listByApi: true,
  revokeByApi: true,
  rotateByApi: false,
  revokeBySecret: false,
  owners: ['user'],
  managementAuth: 'Your account password (plus a one-time code with 2FA).',
  signIn: 'password',
  twoFactor: true,
  browserToken: null,
  fixedBaseUrl: null,
  maxTokenDays: null,
  scopeModel: 'named-scopes',
  // Write includes read on Gitea and Forgejo.
  gitScopes: ['write:repository'],
  // The scopes of Gitea's token settings page (models/auth/access_token_scope.go); Forgejo has the same.
  namedScopes: [
    'read:repository',
    'write:repository',
    'read:user',
    'write:user',
    'read:organization',
    'write:organization',
    'read:issue',
    'write:issue',
    'read:package',
    'write:package',
    'read:notification',
    'write:notification',
    'read:misc',
    'write:misc',
    'read:activitypub',
    'write:activitypub',
    'read:admin',
    'write:admin',
  ],
  expiryByApi: false,
  repoAccess: { 'read:repository': 1, 'write:repository': 2 },
  gitUsername: (_owner, account) => account.userSlug,
  restAuth: 'token-header',
  limitation:
    'No rotation by API: create a new token, then revoke the old one. Tokens never expire. An account with a security key or passkey can manage tokens only in the browser.',
  manageUrl: (baseUrl) => `${baseUrl}/user/settings/applications`,
  secretFormats: [
    {
      kind: 'gitea',
      matches: (secret) => /^[0-9a-f]{40}$/.test(secret),
      // Forty hex characters could as well be a commit hash or some other secret.
      shapeOnly: true,
      describe: () => 'possibly a Gitea or Forgejo access token (40 hexadecimal characters, which could also be something else)',
    },
  ],
  // An account with a security key or passkey: the server takes its password from no program, so the
  // person makes tokens in the browser and Latch keeps them. Gitea 1.27 lets a token delete itself,
  // so Revoke works there; elsewhere the adapter says the token must be deleted in the browser.
  tokenOnly: {
    createByApi: false,
    listByApi: false,
    revokeByApi: false,
    revokeBySecret: true,
    revokeBySecretOn: tokenDeletesItself,
    managementAuth: 'Browser only (Settings → Applications): the account has a security key or passkey.',
    limitation:
      'This account has a security key or passkey, so its server lets no program use its password: create tokens in your browser under Settings → Applications and give them to Latch. ' +
      'Latch lists only the tokens it keeps; Gitea 1.27 and later let Latch revoke one, elsewhere delete it in the browser.',
    browserToken: { pageWords: 'your server (Settings → Applications)', email: false, expiry: 'reported', tokenWords: 'access token', username: true },
  },
  // Forgejo speaks Gitea's API; the server's version says which one it is.
  products: { gitea: 'Gitea', forgejo: 'Forgejo' },
  implemented: true,
};
