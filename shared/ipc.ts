// The one IPC contract: every channel, what it takes, what it answers. Main registers a handler per
// channel from this map and the preload builds `window.latch` from it, so the two cannot drift apart.
// Kept free of npm code so the sandboxed preload can bundle it; the input schemas live in ipc-schemas.ts.
import type { Account, AccessToken, CreateTokenRequest, CreatedToken, HostKind, TokenOwner } from './domain';
import type { LeakReport } from './leaks';
import type { Result } from './result';

export type LockState =
  | { state: 'remembered' }
  | { state: 'unlocked'; until: string }
  /** `reason`: why a remembered account needs its password again (its keychain copy was refused or is missing). */
  | { state: 'locked'; reason?: string }
  /** An account checked with an API token instead of a password (Bitbucket Cloud): nothing to unlock. */
  | { state: 'no-password' };

export interface AccountView extends Account {
  lock: LockState;
}

/** An account on a host whose token API takes the account password (Bitbucket Data Center). */
export interface PasswordAccountInput {
  host: HostKind;
  baseUrl: string;
  username: string;
  password: string;
  rememberPassword: boolean;
  /** The one-time code from the person's authenticator app, for a host with two-factor sign-in (Gitea, Forgejo). */
  otp?: string;
}

/**
 * A token the person made in the host's web page, pasted into Latch to be kept for git. The host is
 * asked whose it is before anything is saved. `expiresOn` is the date the host's page showed
 * (YYYY-MM-DD); the token is no longer offered to git after that day (UTC).
 */
export interface PastedToken {
  name: string;
  secret: string;
  expiresOn: string | null;
}

/**
 * An account on a host with no token API (Bitbucket Cloud): it has no password in Latch; the first
 * pasted API token proves it, and is kept with it.
 */
export interface ApiTokenAccountInput {
  host: 'bitbucket-cloud';
  baseUrl: string;
  /** The Atlassian account email: Bitbucket's REST API takes it with an API token, not the username. */
  email: string;
  token: PastedToken;
}

export type AddAccountInput = PasswordAccountInput | ApiTokenAccountInput;

export interface RevealedToken extends CreatedToken {
  /** Names the secret held by the main process until the reveal closes; copy goes through it. */
  revealId: string;
}

export interface GitSetup {
  /** host[:port] as git writes it. */
  host: string;
  configured: boolean;
  /** The exact lines Latch writes (or wrote) to the global git configuration. */
  lines: string[];
}

export interface Settings {
  /** Let `git-credential-latch store` keep credentials git hands it (off by default). */
  keepCredentialsFromGit: boolean;
  unlockMinutes: number;
}

interface Channel<I, O> {
  input: I;
  output: O;
}

export interface IpcContract {
  'accounts:list': Channel<Record<string, never>, AccountView[]>;
  'accounts:add': Channel<AddAccountInput, AccountView>;
  'accounts:remove': Channel<{ accountId: string }, null>;
  'accounts:unlock': Channel<{ accountId: string; password: string }, AccountView>;
  'accounts:lock': Channel<{ accountId: string }, AccountView>;
  'accounts:setDefault': Channel<{ accountId: string }, AccountView>;
  /** After Latch could not read its list (corrupt-data): go on with an empty one; the damaged file stays aside. */
  'accounts:startFresh': Channel<Record<string, never>, AccountView[]>;
  'tokens:list': Channel<{ accountId: string; owner: TokenOwner }, AccessToken[]>;
  'tokens:create': Channel<CreateTokenRequest, RevealedToken>;
  'tokens:revoke': Channel<{ accountId: string; tokenId: string; owner: TokenOwner }, null>;
  /** Deletes Latch's own copy of a token's secret (keychain and index) without asking the host. */
  'tokens:forget': Channel<{ accountId: string; tokenId: string }, null>;
  /** Keeps a token made in the host's web page: checked with the host, then held in the keychain for git. */
  'tokens:keep': Channel<{ accountId: string; token: PastedToken }, AccessToken>;
  'reveal:copy': Channel<{ revealId: string }, { clearAfterSeconds: number }>;
  'reveal:close': Channel<{ revealId: string }, null>;
  'git:status': Channel<{ accountId: string }, GitSetup>;
  'git:setup': Channel<{ accountId: string }, GitSetup>;
  'git:undo': Channel<{ accountId: string }, GitSetup>;
  'settings:get': Channel<Record<string, never>, Settings>;
  'settings:set': Channel<Partial<Settings>, Settings>;
  /**
   * Opens the host's own token page in the person's browser, for what Latch cannot do by API: an
   * account's (its server as Latch stored it), or a host's from the address typed in Add account.
   */
  'hosts:openManagePage': Channel<{ accountId: string } | { host: HostKind; baseUrl: string | null }, null>;
  /** A secret the person believes leaked: revoke it at the host, remove every copy on this computer. */
  'leaks:respond': Channel<{ secret: string }, LeakReport>;
}

export type ChannelName = keyof IpcContract;
export type ChannelInput<C extends ChannelName> = IpcContract[C]['input'];
export type ChannelOutput<C extends ChannelName> = IpcContract[C]['output'];

/** Every channel, in one list the preload and main both walk. */
export const CHANNELS = [
  'accounts:list',
  'accounts:add',
  'accounts:remove',
  'accounts:unlock',
  'accounts:lock',
  'accounts:setDefault',
  'accounts:startFresh',
  'tokens:list',
  'tokens:create',
  'tokens:revoke',
  'tokens:forget',
  'tokens:keep',
  'reveal:copy',
  'reveal:close',
  'git:status',
  'git:setup',
  'git:undo',
  'settings:get',
  'settings:set',
  'hosts:openManagePage',
  'leaks:respond',
] as const satisfies readonly ChannelName[];

export type IpcHandlers = { [C in ChannelName]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>> };

/** 'tokens' for 'tokens:create'. */
type GroupOf<C> = C extends `${infer Group}:${string}` ? Group : never;
export type ChannelGroup = GroupOf<ChannelName>;

/** `window.latch`: grouped by the part before the colon, e.g. `latch.tokens.create(...)`. */
export type LatchBridge = {
  // Keyed by the group itself, so the inner map can match `${G}:method` (keying by the channel
  // name left every group empty).
  [G in ChannelGroup]: {
    [C in ChannelName as C extends `${G}:${infer Method}` ? Method : never]: (
      input: ChannelInput<C>,
    ) => Promise<Result<ChannelOutput<C>>>;
  };
};

/** Splits 'tokens:create' into ['tokens', 'create']. */
export function splitChannel(channel: ChannelName): [string, string] {
  const [group, method] = channel.split(':') as [string, string];
  return [group, method];
}
