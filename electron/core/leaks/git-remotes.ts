// Remote URLs in a repository's own git configuration (`remote.<name>.url` and `.pushurl`) can carry a
// token in either user-info field: `git clone https://TOKEN@host/…` writes it there in plain text.
// Searched in the repositories Latch is told about and the one it runs in; a hit's URL is rewritten by
// git itself without the secret (the user name stays where the secret was the password).
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { LeakFileCleanup } from '../../../shared/leaks';
import { LatchError } from '../../../shared/result';
import { runGit, type GitRunOptions } from '../git/run';
import { secretInUrl } from './git-credentials-file';

export interface RemoteHit {
  /** The configuration file git read it from. */
  file: string;
  key: string;
  url: string;
  target: string;
  without: string;
}

const REMOTE_URL = '^remote\\..*\\.(push)?url$';

/** The top of the repository `dir` is in, or null when it is in none (or git is missing). */
export async function repositoryOf(dir: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  try {
    const top = await runGit(['rev-parse', '--show-toplevel'], { cwd: dir, env });
    return top.code === 0 && top.stdout.trim() !== '' ? top.stdout.trim() : null;
  } catch {
    return null;
  }
}

/** The remote URLs of `repo`'s own configuration that carry the secret. */
export async function findSecretInRemotes(repo: string, secret: string, env: NodeJS.ProcessEnv): Promise<RemoteHit[]> {
  const options: GitRunOptions = { cwd: repo, env };
  const listed = await runGit(['config', '--local', '--show-origin', '--get-regexp', REMOTE_URL], options).catch(() => null);
  if (listed === null) throw new LatchError('internal', `Latch could not read the git settings of ${repo}.`);
  // 1: no such key. Anything else but 0: not a repository, or a broken configuration.
  if (listed.code === 1) return [];
  if (listed.code !== 0) throw new LatchError('not-found', `${repo} is not a git repository Latch can read, so its remote URLs were not searched.`);
  const hits: RemoteHit[] = [];
  for (const line of listed.stdout.split('\n')) {
    const tab = line.indexOf('\t');
    if (!line.startsWith('file:') || tab < 0) continue;
    const origin = line.slice('file:'.length, tab);
    const rest = line.slice(tab + 1);
    const space = rest.indexOf(' ');
    if (space < 0) continue;
    const key = rest.slice(0, space);
    const url = rest.slice(space + 1);
    const found = secretInUrl(url, secret);
    if (found) hits.push({ file: isAbsolute(origin) ? origin : join(repo, origin), key, url, target: found.target, without: found.without });
  }
  return hits;
}

/** Rewrites each hit's URL without the secret, through git; the lines as they were, for the report. */
export async function removeSecretFromRemotes(repo: string, secret: string, env: NodeJS.ProcessEnv): Promise<LeakFileCleanup[]> {
  const hits = await findSecretInRemotes(repo, secret, env);
  const byFile = new Map<string, LeakFileCleanup>();
  for (const hit of hits) {
    const text = await readFile(hit.file, 'utf8').catch(() => '');
    const lines = text
      .split('\n')
      .map((line, index) => (line.includes(hit.url) ? index + 1 : 0))
      .filter((line) => line > 0);
    const changed = await runGit(['config', '--file', hit.file, '--fixed-value', '--replace-all', hit.key, hit.without, hit.url], { cwd: repo, env });
    if (changed.code !== 0) throw new LatchError('internal', `Latch could not change the remote URL ${hit.key} in ${hit.file}; remove the token from it by hand.`);
    const cleanup = byFile.get(hit.file) ?? { file: hit.file, lines: [], hosts: [] };
    for (const line of lines) if (!cleanup.lines.includes(line)) cleanup.lines.push(line);
    if (!cleanup.hosts.includes(hit.target)) cleanup.hosts.push(hit.target);
    byFile.set(hit.file, cleanup);
  }
  return [...byFile.values()].map((cleanup) => ({ ...cleanup, lines: cleanup.lines.sort((a, b) => a - b) }));
}
