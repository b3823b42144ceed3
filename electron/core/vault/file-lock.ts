// A lock file so the app and the CLI (or two CLI runs) never interleave a read-modify-write of the
// index. Created with O_EXCL; a lock whose process is gone, or that is older than any write could
// take, is stale and taken over. Each lock carries a value no other lock has, so a take-over moves
// away only the lock it judged stale, and a release removes only its own lock.
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { LatchError } from '../../../shared/result';
import { fsReason } from '../fs/durable';

export interface FileLockOptions {
  /** How long to wait for another process before giving up. */
  waitMs?: number;
  /** A lock older than this is stale whatever its process is doing. */
  staleMs?: number;
  /** Writes the lock's contents into the freshly created file; tests pass one that fails (a full disk). */
  write?: (handle: { writeFile(text: string): Promise<void> }, text: string) => Promise<void>;
}

interface LockInfo {
  pid: number;
  at: number;
  /** Unique to this lock. */
  id: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const defaultWrite: NonNullable<FileLockOptions['write']> = (handle, text) => handle.writeFile(text);

export async function acquireFileLock(lockPath: string, options: FileLockOptions = {}): Promise<() => Promise<void>> {
  const waitMs = options.waitMs ?? 5_000;
  const staleMs = options.staleMs ?? 30_000;
  const write = options.write ?? defaultWrite;
  const deadline = Date.now() + waitMs;
  let delay = 5;
  for (;;) {
    const id = randomBytes(12).toString('hex');
    if (await create(lockPath, JSON.stringify({ pid: process.pid, at: Date.now(), id } satisfies LockInfo), write)) {
      return () => release(lockPath, id);
    }
    const judged = await staleLock(lockPath, staleMs);
    if (judged !== null) {
      await takeOver(lockPath, judged);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LatchError(
        'conflict',
        `Another Latch process is saving its data right now (lock file ${lockPath}). Try again in a moment.`,
      );
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
}

/** True when the lock is now ours; false when another holds it. A lock that could not be written whole is removed. */
async function create(lockPath: string, text: string, write: NonNullable<FileLockOptions['write']>): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw lockError(error, lockPath);
  }
  try {
    await write(handle, text);
    await handle.close();
    return true;
  } catch (error) {
    // An empty or partial lock would block every other process until it went stale.
    await handle.close().catch(() => undefined);
    await rm(lockPath, { force: true }).catch(() => undefined);
    throw lockError(error, lockPath);
  }
}

/** Removes the lock only while it is still ours (a slow holder may have been taken over). */
async function release(lockPath: string, id: string): Promise<void> {
  const aside = `${lockPath}.release-${randomBytes(4).toString('hex')}`;
  if ((await readInfo(lockPath))?.id !== id) return;
  try {
    await rename(lockPath, aside);
  } catch {
    return;
  }
  // Between the read and the rename another process may have taken over and locked: put that one back.
  if ((await readInfo(aside))?.id === id) await rm(aside, { force: true });
  else await restore(aside, lockPath);
}

/**
 * Moves away the lock judged stale, and only that one: another process may have taken it over and
 * locked afresh between the judging and the move.
 */
async function takeOver(lockPath: string, judged: string): Promise<void> {
  const aside = `${lockPath}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return;
  }
  if ((await readText(aside)) === judged) await rm(aside, { force: true });
  else await restore(aside, lockPath);
}

/** Puts a lock moved away by mistake back, unless a newer one is in its place (then it was stale anyway). */
async function restore(aside: string, lockPath: string): Promise<void> {
  await link(aside, lockPath).catch(() => undefined);
  await rm(aside, { force: true });
}

/** The lock's text when it is stale; null when it is live or gone. */
async function staleLock(lockPath: string, staleMs: number): Promise<string | null> {
  const text = await readText(lockPath);
  if (text === null) return null;
  let info: Partial<LockInfo> = {};
  try {
    info = JSON.parse(text) as Partial<LockInfo>;
  } catch {
    // Empty or half-written: judged by the file's age below.
  }
  if (typeof info.pid === 'number' && !processAlive(info.pid)) return text;
  const at = typeof info.at === 'number' ? info.at : await modifiedAt(lockPath);
  return Date.now() - at > staleMs ? text : null;
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

async function readInfo(path: string): Promise<Partial<LockInfo> | null> {
  const text = await readText(path);
  if (text === null) return null;
  try {
    return JSON.parse(text) as Partial<LockInfo>;
  } catch {
    return null;
  }
}

async function modifiedAt(path: string): Promise<number> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return Date.now();
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockError(error: unknown, lockPath: string): LatchError {
  return new LatchError('internal', `Latch could not save its data: the lock file ${lockPath} could not be written (${fsReason(error)}). Nothing was changed.`);
}
