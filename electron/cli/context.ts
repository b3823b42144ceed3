// What every command gets: where to write, how to ask for a password, and the core, built on first use.
import type { Account } from '../../shared/domain';
import { createCore, type Core } from '../core';
import { LatchError } from '../../shared/result';
import { terminalText } from '../../shared/terminal-text';
import { gitHost } from '../../shared/url';
import { createGitSetup, type GitSetupService } from '../core/git/setup';
import { createOsKeychain } from '../core/vault/keychain';
import { latchHome } from '../core/vault/paths';
import { shellQuote } from '../core/git/helper-command';
import { UsageError } from './args';
import { promptHidden, readStdinText } from './io';
import { closest } from './suggest';
import { heldUnlock } from './unlock';

export interface CliContext {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
  stdin: NodeJS.ReadStream;
  /** Whether the core may ask for an account password at the terminal when it needs one (true unless a command says). */
  promptForPasswords: boolean;
  core(): Core;
  git(): GitSetupService;
  /**
   * The account an ACCOUNT argument names (id, username@host, or a username only one account has). One
   * that names none, or several, is a usage error: the value is well formed but names nothing Latch knows.
   */
  account(ref: string): Promise<Account>;
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
    promptForPasswords: true,
    core() {
      if (core) return core;
      const keychain = createOsKeychain();
      core = createCore({
        home: latchHome(process.env),
        keychain,
        clipboard: NO_CLIPBOARD,
        // An unlock from `latch account unlock` first; else the person, in a terminal.
        askPassword: async (account) =>
          (await heldUnlock(keychain, account).catch(() => null))?.password ??
          (ctx.promptForPasswords ? promptHidden(`Password for ${account.username} on ${gitHost(account.baseUrl)}: `) : null),
        git: ctx.git(),
      });
      return core;
    },
    git() {
      git ??= createGitSetup({ env: process.env });
      return git;
    },
    async account(ref) {
      try {
        return await ctx.core().accounts.resolve(ref);
      } catch (error) {
        if (!(error instanceof LatchError) || (error.code !== 'not-found' && error.code !== 'validation')) throw error;
        const { accounts } = await ctx.core().store.read();
        // Near a username or a whole username@host; either way the whole one is suggested.
        const refs = new Map(accounts.flatMap((a) => [[a.username, a], [`${a.username}@${gitHost(a.baseUrl)}`, a]] as const));
        const match = closest(ref.trim(), [...refs.keys()]);
        const near = match === null ? null : `${refs.get(match)!.username}@${gitHost(refs.get(match)!.baseUrl)}`;
        throw new UsageError(`${error.message}${near ? ` Did you mean ${shellQuote(near)}?` : ''}`);
      }
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
