// Accounts: a login on one host. Checked against the host before anything is saved; the password
// lives in the unlock window (memory) or, only when the person asked, in the OS keychain. On a host
// with no token API (Bitbucket Cloud) there is no password: a pasted API token proves the account
// and is kept with it.
import { randomUUID } from 'node:crypto';
import { describeAccount, type Account, type TokenOwner } from '../../../shared/domain';
import { accountCapabilities, HOSTS, serviceBaseUrl, type HostEntry } from '../../../shared/hosts';
import type { AccountView, AddAccountInput, BrowserTokenAccountInput, PasswordAccountInput } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { missingUsername } from '../../../shared/schemas';
import { SignInChallengeError, type HostAdapter, type HostCredentials } from '../hosts/adapter';
import type { IndexStore } from '../vault/index-store';
import { saveSecret } from '../vault/save-secret';
import { resolveAccountRef } from './account-ref';
import { keychainKeys, type IndexData, type Keychain } from '../vault/types';
import { gitHost, normalizeBaseUrl } from '../../../shared/url';
import { TOKEN_PAGE_WORDS } from '../../../shared/browser-token';
import { removeWithSecrets } from './account-removal';
import { checkEmail, checkBrowserToken, identifyBrowserToken } from './browser-token-checks';
import { createSavedPasswords, lockedSentence, unlockReason } from './saved-password';
import { storedTokenFor } from './stored-token';
import type { Session } from './session';

export type AdapterFor = (account: Pick<Account, 'host' | 'baseUrl'>) => HostAdapter;

export interface AccountsDeps {
  store: IndexStore;
  keychain: Keychain;
  session: Session;
  adapterFor: AdapterFor;
  /** Asked when no password is held (a TTY prompt in the CLI); null means the person declined. */
  askPassword?: (account: Account) => Promise<string | null>;
  now?: () => number;
}

export interface AccountsService {
  list(): Promise<AccountView[]>;
  /**
   * The person's answer to an unreadable index: keep the damaged file aside (as it already is) and go on
   * with an empty list. Keychain entries are left as they are.
   */
  startFresh(): Promise<AccountView[]>;
  /** The account with this id; 'not-found' when there is none. */
  get(accountId: string): Promise<Account>;
  add(input: AddAccountInput): Promise<AccountView>;
  /** Removes the account, its password and every token secret Latch stored for it. */
  remove(accountId: string): Promise<void>;
  unlock(accountId: string, password: string): Promise<AccountView>;
  lock(accountId: string): Promise<AccountView>;
  setDefault(accountId: string): Promise<AccountView>;
  /** For the CLI: an id, `username@host`, or a username that only one account has. */
  resolve(ref: string): Promise<Account>;
  /** The account's password: unlock window, then keychain (if remembered), then `askPassword`, else 'locked'. */
  credentials(account: Account): Promise<HostCredentials>;
  /**
   * Runs a host call with the account's credentials. A password the host refuses is dropped from memory,
   * and a refused keychain copy is deleted (the error is then 'locked', saying so), so it is never sent
   * again. Pass the token owner: for project and repository tokens Bitbucket also answers 401 when the
   * password is right but the account may not manage them, so there the person's own token list decides.
   */
  withCredentials<T>(account: Account, call: (credentials: HostCredentials) => Promise<T>, owner?: TokenOwner): Promise<T>;
  view(account: Account): AccountView;
}


