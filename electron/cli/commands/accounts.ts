// latch account add | list | remove | default
import { HOST_KINDS, type HostKind } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { gitHost } from '../../../shared/url';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { day, jsonLine, table } from '../format';
import { canPrompt, confirm, promptHidden, readStdinText } from '../io';

export async function accountAdd(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const host = stringOption(args, 'host')!;
  if (!(HOST_KINDS as readonly string[]).includes(host)) {
    throw new UsageError(`--host must be one of: ${HOST_KINDS.join(', ')}.`);
  }
  const url = stringOption(args, 'url')!;
  const username = stringOption(args, 'username')!;
  let password: string | null;
  if (flag(args, 'password-stdin')) password = await readStdinText(ctx.stdin);
  else if (canPrompt(ctx.stdin)) password = await promptHidden(`Password for ${username}: `, ctx.stdin);
  else throw new LatchError('validation', 'Latch needs the account password: pass it on stdin with --password-stdin, or run this in a terminal.');
  if (!password) throw new LatchError('validation', 'No password was given.');

  const account = await ctx.core().accounts.add({
    host: host as HostKind,
    baseUrl: url,
    username,
    password,
    rememberPassword: flag(args, 'remember-password'),
  });
  if (flag(args, 'json')) ctx.out(jsonLine({ id: account.id }));
  else {
    ctx.out(`Added ${account.username} on ${gitHost(account.baseUrl)} (id ${account.id})${account.isDefault ? ', the default account for that host' : ''}.\n`);
  }
  return 0;
}

export async function accountList(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const accounts = await ctx.core().accounts.list();
  if (flag(args, 'json')) {
    ctx.out(
      jsonLine(
        accounts.map((a) => ({
          id: a.id,
          host: a.host,
          baseUrl: a.baseUrl,
          username: a.username,
          userSlug: a.userSlug,
          displayName: a.displayName,
          isDefault: a.isDefault,
          rememberPassword: a.rememberPassword,
          createdAt: a.createdAt,
        })),
      ),
    );
    return 0;
  }
  if (accounts.length === 0) {
    ctx.err('No accounts yet. Add one with: latch account add --host bitbucket-datacenter --url URL --username USER\n');
    return 0;
  }
  ctx.out(
    table(
      ['ID', 'ACCOUNT', 'SERVER', 'DEFAULT', 'PASSWORD', 'ADDED'],
      accounts.map((a) => [
        a.id,
        `${a.username}@${gitHost(a.baseUrl)}`,
        a.baseUrl,
        a.isDefault ? 'yes' : '',
        a.rememberPassword ? 'in keychain' : 'asked when needed',
        day(a.createdAt),
      ]),
    ),
  );
  return 0;
}

export async function accountRemove(ctx: CliContext, args: ParsedArgs): Promise<number> {
  if (!flag(args, 'yes') && !ctx.stdin.isTTY) {
    throw new UsageError('latch account remove asks for confirmation; add --yes to confirm without a prompt.');
  }
  const core = ctx.core();
  const account = await core.accounts.resolve(args.positionals[0]!);
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
  ctx.out(`Removed ${name}.\n`);
  return 0;
}

export async function accountDefault(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const core = ctx.core();
  const account = await core.accounts.setDefault((await core.accounts.resolve(args.positionals[0]!)).id);
  ctx.out(`git now uses ${account.username} on ${gitHost(account.baseUrl)} when a remote URL names no user.\n`);
  return 0;
}
