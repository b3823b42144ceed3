// The one IPC contract: every channel, what it takes, what it answers. Main registers a handler per
// channel from this map and the preload builds `window.latch` from it, so the two cannot drift apart.
// Kept free of npm code so the sandboxed preload can bundle it; the input schemas live in schemas.ts.
import type {
  AccessToken,
  AccountView,
  AddAccountInput,
  CreateTokenRequest,
  GitSetup,
  HostKind,
  PastedToken,
  RevealedToken,
  Settings,
  TokenOwner,
} from './domain';
import type { LeakReport } from './leaks';
import type { Result } from './result';

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
