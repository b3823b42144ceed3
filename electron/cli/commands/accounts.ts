// latch account list | remove | default. The other account commands: account-add.ts and
// account-add-token.ts (add), account-unlock.ts (unlock, lock), account-rotate.ts (rotate-token); what
// they read from options and print of an account is in account-options.ts.
import { HOST_KINDS, type Account } from '../../../shared/domain';
import { gitHost } from '../../../shared/url';
import { accountCapabilities, HOSTS } from '../../../shared/hosts';
import { flag, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { day, jsonLine, table } from '../format';
import { confirm } from '../io';
import { accountJson, warnExpiry } from './account-options';

export async function accountList(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const accounts = await ctx.core().accounts.list();
  if (flag(args, 'json')) {
    ctx.out(
      jsonLine(accounts.map(accountJson)),
    );
    return 0;
  }
  const kept = await ctx.core().tokens.stored();
  for (const account of accounts) {
    const own = kept.find((token) => token.accountId === account.id && token.management === true);
    if (own) warnExpiry(ctx, account, own.expiresAt);
  }
  if (accounts.length === 0) {
    const kinds = HOST_KINDS.filter((kind) => HOSTS[kind].implemented && HOSTS[kind].signIn === 'password');
    const names = kinds.flatMap((kind) => Object.keys(HOSTS[kind].products ?? { [kind]: '' }));
    ctx.err(
      `No accounts yet. Add one with: latch account add --host KIND --url URL --username USER (KIND is ${names.join(', ')}); ` +
        'latch help account add shows the others.\n',
    );
    return 0;
  }
  ctx.out(
    table(
      ['ID', 'ACCOUNT', 'SERVER', 'DEFAULT', 'SIGN-IN', 'ADDED'],
      accounts.map((a) => [
        a.id,
        `${a.username}@${gitHost(a.baseUrl)}`,
        a.baseUrl,
        a.isDefault ? 'yes' : '',
        signInWords(a),
        day(a.createdAt),
      ]),
    ),
  );
  return 0;
}

/** How Latch signs in to the host for this account. */
function signInWords(account: Account): string {
  // A Cloud account has no password in Latch, so nothing to lock or unlock: its API tokens do everything.
  if (accountCapabilities(account).browserToken?.manages) return account.readOnly ? 'token in keychain (read-only)' : 'token in keychain';
  if (accountCapabilities(account).signIn === 'api-token') return 'API token';
  return account.rememberPassword ? 'password in keychain' : 'password asked when needed';
}

export async function accountRemove(ctx: CliContext, args: ParsedArgs): Promise<number> {
  if (!flag(args, 'yes') && !ctx.stdin.isTTY) {
    throw new UsageError('latch account remove asks for confirmation; add --yes to confirm without a prompt.');
  }
  const core = ctx.core();
  const account = await ctx.account(args.positionals[0]!);
  const stored = (await core.tokens.stored(account.id)).length;
  const name = `${account.username} on ${gitHost(account.baseUrl)}`;
  if (!flag(args, 'yes')) {
    const what = stored > 0 ? ` and the ${stored} token secret${stored === 1 ? '' : 's'} Latch keeps for it` : '';
    if (!(await confirm(`Remove ${name}${what}? The tokens stay on the host.`, ctx.stdin))) {
      ctx.err('Nothing was removed.\n');
      return 1;
    }
  }
  await core.accounts.remove(account.id);
  if (flag(args, 'json')) ctx.out(jsonLine({ removed: true, ...accountJson(account), tokenSecretsRemoved: stored }));
  else ctx.out(`Removed ${name}.\n`);
  return 0;
}

export async function accountSetDefault(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const core = ctx.core();
  const account = await core.accounts.setDefault((await ctx.account(args.positionals[0]!)).id);
  if (flag(args, 'json')) ctx.out(jsonLine(accountJson(account)));
  else ctx.out(`git now uses ${account.username} on ${gitHost(account.baseUrl)} when a remote URL names no user.\n`);
  return 0;
}
