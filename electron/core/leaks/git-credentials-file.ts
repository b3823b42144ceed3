// git's credential-store files (`~/.git-credentials`, `$XDG_CONFIG_HOME/git/credentials`, and any a
// store helper was pointed at with `--file`): one URL per line, `https://user:password@host[/path]`,
// user and password percent-encoded. They hold passwords in plain text, so a leaked secret is looked
// for there too. A rewrite goes through git's own lock file (`<file>.lock`, created exclusively,
// written, renamed over the file), so it never interleaves with a `git credential-store` write, a
// crash leaves the old file or the new one, and the other lines come back byte for byte.
import { homedir } from 'node:os';
import { open, readFile, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { LatchError } from '../../../shared/result';
import { sameSecret } from './same-secret';
import { fsReason, syncDirectory } from '../fs/durable';

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
export async function removeSecretFromStoreFile(
  file: string,
  secret: string,
  options: { lockWaitMs?: number } = {},
  sort: SecretSorter = sortLines,
): Promise<StoreFileHits | null> {
  let target: string;
  try {
    // A symlinked file (dotfile repositories) is rewritten where it really lives, keeping the link.
    target = await realpath(file);
  } catch (error) {
    if (isMissing(error)) return null;
    throw fileError(error, file, 'read');
  }
  const lockPath = `${target}.lock`;
  const lock = await takeGitLock(lockPath, file, options.lockWaitMs ?? 1_000);
  let closed = false;
  let renamed = false;
  try {
    // Read under the lock, so a line git added a moment ago is not lost.
    const [bytes, info] = await Promise.all([readFile(target), stat(target)]).catch((error: unknown) => {
      throw fileError(error, file, 'read');
    });
    const { hits, kept } = sort(file, bytes, secret);
    if (hits.lines.length === 0) return null;
    try {
      await lock.writeFile(Buffer.concat(kept));
      await lock.chmod(info.mode & 0o7777);
      // Only root can hand a file to another owner; for anyone else this keeps the owner they have.
      await lock.chown(info.uid, info.gid).catch(() => undefined);
      await lock.sync();
      await lock.close();
      closed = true;
      await rename(lockPath, target);
      renamed = true;
    } catch (error) {
      throw fileError(error, file, 'change');
    }
    await syncDirectory(dirname(target));
    return hits;
  } finally {
    if (!closed) await lock.close().catch(() => undefined);
    if (!renamed) await rm(lockPath, { force: true }).catch(() => undefined);
  }
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

/** Lines with their own line ending still attached, so what is kept is written back unchanged. */
export function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline + 1;
    lines.push(bytes.subarray(start, end));
    start = end;
  }
  return lines;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function takeGitLock(lockPath: string, file: string, waitMs: number): Promise<FileHandle> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await open(lockPath, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fileError(error, file, 'change');
    }
    if (Date.now() >= deadline) {
      throw new LatchError(
        'conflict',
        `Latch could not change ${file}: another program is writing it (git keeps ${lockPath} while it does). ` +
          `Try again in a moment; if no git command is running, delete ${lockPath} first.`,
      );
    }
    await sleep(50);
  }
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

function fileError(error: unknown, file: string, action: 'read' | 'change'): LatchError {
  if (error instanceof LatchError) return error;
  return new LatchError('internal', `Latch could not ${action} ${file}: ${fsReason(error)}.`);
}
