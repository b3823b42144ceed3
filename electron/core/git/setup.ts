// `latch setup-git` and the app's "Use with git on <host>": points git at Latch for one host only, the
// way `gh auth setup-git` does. In the global configuration (HOME / XDG_CONFIG_HOME / GIT_CONFIG_GLOBAL
// decide which file) it writes, for `credential.<protocol>://<host>`:
//   helper =            resets the helper list for that URL, so no other helper answers (or keeps) it
//   helper = !<cmd>     then asks Latch
//   useHttpPath = true  so git says which repository it wants, and a project or repository token is
//                       offered only for its own repositories (other hosts are untouched)
// Undo removes exactly those entries, and the section when nothing else is left in it.
import type { Account } from '../../../shared/domain';
import type { GitSetup } from '../../../shared/ipc';
import { LatchError } from '../../../shared/result';
import { gitHost, gitProtocol } from '../../../shared/url';
import type { GitSetupPort } from '../ports';
import { defaultHelperCommand, isLatchHelper } from './helper-command';
import { runGit, runGitChecked, type GitRunOptions } from './run';

export interface GitTarget {
  protocol: 'http' | 'https';
  /** host[:port] as git writes it. */
  host: string;
}

export interface GitSetupOptions extends GitRunOptions {
  /** What git runs to reach git-credential-latch; detected from this installation by default. */
  helperCommand?: string;
}

export interface GitSetupService extends GitSetupPort {
  statusFor(target: GitTarget): Promise<GitSetup>;
  setupFor(target: GitTarget): Promise<GitSetup>;
  undoFor(target: GitTarget): Promise<GitSetup>;
}

export function targetOf(account: Pick<Account, 'baseUrl'>): GitTarget {
  return { protocol: gitProtocol(account.baseUrl), host: gitHost(account.baseUrl) };
}

/** host[:port]: letters, digits, dots, hyphens, an optional port, or a bracketed IPv6 address. */
const HOST_PATTERN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Refuses anything that is not a bare host[:port] (it ends up inside a config key) and lower-cases it,
 * as git's URL matching for configuration does.
 */
function checkTarget(target: GitTarget): GitTarget {
  if (!HOST_PATTERN.test(target.host)) {
    throw new LatchError('validation', `"${target.host}" is not a host as git writes it; give host or host:port, for example bitbucket.example.com.`);
  }
  return { protocol: target.protocol, host: target.host.toLowerCase() };
}

function configKeys(target: GitTarget): { section: string; helper: string; useHttpPath: string } {
  const section = `credential.${target.protocol}://${target.host}`;
  return { section, helper: `${section}.helper`, useHttpPath: `${section}.useHttpPath` };
}

/** The lines as `git config --list` shows them. */
function linesFor(target: GitTarget, command: string): string[] {
  const keys = configKeys(target);
  return [`${keys.helper}=`, `${keys.helper}=!${command}`, `${keys.useHttpPath}=true`];
}

export function createGitSetup(options: GitSetupOptions = {}): GitSetupService {
  const command = options.helperCommand ?? defaultHelperCommand();
  const git = (args: string[]) => runGit(['config', '--global', ...args], options);
  const change = (args: string[]) => runGitChecked(['config', '--global', ...args], options);

  /** The helper values git holds for this URL in the global file, in order. */
  const helperValues = async (target: GitTarget): Promise<string[]> => {
    const result = await git(['--null', '--get-all', configKeys(target).helper]);
    // Exit 1: no such key. Anything else worse is reported by the writes.
    if (result.code !== 0) return [];
    return result.stdout.split('\0').slice(0, -1);
  };

  const statusFor = async (given: GitTarget): Promise<GitSetup> => {
    const target = checkTarget(given);
    const values = await helperValues(target);
    const keys = configKeys(target);
    const configured = values.length >= 2 && values[0] === '' && values.slice(1).every(isLatchHelper);
    if (!configured) return { host: target.host, configured: false, lines: linesFor(target, command) };
    const useHttpPath = await git(['--get', keys.useHttpPath]);
    const lines = values.map((value) => `${keys.helper}=${value}`);
    if (useHttpPath.code === 0) lines.push(`${keys.useHttpPath}=${useHttpPath.stdout.trim()}`);
    return { host: target.host, configured: true, lines };
  };

  const setupFor = async (given: GitTarget): Promise<GitSetup> => {
    const target = checkTarget(given);
    const keys = configKeys(target);
    await change(['--replace-all', keys.helper, '']);
    await change(['--add', keys.helper, `!${command}`]);
    await change(['--replace-all', keys.useHttpPath, 'true']);
    return statusFor(target);
  };

  const undoFor = async (given: GitTarget): Promise<GitSetup> => {
    const target = checkTarget(given);
    const keys = configKeys(target);
    // Only Latch's own setup is undone; a helper someone else configured for this host stays.
    const values = await helperValues(target);
    if (!values.some(isLatchHelper)) return statusFor(target);
    // Latch's helper and the reset line written before it, by value: a helper added for this host
    // since then is someone else's and stays.
    await change(['--unset-all', keys.helper, 'git-credential-latch']);
    await git(['--unset-all', keys.helper, '^$']);
    const useHttpPath = await git(['--get', keys.useHttpPath]);
    if (useHttpPath.code === 0 && useHttpPath.stdout.trim() === 'true') await change(['--unset-all', keys.useHttpPath]);
    // Leave no empty `[credential "…"]` header behind, but never drop a section that still holds
    // something else (a username, say).
    const rest = await git(['--get-regexp', `^${escapeRegExp(keys.section)}\\.`]);
    if (rest.code === 1) await git(['--remove-section', keys.section]);
    return statusFor(target);
  };

  return {
    statusFor,
    setupFor,
    undoFor,
    status: (account) => statusFor(targetOf(account)),
    setup: (account) => setupFor(targetOf(account)),
    undo: (account) => undoFor(targetOf(account)),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
