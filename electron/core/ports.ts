// What Electron provides, as small ports: electron/main passes the real objects, tests pass their own.
import type { Account } from '../../shared/domain';
import type { GitSetup } from '../../shared/ipc';

/** The system clipboard (Electron's `clipboard`, text only). */
export interface ClipboardPort {
  readText(): string;
  writeText(text: string): void;
  clear(): void;
}

/** Configures git to ask Latch for credentials on an account's host. */
export interface GitSetupPort {
  status(account: Account): Promise<GitSetup>;
  setup(account: Account): Promise<GitSetup>;
  undo(account: Account): Promise<GitSetup>;
}
