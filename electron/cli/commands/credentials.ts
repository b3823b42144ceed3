// `latch credentials list [--json]` and `latch credentials remove --host HOST [--username USER] [--yes]`:
// the git credentials Latch keeps for hosts or users it has no account for (what git approved, or an
// import moved in). Never a secret.
import type { SavedGitCredential } from '../../../shared/git-credentials';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { confirm } from '../io';
import { printable } from '../../../shared/terminal-text';
import { day, jsonLine, table } from '../format';

export const CREDENTIALS_COMMANDS = [
  {
    words: ['credentials', 'list'],
    options: { json: { kind: 'boolean' } },
    summary: 'Lists the git credentials Latch keeps for hosts or users without a Latch account: where each came from, never the secret.',
  },
  {
    words: ['credentials', 'remove'],
    options: { host: { kind: 'string', required: true, value: 'HOST' }, username: { kind: 'string', value: 'USER' }, yes: { kind: 'boolean' } },
    summary: 'Removes the git credentials Latch keeps for HOST (host[:port]), or only those of USER there.',
  },
] as const;

const view = (c: SavedGitCredential) => ({ protocol: c.protocol, host: c.host, path: c.path, username: c.username, lastUsedAt: c.lastUsedAt, source: c.source });

export async function credentialsList(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const kept = await ctx.core().gitCredentials.list();
  if (flag(args, 'json')) {
    ctx.out(jsonLine(kept.map(view)));
    return 0;
  }
  if (kept.length === 0) {
    ctx.out('Latch keeps no git credentials.\n');
    return 0;
  }
  ctx.out(
    table(
      ['SERVER', 'USER', 'LAST USED', 'FROM'],
      kept.map((c) => [printable(`${c.protocol}://${c.host}${c.path ? `/${c.path}` : ''}`), printable(c.username || '(none)'), day(c.lastUsedAt, 'never'), printable(c.source)]),
    ),
  );
  return 0;
}

export async function credentialsRemove(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const host = stringOption(args, 'host')!.trim().toLowerCase();
  const username = stringOption(args, 'username');
  const core = ctx.core();
  const doomed = (await core.gitCredentials.list()).filter((c) => c.host === host && (username === undefined || c.username === username));
  const who = username === undefined ? host : `${username} on ${host}`;
  if (doomed.length === 0) {
    ctx.err(`Latch keeps no git credentials for ${printable(who)}.\n`);
    return 1;
  }
  if (!flag(args, 'yes')) {
    if (!ctx.stdin.isTTY) throw new UsageError('latch credentials remove deletes secrets from the keychain; add --yes to go ahead without a prompt.');
    if (!(await confirm(`Remove ${doomed.length === 1 ? 'the git credential' : `${doomed.length} git credentials`} for ${printable(who)} from Latch?`, ctx.stdin))) {
      ctx.err('Nothing was changed.\n');
      return 1;
    }
  }
  await core.gitCredentials.remove(doomed.map((c) => c.id));
  ctx.out(`Removed ${doomed.length === 1 ? 'the git credential' : `${doomed.length} git credentials`} for ${printable(who)}; git will ask again there.\n`);
  return 0;
}
