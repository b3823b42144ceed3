// Bitbucket Data Center: the whole token lifecycle by API, with the account password (shared reference hosts.md).
import type { HostEntry } from './types';

function base64Decode(text: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  try {
    return typeof atob === 'function' ? atob(text) : null;
  } catch {
    return null;
  }
}

/** Data Center secrets are `BBDC-` + base64 of `<12-digit id>:<random bytes>` (older ones lack the prefix). */
export function bitbucketDataCenterTokenId(secret: string): string | null {
  const body = secret.startsWith('BBDC-') ? secret.slice(5) : secret;
  const decoded = base64Decode(body);
  const match = decoded ? /^(\d{12}):/.exec(decoded) : null;
  return match ? match[1]! : null;
}

const describe = (_secret: string, tokenId: string | null) =>
  tokenId ? `a Bitbucket Data Center HTTP access token (token id ${tokenId})` : 'a Bitbucket Data Center HTTP access token';

export const bitbucketDataCenter: HostEntry = {
  label: 'Bitbucket Data Center',
  glyph: { letters: 'DC', light: '#0b52c2', dark: '#2f6fd6' },
  createByApi: true,
  listByApi: true,
  revokeByApi: true,
  rotateByApi: false,
  revokeBySecret: false,
  owners: ['user', 'project', 'repository'],
  managementAuth: 'Your account password (a token cannot manage tokens).',
  signIn: 'password',
  twoFactor: false,
  browserToken: null,
  fixedBaseUrl: null,
  maxTokenDays: null,
  scopeModel: 'bitbucket-datacenter-levels',
  gitScopes: ['PROJECT_READ', 'REPO_WRITE'],
  // Project and repository tokens are accepted only as Bearer tokens.
  repoAccess: { PROJECT_READ: 1, REPO_READ: 1, PROJECT_WRITE: 2, REPO_WRITE: 2, PROJECT_ADMIN: 3, REPO_ADMIN: 3 },
  gitUsername: (owner, account) => (owner.kind === 'user' ? account.userSlug : null),
  restAuth: 'bearer',
  limitation: 'No rotation by API: create a new token, then revoke the old one. An expiry cannot be changed once set.',
  manageUrl: (baseUrl) => `${baseUrl}/plugins/servlet/access-tokens/manage`,
  secretFormats: [
    { kind: 'bitbucket-datacenter', matches: (secret) => secret.startsWith('BBDC-'), tokenId: bitbucketDataCenterTokenId, describe },
    // Secrets made before the prefix: only the id inside tells them apart from other base64 text.
    {
      kind: 'bitbucket-datacenter',
      matches: (secret) => bitbucketDataCenterTokenId(secret) !== null,
      shapeOnly: true,
      tokenId: bitbucketDataCenterTokenId,
      describe,
    },
  ],
  implemented: true,
};
