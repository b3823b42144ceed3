// git's credential-store files (`~/.git-credentials`, `$XDG_CONFIG_HOME/git/credentials`, and any a
// store helper was pointed at with `--file`): one URL per line, `https://user:password@host[/path]`,
// user and password percent-encoded. They hold passwords in plain text, so a leaked secret is looked
// for there too. A rewrite goes through git's own lock file (`<file>.lock`, created exclusively,
// written, renamed over the file), so it never interleaves with a `git credential-store` write, a
// crash leaves the old file or the new one, and the other lines come back byte for byte.
import { homedir } from 'node:os';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { sameSecret } from './same-secret';
import { fileError, isMissing, rewriteLocked, splitLines, type LockRewriteOptions } from '../fs/lock-rewrite';

/** The lines of one file whose password is the secret. */
export interface StoreFileHits {
  file: string;
  /** 1-based. */
  lines: number[];
  /** `https://host[:port]` each line would send the secret to, without user or password. */
  hosts: string[];
}

/** The two files git-credential-store reads by default, from HOME and XDG_CONFIG_HOME as git does. */
export function credentialStoreFiles(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME || homedir();
  // A relative XDG_CONFIG_HOME is invalid and ignored, as git does.
  const xdg = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
  return [join(home, '.git-credentials'), join(xdg, 'git', 'credentials')];
}

/**
 * Where a store line (or any URL) would send the secret, when either field of its user-info is the
 * secret; else null. git writes `user:password`, but a token also travels as the user alone
 * (`https://ghp_…@github.com`) or beside a dummy password (`https://TOKEN:x-oauth-basic@…`).
 * git percent-encodes both fields, so the first '@' ends the user-info; a line written by hand may hold
 * the raw secret (with '/' or '@' in it), so the last '@' is tried too, and both the decoded and the
 * raw field are compared.
 */
export function storeLineTarget(line: string, secret: string): string | null {
  return secretInUrl(line, secret)?.target ?? null;
}