export function createAccountsService(deps: AccountsDeps): AccountsService {
  const { store, keychain, session, adapterFor } = deps;
  const now = deps.now ?? Date.now;
  const saved = createSavedPasswords(keychain);

  const view = (account: Account): AccountView => {
    if (accountCapabilities(account).signIn === 'api-token') return { ...account, lock: { state: 'no-password' } };
    const trouble = account.rememberPassword ? saved.trouble(account.id) : null;
    if (account.rememberPassword && trouble === null) return { ...account, lock: { state: 'remembered' } };
    const until = session.until(account.id);
    if (until !== null) return { ...account, lock: { state: 'unlocked', until: new Date(until).toISOString() } };
    return { ...account, lock: trouble === null ? { state: 'locked' } : { state: 'locked', reason: unlockReason(trouble) } };
  };

  const get = async (accountId: string): Promise<Account> => {
    const account = (await store.read()).accounts.find((candidate) => candidate.id === accountId);
    if (!account) {
      throw new LatchError('not-found', 'Latch has no such account any more; it may have been removed in another window or by the CLI.');
    }
    return account;
  };

  const holdInSession = async (accountId: string, password: string) => {
    const { settings } = await store.read();
    session.hold(accountId, password, settings.unlockMinutes);
  };

  /** The password and where it came from: what a refusal means depends on that. */
  const obtain = async (account: Account): Promise<{ credentials: HostCredentials; fromKeychain: boolean }> => {
    if (HOSTS[account.host].browserToken?.manages) return { credentials: await managementCredentials(account), fromKeychain: true };
    refuseWithoutPassword(account, 'manage');
    // A one-time code given for this account goes with this one call only.
    const login = (password: string): HostCredentials => withCode({ username: account.username, password }, session.takeCode(account.id));
    const held = session.password(account.id);
    if (held) return { credentials: login(held), fromKeychain: false };
    if (account.rememberPassword) {
      const remembered = await saved.read(account);
      if (remembered) return { credentials: login(remembered), fromKeychain: true };
    }
    const asked = deps.askPassword ? await deps.askPassword(account) : null;
    if (asked) {
      await holdInSession(account.id, asked);
      return { credentials: login(asked), fromKeychain: false };
    }
    throw lockedError(account);
  };

  /** The account's management token from the keychain (GitLab): it signs Latch in, as a password would. */
  const managementCredentials = async (account: Account): Promise<HostCredentials> => {
    const entry = (await store.read()).storedTokens.find((token) => token.accountId === account.id && token.management === true);
    const secret = entry ? await keychain.get(entry.keychainKey) : null;
    if (!entry || secret === null) {
      throw new LatchError(
        'locked',
        `Latch no longer holds the token it signs in to ${describeAccount(account)} with. Remove the account and add it again with a personal access token that has the api scope.`,
      );
    }
    return { username: account.userSlug, password: secret };
  };

  const lockedError = (account: Account): LatchError => {
    const trouble = account.rememberPassword ? saved.trouble(account.id) : null;
    if (trouble !== null) return new LatchError('locked', lockedSentence(trouble));
    return new LatchError(
      'locked',
      `Latch needs the password for ${describeAccount(account)}. Unlock the account in Latch, or give the password to the CLI with --password-stdin.`,
    );
  };

  const credentials = async (account: Account): Promise<HostCredentials> => (await obtain(account)).credentials;

  /**
   * A 401 on a project or repository call may only mean the account may not manage that owner's
   * tokens. The same password on the person's own token list settles it: there 401 means refused.
   */
  const refusedOnOwnTokens = async (account: Account, given: HostCredentials): Promise<boolean> => {
    try {
      await adapterFor(account).listTokens(given, account.userSlug, { kind: 'user' });
      return false;
    } catch (error) {
      return error instanceof LatchError && error.code === 'auth' && !(error instanceof SignInChallengeError);
    }
  };

  /** What to throw after a failed host call; forgets a password the host refused. */
  const afterFailure = async (account: Account, given: HostCredentials, fromKeychain: boolean, owner: TokenOwner | undefined, error: unknown) => {
    // A CAPTCHA demand is no verdict on the password: keep it, and let the person sign in in a browser.
    if (!(error instanceof LatchError) || error.code !== 'auth' || error instanceof SignInChallengeError) return error;
    const ownRequest = owner === undefined || owner.kind === 'user';
    if (!ownRequest && !(await refusedOnOwnTokens(account, given))) return error;
    session.lock(account.id);
    if (account.rememberPassword && (await saved.forgetRefused(account, given.password, fromKeychain))) return lockedError(account);
    return error;
  };

  const addWithPassword = async (input: PasswordAccountInput): Promise<AccountView> => {
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
    const record = (data: IndexData) => {
      refuseDuplicate(data.accounts, account);
      account.isDefault = !data.accounts.some((other) => gitHost(other.baseUrl) === gitHost(baseUrl));
      data.accounts.push(account);
    };
    if (account.rememberPassword) {
      await saveSecret(keychain, store, { key: keychainKeys.accountPassword(account.id), secret: input.password, record });
    } else {
      await store.update(record);
      await holdInSession(account.id, input.password);
    }
    return view(account);
  };

  /**
   * An account on a host with no token API: the pasted token is checked with the host, which says whose
   * it is, and then the account and the token are saved together, or neither.
   */
  const addWithApiToken = async (input: BrowserTokenAccountInput): Promise<AccountView> => {
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
        refuseDuplicate(data.accounts, account);
        account.isDefault = !data.accounts.some((other) => gitHost(other.baseUrl) === gitHost(baseUrl));
        data.accounts.push(account);
        data.storedTokens.push(stored);
      },
    });
    return view(account);
  };

  return {
    view,
    get,
    credentials,

    async list() {
      return (await store.read()).accounts.map(view);
    },

    async startFresh() {
      await store.startFresh();
      // Passwords held for the accounts of the damaged list go with it.
      session.lockAll();
      // What is there now: a list fixed meanwhile (by hand, or another Latch) is left as it is.
      return (await store.read()).accounts.map(view);
    },

    add(input) {
      return 'token' in input ? addWithApiToken(input) : addWithPassword(input);
    },

    async remove(accountId) {
      const data = await store.read();
      const account = data.accounts.find((candidate) => candidate.id === accountId);
      if (!account) return; // already gone: the person's wish holds
      session.lock(accountId);

      await removeWithSecrets(store, keychain, account);
      saved.settled(accountId);
    },

    async unlock(accountId, password) {
      const account = await get(accountId);
      refuseWithoutPassword(account, 'unlock');
      await adapterFor(account).verify(withCode({ username: account.username, password }, session.takeCode(account.id)));
      if (account.rememberPassword) {
        // Replaces a missing or refused copy: the account was set to remember its password.
        await keychain.set(keychainKeys.accountPassword(account.id), password);
        saved.settled(account.id);
      } else {
        await holdInSession(account.id, password);
      }
      return view(account);
    },

    async lock(accountId) {
      const account = await get(accountId);
      refuseWithoutPassword(account, 'lock');
      session.lock(accountId);
      return view(account);
    },

    async setDefault(accountId) {
      const updated = await store.update((data) => {
        const chosen = data.accounts.find((candidate) => candidate.id === accountId);
        if (!chosen) throw new LatchError('not-found', 'Latch has no such account any more.');
        for (const other of data.accounts) {
          if (gitHost(other.baseUrl) === gitHost(chosen.baseUrl)) other.isDefault = other.id === chosen.id;
        }
        return { ...chosen };
      });
      return view(updated);
    },

    async resolve(ref) {
      return resolveAccountRef((await store.read()).accounts, ref);
    },

    async withCredentials(account, call, owner) {
      const { credentials: given, fromKeychain } = await obtain(account);
      let result: Awaited<ReturnType<typeof call>>;
      try {
        result = await call(given);
      } catch (error) {
        throw await afterFailure(account, given, fromKeychain, owner, error);
      }
      // A password given to the CLI worked (the host lets only the real password manage tokens): a
      // remembered account keeps it, so a missing or outdated keychain copy is replaced.
      if (account.rememberPassword && !fromKeychain && (await store.read()).accounts.some((a) => a.id === account.id)) {
        await saved.keep(account, given.password);
      }
      return result;
    },
  };
}

