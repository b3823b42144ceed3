// What every command gets: where to write, how to ask for a password, and the core, built on first use.
import type { Account } from '../../shared/domain';
import { createCore, type Core } from '../core';
import { LatchError } from '../../shared/result';
import { terminalText } from '../../shared/terminal-text';
import { gitHost } from '../../shared/url';
import { createGitSetup, type GitSetupService } from '../core/git/setup';
import { createOsKeychain } from '../core/vault/keychain';
import { latchHome } from '../core/vault/paths';
import { promptHidden, readStdinText } from './io';

export interface CliContext {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
  stdin: NodeJS.ReadStream;
  core(): Core;
  git(): GitSetupService;
  /** Hands the account password to the core: from stdin when asked, else the keychain or a prompt later. */
  usePasswordFromStdin(account: Account): Promise<void>;
  close(): Promise<void>;
}

/** The CLI has no clipboard: secrets go to stdout, once. */
const NO_CLIPBOARD = { readText: () => '', writeText: () => undefined, clear: () => undefined };

export function createCliContext(): CliContext {
  let core: Core | null = null;
  let git: GitSetupService | null = null;
  const ctx: CliContext = {
    env: process.env,
    // Every line the CLI prints passes here: no control sequence from a host or a file reaches the terminal.
    out: (text) => process.stdout.write(terminalText(text)),
    err: (text) => process.stderr.write(terminalText(text)),
    stdin: process.stdin,
    core() {
      core ??= createCore({
        home: latchHome(process.env),
        keychain: createOsKeychain(),
        clipboard: NO_CLIPBOARD,
        askPassword: (account) => promptHidden(`Password for ${account.username} on ${gitHost(account.baseUrl)}: `),
        git: ctx.git(),
      });
      return core;
    },
    git() {
      git ??= createGitSetup({ env: process.env });
      return git;
    },
    async usePasswordFromStdin(account) {
      const password = await readStdinText(process.stdin);
      if (!password) throw new LatchError('validation', 'No password arrived on stdin (--password-stdin).');
      const c = ctx.core();
      // The unlock window is this process's memory only; it ends with the command.
      c.session.hold(account.id, password, (await c.settings.get()).unlockMinutes);
    },
    async close() {
      await core?.dispose();
    },
  };
  return ctx;
}
