// The one IPC contract: every channel, the schema its input must parse with, and what it answers.
// Everything else is derived from it and checked by tsc: the channel names the preload walks
// (shared/channels.ts), `window.latch` (LatchBridge), the handler every channel needs (IpcHandlers,
// electron/core/ipc/handlers.ts) and the validation in main (electron/core/ipc/dispatch.ts).
// The preload imports only types from here, so its bundle never holds a schema or zod.
import type { z } from 'zod';
import type { AccessToken, AccountView, CommandLineTools, GitSetup, ReplacedToken, RevealedToken, Settings } from './domain';
import type { ImportScan } from './imports';
import type { SavedGitCredential } from './git-credentials';
import type { LeakReport } from './leaks';
import type { Result } from './result';
import {
  accountIdSchema,
  addAccountSchema,
  createTokenSchema,
  emptySchema,
  removeTokenSchema,
  replaceTokenSchema,
  useForGitSchema,
  addTokenSchema,
  leakSchema,
  importMoveSchema,
  removeCredentialsSchema,
  importScanSchema,
  listTokensSchema,
  managePageSchema,
  revealIdSchema,
  revokeTokenSchema,
  rotateTokenSchema,
  settingsChangeSchema,
  unlockAccountSchema,
} from './schemas';

declare const OUTPUT: unique symbol;

/** What a channel answers: a type only, carried by an empty object. */
export interface Returns<T> {
  readonly [OUTPUT]?: T;
}

export const returns = <T>(): Returns<T> => ({});

/** One channel: the schema main parses its input with, and the type its handler answers. */
export interface ChannelSpec {
  input: z.ZodType;
  output: Returns<unknown>;
}

/** Channels are named `group:method`, each with its input schema and output type. */
export type ContractShape = Record<`${string}:${string}`, ChannelSpec>;

export const CONTRACT = {
  'accounts:list': { input: emptySchema, output: returns<AccountView[]>() },
  'accounts:add': { input: addAccountSchema, output: returns<AccountView>() },
  'accounts:remove': { input: accountIdSchema, output: returns<null>() },
  'accounts:unlock': { input: unlockAccountSchema, output: returns<AccountView>() },
  'accounts:lock': { input: accountIdSchema, output: returns<AccountView>() },
  'accounts:setDefault': { input: accountIdSchema, output: returns<AccountView>() },
  /** After Latch could not read its list (corrupt-data): go on with an empty one; the damaged file stays aside. */
  'accounts:startFresh': { input: emptySchema, output: returns<AccountView[]>() },
  'tokens:list': { input: listTokensSchema, output: returns<AccessToken[]>() },
  'tokens:create': { input: createTokenSchema, output: returns<RevealedToken>() },
  'tokens:revoke': { input: revokeTokenSchema, output: returns<null>() },
  /** GitLab: the new secret shown once; a kept copy of the old one is replaced in the keychain. */
  'tokens:rotate': { input: rotateTokenSchema, output: returns<RevealedToken>() },
  /** Hosts with no rotate API: a new token like the old one, kept in its place for git, then the old one revoked. */
  'tokens:replace': { input: replaceTokenSchema, output: returns<RevealedToken & ReplacedToken>() },
  /** Deletes Latch's own copy of a token's secret (keychain and index) without asking the host. */
  'tokens:remove': { input: removeTokenSchema, output: returns<null>() },
  /** Keeps a token made in the host's web page: checked with the host, then held in the keychain for git. */
  'tokens:add': { input: addTokenSchema, output: returns<AccessToken>() },
  /** Pins the stored token git gets for its account, or (null) lets Latch choose the one reaching highest. */
  'tokens:useForGit': { input: useForGitSchema, output: returns<null>() },
  'reveal:copy': { input: revealIdSchema, output: returns<{ clearAfterSeconds: number }>() },
  'reveal:close': { input: revealIdSchema, output: returns<null>() },
  'git:status': { input: accountIdSchema, output: returns<GitSetup>() },
  'git:setup': { input: accountIdSchema, output: returns<GitSetup>() },
  'git:undo': { input: accountIdSchema, output: returns<GitSetup>() },
  'settings:get': { input: emptySchema, output: returns<Settings>() },
  'settings:set': { input: settingsChangeSchema, output: returns<Settings>() },
  /** `latch` and `git-credential-latch` of the installed app on terminals' PATH (electron/core/cli-tools). */
  'cliTools:status': { input: emptySchema, output: returns<CommandLineTools>() },
  'cliTools:install': { input: emptySchema, output: returns<CommandLineTools>() },
  'cliTools:remove': { input: emptySchema, output: returns<CommandLineTools>() },
  /**
   * Opens the host's own token page in the person's browser, for what Latch cannot do by API: an
   * account's (its server as Latch stored it), or a host's from the address typed in Add account.
   */
  'hosts:openManagePage': { input: managePageSchema, output: returns<null>() },
  /** A secret the person believes leaked: revoke it at the host, remove every copy on this computer. */
  'leaks:respond': { input: leakSchema, output: returns<LeakReport>() },
  /** Before the confirmation: the token a pasted secret names by its id, once its host accepts it as that token; null otherwise. */
  'leaks:name': { input: leakSchema, output: returns<string | null>() },
  /** The plaintext credentials git uses (credential files, .netrc, remote URLs of the folders given); never a secret. */
  'imports:scan': { input: importScanSchema, output: returns<ImportScan>() },
  /** The system's folder chooser, for the folders to scan; an empty list when the person cancels. */
  'imports:pickFolders': { input: emptySchema, output: returns<string[]>() },
  /** Moves the chosen ones into the keychain and removes their plaintext copies. */
  'imports:move': { input: importMoveSchema, output: returns<ImportScan>() },
  /** What git saved in Latch for hosts or users without an account ("Saved by git"); never a secret. */
  'credentials:list': { input: emptySchema, output: returns<SavedGitCredential[]>() },
  /** Removes git credentials from the keychain and the index. */
  'credentials:remove': { input: removeCredentialsSchema, output: returns<null>() },
} satisfies ContractShape;

type Contract = typeof CONTRACT;
export type ChannelName = keyof Contract;
/** What a caller sends on the channel. */
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What the channel's handler is given: the input as its schema parsed it. */
export type HandlerInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = Contract[C]['output'] extends Returns<infer T> ? T : never;

/** One handler per channel: leaving one out, or taking another input, fails the build. */
export type IpcHandlers = { [C in ChannelName]: (input: HandlerInput<C>) => Promise<Result<ChannelOutput<C>>> };

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