/** Credentials with the one-time code when there is one: no empty `otp` field goes to an adapter. */
function withCode(credentials: HostCredentials, code: string | null): HostCredentials {
  return code ? { ...credentials, otp: code } : credentials;
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

/** Password handling makes no sense for an account Latch holds no password for; say so plainly. */
function refuseWithoutPassword(account: Account, action: 'unlock' | 'lock' | 'manage'): void {
  const capabilities = accountCapabilities(account);
  if (capabilities.signIn !== 'api-token') return;
  const words = capabilities.browserToken?.tokenWords ?? 'API token';
  const none = `Latch holds no password for ${describeAccount(account)}, only the ${words}s you pasted in`;
  const why = HOSTS[account.host].signIn === 'api-token' ? `${capabilities.label} has no API to create or list them` : 'its server lets no program use the password of an account with a security key or passkey';
  const where = HOSTS[account.host].signIn === 'api-token' ? (capabilities.browserToken?.pageWords ?? TOKEN_PAGE_WORDS) : (capabilities.manageUrl?.(account.baseUrl) ?? 'the host');
  const sentence = action === 'manage' ? `${none}. ${why}: create and delete them in your browser at ${where}.` : `There is nothing to ${action}: ${none}.`;
  throw new LatchError('unsupported', sentence);
}
