// Adding an account, per way it signs in: a password, or a token the person pasted in (a host with no
// token API, a Gitea account with a security key, GitLab's management token). The host checks the
// credentials first, so nothing is saved for credentials it does not accept; then the account, with
// its password or token, is saved whole or not at all.
import { randomUUID } from 'node:crypto';
import { describeAccount, type Account, type BrowserTokenAccountInput, type PasswordAccountInput } from '../../../shared/domain';
import { accountCapabilities, HOSTS, serviceBaseUrl, type HostEntry } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';
import { missingUsername } from '../../../shared/schemas';
import { gitHost, normalizeBaseUrl } from '../../../shared/url';
import type { AdapterFor } from '../hosts/adapter';
import type { IndexStore } from '../vault/index-store';
import { saveSecret } from '../vault/save-secret';
import { keychainKeys, type IndexData, type Keychain } from '../vault/types';
import { holdInSession, withCode } from './account-credentials';
import { checkEmail, checkBrowserToken, identifyBrowserToken } from './browser-token-checks';
import type { Session } from './session';
import { storedTokenFor } from './stored-token';

export interface AddAccountDeps {
  store: IndexStore;
  keychain: Keychain;
  session: Session;
  adapterFor: AdapterFor;
  now: () => number;
}

export async function addPasswordAccount(deps: AddAccountDeps, input: PasswordAccountInput): Promise<Account> {
  const { store, keychain, session, adapterFor, now } = deps;
  const capabilities = HOSTS[input.host];
  if (!capabilities.implemented) {
    throw new LatchError('unsupported', `Latch cannot manage ${capabilities.label} accounts yet.`);
  }
  if (capabilities.signIn === 'api-token') {
    throw new LatchError(
      'validation',
      `A ${capabilities.label} account is added with ${capabilities.browserToken?.email ? 'your Atlassian account email and ' : ''}` +
        `${capabilities.browserToken?.email ? 'an' : 'a'} ${capabilities.browserToken?.tokenWords ?? 'token'} you paste in, not a password.`,
    );
  }
  const baseUrl = normalizeBaseUrl(input.baseUrl);
  const missing = missingUsername(input.username);
  if (missing) throw new LatchError('validation', missing);
  const username = input.username.trim();
  refuseDuplicate((await store.read()).accounts, { host: input.host, baseUrl, username });

  // Verify first: nothing is saved for credentials the host does not accept.
  const identity = await adapterFor({ host: input.host, baseUrl }).verify(withCode({ username, password: input.password }, input.otp ?? null));
  const account: Account = {
    id: randomUUID(),
    host: input.host,
    baseUrl,
    username,
    userSlug: identity.userSlug,
    displayName: identity.displayName || username,
    ...(identity.server ? { server: identity.server } : {}),
    rememberPassword: input.rememberPassword,
    isDefault: false,
    createdAt: new Date(now()).toISOString(),
  };
  const record = (data: IndexData) => recordAccount(data, account);
  if (account.rememberPassword) {
    await saveSecret(keychain, store, { key: keychainKeys.accountPassword(account.id), secret: input.password, record });
  } else {
    await store.update(record);
    await holdInSession(store, session, account.id, input.password);
  }
  return account;
}

/**
 * An account on a host with no token API: the pasted token is checked with the host, which says whose
 * it is, and then the account and the token are saved together, or neither.
 */
export async function addTokenAccount(deps: AddAccountDeps, input: BrowserTokenAccountInput): Promise<Account> {
  const { store, keychain, adapterFor, now } = deps;
  const capabilities = tokenOnlyEntry(input.host);
  const flow = capabilities?.browserToken ?? null;
  if (capabilities === null || flow === null) {
    throw new LatchError('validation', `A ${HOSTS[input.host].label} account is added with your username and password.`);
  }
  // Kept without a password on a host that normally takes one (a Gitea account with a security key).
  const withoutPassword = HOSTS[input.host].signIn !== 'api-token';
  const baseUrl = serviceBaseUrl(input.baseUrl, capabilities);
  const email = flow.email ? checkEmail(input.email ?? '') : null;
  let named: string | null = null;
  if (flow.username) {
    const missing = missingUsername(input.username ?? '');
    if (missing) throw new LatchError('validation', missing);
    named = input.username!.trim();
  }
  const paste = checkBrowserToken(input.token, capabilities, now());
  const typed = email ?? named;
  if (typed !== null) refuseDuplicate((await store.read()).accounts, { host: input.host, baseUrl, username: typed });

  // Verify first: nothing is saved for a token the host does not accept.
  const adapter = adapterFor({ host: input.host, baseUrl });
  // A token that will also manage tokens (GitLab) must have the scope for it; verify says which it lacks.
  const management = flow.manages ? ((await adapter.verify({ username: '', password: paste.secret })) as { readOnly?: boolean }) : null;
  const { identity, token } = await identifyBrowserToken(adapter, capabilities, paste, email ?? named ?? '', now());
  if (named !== null && identity.userSlug.toLowerCase() !== named.toLowerCase()) {
    throw new LatchError(
      'conflict',
      `This ${flow.tokenWords} belongs to ${identity.userSlug}, not to ${named}. Paste a token of ${named}, or add the account as ${identity.userSlug}.`,
    );
  }
  const account: Account = {
    id: randomUUID(),
    host: input.host,
    baseUrl,
    // Where the host asks for no email, the token says whose it is.
    username: email ?? named ?? identity.userSlug,
    userSlug: identity.userSlug,
    displayName: identity.displayName || identity.userSlug,
    ...(identity.server ? { server: identity.server } : {}),
    ...(withoutPassword ? { signIn: 'api-token' as const } : {}),
    rememberPassword: false,
    isDefault: false,
    createdAt: new Date(now()).toISOString(),
    ...(management?.readOnly ? { readOnly: true } : {}),
  };
  const stored = { ...storedTokenFor(account, token), ...(management ? { management: true } : {}) };
  await saveSecret(keychain, store, {
    key: stored.keychainKey,
    secret: paste.secret,
    record: (data) => {
      recordAccount(data, account);
      data.storedTokens.push(stored);
    },
  });
  return account;
}

/**
 * The new account in the index, checked again for a duplicate under the index lock (another Latch may
 * have added it while the host answered); the first account on a host is its default.
 */
function recordAccount(data: IndexData, account: Account): void {
  refuseDuplicate(data.accounts, account);
  account.isDefault = !data.accounts.some((other) => gitHost(other.baseUrl) === gitHost(account.baseUrl));
  data.accounts.push(account);
}

function refuseDuplicate(accounts: Account[], candidate: Pick<Account, 'host' | 'baseUrl' | 'username'> & { userSlug?: string }): void {
  const host = gitHost(candidate.baseUrl);
  const same = accounts.find(
    (account) =>
      account.host === candidate.host &&
      gitHost(account.baseUrl) === host &&
      (account.username.toLowerCase() === candidate.username.toLowerCase() ||
        (candidate.userSlug !== undefined && account.userSlug === candidate.userSlug)),
  );
  if (same) {
    throw new LatchError('conflict', `Latch already has ${describeAccount(same)}. Remove it first if you want to add it again.`);
  }
}

/** The host's entry for an account kept without a password: its own where it always is, its token-only facts where it may be; else null. */
function tokenOnlyEntry(host: Account['host']): HostEntry | null {
  const entry: HostEntry = HOSTS[host];
  if (entry.signIn === 'api-token') return entry;
  return entry.tokenOnly ? accountCapabilities({ host, signIn: 'api-token' }) : null;
}
