// latch setup-git | doctor
import type { GitSetup } from '../../../shared/domain';
import { answeredTargets, latchAnswersFor, targetName } from '../../core/git/answers';
import { runDoctor, type Finding } from '../../core/git/doctor';
import type { GitTarget } from '../../core/git/setup';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { jsonLine } from '../format';

/** --host as given: a URL (any path is ignored) or host[:port] as git writes it. */
function parseHostOption(given: string): { protocol: GitTarget['protocol'] | null; host: string } {
  const text = given.trim();
  const url = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(text);
  if (url) {
    const protocol = url[1]!.toLowerCase();
    if (protocol !== 'http' && protocol !== 'https') throw new UsageError(`--host takes an http or https address, or host[:port]; git sends no ${protocol} credentials to Latch.`);
    const host = url[2]!.replace(/^[^@]*@/, '').toLowerCase();
    if (host === '') throw new UsageError('--host takes host[:port] as git writes it, e.g. bitbucket.example.com, or its URL.');
    // URL drops a default port (https://host:443 is host), as git does when it asks.
    return { protocol, host: new URL(`${protocol}://${host}`).host };
  }
  // The shape git writes (setup.ts checks it again before anything reaches a config key).
  if (!/^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(text)) {
    throw new UsageError('--host takes host[:port] as git writes it, e.g. bitbucket.example.com, or its URL.');
  }
  return { protocol: null, host: text.toLowerCase() };
}

/**
 * The protocol comes from Latch's account on the host (a server answers on one of them); a URL's
 * protocol only decides between two accounts on the same host that use different ones.
 */
async function targetFrom(ctx: CliContext, given: string, undo: boolean): Promise<GitTarget> {
  const { protocol, host } = parseHostOption(given);
  const data = await ctx.core().store.read();
  const answered = answeredTargets(data);
  const protocols = [...new Set(answered.filter((t) => t.host === host).map((t) => t.protocol))];
  if (protocols.length === 1) return { protocol: protocols[0]!, host };
  if (protocols.length > 1) {
    if (protocol) return { protocol, host };
    throw new UsageError(`Latch has accounts on both http://${host} and https://${host}; give --host with the protocol, e.g. --host https://${host}.`);
  }
  const target: GitTarget = { protocol: protocol ?? 'https', host };
  // Undo needs nothing from Latch: it only takes Latch's lines out again.
  if (undo || latchAnswersFor(target, data)) return target;
  const known = answered.map(targetName);
  // A well-formed host that names nothing Latch answers for: a usage error, like an unknown account.
  throw new UsageError(
    `Latch has no account on ${host} and keeps no git credentials for it, so git would get nothing from it there and your own credential helper would no longer be asked. ` +
      (known.length > 0 ? `Latch answers for ${known.join(', ')}. ` : 'Latch has no accounts yet. ') +
      'Add an account for that host first (latch account add --help), or move git\'s own credentials for it into Latch (latch import --yes).',
  );
}

export async function setupGit(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const host = stringOption(args, 'host');
  const all = flag(args, 'all');
  if ((host === undefined) === !all) throw new UsageError('latch setup-git needs --host HOST for one host, or --all for every host (not both).');
  const undo = flag(args, 'undo');
  const target = all ? 'all' : await targetFrom(ctx, host!, undo);
  const git = ctx.git();
  const result: GitSetup = undo ? await git.undoFor(target) : await git.setupFor(target);
  const where = target === 'all' ? result.host : targetName(target);
  if (flag(args, 'json')) {
    ctx.out(jsonLine(target === 'all' ? result : { ...result, protocol: target.protocol }));
    return 0;
  }
  if (undo) {
    ctx.out(`git no longer asks Latch for credentials on ${where}; Latch's lines were removed from your global git configuration.\n`);
    return 0;
  }
  ctx.out(`git now asks Latch for credentials on ${where}. These lines are in your global git configuration:\n`);
  ctx.out(result.lines.map((line) => `  ${line}\n`).join(''));
  ctx.out(`Undo with: latch setup-git ${all ? '--all' : `--host ${where}`} --undo\n`);
  return 0;
}

const MARK: Record<Finding['status'], string> = { ok: 'ok     ', warning: 'warning', problem: 'problem' };

export async function doctor(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const core = ctx.core();
  const data = await core.store.read();
  const findings = await runDoctor({ keychain: core.keychain, accounts: data.accounts, storedTokens: data.storedTokens, gitCredentials: data.gitCredentials, env: ctx.env });
  if (flag(args, 'json')) ctx.out(jsonLine(findings));
  else {
    for (const finding of findings) {
      ctx.out(`${MARK[finding.status]}  ${finding.message}\n`);
      for (const line of finding.details ?? []) ctx.out(`           ${line}\n`);
      if (finding.fix) ctx.out(`           fix: ${finding.fix}\n`);
    }
  }
  // A script can tell "something needs fixing" from "all is well".
  return findings.some((f) => f.status === 'problem') ? 1 : 0;
}
