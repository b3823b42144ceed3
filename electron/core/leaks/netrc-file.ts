// ~/.netrc (and Windows' _netrc): curl, and so git over HTTPS, reads passwords there in plain text.
// Entries are `machine NAME login USER password SECRET` (any whitespace, on one line or several), or
// `default …`; a `macdef` body runs to the next blank line. An entry whose login or password is the
// leaked secret goes whole, from its `machine` to the next entry; every other byte stays as it was.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { LatchError } from '../../../shared/result';
import { sameSecret } from './same-secret';
import { splitLines } from '../fs/lock-rewrite';
import type { SecretSorter, StoreFileHits } from './git-credentials-file';

export function netrcFiles(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME || homedir();
  return [join(home, '.netrc'), join(home, '_netrc')];
}

interface Word {
  text: string;
  line: number;
}

/** The file's words with the line each is on, macdef bodies left out. */
function words(lines: readonly Buffer[]): Word[] {
  const out: Word[] = [];
  let inMacro = false;
  lines.forEach((bytes, index) => {
    const line = bytes.toString('utf8');
    if (inMacro) {
      if (line.trim() === '') inMacro = false;
      return;
    }
    const found = line.split(/\s+/).filter((word) => word !== '');
    for (const text of found) out.push({ text, line: index + 1 });
    if (found.some((word) => word === 'macdef')) inMacro = true;
  });
  return out;
}

export const sortNetrc: SecretSorter = (file, bytes, secret) => {
  const lines = splitLines(bytes);
  const all = words(lines);
  const hits: StoreFileHits = { file, lines: [], hosts: [] };
  const drop = new Set<number>();
  const starts = all.map((word, i) => (word.text === 'machine' || word.text === 'default' ? i : -1)).filter((i) => i >= 0);
  starts.forEach((start, n) => {
    const end = starts[n + 1] ?? all.length;
    const entry = all.slice(start, end);
    const value = (key: string) => {
      const at = entry.findIndex((word, i) => word.text === key && i + 1 < entry.length);
      return at >= 0 ? entry[at + 1]!.text : null;
    };
    const holds = [value('login'), value('password')].some((field) => field !== null && sameSecret(field, secret));
    if (!holds) return;
    // Whole lines from the entry's first to the line before the next entry (or the end of the file).
    const first = entry[0]!.line;
    const shared = (start > 0 && all[start - 1]!.line === first) || (end < all.length && all[end]!.line === entry[entry.length - 1]!.line);
    if (shared) {
      // Removing the line would take another entry with it, and rewriting it word by word is no longer the file the person wrote.
      throw new LatchError('conflict', `${file} holds it on line ${first} together with another machine entry, so Latch left that file alone: remove the entry by hand.`);
    }
    const last = end < all.length ? all[end]!.line - 1 : lines.length;
    for (let line = first; line <= last; line += 1) drop.add(line);
    const machine = entry[0]!.text === 'machine' ? value('machine') : null;
    const host = machine === null ? 'any host (default)' : `https://${machine.toLowerCase()}`;
    if (!hits.hosts.includes(host)) hits.hosts.push(host);
  });
  hits.lines = [...drop].sort((a, b) => a - b);
  const kept = lines.filter((_, index) => !drop.has(index + 1));
  return { hits, kept };
};
