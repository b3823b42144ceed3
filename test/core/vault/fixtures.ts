// Index entries as the app writes them, for tests that need an account and its stored tokens without
// going through a host: one definition, so a field added to Account or StoredToken is added here once.
import { DEFAULT_SETTINGS, type Account, type Settings } from '../../../shared/domain';
import { keychainKeys, type StoredToken } from '../../../electron/core/vault/types';

export const TEST_HOST = 'bitbucket.example.com';

/** alice on https://bitbucket.example.com, the default account there, password not remembered. */
export function testAccount(over: Partial<Account> = {}): Account {
  return {
    id: 'acc-1',
    host: 'bitbucket-datacenter',
    baseUrl: `https://${TEST_HOST}`,
    username: 'alice',
    userSlug: 'alice',
    displayName: 'Alice',
    rememberPassword: false,
    isDefault: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

/** A stored token of the account; git username alice unless the owner makes it Bearer-only. */
export function testToken(accountId: string, tokenId: string, over: Partial<StoredToken> = {}): StoredToken {
  const owner = over.owner ?? { kind: 'user' };
  return {
    accountId,
    tokenId,
    name: `token ${tokenId}`,
    owner,
    scopes: ['PROJECT_READ', 'REPO_WRITE'],
    gitUsername: owner.kind === 'user' ? 'alice' : null,
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: null,
    lastUsedAt: null,
    rejectedAt: null,
    keychainKey: keychainKeys.token(accountId, tokenId),
    ...over,
  };
}

/** index.json's text for a LATCH_HOME written by hand (e.g. for the helper run as a process). */
export function indexText(accounts: Account[], storedTokens: StoredToken[] = [], settings: Settings = DEFAULT_SETTINGS): string {
  return JSON.stringify({ version: 1, accounts, storedTokens, settings });
}
