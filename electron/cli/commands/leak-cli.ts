// `latch leak` wired to the CLI's context: the command itself (leak.ts) only sees the io it needs.
import { accountCapabilities } from '../../../shared/hosts';
import { flag, listOption, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { confirm, promptHidden } from '../io';
import { runLeakCommand } from './leak';

export async function leak(ctx: CliContext, args: ParsedArgs): Promise<number> {
  await giveCodeToTwoFactorAccounts(ctx, stringOption(args, 'otp'));
  // The password is asked only once the host step needs it (unlockForLeak): a dead secret needs none.
  ctx.promptForPasswords = false;
  return runLeakCommand(
    {
      out: ctx.out,
      err: ctx.err,
      stdin: ctx.stdin,
      leaks: () => ctx.core().leaks,
      promptHidden: (question) => promptHidden(question, ctx.stdin),
      confirm: (question) => confirm(question, ctx.stdin),
      unlockForLeak: async (accountId, words) => {
        const password = await promptHidden(`Latch needs the password of ${words} to revoke it there. Password: `, ctx.stdin);
        if (!password) return false;
        const core = ctx.core();
        core.session.hold(accountId, password, (await core.settings.get()).unlockMinutes);
        return true;
      },
    },
    { secretStdin: flag(args, 'secret-stdin'), yes: flag(args, 'yes'), json: flag(args, 'json'), repos: listOption(args, 'repo') },
  );
}

/**
 * `latch leak --otp CODE`: the search may need the token list of an account with two-factor sign-in
 * (Gitea, Forgejo). Which account is not known before the search, so each such account holds the code
 * for its next call; the account it is not for refuses it, and says so.
 */
async function giveCodeToTwoFactorAccounts(ctx: CliContext, code: string | undefined): Promise<void> {
  if (code === undefined) return;
  const core = ctx.core();
  const accounts = (await core.accounts.list()).filter((account) => accountCapabilities(account).signIn === 'password' && accountCapabilities(account).twoFactor);
  if (accounts.length === 0) throw new UsageError('None of your accounts signs in with a one-time code; leave out --otp.');
  for (const account of accounts) core.session.giveCode(account.id, code);
}
