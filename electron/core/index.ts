// Everything Latch does, assembled without Electron: electron/main, the CLI and the browser test
// harness all build the same core and differ only in the ports they pass in.
import type { Dispatcher } from 'undici';
import type { Account } from '../../shared/domain';
import type { IpcHandlers } from '../../shared/contract';
import { createAdapter, type UnheldServer } from './hosts';
import type { HostKind } from '../../shared/hosts';
import type { HostAdapter } from './hosts/adapter';
import { createHttpClient } from './http';
import { createDispatcher, type Dispatch } from './ipc/dispatch';
import { createIpcHandlers } from './ipc/handlers';
import type { ClipboardPort, CliToolsPort, FolderPickerPort, GitSetupPort, OpenerPort } from './ports';
import { createAccountsService, type AccountsService, type AdapterFor } from './services/accounts';
import { createLeaksService, type LeaksService } from './services/leaks';
import { createSecretSearch } from './services/secret-search';
import { createRevealService, type RevealService } from './services/reveal';
import { createSession, type Session } from './services/session';
import { createSettingsService, type SettingsService } from './services/settings';
import { createTokensService, type TokensService } from './services/tokens';
import { createRemindersService, type RemindersService } from './services/reminders';
import { createIndexStore, type IndexStore } from './vault/index-store';
import { createImportService, type ImportService } from './import/service';
import { createGitCredentialsService, type GitCredentialsService } from './services/git-credentials';
import type { Keychain } from './vault/types';

export interface CoreOptions {
  /** Where the metadata index lives (see vault/paths.ts `latchHome`). */
  home: string;
  keychain: Keychain;
  clipboard: ClipboardPort;
  /** undici dispatcher for every host request (tests pass one; the default is a keep-alive Agent). */
  dispatcher?: Dispatcher;
  requestTimeoutMs?: number;
  /** Asked for an account password when none is held (the CLI's TTY prompt). */
  askPassword?: (account: Account) => Promise<string | null>;
  now?: () => number;
  git?: GitSetupPort;
  /** The system browser, for the pages of what a host cannot do by API. */
  opener?: OpenerPort;
  /** "Install command line tools" (electron/core/cli-tools); only the app passes it. */
  cliTools?: CliToolsPort;
  /** The system's folder chooser, for Import; only the app passes it. */
  folderPicker?: FolderPickerPort;
  /** Replaces the host adapters (tests of the services against an in-test host). */
  adapterFor?: AdapterFor;
  /** Reveal timings, shortened by tests. */
  reveal?: { clearAfterMs?: number; expireAfterMs?: number };
  /** The environment git runs in and its credential-store files are found by (HOME, XDG_CONFIG_HOME, GIT_CONFIG_*); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Where the public servers of a host (GitHub's github.com) are answered instead: a stand-in on this machine (tests). */
  publicServers?: Partial<Record<HostKind, readonly UnheldServer[]>>;
}

export interface Core {
  accounts: AccountsService;
  tokens: TokensService;
  reveal: RevealService;
  settings: SettingsService;
  /** Leak response: recognise a pasted secret, revoke it at the host, remove every local copy. */
  leaks: LeaksService;
  /** Expiry reminders and the tray's count, for main to show. */
  reminders: RemindersService;
  /** Plaintext credentials git uses, found, checked with their own hosts, and moved into the keychain. */
  imports: ImportService;
  /** What git saved in Latch for hosts or users without an account. */
  gitCredentials: GitCredentialsService;
  store: IndexStore;
  session: Session;
  keychain: Keychain;
  handlers: IpcHandlers;
  /** The IPC entry point: checks sender and input, then calls the handler. */
  dispatch: Dispatch;
  /** On quit: clears a copied secret from the clipboard, forgets passwords and reveals, closes connections. */
  dispose(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const now = options.now ?? Date.now;
  const store = createIndexStore(options.home, { now });
  const session = createSession({ now });
  const http = createHttpClient({ dispatcher: options.dispatcher, timeoutMs: options.requestTimeoutMs });

  // One adapter per server, so keep-alive connections are reused across calls.
  const adapters = new Map<string, HostAdapter>();
  const adapterFor: AdapterFor =
    options.adapterFor ??
    ((account) => {
      const key = `${account.host} ${account.baseUrl}`;
      let adapter = adapters.get(key);
      if (!adapter) {
        adapter = createAdapter(account.host, account.baseUrl, http);
        adapters.set(key, adapter);
      }
      return adapter;
    });

  const accounts = createAccountsService({
    store,
    keychain: options.keychain,
    session,
    adapterFor,
    askPassword: options.askPassword,
    now,
  });
  const tokens = createTokensService({ store, keychain: options.keychain, accounts, adapterFor, now });
  const reveal = createRevealService({ clipboard: options.clipboard, ...options.reveal });
  const settings = createSettingsService(store);
  const search = createSecretSearch({ accounts, adapterFor });
  const leaks = createLeaksService({
    store,
    keychain: options.keychain,
    session,
    tokens,
    search,
    env: options.env,
    unheld: { http, publicServers: options.publicServers },
  });
  const git = options.git;
  const imports = createImportService({
    store,
    keychain: options.keychain,
    env: options.env ?? process.env,
    adapter: (kind, baseUrl) => adapterFor({ host: kind, baseUrl }),
    setupGit: git?.setupFor ? (target) => git.setupFor!(target) : undefined,
    now,
  });
  const gitCredentials = createGitCredentialsService({ store, keychain: options.keychain });
  let disposed = false;
  const handlers = createIpcHandlers({ accounts, tokens, reveal, settings, session, leaks, imports, gitCredentials, git: options.git, opener: options.opener, cliTools: options.cliTools, folderPicker: options.folderPicker });

  return {
    accounts,
    tokens,
    reveal,
    settings,
    leaks,
    reminders: createRemindersService({ store, now }),
    imports,
    gitCredentials,
    store,
    session,
    keychain: options.keychain,
    handlers,
    dispatch: createDispatcher(handlers),
    async dispose() {
      await reveal.dispose();
      session.lockAll();
      if (disposed) return;
      disposed = true;
      await http.close();
    },
  };
}

export type { Dispatch } from './ipc/dispatch';
export type { ClipboardPort, CliToolsPort, GitSetupPort, OpenerPort } from './ports';
export type { Keychain, StoredToken, IndexData } from './vault/types';
export { createDispatcher } from './ipc/dispatch';
export { createOsKeychain } from './vault/keychain';
export { latchHome } from './vault/paths';
export { createCliTools } from './cli-tools';
