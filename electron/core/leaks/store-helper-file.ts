// Which file a `store` credential helper keeps passwords in, read from the helper's configured value.
// git hands a helper to `sh -c`: `store ARGS` runs as `git credential-store ARGS <op>`, a value after
// `!` runs as it stands, an absolute path runs as it stands. So the path is read the way sh reads it:
// quotes removed, and `~` is HOME only at the start of an unquoted word (`--file=~/x` and '~/x' stay
// literal in sh, so git would use a folder named `~`). A value that asks sh for more (`$`, backquotes,
// `;`, pipes, globs) cannot be followed without running it, which Latch will not do.
import { basename, isAbsolute, normalize } from 'node:path';

export type HelperFile =
  /** Not a store helper, or one that keeps git's default files. */
  | { kind: 'none' }
  | { kind: 'file'; path: string }
  /** Relative to the folder git runs in, so a different file in each repository. */
  | { kind: 'relative'; path: string }
  /** A store helper whose file cannot be told without running the shell. */
  | { kind: 'unknown' };

export function helperStoreFile(value: string, home: string): HelperFile {
  const verbatim = value.startsWith('!') || isAbsolute(value);
  const words = shellWords(value.startsWith('!') ? value.slice(1) : value, home);
  if (words === null) return /credential-store|^\s*['"]?store\b/.test(value) ? { kind: 'unknown' } : { kind: 'none' };
  const args = storeArgs(words, verbatim);
  const path = args ? fileOption(args) : null;
  if (path === null || path === '') return { kind: 'none' };
  return isAbsolute(path) ? { kind: 'file', path: normalize(path) } : { kind: 'relative', path };
}

/** The arguments git-credential-store gets from this helper, or null when it is another helper. */
function storeArgs(words: string[], verbatim: boolean): string[] | null {
  // git prefixes `git credential-` to a plain value's first word.
  if (!verbatim) return words[0] === 'store' ? words.slice(1) : null;
  let at = 0;
  while (at < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[at]!)) at += 1; // FOO=bar before the command
  const program = words[at];
  if (program === 'git' && words[at + 1] === 'credential-store') return words.slice(at + 2);
  if (program !== undefined && basename(program) === 'git-credential-store') return words.slice(at + 1);
  return null;
}

/**
 * `--file` as git's option parser reads it: `--file X` or `--file=X`, any abbreviation of it (the
 * command has no other option to confuse it with), the last one winning, `--no-file` back to the
 * default files, and nothing after `--`.
 */
function fileOption(args: string[]): string | null {
  let file: string | null = null;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (!arg.startsWith('--')) continue;
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals < 0 ? undefined : equals);
    if (name.length > 3 && name.startsWith('no-') && 'file'.startsWith(name.slice(3))) file = null;
    if (name === '' || !'file'.startsWith(name)) continue;
    if (equals >= 0) file = arg.slice(equals + 1);
    else {
      file = args[i + 1] ?? null;
      i += 1;
    }
  }
  return file;
}

const BLANK = new Set([' ', '\t', '\n']);
/** Unquoted, each of these makes sh expand, redirect, glob or start another command. */
const SPECIAL = new Set(['$', '`', ';', '&', '|', '<', '>', '(', ')', '*', '?', '[']);
/** Inside double quotes a backslash escapes only these. */
const DOUBLE_QUOTE_ESCAPES = new Set(['$', '`', '"', '\\', '\n']);

/** The words sh makes of `text`; null when sh would do more than split, unquote and expand `~`. */
export function shellWords(text: string, home: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2; // a line continuation joins the lines
      continue;
    }
    if (BLANK.has(c)) {
      if (word !== null) words.push(word);
      word = null;
      i += 1;
      continue;
    }
    if (word === null) {
      if (c === '#') break; // a comment runs to the end
      if (c === '~') {
        const next = text[i + 1];
        // `~name` is another person's home.
        if (next !== undefined && next !== '/' && !BLANK.has(next)) return null;
        word = home;
        i += 1;
        continue;
      }
      word = '';
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return null;
      word += text.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j += 1) {
        const d = text[j]!;
        if (d === '$' || d === '`') return null;
        if (d === '\\' && DOUBLE_QUOTE_ESCAPES.has(text[j + 1] ?? '')) {
          j += 1;
          if (text[j] !== '\n') word += text[j];
        } else word += d;
      }
      if (j >= text.length) return null;
      i = j + 1;
    } else if (c === '\\') {
      word += text[i + 1] ?? '\\';
      i += 2;
    } else if (SPECIAL.has(c)) {
      return null;
    } else {
      word += c;
      i += 1;
    }
  }
  if (word !== null) words.push(word);
  return words;
}