/** Which user-info field of a URL holds the secret, where the URL would send it, and the URL without it. */
export function secretInUrl(line: string, secret: string): { target: string; field: 'user' | 'password'; without: string } | null {
  const text = line.trim();
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(text)?.[0];
  if (!scheme) return null;
  const rest = text.slice(scheme.length);
  for (const at of new Set([rest.indexOf('@'), rest.lastIndexOf('@')])) {
    if (at <= 0) continue;
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    const password = colon < 0 ? null : userinfo.slice(colon + 1);
    const holds = (field: string | null) => field !== null && (sameSecret(percentDecode(field), secret) || sameSecret(field, secret));
    const field = holds(password) ? 'password' : holds(user) ? 'user' : null;
    if (field === null) continue;
    const after = rest.slice(at + 1);
    // git encodes the host too (a port's ':' becomes %3a).
    const host = percentDecode(after.split(/[/?#]/, 1)[0] ?? '');
    // A secret in the user field takes the whole user-info with it (its "password" is a dummy).
    const without = field === 'password' && user !== '' ? `${scheme}${user}@${after}` : `${scheme}${after}`;
    return { target: `${scheme.toLowerCase()}${host.toLowerCase()}`, field, without };
  }
  return null;
}

/** Splits a file's bytes into the lines that hold the secret and every other byte, kept as it was. */
export type SecretSorter = (file: string, bytes: Buffer, secret: string) => { hits: StoreFileHits; kept: Buffer[] };

/** Finds the lines without changing anything; null when the file is missing or holds none. */
export async function findSecretInStoreFile(file: string, secret: string, sort: SecretSorter = sortLines): Promise<StoreFileHits | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if (isMissing(error)) return null;
    throw fileError(error, file, 'read');
  }
  const { hits } = sort(file, bytes, secret);
  return hits.lines.length > 0 ? hits : null;
}

/** Removes the lines whose password is the secret; keeps every other byte and the file's mode. */
export function removeSecretFromStoreFile(
  file: string,
  secret: string,
  options: LockRewriteOptions = {},
  sort: SecretSorter = sortLines,
): Promise<StoreFileHits | null> {
  return rewriteLocked(
    file,
    (bytes) => {
      const { hits, kept } = sort(file, bytes, secret);
      return hits.lines.length === 0 ? null : { bytes: Buffer.concat(kept), result: hits };
    },
    options,
  );
}

/**
 * Removes the lines that are exactly `lines` (their text without the line ending), as they were read
 * when found: a line git changed since is left alone. Answers how many went; null for a missing file.
 */
export function removeStoreLines(file: string, lines: readonly string[], options: LockRewriteOptions = {}): Promise<number | null> {
  const wanted = new Set(lines);
  return rewriteLocked(
    file,
    (bytes) => {
      const all = splitLines(bytes);
      const kept = all.filter((line) => !wanted.has(lineText(line)));
      return kept.length === all.length ? null : { bytes: Buffer.concat(kept), result: all.length - kept.length };
    },
    options,
  );
}

/** One credential line as git's store reads it (credential_from_url): null when it is none. */
export interface StoreLine {
  protocol: string;
  /** host[:port], decoded. */
  host: string;
  /** Decoded, without the leading slash; null when the line names none. */
  path: string | null;
  username: string | null;
  password: string | null;
  /** The user-info as written (still encoded), before the '@'; null when there is none. */
  rawUser: string | null;
}

/**
 * `proto://[user[:password]@]host[/path]` by git's rules: the first '@' ends the user-info unless a
 * '/', '?' or '#' comes first; user, password, host and path are percent-decoded.
 */
export function parseCredentialUrl(text: string): StoreLine | null {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  if (!scheme) return null;
  const rest = text.slice(scheme[0].length);
  const slash = rest.search(/[/?#]/);
  const end = slash < 0 ? rest.length : slash;
  const at = rest.indexOf('@');
  let username: string | null = null;
  let password: string | null = null;
  let rawUser: string | null = null;
  let hostStart = 0;
  if (at >= 0 && at < end) {
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    rawUser = colon < 0 ? userinfo : userinfo.slice(0, colon);
    username = percentDecode(rawUser);
    password = colon < 0 ? null : percentDecode(userinfo.slice(colon + 1));
    hostStart = at + 1;
  }
  const host = percentDecode(rest.slice(hostStart, end));
  if (host === '') return null;
  const rawPath = slash < 0 ? '' : rest.slice(slash + 1);
  const path = rawPath === '' ? null : percentDecode(rawPath);
  return { protocol: scheme[1]!.toLowerCase(), host, path, username, password, rawUser };
}

/** A line's text as git reads it: without LF, and without the CR of a CRLF ending. */
export function lineText(line: Buffer): string {
  return line.toString('utf8').replace(/\r?\n$/, '');
}

/** Every credential line of a store file that holds a password, with its 1-based line number. */
export function parseStoreFile(bytes: Buffer): Array<{ line: number; text: string; entry: StoreLine }> {
  const found: Array<{ line: number; text: string; entry: StoreLine }> = [];
  splitLines(bytes).forEach((raw, index) => {
    const text = lineText(raw);
    const entry = parseCredentialUrl(text);
    if (entry && entry.password !== null) found.push({ line: index + 1, text, entry });
  });
  return found;
}

export function sortLines(file: string, bytes: Buffer, secret: string): { hits: StoreFileHits; kept: Buffer[] } {
  const hits: StoreFileHits = { file, lines: [], hosts: [] };
  const kept: Buffer[] = [];
  splitLines(bytes).forEach((line, index) => {
    const target = storeLineTarget(line.toString('utf8'), secret);
    if (target === null) {
      kept.push(line);
      return;
    }
    hits.lines.push(index + 1);
    if (!hits.hosts.includes(target)) hits.hosts.push(target);
  });
  return { hits, kept };
}

/** %XX decoding as git does it: a '%' not followed by two hex digits stays as it is. */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  const raw = Buffer.from(text, 'utf8');
  const out: number[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const byte = raw[i]!;
    if (byte === 0x25 && i + 2 < raw.length && isHex(raw[i + 1]!) && isHex(raw[i + 2]!)) {
      out.push(Number.parseInt(String.fromCharCode(raw[i + 1]!, raw[i + 2]!), 16));
      i += 2;
    } else out.push(byte);
  }
  return Buffer.from(out).toString('utf8');
}

const isHex = (byte: number) => (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
