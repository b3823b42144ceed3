// latch account unlock | lock: the account's password held for a while, in the keychain window of
// ../unlock.ts, so that commands until then do not ask for it.
import type { Account } from '../../../shared/domain';
import { gitHost } from '../../../shared/url';
import { accountCapabilities } from '../../../shared/hosts';
import { unlockMinutesProblem } from '../../../shared/schemas';
import { shellQuote } from '../../core/git/helper-command';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { jsonLine } from '../format';
import { endUnlock, holdUnlock } from '../unlock';
import { accountJson, passwordFrom } from './account-options';

/** --minutes N: how long an unlock lasts, held to the app's rule for its unlock window. */
function minutesFrom(args: ParsedArgs, fallback: number): number {
  const text = stringOption(args, 'minutes');
  if (text === undefined) return fallback;
  const minutes = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  const problem = unlockMinutesProblem(minutes);
  if (problem) throw new UsageError(`--minutes: ${problem}`);
  return minutes;
}

/** The account, refused as a usage error where Latch keeps no password for it (API-token accounts). */
async function passwordAccount(ctx: CliContext, args: ParsedArgs): Promise<Account> {
  const account = await ctx.account(args.positionals[0]!);
  if (accountCapabilities(account).signIn !== 'password') {
    throw new UsageError(`${accountCapabilities(account).label} accounts have no password in Latch, so there is nothing to unlock or lock.`);
  }
  return account;
}

export async function accountUnlock(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const account = await passwordAccount(ctx, args);
  const core = ctx.core();
  const minutes = minutesFrom(args, (await core.settings.get()).unlockMinutes);
  const password = await passwordFrom(ctx, args, `Password for ${account.username} on ${gitHost(account.baseUrl)}: `);
  // Checked with the host first: a wrong password is never held.
  await core.accounts.unlock(account.id, password);
  const until = Date.now() + minutes * 60_000;
  await holdUnlock(core.keychain, account, password, until);
  const ends = new Date(until).toISOString();
  if (flag(args, 'json')) ctx.out(jsonLine({ ...accountJson(account), unlockedUntil: ends }));
  else {
    ctx.out(
      `Unlocked ${account.username} on ${gitHost(account.baseUrl)} for ${minutes} minute${minutes === 1 ? '' : 's'} (until ${ends.slice(11, 16)} UTC): ` +
        `commands until then use the password without asking. The keychain holds it meanwhile; end it sooner with: latch account lock ${shellQuote(`${account.username}@${gitHost(account.baseUrl)}`)}\n`,
    );
  }
  return 0;
}

export async function accountLock(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const account = await passwordAccount(ctx, args);
  const held = await endUnlock(ctx.core().keychain, account);
  if (flag(args, 'json')) ctx.out(jsonLine({ ...accountJson(account), locked: true, wasUnlocked: held }));
  else ctx.out(`${account.username} on ${gitHost(account.baseUrl)} is locked: commands ask for its password again${account.rememberPassword ? ' (Latch still remembers it in the keychain, as you chose)' : ''}.\n`);
  return 0;
}
