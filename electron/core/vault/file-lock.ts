// A lock file so the app and the CLI (or two CLI runs) never interleave a read-modify-write of the
// index. Created with O_EXCL; a lock whose process is gone, or that is older than any write could
// take, is stale and taken over.
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { LatchError } from '../../../shared/result';

export interface FileLockOptions {
  /** How long to wait for another process before giving up. */
  waitMs?: number;
  /** A lock older than this is stale whatever its process is doing. */
  staleMs?: number;
}

interface LockInfo {
  pid: number;
  at: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function acquireFileLock(lockPath: string, options: FileLockOptions = {}): Promise<() => Promise<void>> {
  const waitMs = options.waitMs ?? 5_000;
  const staleMs = options.staleMs ?? 30_000;
  const deadline = Date.now() + waitMs;
  let delay = 5;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, at: Date.now() } satisfies LockInfo));
      } finally {
        await handle.close();
      }
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(lockPath, staleMs)) {
      // Move it away under a unique name first so two processes that both saw it stale do not
      // delete each other's fresh lock.
      const aside = `${lockPath}.stale-${randomBytes(4).toString('hex')}`;
      await rename(lockPath, aside).then(
        () => rm(aside, { force: true }),
        () => undefined,
      );
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

async function isStale(lockPath: string, staleMs: number): Promise<boolean> {
  let info: Partial<LockInfo> = {};
  try {
    info = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockInfo>;
  } catch (error) {
    // Gone already: not stale, just retry. Empty or half-written: judged by the file's age below.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
  }
  if (typeof info.pid === 'number' && !processAlive(info.pid)) return true;
  const at = typeof info.at === 'number' ? info.at : await modifiedAt(lockPath);
  return Date.now() - at > staleMs;
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
