// `latch setup-git` and the app's "Use with git on <host>": points git at Latch for one host only, the
// way `gh auth setup-git` does. In the global configuration (HOME / XDG_CONFIG_HOME / GIT_CONFIG_GLOBAL
// decide which file) it adds, for `credential.<protocol>://<host>`, after whatever is already there:
//   helper =            resets git's helper list at that point, so helpers listed earlier for that URL
//                       (or for every URL) are no longer asked; their lines stay in the file
//   helper = !<cmd>     then asks Latch
//   useHttpPath = true  so git says which repository it wants, and a project or repository token is
//                       offered only for its own repositories (other hosts are untouched)
// "Set up" means what git does with it: after the last reset git asks Latch's helper and no other (a
// helper after Latch's would be handed Latch's token after every success).
// Undo removes exactly those lines, so the helpers the person had answer again, and the section
// when nothing else is left in it.
import type { Account, GitSetup } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { gitHost, gitProtocol } from '../../../shared/url';
import type { GitSetupPort } from '../ports';
import { helperChain, onlyLatch, readHelperEntries } from './helper-chain';
import { defaultHelperCommand, isLatchHelper } from './helper-command';
import { runGit, runGitChecked, type GitRunOptions } from './run';
import type { GitTarget } from './target';

export type { GitTarget };

export interface GitSetupOptions extends GitRunOptions {
  /** What git runs to reach git-credential-latch; detected from this installation by default. */
  helperCommand?: string;
}

export interface GitSetupService extends GitSetupPort {
  statusFor(target: GitTarget | 'all'): Promise<GitSetup>;
  setupFor(target: GitTarget | 'all'): Promise<GitSetup>;
  undoFor(target: GitTarget | 'all'): Promise<GitSetup>;
}

/** What `setup-git --all` reports as its host. */
export const EVERY_HOST = 'every host';

export function targetOf(account: Pick<Account, 'baseUrl'>): GitTarget {
  return { protocol: gitProtocol(account.baseUrl), host: gitHost(account.baseUrl) };
}

/** host[:port]: letters, digits, dots, hyphens, an optional port, or a bracketed IPv6 address. */
const HOST_PATTERN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Refuses anything that is not a bare host[:port] (it ends up inside a config key) and lower-cases it,
 * as git's URL matching for configuration does.
 */
function checkTarget(target: GitTarget | 'all'): GitTarget | 'all' {
  if (target === 'all') return target;
  if (!HOST_PATTERN.test(target.host)) {
    throw new LatchError('validation', `"${target.host}" is not a host as git writes it; give host or host:port, for example bitbucket.example.com.`);
  }
  return { protocol: target.protocol, host: target.host.toLowerCase() };
}

function configKeys(target: GitTarget | 'all'): { section: string; helper: string; useHttpPath: string } {
  // Every host: git's own `[credential]` section, the way `credential.helper` is set for all of them.
  const section = target === 'all' ? 'credential' : `credential.${target.protocol}://${target.host}`;
  return { section, helper: `${section}.helper`, useHttpPath: `${section}.useHttpPath` };
}

/** Where Latch's own lines are among the helper values of the key, and what setup would add. */
export interface HelperPlan {
  /** Indexes (into the key's values) of Latch's helper lines and the reset line written just before each. */
  latchIndexes: number[];
  /** True when Latch's only lines are the last two: the reset and this installation's helper. */
  inPlace: boolean;
}

/** Pure: which of the key's values are Latch's. A reset line is Latch's only right before Latch's helper. */
export function planHelpers(values: readonly string[], command: string): HelperPlan {
  const latchIndexes: number[] = [];
  values.forEach((value, i) => {
    if (!isLatchHelper(value)) return;
    if (i > 0 && values[i - 1] === '') latchIndexes.push(i - 1);
    latchIndexes.push(i);
  });
  const n = values.length;
  // Only one pair, and last: a duplicate left earlier in the list still gets cleaned up.
  const inPlace = latchIndexes.length === 2 && latchIndexes[0] === n - 2 && values[n - 1] === `!${command}`;
  return { latchIndexes, inPlace };
}

/**
 * An AppImage runs from a folder mounted afresh, under another name, at each start: a helper line
 * pointing into it would stop working as soon as Latch closes.
 */
function refuseTemporaryInstall(command: string, env: NodeJS.ProcessEnv): void {
  const mount = env.APPIMAGE ? env.APPDIR : undefined;
  if (mount && command.includes(mount)) {
    throw new LatchError(
      'unsupported',
      'Latch runs from an AppImage, which opens from a different temporary folder each time, so git could not find Latch after it closes. Install the .deb package, then set git up from it.',
    );
  }
}

