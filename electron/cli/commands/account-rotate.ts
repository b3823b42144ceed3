// latch account rotate-token: a new secret for the token Latch signs in to a GitLab account with.
import { LatchError } from '../../../shared/result';
import { gitHost } from '../../../shared/url';
import { HOSTS } from '../../../shared/hosts';
import { expiryDaysProblem, EXPIRY_DAYS_WORDS } from '../../../shared/schemas';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { day, jsonLine } from '../format';

export async function accountRotateToken(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const core = ctx.core();
  const account = await core.accounts.resolve(args.positionals[0]!);
  if (!HOSTS[account.host].browserToken?.manages) {
    throw new LatchError('unsupported', `Latch signs in to ${HOSTS[account.host].label} accounts without a token of their own, so there is nothing to rotate.`);
  }
  const text = stringOption(args, 'expiry-days');
  const days = text === undefined ? null : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (days !== null && expiryDaysProblem(days) !== null) throw new UsageError(`--expiry-days takes ${EXPIRY_DAYS_WORDS}.`);
  const rotated = await core.tokens.rotateManagement(account.id, days);
  if (rotated.storeError) {
    // Without the new secret the account cannot sign in again: it is shown, once, since it was not kept.
    ctx.out(`${rotated.secret}\n`);
    ctx.err(`${rotated.storeError}\n`);
    return 1;
  }
  const t = rotated.token;
  if (flag(args, 'json')) ctx.out(jsonLine({ id: t.id, name: t.name, expiresAt: t.expiresAt }));
  else {
    ctx.out(
      `Rotated "${t.name}", the token Latch signs in to ${account.username} on ${gitHost(account.baseUrl)} with: the old secret no longer works, ` +
        `and the new one (id ${t.id}, expires ${day(t.expiresAt, 'never')}) is in the keychain.\n`,
    );
  }
  return 0;
}
