// latch exec --account A --env NAME -- command args…: the stored token in one environment variable of
// one child process, and nowhere else (not in its arguments, not in Latch's output).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args';
import type { Account } from '../../../shared/domain';
import type { Keychain } from '../../core/vault/types';
import type { CliContext } from '../context';
import { storedSecret, type StoredIndex } from '../stored-secret';

/** What exec needs around it: the full CLI's context and the small start-up path (latch-fast.ts) both give it. */
export interface ExecIo {
  env: NodeJS.ProcessEnv;
  err(text: string): void;
  /** The account a reference names, or a usage error that suggests the nearest. */
  account(ref: string): Promise<Account>;
  /** Ends everything Latch holds open before the command runs. */
  close(): Promise<void>;
}

export async function exec(ctx: CliContext, args: ParsedArgs): Promise<number> {
  return execWith(ctx, args, async () => {
    const core = ctx.core();
    return { data: await core.store.read(), keychain: core.keychain };
  });
}

export async function execWith(io: ExecIo, args: ParsedArgs, open: () => Promise<{ data: StoredIndex; keychain: Keychain }>): Promise<number> {
  const name = stringOption(args, 'env')!;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError('--env takes an environment variable name: letters, digits and _, not starting with a digit.');
  const { data, keychain } = await open();
  const account = await io.account(stringOption(args, 'account')!);
  const { secret } = await storedSecret(keychain, account, data);
  await io.close();
  const ctx = io;

  const [command, ...commandArgs] = args.rest as [string, ...string[]];
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit', env: { ...ctx.env, [name]: secret } });
    // The terminal sends Ctrl-C to the whole process group; the child decides what it means. A SIGTERM
    // or SIGHUP sent to latch alone is passed on, so the child (which holds the secret) never outlives it.
    const ignore = () => undefined;
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const listen = () => {
      process.on('SIGINT', ignore);
      process.on('SIGTERM', forward);
      process.on('SIGHUP', forward);
    };
    const unlisten = () => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      process.off('SIGHUP', forward);
    };
    listen();
    const json = flag(args, 'json');
    child.on('error', (error: NodeJS.ErrnoException) => {
      unlisten();
      const missing = error.code === 'ENOENT';
      const exitCode = missing ? 127 : 126;
      if (json) ctx.err(JSON.stringify({ command, started: false, reason: missing ? 'not-found' : 'not-started', exitCode }) + '\n');
      else ctx.err(missing ? `latch exec: ${command} was not found.\n` : `latch exec: ${command} could not be started.\n`);
      resolve(exitCode);
    });
    child.on('exit', (code, signal) => {
      unlisten();
      // As a shell reports it: 128 + the signal's number.
      const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
      if (json) ctx.err(JSON.stringify({ command, started: true, exitCode, signal: signal ?? null }) + '\n');
      resolve(exitCode);
    });
  });
}
