// Passwords written into a repository's remote URLs (`https://alice:secret@host/repo.git` in
// `remote.NAME.url` or `remote.NAME.pushurl`): git sends them with every fetch and push, and they sit
// in `.git/config` in plain text. Read and changed only through git itself (`git config --local`),
// which takes the config file's own lock; the password goes and the username stays.
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LatchError } from '../../../shared/result';
import { parseCredentialUrl, type StoreLine } from '../leaks/git-credentials-file';
import { runGit, type GitRunOptions } from '../git/run';

export interface RemoteUrl {
  repo: string;
  /** `remote.NAME.url` or `remote.NAME.pushurl`, as git names the key. */
  key: string;
  url: string;
  entry: StoreLine;
}

const REMOTE_KEY = /^remote\..+\.(?:url|pushurl)$/;

/** Is `dir` the top of a git repository (a `.git` folder or file in it)? */
async function isRepository(dir: string): Promise<boolean> {
  try {
    await stat(join(dir, '.git'));
    return true;
  } catch {
    return false;
  }
}

/**
 * The repositories to look in: each folder that is one, and for a folder that is not, the repositories
 * directly inside it (one level, as the app's folder picker promises).
 */
export async function repositoriesIn(folders: readonly string[], nested: boolean): Promise<{ repos: string[]; problems: string[] }> {
  const repos: string[] = [];
  const problems: string[] = [];
  for (const given of folders) {
    const folder = resolve(given);
    if (await isRepository(folder)) {
      repos.push(folder);
      continue;
    }
    if (!nested) {
      problems.push(`${folder} is not a git repository (it has no .git), so Latch did not look in it.`);
      continue;
    }
    try {
      for (const child of await readdir(folder, { withFileTypes: true })) {
        if (child.isDirectory() && (await isRepository(join(folder, child.name)))) repos.push(join(folder, child.name));
      }
    } catch {
      problems.push(`Latch could not read the folder ${folder}, so it did not look for repositories in it.`);
    }
  }
  return { repos: [...new Set(repos)], problems };
}

/** The remote URLs of one repository that carry a password. */
export async function remoteUrlsWithPassword(repo: string, options: GitRunOptions): Promise<RemoteUrl[]> {
  const out = await runGit(['-C', repo, 'config', '--local', '--null', '--get-regexp', '^remote\\..*\\.(url|pushurl)$'], options);
  // 1: no such key, which is no remote at all.
  if (out.code === 1) return [];
  if (out.code !== 0) throw new LatchError('internal', `git could not read the settings of the repository ${repo}.`);
  const found: RemoteUrl[] = [];
  for (const record of out.stdout.split('\0')) {
    const newline = record.indexOf('\n');
    if (newline < 0) continue;
    const key = record.slice(0, newline);
    const url = record.slice(newline + 1);
    if (!REMOTE_KEY.test(key)) continue;
    const entry = parseCredentialUrl(url);
    if (entry && entry.password !== null && entry.password !== '') found.push({ repo, key, url, entry });
  }
  return found;
}

/** The URL without its password: `https://alice@host/…`, the username as it was written. */
export function withoutPassword(remote: Pick<RemoteUrl, 'url' | 'entry'>): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(remote.url)![0];
  const rest = remote.url.slice(scheme.length);
  const at = rest.indexOf('@');
  const user = remote.entry.rawUser ?? '';
  return `${scheme}${user === '' ? '' : `${user}@`}${rest.slice(at + 1)}`;
}

/** Replaces exactly that value of the key (a remote may have several URLs), through git's own lock. */
export async function removePasswordFromRemote(remote: RemoteUrl, options: GitRunOptions): Promise<void> {
  const out = await runGit(['-C', remote.repo, 'config', '--local', '--fixed-value', '--replace-all', remote.key, withoutPassword(remote), remote.url], options);
  if (out.code !== 0) {
    const locked = /lock/i.test(out.stderr);
    throw new LatchError(
      locked ? 'conflict' : 'internal',
      locked
        ? `Latch could not change ${remote.key} in ${remote.repo}: another git command is changing its settings. Try again in a moment.`
        : `git could not change ${remote.key} in ${remote.repo}, so the password is still in it.`,
    );
  }
}
