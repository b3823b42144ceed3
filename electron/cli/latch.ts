// `latch`: the command line over the same core as the app. Exit codes: 0 success; 1 when the host, the
// network, the keychain or the input refused it, with one plain sentence on stderr and no stack trace;
// 2 for a usage error, with a one-line hint.
import { HOSTS } from '../../shared/hosts';
import { LatchError } from '../../shared/result';
import { runLeakCommand } from './commands/leak';
import { flag, parseArgs, stringOption, UsageError, type ParsedArgs } from './args';
import { accountAdd, accountSetDefault, accountList, accountRemove } from './commands/accounts';
import { exec } from './commands/exec';
import { doctor, setupGit } from './commands/git';
import { tokenAdd, tokenCreate, tokenForget, tokenGet, tokenList, tokenRemove, tokenRevoke } from './commands/tokens';
import { createCliContext, type CliContext } from './context';
import { confirm, promptHidden } from './io';
import { COMMANDS } from './specs';
import { version } from '../../package.json';

type Run = (ctx: CliContext, args: ParsedArgs) => Promise<number>;

const RUN: Record<string, Run> = {
  'account add': accountAdd,
  'account list': accountList,
  'account remove': accountRemove,
  'account default': accountSetDefault,
  'token list': tokenList,
  'token create': tokenCreate,
  'token add': tokenAdd,
  'token revoke': tokenRevoke,
  'token remove': tokenRemove,
  'token forget': tokenForget,
  'token get': tokenGet,
  'setup-git': setupGit,
  doctor,
  exec,
  leak: async (ctx, args) => {
    await giveCodeToTwoFactorAccounts(ctx, stringOption(args, 'otp'));
    return runLeakCommand(
      {
        out: ctx.out,
        err: ctx.err,
        stdin: ctx.stdin,
        leaks: () => ctx.core().leaks,
        promptHidden: (question) => promptHidden(question, ctx.stdin),
        confirm: (question) => confirm(question, ctx.stdin),
      },
      { secretStdin: flag(args, 'secret-stdin'), yes: flag(args, 'yes'), json: flag(args, 'json') },
    );
  },
};

/**
 * `latch leak --otp CODE`: the search may need the token list of an account with two-factor sign-in
 * (Gitea, Forgejo). Which account is not known before the search, so each such account holds the code
 * for its next call; the account it is not for refuses it, and says so.
 */
async function giveCodeToTwoFactorAccounts(ctx: CliContext, code: string | undefined): Promise<void> {
  if (code === undefined) return;
  const core = ctx.core();
  const accounts = (await core.accounts.list()).filter((account) => HOSTS[account.host].twoFactor);
  if (accounts.length === 0) throw new UsageError('None of your accounts signs in with a one-time code; leave out --otp.');
  for (const account of accounts) core.session.giveCode(account.id, code);
}

async function main(argv: string[]): Promise<number> {
  const ctx = createCliContext();
  let takesCode = false;
  try {
    const parsed = parseArgs(argv, COMMANDS);
    if (parsed.kind === 'help') {
      ctx.out(`${parsed.text}\n`);
      return 0;
    }
    if (parsed.kind === 'version') {
      ctx.out(`latch ${version}\n`);
      return 0;
    }
    takesCode = 'otp' in parsed.args.command.options;
    const run = RUN[parsed.args.command.words.join(' ')]!;
    return await run(ctx, parsed.args);
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.err(`latch: ${error.message}\n`);
      return 2;
    }
    // Latch's own sentences only: anything else might carry data nobody chose to print.
    ctx.err(`${error instanceof LatchError ? error.message : 'Something unexpected went wrong inside Latch. Nothing was changed.'}\n`);
    if (error instanceof LatchError && error.code === 'otp-required' && takesCode) ctx.err('Give the code with --otp CODE.\n');
    return 1;
  } finally {
    await ctx.close().catch(() => undefined);
  }
}

// Started by an installed app's launcher (packaging/bin), Node mode has done its job: a program
// `latch exec` starts must not inherit it, or an Electron app among them would start as plain Node.
delete process.env.ELECTRON_RUN_AS_NODE;

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
