// An account's credentials for a host call: where the password comes from (the unlock window, the
// keychain when remembered, a prompt), or the management token (GitLab), and what a refusal does to
// them, so a password the host refused is never sent again.
import { describeAccount, type Account, type TokenOwner } from '../../../shared/domain';
import { accountCapabilities, HOSTS } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';
import { TOKEN_PAGE_WORDS } from '../../../shared/browser-token';
import { SignInChallengeError, type AdapterFor, type HostCredentials } from '../hosts/adapter';
import type { IndexStore } from '../vault/index-store';
import type { Keychain } from '../vault/types';
import { lockedSentence, type SavedPasswords } from './saved-password';
import type { Session } from './session';

export interface CredentialsDeps {
  store: IndexStore;
  keychain: Keychain;
  session: Session;
  adapterFor: AdapterFor;
  saved: SavedPasswords;
  /** Asked when no password is held (a TTY prompt in the CLI); null means the person declined. */
  askPassword?: (account: Account) => Promise<string | null>;
}

/** AccountsService's credentials and withCredentials, documented there. */
export interface AccountCredentials {
  credentials(account: Account): Promise<HostCredentials>;
  withCredentials<T>(account: Account, call: (credentials: HostCredentials) => Promise<T>, owner?: TokenOwner): Promise<T>;
}

export function createAccountCredentials(deps: CredentialsDeps): AccountCredentials {
  const { store, keychain, session, adapterFor, saved } = deps;

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
      await holdInSession(store, session, account.id, asked);
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

  return {
    credentials: async (account) => (await obtain(account)).credentials,

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

/** Holds a password in the unlock window for as long as the settings say. */
export async function holdInSession(store: IndexStore, session: Session, accountId: string, password: string): Promise<void> {
  const { settings } = await store.read();
  session.hold(accountId, password, settings.unlockMinutes);
}

/** Credentials with the one-time code when there is one: no empty `otp` field goes to an adapter. */
export function withCode(credentials: HostCredentials, code: string | null): HostCredentials {
  return code ? { ...credentials, otp: code } : credentials;
}

/** Password handling makes no sense for an account Latch holds no password for; say so plainly. */
export function refuseWithoutPassword(account: Account, action: 'unlock' | 'lock' | 'manage'): void {
  const capabilities = accountCapabilities(account);
  if (capabilities.signIn !== 'api-token') return;
  const words = capabilities.browserToken?.tokenWords ?? 'API token';
  const none = `Latch holds no password for ${describeAccount(account)}, only the ${words}s you pasted in`;
  const why = HOSTS[account.host].signIn === 'api-token' ? `${capabilities.label} has no API to create or list them` : 'its server lets no program use the password of an account with a security key or passkey';
  const where = HOSTS[account.host].signIn === 'api-token' ? (capabilities.browserToken?.pageWords ?? TOKEN_PAGE_WORDS) : (capabilities.manageUrl?.(account.baseUrl) ?? 'the host');
  const sentence = action === 'manage' ? `${none}. ${why}: create and delete them in your browser at ${where}.` : `There is nothing to ${action}: ${none}.`;
  throw new LatchError('unsupported', sentence);
}
