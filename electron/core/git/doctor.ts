// `latch doctor`: what stands between a stored token and git, each finding with its fix. It reads
// the configuration git will actually use (and runs nothing that could prompt): the keychain, the
// git version, the helpers git asks for each configured host and in what order, plaintext copies in
// git-credential-store files, and whether the configured Latch helper still starts.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { Account } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import type { GitCredential, Keychain, StoredToken } from '../vault/types';
import { credentialStoreFiles } from '../leaks/git-credentials-file';
import { helperStoreFile } from '../leaks/store-helper-file';
import { helperChain, latchAskedFirst, readHelperEntries, type ChainLink, type ConfigEntry } from './helper-chain';
import { defaultHelperCommand, isLatchHelper, latchHelperInvocation, quotedPaths, type HelperInvocation } from './helper-command';
import { runGit, type GitRunOptions } from './run';
import { answeredTargets, latchAnswersFor, targetName, type AnswerSources } from './answers';
import type { GitTarget } from './setup';
import { gitTokenFindings } from './git-token-finding';

export type FindingStatus = 'ok' | 'warning' | 'problem';

export interface Finding {
  check: 'keychain' | 'git-version' | 'git-helpers' | 'helper-command' | 'plaintext-credentials' | 'accounts' | 'git-token';
  status: FindingStatus;
  /** The host a finding is about, as git writes it. */
  host?: string;
  /** The protocol of that host's credential section: git keeps http:// and https:// apart. */
  protocol?: GitTarget['protocol'];
  message: string;
  fix: string | null;
  /** e.g. the helpers in the order git asks them. */
  details?: string[];
}

export interface DoctorDeps extends GitRunOptions {
  keychain: Keychain;
  accounts: readonly Account[];
  storedTokens: readonly StoredToken[];
  /** What git saved in Latch for hosts without an account: git should ask Latch there too. */
  gitCredentials?: readonly GitCredential[];
  /** What this installation of Latch writes for git (setup.ts); detected by default. */
  helperCommand?: string;
}

/** The configuration a person writes themselves; a repository's (local, worktree) may come from anyone. */
const TRUSTED_SCOPES = new Set(['global', 'system']);

/** The first git that can send a Bearer token through a credential helper (`authtype`). */
const BEARER_GIT = [2, 46] as const;

export async function runDoctor(deps: DoctorDeps): Promise<Finding[]> {
  const findings: Finding[] = [await checkKeychain(deps.keychain)];
  const version = await gitVersion(deps);
  findings.push(versionFinding(version, deps.storedTokens));
  if (version === null) return findings;

  const entries = await readHelperEntries(deps);
  const targets = hostsToCheck(deps, entries);
  if (targets.length === 0) {
    findings.push({
      check: 'accounts',
      status: 'ok',
      message: 'No account and no host set up for git yet, so there is nothing more to check.',
      fix: null,
    });
  }
  const env = deps.env ?? process.env;
  const commandsChecked = new Map<string, boolean>();
  for (const target of targets) {
    const chain = helperChain(entries, target);
    findings.push(chainFinding(target, chain, deps));
    for (const link of chain.filter((l) => isLatchHelper(l.value))) {
      if (commandsChecked.has(link.value)) continue;
      // Only Latch's own command, from the person's own configuration, is ever run: a repository's
      // configuration is whoever made the repository, and a value that merely mentions
      // git-credential-latch could run anything.
      const invocation = TRUSTED_SCOPES.has(link.scope) ? latchHelperInvocation(link.value) : null;
      if (invocation === null) {
        commandsChecked.set(link.value, false);
        findings.push({
          check: 'helper-command',
          status: 'warning',
          host: target.host,
          message: `A helper for ${target.host} in ${describeOrigin(link)} mentions git-credential-latch but is not the command Latch writes there, so Latch did not run it to check it.`,
          fix: `If you did not write it, remove it; then run: latch setup-git --host ${target.host}`,
        });
        continue;
      }
      const works = await helperStarts(invocation, env);
      commandsChecked.set(link.value, works);
      const finding = installFinding(target, link, works, deps.helperCommand ?? defaultHelperCommand());
      if (finding) findings.push(finding);
    }
    findings.push(...plaintextFindings(target, chain, env));
  }
  findings.push(...gitTokenFindings(deps.accounts, deps.storedTokens, Date.now()));
  return findings;
}

