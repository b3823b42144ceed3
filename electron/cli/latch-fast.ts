// The small start-up path of `latch` for the two commands scripts run most: `token get` (before every
// curl) and `exec`. Like git-credential-latch, it reads the index with the helper's own reader and
// loads no host code and no validation library (zod alone costs more than Node's start-up), so these
// start about as fast as `node -e 0`. It is where `latch` starts (bin/latch.cjs from a checkout, the
// packaged app's launchers in packaging/bin): it answers null for any other command, for help, for a
// usage error and for an index it cannot read, and the full CLI (latch.js beside it) then handles the
// whole command, so every message and exit code stays the full CLI's own.
import { join } from 'node:path';
import { HOSTS } from '../../shared/hosts';
import { terminalText } from '../../shared/terminal-text';
import { readHelperIndex } from '../core/credential/index-reader';
import { createOsKeychain } from '../core/vault/keychain';
import { latchHome } from '../core/vault/paths';
import { parseArgs, type ParseOutcome } from './args';
import { execWith } from './commands/exec';
import { printStoredField } from './commands/token-get';
import { resolveAccountRef } from '../core/services/account-ref';
import { FAST_COMMANDS } from './fast-specs';

const out = (text: string) => void process.stdout.write(text);
const err = (text: string) => void process.stderr.write(terminalText(text));

/** The exit code, or null when the full CLI should run the command instead. */
export async function runFast(argv: readonly string[]): Promise<number | null> {
  const isFast = (argv[0] === 'token' && argv[1] === 'get') || argv[0] === 'exec';
  if (!isFast) return null;
  let parsed: ParseOutcome;
  try {
    parsed = parseArgs(argv, FAST_COMMANDS);
  } catch {
    return null;
  }
  if (parsed.kind !== 'run') return null;
  const read = readHelperIndex(latchHome(process.env));
  // The helper's reader checks only what the helper relies on; anything the app's reader would refuse
  // that it lets through (a host kind this version does not know) is the full CLI's to explain.
  if (!read.ok || read.index.accounts.some((account) => !Object.hasOwn(HOSTS, account.host))) return null;
  const keychain = createOsKeychain();
  try {
    const account = async (ref: string) => resolveAccountRef(read.index.accounts, ref);
    if (parsed.args.command.words[0] === 'exec') {
      return await execWith({ env: process.env, err, account, close: async () => undefined }, parsed.args, async () => ({ data: read.index, keychain }));
    }
    return await printStoredField(out, parsed.args, read.index, keychain, account);
  } catch {
    // Nothing was printed and no command started: the full CLI runs the command again and words the
    // failure itself (with its suggestions and exit codes), so both start-up paths fail alike.
    return null;
  }
}

/** `latch`: this path first, else the full CLI, loaded only then. */
export function start(argv: readonly string[] = process.argv.slice(2)): void {
  // Started by an installed app's launcher, Node mode has done its job: a program `latch exec` starts
  // must not inherit it, or an Electron app among them would start as plain Node.
  delete process.env.ELECTRON_RUN_AS_NODE;
  runFast(argv).then(
    (code) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (code === null) require(join(__dirname, 'latch.js'));
      else process.exitCode = code;
    },
    () => {
      process.stderr.write('Something unexpected went wrong inside Latch. Nothing was changed.\n');
      process.exitCode = 1;
    },
  );
}

if (require.main === module) start();
