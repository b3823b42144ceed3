// The renderer's state, in one zustand store made of slices (one file each). The store is the only
// code that calls `window.latch`, except LeakDialog, which keeps a pasted secret out of any store;
// views read state and call actions.
import type { AccessToken, AccountView, AddAccountInput, CommandLineTools, GitSetup, BrowserToken, RevealedToken, Settings, TokenOwner } from '../../shared/domain';
import type { ChannelInput, LatchBridge } from '../../shared/contract';
import type { Failure, Result } from '../../shared/result';
import type { SortColumn, SortOrder } from '../lib/token-table';
import type { StoreApi } from 'zustand/vanilla';

export type LoadStatus = 'loading' | 'ready' | 'error';

export interface AccountsSlice {
  accounts: AccountView[];
  accountsStatus: LoadStatus;
  accountsError: Failure | null;
  selectedAccountId: string | null;
  loadAccounts(): Promise<void>;
  /** After an unreadable list: go on with an empty one (the damaged file stays aside). */
  startFresh(): Promise<Failure | null>;
  /** The host's own token page, in the system browser: for what Latch cannot do there by API. */
  openManagePage(page: ChannelInput<'hosts:openManagePage'>): Promise<Failure | null>;
  selectAccount(accountId: string): void;
  /** Each of these answers the failure for the dialog to show inline, or null when it worked. */
  addAccount(input: AddAccountInput): Promise<Failure | null>;
  removeAccount(accountId: string): Promise<Failure | null>;
  /** `otp`: a one-time code, where the host asks for one (Gitea, Forgejo with two-factor sign-in). */
  unlockAccount(accountId: string, password: string, otp?: string): Promise<Failure | null>;
  lockAccount(accountId: string): Promise<Failure | null>;
  /** Makes the account the one git uses on its host when the remote URL names no user. */
  setDefault(accountId: string): Promise<Failure | null>;
}

export interface TokenList {
  status: LoadStatus;
  tokens: AccessToken[];
  error: Failure | null;
}

export interface TokensSlice {
  /** Whose tokens the selected account shows: personal, a project's or a repository's. */
  owner: TokenOwner;
  lists: Record<string, TokenList>;
  filter: string;
  sort: SortOrder;
  setOwner(owner: TokenOwner): void;
  setFilter(filter: string): void;
  sortBy(column: SortColumn): void;
  /** `otp`: a one-time code for this one list, where the host asked for one. */
  loadTokens(otp?: string): Promise<void>;
  createToken(input: { name: string; scopes: string[]; expiryDays: number | null; store: boolean; otp?: string; accessLevel?: number }): Promise<Failure | null>;
  revokeToken(token: AccessToken, otp?: string): Promise<Failure | null>;
  /** Rotates at the host (GitLab) and shows the new secret once; the list is read again. */
  rotateToken(token: AccessToken): Promise<Failure | null>;
  /** Loads the personal tokens of every account that needs no password now and has none loaded (for the search). */
  loadEveryList(): Promise<void>;
  /** Shows a search hit: its account, the token's owner, and the list filtered to that token's name. */
  showHit(accountId: string, token: AccessToken | null): void;
  /** A new token like this one, kept in its place for git, then this one revoked; the new secret is revealed. */
  replaceToken(token: AccessToken): Promise<Failure | null>;
  /** Deletes Latch's copy of a token's secret; the host is not asked (the token is already gone there). */
  removeToken(token: AccessToken): Promise<Failure | null>;
  /**
   * Keeps a token made in the host's web page for the selected account (hosts with no token API).
   * The secret passes through as an argument only: it is never put in the store.
   */
  addToken(token: BrowserToken): Promise<Failure | null>;
  /** Pins the kept token git gets for the selected account, or (null) lets Latch choose again. */
  pinForGit(token: AccessToken | null): Promise<Failure | null>;
}

export type CopyState =
  | { state: 'idle' }
  | { state: 'copying' }
  | { state: 'copied'; clearAfterSeconds: number }
  | { state: 'error'; message: string };

export interface RevealSlice {
  /** The one place a new secret lives in the renderer, from creation until the panel closes. */
  reveal: RevealedToken | null;
  /** A sentence shown with the reveal: what happened to the token it replaced. */
  revealNote: string | null;
  copy: CopyState;
  copySecret(): Promise<void>;
  closeReveal(): Promise<void>;
}

export type Dialog =
  | { kind: 'add-account' }
  | { kind: 'create-token' }
  | { kind: 'revoke'; token: AccessToken }
  | { kind: 'rotate'; token: AccessToken }
  | { kind: 'replace'; token: AccessToken }
  | { kind: 'remove-token'; token: AccessToken }
  | { kind: 'add-token' }
  | { kind: 'remove-account'; accountId: string }
  | { kind: 'git'; accountId: string }
  | { kind: 'settings' }
  | { kind: 'search' }
  | { kind: 'shortcuts' }
  | { kind: 'start-fresh' }
  | { kind: 'leak' }
  | { kind: 'import' }
  | { kind: 'saved-by-git' };

export interface DialogsSlice {
  dialog: Dialog | null;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
}

export interface SettingsSlice {
  settings: Settings | null;
  loadSettings(): Promise<Failure | null>;
  saveSettings(change: Partial<Settings>): Promise<Failure | null>;
  /** "Install command line tools": whether `latch` is on terminals' PATH, and the two changes. */
  cliToolsStatus(): Promise<Result<CommandLineTools>>;
  installCliTools(): Promise<Result<CommandLineTools>>;
  removeCliTools(): Promise<Result<CommandLineTools>>;
}

/** "Use with git" for one account: what git is set to, and the two changes. */
export interface GitSlice {
  gitStatus(accountId: string): Promise<Result<GitSetup>>;
  gitSetup(accountId: string): Promise<Result<GitSetup>>;
  gitUndo(accountId: string): Promise<Result<GitSetup>>;
}

export type LatchState = AccountsSlice & TokensSlice & RevealSlice & DialogsSlice & SettingsSlice & GitSlice;
export type LatchStore = StoreApi<LatchState>;

type SetState = StoreApi<LatchState>['setState'];
type GetState = StoreApi<LatchState>['getState'];
export type SliceCreator<S> = (set: SetState, get: GetState, bridge: LatchBridge) => S;
