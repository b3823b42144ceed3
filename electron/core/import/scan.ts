// Finds every plaintext credential git uses: lines of git's credential-store files (the default two and
// every file a `store --file` helper names, system, global and each repository's), `~/.netrc` and
// `~/_netrc`, and passwords in the remote URLs of the repositories given. A place that cannot be read
// is named in `problems`, and the rest is still searched.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ImportFinding } from '../../../shared/imports';
import { recognizeSecret } from '../../../shared/secret-formats';
import { isLoopbackHost } from '../../../shared/url';
import { fsReason } from '../fs/durable';
import { parseStoreFile, type StoreLine } from '../leaks/git-credentials-file';
import { storeFilesToSearch } from '../leaks/store-files';
import { sentenceOf } from '../leaks/errors';
import { findingId, type Found, type Place } from './found';
import { parseNetrc } from './netrc';
import { remoteUrlsWithPassword } from './remote-urls';

export interface ScanOptions {
  env: NodeJS.ProcessEnv;
  /** Repositories whose remote URLs and own settings are searched. */
  repos: readonly string[];
}

export interface ScanResult {
  found: Found[];
  problems: string[];
}

export async function scanForCredentials(options: ScanOptions): Promise<ScanResult> {
  const found: Found[] = [];
  const problems: string[] = [];
  const { env, repos } = options;

  const stores = await storeFilesToSearch(env, repos);
  problems.push(...stores.problems);
  for (const file of stores.files) {
    const bytes = await readIfThere(file, problems);
    if (!bytes) continue;
    for (const { line, text, entry } of parseStoreFile(bytes)) {
      if (entry.password === '') continue;
      found.push(make(file, line, entry, { kind: 'store-file', file, text }));
    }
  }

  const home = env.HOME || homedir();
  for (const file of [join(home, '.netrc'), join(home, '_netrc')]) {
    const bytes = await readIfThere(file, problems);
    if (!bytes) continue;
    for (const entry of parseNetrc(bytes.toString('utf8'))) {
      if (entry.password === null || entry.password === '') continue;
      // curl hands a machine's password to http and https alike; Latch keeps it for https, and for
      // plain http only on this machine, where nothing leaves it.
      const protocol = entry.machine !== null && isLoopbackHost(entry.machine.replace(/:\d+$/, '')) ? 'http' : 'https';
      const line: StoreLine = { protocol, host: entry.machine ?? '', path: null, username: entry.login, password: entry.password, rawUser: null };
      found.push(make(file, entry.line, line, { kind: 'netrc', file, entry }, entry.machine === null));
    }
  }

  for (const repo of repos) {
    try {
      for (const remote of await remoteUrlsWithPassword(repo, { env })) {
        found.push(make(`${repo}:${remote.key}`, null, remote.entry, { kind: 'remote', remote }));
      }
    } catch (error) {
      problems.push(sentenceOf(error));
    }
  }
  // Ids say where and whose, not which line: moving one entry out renumbers the lines after it, and
  // the app's Import button must still name the same credential. Identical ones are told apart by order.
  const seen = new Map<string, number>();
  for (const item of found) {
    const { source, protocol, host, path, username } = item.finding;
    const key = JSON.stringify([source, protocol, host, path, username]);
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    item.finding.id = findingId([source, protocol, host, path, username, nth]);
  }
  return { found, problems };
}

function make(source: string, line: number | null, entry: StoreLine, place: Place, anyHost = false): Found {
  const secret = entry.password!;
  const recognition = recognizeSecret(secret);
  const host = anyHost ? null : entry.host.toLowerCase();
  const finding: ImportFinding = {
    id: '',
    source,
    line,
    protocol: anyHost ? null : entry.protocol,
    host,
    path: entry.path,
    username: entry.username,
    kind: recognition.kind,
    description: recognition.kind === 'unknown' ? 'a password Latch does not recognise' : recognition.description,
    status: recognition.dead ? 'dead' : 'unchecked',
    reason: null,
  };
  return { finding, secret, place };
}

async function readIfThere(file: string, problems: string[]): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') problems.push(`Latch could not read ${file}: ${fsReason(error)}, so it did not look in it.`);
    return null;
  }
}
