// What Electron provides, as small ports: electron/main passes the real objects, tests pass their own.
import type { Account, CommandLineTools, GitSetup } from '../../shared/domain';
import type { GitTarget } from './git/target';

/**
 * The system clipboard, text only. Electron 45's `clipboard.readText/writeText` return promises, so
 * each method may answer either way; callers always await.
 */
export interface ClipboardPort {
  readText(): string | Promise<string>;
  /** Writes a secret, marked concealed for clipboard managers and history where the platform has a way. */
  writeText(text: string): void | Promise<void>;
  clear(): void | Promise<void>;
  /**
   * The PRIMARY selection of X11 and Wayland (Linux), which selecting text fills and nothing else
   * clears; absent where there is none.
   */
  selection?: { readText(): string | Promise<string>; clear(): void | Promise<void> };
}

/** Opens a web page in the person's own browser (Electron's shell.openExternal); never inside Latch. */
export interface OpenerPort {
  openExternal(url: string): Promise<void>;
}

/** The system's folder chooser (Electron's dialog in main): the folders the person picked, or none. */
export interface FolderPickerPort {
  pickFolders(): Promise<string[]>;
}

/** Configures git to ask Latch for credentials on an account's host. */
export interface GitSetupPort {
  status(account: Account): Promise<GitSetup>;
  setup(account: Account): Promise<GitSetup>;
  undo(account: Account): Promise<GitSetup>;
  /** For a host with no account (credentials git keeps in Latch, an import). */
  setupFor?(target: GitTarget): Promise<GitSetup>;
}

/** Puts the installed app's command-line tools on PATH and takes them off (electron/core/cli-tools). */
export interface CliToolsPort {
  status(): Promise<CommandLineTools>;
  install(): Promise<CommandLineTools>;
  remove(): Promise<CommandLineTools>;
}
