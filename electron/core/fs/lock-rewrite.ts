// Rewrites a small text file the way git rewrites its own: `<file>.lock` created exclusively, the new
// bytes written and synced there, then renamed over the file. A git command writing the same file at
// the same moment holds that lock too, so the two never interleave; a crash leaves the old file or the
// new one; the file's mode (and, for root, its owner) is kept; a symlinked file is rewritten where it
// really lives, keeping the link.
import { open, readFile, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LatchError } from '../../../shared/result';
import { fsReason, syncDirectory } from './durable';

export interface LockRewriteOptions {
  /** How long to wait for a lock another program holds; 0 refuses at once. */
  lockWaitMs?: number;
}

/**
 * Reads the file under its lock and hands the bytes to `change`, which answers the new bytes and a
 * result, or null to leave the file as it is. Null when the file does not exist.
 */
export async function rewriteLocked<T>(
  file: string,
  change: (bytes: Buffer) => { bytes: Buffer; result: T } | null,
  options: LockRewriteOptions = {},
): Promise<T | null> {
  let target: string;
  try {
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
    const changed = change(bytes);
    if (changed === null) return null;
    try {
      await lock.writeFile(changed.bytes);
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
    return changed.result;
  } finally {
    if (!closed) await lock.close().catch(() => undefined);
    if (!renamed) await rm(lockPath, { force: true }).catch(() => undefined);
  }
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

export const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export function fileError(error: unknown, file: string, action: 'read' | 'change'): LatchError {
  if (error instanceof LatchError) return error;
  return new LatchError('internal', `Latch could not ${action} ${file}: ${fsReason(error)}.`);
}
