// latch token use --account ACCOUNT TOKEN_ID|auto: which stored token git gets for the account; `auto`
// gives the choice back to Latch (the stored token reaching highest on repositories).
import { describeAccount } from '../../../shared/domain';
import { tokenIdProblem } from '../../../shared/token-id';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { jsonLine } from '../format';

export async function tokenUse(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const given = args.positionals[0]!;
  const tokenId = given === 'auto' ? undefined : given;
  if (tokenId !== undefined) {
    const problem = tokenIdProblem(tokenId);
    if (problem) throw new UsageError(problem);
  }
  const core = ctx.core();
  const account = await core.accounts.resolve(stringOption(args, 'account')!);
  const pinned = await core.tokens.useForGit(account.id, tokenId ?? null);
  if (flag(args, 'json')) {
    ctx.out(jsonLine({ account: account.id, git: pinned === null ? null : { id: pinned.tokenId, name: pinned.name, pinned: true } }));
  } else if (pinned) {
    ctx.out(`git now gets "${pinned.name}" (id ${pinned.tokenId}) for ${describeAccount(account)} wherever it covers the repository.\n`);
  } else {
    ctx.out(`Latch chooses again which token git gets for ${describeAccount(account)}: the stored token reaching highest on repositories.\n`);
  }
  return 0;
}
