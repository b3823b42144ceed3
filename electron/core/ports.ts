// What Electron provides, as small ports: electron/main passes the real objects, tests pass their own.
import type { Account, CommandLineTools, GitSetup } from '../../shared/domain';

/**
 * The system clipboard, text only. Electron 45's `clipboard.readText/writeText` return promises, so
 * each method may answer either way; callers always await.
 */
export interface ClipboardPort {
  readText(): string | Promise<string>;
  writeText(text: string): void | Promise<void>;
  clear(): void | Promise<void>;
}

/** Opens a web page in the person's own browser (Electron's shell.openExternal); never inside Latch. */
export interface OpenerPort {
  openExternal(url: string): Promise<void>;
}

/** Configures git to ask Latch for credentials on an account's host. */
export interface GitSetupPort {
  status(account: Account): Promise<GitSetup>;
  setup(account: Account): Promise<GitSetup>;
  undo(account: Account): Promise<GitSetup>;
}

/** Puts the installed app's command-line tools on PATH and takes them off (electron/core/cli-tools). */
export interface CliToolsPort {
  status(): Promise<CommandLineTools>;
  install(): Promise<CommandLineTools>;
  remove(): Promise<CommandLineTools>;
}