async function checkKeychain(keychain: Keychain): Promise<Finding> {
  // A write, not just a read: a locked keyring can still answer "no such entry" to a lookup.
  const key = `doctor:probe:${process.pid}`;
  try {
    const value = `probe-${Date.now()}`;
    await keychain.set(key, value);
    const back = await keychain.get(key);
    await keychain.delete(key);
    if (back !== value) throw new LatchError('keychain', 'The keychain did not give back what Latch stored in it.');
    return { check: 'keychain', status: 'ok', message: 'The keychain is reachable and unlocked.', fix: null };
  } catch (error) {
    const fix = error instanceof LatchError ? error.message : 'Check that your keychain is running and unlocked, then try again.';
    return { check: 'keychain', status: 'problem', message: 'Latch cannot use the keychain, so git gets no tokens from it.', fix };
  }
}

interface GitVersion {
  text: string;
  major: number;
  minor: number;
}

async function gitVersion(options: GitRunOptions): Promise<GitVersion | null> {
  try {
    const result = await runGit(['--version'], options);
    const match = /git version (\d+)\.(\d+)[^\s]*/.exec(result.stdout);
    if (!match) return null;
    return { text: match[0].slice('git version '.length), major: Number(match[1]), minor: Number(match[2]) };
  } catch {
    return null;
  }
}

function supportsBearer(version: Pick<GitVersion, 'major' | 'minor'>): boolean {
  return version.major > BEARER_GIT[0] || (version.major === BEARER_GIT[0] && version.minor >= BEARER_GIT[1]);
}

function versionFinding(version: GitVersion | null, tokens: readonly StoredToken[]): Finding {
  if (version === null) {
    return { check: 'git-version', status: 'problem', message: 'git is not installed, or not on the PATH.', fix: 'Install git, then run latch doctor again.' };
  }
  if (supportsBearer(version)) {
    return {
      check: 'git-version',
      status: 'ok',
      message: `git ${version.text} can use personal tokens, and project and repository tokens as Bearer tokens.`,
      fix: null,
    };
  }
  const bearerOnly = tokens.filter((t) => t.gitUsername === null);
  return {
    check: 'git-version',
    status: bearerOnly.length > 0 ? 'warning' : 'ok',
    message:
      `git ${version.text} can use personal tokens, but not project or repository tokens: those are Bearer-only and need git ${BEARER_GIT.join('.')} or later.` +
      (bearerOnly.length > 0 ? ` Latch holds ${bearerOnly.length} such token${bearerOnly.length === 1 ? '' : 's'} that git will not get.` : ''),
    fix: bearerOnly.length > 0 ? `Update git to ${BEARER_GIT.join('.')} or later, or use a personal token with git on this machine.` : null,
  };
}

/** Each host Latch answers for, plus any host whose global configuration already names Latch. */
function hostsToCheck(sources: AnswerSources, entries: readonly ConfigEntry[]): GitTarget[] {
  const targets = new Map<string, GitTarget>();
  for (const target of answeredTargets(sources)) targets.set(targetName(target), target);
  for (const entry of entries) {
    const match = /^credential\.(https?):\/\/([^/@]+)\.helper$/i.exec(entry.key);
    if (match && isLatchHelper(entry.value)) {
      const target: GitTarget = { protocol: match[1]!.toLowerCase() as GitTarget['protocol'], host: match[2]!.toLowerCase() };
      targets.set(`${target.protocol}://${target.host}`, target);
    }
  }
  return [...targets.values()];
}

