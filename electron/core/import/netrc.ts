// `~/.netrc` (and `~/_netrc`), which curl, and so git over http, reads for a password per machine.
// Read the way curl reads it: words split by spaces, tabs and line breaks, so one entry may run over
// several lines or share one; `#` starts a comment; a word in double quotes may hold spaces;
// `macdef NAME` starts a macro that runs to the next blank line and holds no credential; `default`
// answers every machine. Removing an entry cuts exactly its bytes, with its own lines when it has
// them to itself, and leaves every other byte as it was.

export interface NetrcEntry {
  /** null for `default`. */
  machine: string | null;
  login: string | null;
  password: string | null;
  /** 1-based line of `machine` or `default`. */
  line: number;
  /** Byte offsets of what removing this entry cuts: [start, end). */
  start: number;
  end: number;
}

interface Word {
  text: string;
  start: number;
  end: number;
  line: number;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line += 1;
      i += 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i += 1;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i += 1;
      continue;
    }
    const start = i;
    let word = '';
    if (c === '"') {
      i += 1;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) {
          const next = text[i + 1]!;
          word += next === 'n' ? '\n' : next === 'r' ? '\r' : next === 't' ? '\t' : next;
          i += 2;
        } else {
          word += text[i];
          i += 1;
        }
      }
      i += 1;
    } else {
      while (i < text.length && !/[\s]/.test(text[i]!)) {
        word += text[i];
        i += 1;
      }
    }
    out.push({ text: word, start, end: i, line });
    if (word === 'macdef') {
      // The macro's name, then its body up to the first blank line: no credentials in there.
      while (i < text.length && text[i] !== '\n') i += 1;
      const blank = text.slice(i).search(/\n[ \t\r]*\n/);
      const stop = blank < 0 ? text.length : i + blank + 1;
      for (let j = i; j < stop; j += 1) if (text[j] === '\n') line += 1;
      i = stop;
    }
  }
  return out;
}

/** Offsets are in UTF-16 units of the decoded text; the caller cuts the same text and re-encodes it. */
export function parseNetrc(text: string): NetrcEntry[] {
  const list = words(text);
  const entries: NetrcEntry[] = [];
  let current: NetrcEntry | null = null;
  const close = (at: number) => {
    if (!current) return;
    current.end = at;
    entries.push(current);
    current = null;
  };
  for (let k = 0; k < list.length; k += 1) {
    const word = list[k]!;
    if (word.text === 'machine' || word.text === 'default' || word.text === 'macdef') {
      close(cutFrom(text, word.start));
      if (word.text === 'macdef') continue;
      const machine = word.text === 'machine' ? (list[k + 1]?.text ?? null) : null;
      if (word.text === 'machine') k += 1;
      current = { machine, login: null, password: null, line: word.line, start: cutFrom(text, word.start), end: text.length };
      continue;
    }
    if (!current) continue;
    const value = list[k + 1]?.text ?? null;
    if (word.text === 'login') current.login = value;
    else if (word.text === 'password') current.password = value;
    if (word.text === 'login' || word.text === 'password' || word.text === 'account') k += 1;
  }
  close(text.length);
  return entries;
}

/** A word that starts its line (after spaces) is cut with its line, so the file keeps its layout. */
function cutFrom(text: string, at: number): number {
  let i = at;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i -= 1;
  return i === 0 || text[i - 1] === '\n' ? i : at;
}

/** The file's text without the entry; null when the entry is no longer there as it was read. */
export function withoutEntry(text: string, entry: Pick<NetrcEntry, 'machine' | 'login' | 'password'>): string | null {
  // Matched by what it says, not by its line: removing an earlier entry moves the lines after it.
  const now = parseNetrc(text).find(
    (candidate) => candidate.machine === entry.machine && candidate.login === entry.login && candidate.password === entry.password,
  );
  if (!now) return null;
  return text.slice(0, now.start) + text.slice(now.end);
}
