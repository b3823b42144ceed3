// Accounts: a login on one host. Checked against the host before anything is saved; the password
// lives in the unlock window (memory) or, only when the person asked, in the OS keychain. On a host
// with no token API (Bitbucket Cloud) there is no password: a pasted API token proves the account
// and is kept with it. Adding is in account-add.ts, credentials for host calls in account-credentials.ts.
import type { Account, AccountView, AddAccountInput, TokenOwner } from '../../../shared/domain';
import { accountCapabilities } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';
import { gitHost } from '../../../shared/url';
import type { AdapterFor, HostCredentials } from '../hosts/adapter';
import type { IndexStore } from '../vault/index-store';
import { keychainKeys, type Keychain } from '../vault/types';
import { addPasswordAccount, addTokenAccount } from './account-add';
import { createAccountCredentials, holdInSession, refuseWithoutPassword, withCode } from './account-credentials';
import { resolveAccountRef } from './account-ref';
import { removeWithSecrets } from './account-removal';
import { createSavedPasswords, unlockReason } from './saved-password';
import type { Session } from './session';

// A host concept, defined beside HostAdapter; the services and createCore take it from here with the accounts service.
export type { AdapterFor } from '../hosts/adapter';

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

  const { credentials, withCredentials } = createAccountCredentials({ store, keychain, session, adapterFor, saved, askPassword: deps.askPassword });
  const addDeps = { store, keychain, session, adapterFor, now };

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

    async add(input) {
      return view(await ('token' in input ? addTokenAccount(addDeps, input) : addPasswordAccount(addDeps, input)));
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
        await holdInSession(store, session, account.id, password);
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

    withCredentials,
  };
}