function describeOrigin(link: Pick<ChainLink, 'scope' | 'origin'>): string {
  const where = link.origin.startsWith('file:') ? link.origin.slice('file:'.length) : link.origin;
  return `${where} (${link.scope})`;
}

/**
 * A helper as configured, for the report. Some people write the secret into an inline shell helper
 * (`!f() { echo password=…; }; f`), so whatever follows `password=` or `credential=` is not shown.
 */
function shownHelper(value: string): string {
  return value.replace(/\b(password|credential)=[^\s;'"`)]*/gi, '$1=…');
}

function describeHelper(link: ChainLink): string {
  return isLatchHelper(link.value) ? `Latch — ${describeOrigin(link)}` : `${shownHelper(link.value)} — ${describeOrigin(link)}`;
}

function chainFinding(target: GitTarget, chain: ChainLink[], sources: AnswerSources): Finding {
  const host = targetName(target);
  const at = { host: target.host, protocol: target.protocol };
  const saved = sources.gitCredentials ?? [];
  const details = chain.map(describeHelper);
  const latchAt = chain.findIndex((link) => isLatchHelper(link.value));
  const setupFix = `Run: latch setup-git --host ${host}`;
  if (latchAt === -1) {
    const hasAccount = latchAnswersFor(target, sources);
    return {
      check: 'git-helpers',
      status: 'warning',
      ...at,
      message:
        `git does not ask Latch for credentials on ${host}` +
        (chain.length > 0 ? `; it asks ${chain.map((l) => shownHelper(l.value)).join(', then ')}.` : '.') +
        (keptFor(saved, target) > 0
          ? ` Latch keeps ${keptFor(saved, target) === 1 ? 'a git credential' : `${keptFor(saved, target)} git credentials`} for it, which git does not get.`
          : hasAccount
            ? ''
            : ' (Latch has no account there either.)'),
      fix: setupFix,
      details,
    };
  }
  // Latch's token wins only when Latch is the first helper after the last reset; "set up" (onlyLatch) also wants none after it.
  if (!latchAskedFirst(chain)) {
    const before = chain.slice(0, latchAt);
    return {
      check: 'git-helpers',
      status: 'problem',
      ...at,
      message: `git asks ${before.map((l) => shownHelper(l.value)).join(', ')} before Latch on ${host}, so ${before.length === 1 ? 'its' : 'their'} answer wins over Latch's token.`,
      fix: `${setupFix}  (it resets the helper list for that host), or remove ${before.length === 1 ? 'that line' : 'those lines'} from ${describeOrigin(before[0]!)}.`,
      details,
    };
  }
  const after = chain.slice(latchAt + 1).filter((l) => !isLatchHelper(l.value));
  if (after.length > 0) {
    return {
      check: 'git-helpers',
      status: 'warning',
      ...at,
      message:
        `After each successful use, git also hands Latch's token to ${after.map((l) => shownHelper(l.value)).join(', ')} on ${host}, ` +
        'which may keep its own copy (credential-store writes it to a plain file).',
      fix:
        `Remove ${after.length === 1 ? 'that helper' : 'those helpers'} from ${describeOrigin(after[0]!)}, or put Latch's lines after ${after.length === 1 ? 'it' : 'them'}: ` +
        `latch setup-git --host ${host} --undo, then latch setup-git --host ${host}.`,
      details,
    };
  }
  if (!latchAnswersFor(target, sources)) {
    const known = answeredTargets(sources).map(targetName);
    return {
      check: 'git-helpers',
      status: 'problem',
      ...at,
      message:
        `git asks only Latch for credentials on ${host}, but Latch has no account there, so git gets nothing and asks you instead.` +
        (known.length > 0 ? ` Latch answers for ${known.join(', ')}.` : ''),
      fix: `Add an account for ${host} (latch account add --help), or give git back its own helper: latch setup-git --host ${host} --undo`,
      details,
    };
  }
  return { check: 'git-helpers', status: 'ok', ...at, message: `git asks Latch, and only Latch, for credentials on ${host}.`, fix: null, details };
}

/** How many git credentials Latch keeps for exactly that protocol and host. */
function keptFor(saved: readonly Pick<GitCredential, 'protocol' | 'host'>[], target: GitTarget): number {
  return saved.filter((c) => c.protocol === target.protocol && c.host === target.host).length;
}

/**
 * A Latch helper line that is not this installation's: one that no longer starts (an install moved or
 * removed, a checkout deleted), or another copy of Latch that answers git instead of this one.
 */
function installFinding(target: GitTarget, link: ChainLink, works: boolean, current: string): Finding | null {
  const fix = `Run: latch setup-git --host ${targetName(target)}  (it points git at this installation of Latch: ${current}).`;
  if (!works) {
    const gone = quotedPaths(link.value).filter((path) => !existsSync(path));
    return {
      check: 'helper-command',
      status: 'problem',
      host: target.host,
      protocol: target.protocol,
      message:
        gone.length > 0
          ? `The Latch helper git runs for ${targetName(target)} points at ${gone.join(' and ')}, which is no longer there: Latch was moved, updated to another place or removed (configured in ${describeOrigin(link)}).`
          : `The Latch helper git runs for ${targetName(target)} does not start (configured in ${describeOrigin(link)}).`,
      fix,
      details: [link.value],
    };
  }
  if (link.value === `!${current}`) return null;
  return {
    check: 'helper-command',
    status: 'warning',
    host: target.host,
    protocol: target.protocol,
    message: `git runs another installation of Latch for ${targetName(target)}, not this one (configured in ${describeOrigin(link)}).`,
    fix,
    details: [link.value],
  };
}

/** Does Latch's command answer `capability` the way git-credential-latch does? Started without a shell. */
function helperStarts(invocation: HelperInvocation, env: NodeJS.ProcessEnv): Promise<boolean> {
  if (process.platform === 'win32') return Promise.resolve(true); // sh is git's own there; not checked
  return new Promise((resolve) => {
    execFile(invocation.program, [...invocation.args, 'capability'], { env: { ...env, ...invocation.env }, timeout: 15_000, encoding: 'utf8' }, (error, stdout) => {
      resolve(!error && stdout.startsWith('version 0'));
    });
  });
}

/** git-credential-store files that hold a line for the host: the default two, and any `--file` a helper names. */
function plaintextFindings(target: GitTarget, chain: ChainLink[], env: NodeJS.ProcessEnv): Finding[] {
  const home = env.HOME || homedir();
  const files = new Set(credentialStoreFiles(env));
  for (const link of chain) {
    // Read the way git's shell reads it, as the leak response does.
    const named = helperStoreFile(link.value, home);
    if (named.kind === 'file') files.add(named.path);
  }
  const findings: Finding[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const lines = text.split('\n');
    const hits = lines.map((line, i) => (storeLineMatches(line, target) ? i + 1 : 0)).filter((n) => n > 0);
    if (hits.length === 0) continue;
    // Never the line itself: it holds a password in plain text.
    findings.push({
      check: 'plaintext-credentials',
      status: 'problem',
      host: target.host,
      protocol: target.protocol,
      message: `${file} holds a password in plain text for ${targetName(target)} (line${hits.length === 1 ? '' : 's'} ${hits.join(', ')}).`,
      fix:
        `Run: latch import --yes  (it moves ${hits.length === 1 ? 'it' : 'them'} into the keychain and removes ${hits.length === 1 ? 'that line' : 'those lines'}), ` +
        `or delete ${hits.length === 1 ? 'that line' : 'those lines'} from ${file} yourself.`,
    });
  }
  return findings;
}

function storeLineMatches(line: string, target: GitTarget): boolean {
  const text = line.trim();
  if (text === '') return false;
  try {
    const url = new URL(text);
    return url.protocol === `${target.protocol}:` && url.host === target.host;
  } catch {
    return false;
  }
}
