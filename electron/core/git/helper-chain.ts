// Which credential helpers git will ask for a URL, in order. git applies every `credential.helper` and
// every `credential.<url>.helper` whose URL matches, in the order the configuration lists them (system,
// global, then the repository's), and an empty value empties the list so far (credential.c uses
// `select_all` for these, unlike `git config --get-urlmatch`, which shows only the best match).
import { isLatchHelper } from './helper-command';
import { runGit, type GitRunOptions } from './run';
import type { GitTarget } from './target';

export interface ConfigEntry {
  /** system, global, local, worktree or command. */
  scope: string;
  /** e.g. `file:/home/alice/.gitconfig`. */
  origin: string;
  key: string;
  value: string;
}

export interface ChainLink {
  value: string;
  scope: string;
  origin: string;
}

/** Parses `git config --null --show-scope --show-origin --get-regexp …`. */
function parseConfigEntries(output: string): ConfigEntry[] {
  const fields = output.split('\0');
  const entries: ConfigEntry[] = [];
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const scope = fields[i]!;
    const origin = fields[i + 1]!;
    const keyValue = fields[i + 2]!;
    const newline = keyValue.indexOf('\n');
    // A key with no `=` at all (a bare boolean) has no newline; as a helper it means nothing.
    const key = newline === -1 ? keyValue : keyValue.slice(0, newline);
    const value = newline === -1 ? '' : keyValue.slice(newline + 1);
    entries.push({ scope, origin, key, value });
  }
  return entries;
}

const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443' };

interface Pattern {
  protocol: string | null;
  user: string | null;
  host: string;
  port: string | null;
  path: string;
}

function parsePattern(url: string): Pattern | null {
  const full = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^@/]*)@)?(\[[^\]]*\]|[^/:]*)(?::(\d*))?(\/.*)?$/.exec(url);
  if (full) {
    return { protocol: full[1]!.toLowerCase(), user: full[2] ?? null, host: full[3]!.toLowerCase(), port: full[4] || null, path: full[5] ?? '' };
  }
  // git also accepts a bare host (credential.example.com.helper) and matches it on the host alone.
  const bare = /^(\[[^\]]*\]|[^/:@]+)(?::(\d+))?$/.exec(url);
  return bare ? { protocol: null, user: null, host: bare[1]!.toLowerCase(), port: bare[2] ?? null, path: '' } : null;
}

function hostMatches(pattern: string, host: string): boolean {
  const want = pattern.split('.');
  const have = host.split('.');
  if (want.length !== have.length) return false;
  // `*` stands for one whole label, as in git's urlmatch.
  return want.every((label, i) => label === '*' || label === have[i]);
}

/** Does `credential.<subsection>` apply to `protocol://host/` with no username in the URL? */
export function urlMatches(subsection: string, target: GitTarget): boolean {
  const pattern = parsePattern(subsection);
  if (!pattern) return false;
  const [hostName, port = DEFAULT_PORT[target.protocol]] = splitHostPort(target.host.toLowerCase());
  if (pattern.protocol !== null && pattern.protocol !== target.protocol) return false;
  // A pattern that names a user applies only to URLs that name that user.
  if (pattern.user !== null) return false;
  if (!hostMatches(pattern.host, hostName)) return false;
  if (pattern.protocol === null && pattern.port === null) return true;
  const wantPort = pattern.port ?? (pattern.protocol ? DEFAULT_PORT[pattern.protocol] : undefined);
  if (wantPort !== port) return false;
  // A path in the pattern only matches URLs under that path; the host-wide question has none.
  return pattern.path === '' || pattern.path === '/';
}

function splitHostPort(host: string): [string, string?] {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host);
  return match ? [match[1]!, match[2]] : [host];
}

/** The helpers git consults for the target, first to last. */
export function helperChain(entries: readonly ConfigEntry[], target: GitTarget): ChainLink[] {
  let chain: ChainLink[] = [];
  for (const entry of entries) {
    const key = entry.key;
    if (!key.toLowerCase().startsWith('credential.') || !key.toLowerCase().endsWith('.helper')) continue;
    const subsection = key.slice('credential.'.length, -'.helper'.length);
    if (subsection !== '' && !urlMatches(subsection, target)) continue;
    if (entry.value === '') chain = [];
    else chain.push({ value: entry.value, scope: entry.scope, origin: entry.origin });
  }
  return chain;
}

/**
 * The first helper git asks, after the last reset, is Latch's: Latch's token wins. Helpers listed
 * after it are asked only when Latch has no answer, yet git hands every one of them the credential
 * after each success (`store`), so see `onlyLatch` for "set up".
 */
export function latchAskedFirst(chain: readonly ChainLink[]): boolean {
  const first = chain[0];
  return first !== undefined && isLatchHelper(first.value);
}

/** What "set up for git" means everywhere in Latch: after the last reset git asks Latch, and no one else. */
export function onlyLatch(chain: readonly ChainLink[]): boolean {
  return chain.length > 0 && chain.every((link) => isLatchHelper(link.value));
}

export interface ReadEntriesOptions extends GitRunOptions {
  /** Only the global file; by default every file git would read here. */
  scope?: 'global';
}

/** Every credential helper entry git would read here (cwd decides whether a repository's config counts). */
export async function readHelperEntries(options: ReadEntriesOptions = {}): Promise<ConfigEntry[]> {
  const only = options.scope === 'global' ? ['--global'] : [];
  const result = await runGit(['config', ...only, '--null', '--show-scope', '--show-origin', '--get-regexp', '^credential\\..*helper$'], options);
  return result.code === 0 ? parseConfigEntries(result.stdout) : [];
}
