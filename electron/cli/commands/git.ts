// latch setup-git | doctor
import type { GitSetup } from '../../../shared/domain';
import { gitHost, gitProtocol } from '../../../shared/url';
import { runDoctor, type Finding } from '../../core/git/doctor';
import type { GitTarget } from '../../core/git/setup';
import { flag, stringOption, UsageError, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { jsonLine } from '../format';

/**
 * HOST as git writes it (host[:port]), or a URL whose protocol then counts. For a bare host the
 * protocol is that of Latch's accounts there (plain http only exists for loopback servers), else https.
 */
async function targetFrom(ctx: CliContext, given: string): Promise<GitTarget> {
  const url = /^(https?):\/\/([^/?#]+)\/?$/i.exec(given.trim());
  if (url) return { protocol: url[1]!.toLowerCase() as GitTarget['protocol'], host: url[2]! };
  if (given.includes('/')) throw new UsageError('--host takes host[:port] as git writes it, e.g. bitbucket.example.com.');
  const host = given.trim().toLowerCase();
  const { accounts } = await ctx.core().store.read();
  const protocols = new Set(accounts.filter((a) => gitHost(a.baseUrl) === host).map((a) => gitProtocol(a.baseUrl)));
  return { protocol: protocols.size === 1 && protocols.has('http') ? 'http' : 'https', host };
}

export async function setupGit(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const host = stringOption(args, 'host');
  const all = flag(args, 'all');
  if ((host === undefined) === !all) throw new UsageError('latch setup-git needs --host HOST for one host, or --all for every host (not both).');
  const target = all ? 'all' : await targetFrom(ctx, host!);
  const git = ctx.git();
  const undo = flag(args, 'undo');
  const result: GitSetup = undo ? await git.undoFor(target) : await git.setupFor(target);
  if (flag(args, 'json')) {
    ctx.out(jsonLine(result));
    return 0;
  }
  if (undo) {
    ctx.out(`git no longer asks Latch for credentials on ${result.host}; Latch's lines were removed from your global git configuration.\n`);
    return 0;
  }
  ctx.out(`git now asks Latch for credentials on ${result.host}. These lines are in your global git configuration:\n`);
  ctx.out(result.lines.map((line) => `  ${line}\n`).join(''));
  ctx.out(`Undo with: latch setup-git ${all ? '--all' : `--host ${result.host}`} --undo\n`);
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