export function createGitSetup(options: GitSetupOptions = {}): GitSetupService {
  const command = options.helperCommand ?? defaultHelperCommand();
  const git = (args: string[]) => runGit(['config', '--global', ...args], options);
  const change = (args: string[]) => runGitChecked(['config', '--global', ...args], options);

  /** A key's values in the global file, in order. */
  const valuesOf = async (key: string): Promise<string[]> => {
    const result = await git(['--null', '--get-all', key]);
    // Exit 1: no such key. Anything else worse is reported by the writes.
    if (result.code !== 0) return [];
    return result.stdout.split('\0').slice(0, -1);
  };

  /**
   * Removes the values at `indexes` and nothing else. git removes lines by value, not position, so
   * when a value to remove also appears where it must stay (the person's own reset line, say), the
   * key's remaining values are written back in their order instead.
   */
  const removeAt = async (key: string, values: readonly string[], indexes: readonly number[]) => {
    if (indexes.length === 0) return;
    const drop = new Set(indexes);
    const dropped = new Set(indexes.map((i) => values[i]!));
    const byValue = [...dropped].every((value) => values.every((v, i) => v !== value || drop.has(i)));
    if (byValue) {
      for (const value of dropped) await change(['--fixed-value', '--unset-all', key, value]);
      return;
    }
    await change(['--unset-all', key]);
    try {
      for (const [i, value] of values.entries()) if (!drop.has(i)) await change(['--add', key, value]);
    } catch (error) {
      // A write failed halfway (another git holding the file's lock, say): put back every line the
      // person had, Latch's included, rather than leave them with some of theirs missing.
      await git(['--unset-all', key]);
      for (const value of values) await git(['--add', key, value]);
      throw error;
    }
  };

  /** git's helper list for the target as the global file alone makes it: the one setup writes and undoes. */
  const globalChain = async (target: GitTarget) => helperChain(await readHelperEntries({ ...options, scope: 'global' }), target);
  /** For one host, git's chain for it; for every host, Latch's lines last in `[credential]`. */
  const isConfigured = async (target: GitTarget | 'all', helpers: readonly string[]) =>
    target === 'all' ? planHelpers(helpers, command).inPlace : onlyLatch(await globalChain(target));
  const hostOf = (target: GitTarget | 'all') => (target === 'all' ? EVERY_HOST : target.host);

  /** The lines setup would add now, as `git config --list` shows them. */
  const linesToAdd = (target: GitTarget | 'all', helpers: readonly string[], useHttpPath: readonly string[]): string[] => {
    const keys = configKeys(target);
    const plan = planHelpers(helpers, command);
    const lines = plan.inPlace ? [] : [`${keys.helper}=`, `${keys.helper}=!${command}`];
    if (needsUseHttpPath(plan, useHttpPath)) lines.push(`${keys.useHttpPath}=true`);
    return lines;
  };

  const statusFor = async (given: GitTarget | 'all'): Promise<GitSetup> => {
    const target = checkTarget(given);
    const keys = configKeys(target);
    const helpers = await valuesOf(keys.helper);
    const useHttpPath = await valuesOf(keys.useHttpPath);
    const configured = await isConfigured(target, helpers);
    if (!configured) {
      const lines = linesToAdd(target, helpers, useHttpPath);
      return { host: hostOf(target), configured: false, lines: lines.length > 0 ? lines : linesFor(target, command) };
    }
    // Latch's own lines only: Undo removes exactly these.
    const lines = planHelpers(helpers, command).latchIndexes.map((i) => `${keys.helper}=${helpers[i]!}`);
    if (useHttpPath.at(-1) === 'true') lines.push(`${keys.useHttpPath}=true`);
    return { host: hostOf(target), configured: true, lines };
  };

  const setupFor = async (given: GitTarget | 'all'): Promise<GitSetup> => {
    const target = checkTarget(given);
    refuseTemporaryInstall(command, options.env ?? process.env);
    const keys = configKeys(target);
    const helpers = await valuesOf(keys.helper);
    const useHttpPath = await valuesOf(keys.useHttpPath);
    const plan = planHelpers(helpers, command);
    if (!plan.inPlace) {
      // Latch's lines go last, once: any earlier ones (another installation's command, or lines a
      // helper was added after) are taken out first.
      await removeAt(keys.helper, helpers, plan.latchIndexes);
      await change(['--add', keys.helper, '']);
      await change(['--add', keys.helper, `!${command}`]);
    }
    if (needsUseHttpPath(plan, useHttpPath)) await change(['--add', keys.useHttpPath, 'true']);
    return statusFor(target);
  };

  const undoFor = async (given: GitTarget | 'all'): Promise<GitSetup> => {
    const target = checkTarget(given);
    const keys = configKeys(target);
    const helpers = await valuesOf(keys.helper);
    const plan = planHelpers(helpers, command);
    // Only Latch's own setup is undone; a helper someone else configured for this host stays.
    if (plan.latchIndexes.length === 0) return statusFor(target);
    await removeAt(keys.helper, helpers, plan.latchIndexes);
    // Setup adds `useHttpPath = true` last; a value the person had before it stays.
    const useHttpPath = await valuesOf(keys.useHttpPath);
    if (useHttpPath.at(-1) === 'true') await removeAt(keys.useHttpPath, useHttpPath, [useHttpPath.length - 1]);
    // Leave no empty `[credential "…"]` header behind, but never drop a section that still holds
    // something else (a username, say).
    // `[credential]` alone: its keys have no dot after the section name, a `credential.<url>` one's do.
    const rest = await git(['--get-regexp', target === 'all' ? '^credential\\.[^.]*$' : `^${escapeRegExp(keys.section)}\\.`]);
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

/** The lines as `git config --list` shows them, for a host with nothing of Latch's yet. */
function linesFor(target: GitTarget | 'all', command: string): string[] {
  const keys = configKeys(target);
  return [`${keys.helper}=`, `${keys.helper}=!${command}`, `${keys.useHttpPath}=true`];
}

/**
 * A first setup always adds its own `useHttpPath = true` (so Undo can take it out again without
 * touching one the person set); a repeated one only when the last value git reads is not true.
 */
function needsUseHttpPath(plan: HelperPlan, useHttpPath: readonly string[]): boolean {
  return plan.latchIndexes.length === 0 || useHttpPath.at(-1) !== 'true';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
