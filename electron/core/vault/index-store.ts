// The metadata index: which accounts exist, which token secrets Latch holds, the settings. Never a secret.
//
// - Read and validated on every use, so the app and the CLI always see each other's latest writes.
// - Written atomically (temp file in the same directory, fsync, rename, fsync the directory): a crash
//   leaves the old file or the new one, never half of one.
// - Updates run one at a time in this process and under a lock file across processes.
// - A file that cannot be read is moved aside and reported. Latch then refuses to save anything until
//   the person decides (fix it and move it back, or move it away), so the damaged copy is never
//   silently replaced by an empty list.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LatchError } from '../../../shared/result';
import { checkHome } from './home-check';
import { acquireFileLock, type FileLockOptions } from './file-lock';
import { checkIndex, emptyIndex } from './index-schema';
import { INDEX_FILE, indexPath } from './paths';
import type { IndexData } from './types';
import { fsReason, syncDirectory } from '../fs/durable';

export interface IndexStore {
  readonly home: string;
  readonly path: string;
  /** The current index (an empty one when none was written yet). */
  read(): Promise<IndexData>;
  /**
   * Reads the latest index, lets `change` modify it in place, validates and writes it back when it
   * changed. Nothing is written when `change` throws.
   */
  update<T>(change: (data: IndexData) => T | Promise<T>): Promise<T>;
  /** The person chose to go on with an empty list: keeps any unreadable index aside and starts a new one. */
  startFresh(): Promise<void>;
}

/** The steps of one write, in order; a crash after any of them must leave the old index or the new one. */
export const WRITE_STEPS = ['locked', 'temp-created', 'temp-written', 'temp-synced', 'temp-closed', 'renamed', 'directory-synced'] as const;
export type WriteStep = (typeof WRITE_STEPS)[number];

export interface IndexStoreOptions {
  now?: () => number;
  lock?: FileLockOptions;
  /** Called after each step of a write; the crash tests pause a process there and kill it. */
  afterStep?: (step: WriteStep) => Promise<void>;
}

const CORRUPT_PREFIX = `${INDEX_FILE}.corrupt-`;
const TEMP_PREFIX = `${INDEX_FILE}.tmp-`;

export function createIndexStore(home: string, options: IndexStoreOptions = {}): IndexStore {
  const file = indexPath(home);
  const lockPath = `${file}.lock`;
  const now = options.now ?? Date.now;
  const afterStep = options.afterStep ?? (async () => undefined);
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every earlier one in this process, holding the cross-process lock. */
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      await ensureHome(home);
      const release = await acquireFileLock(lockPath, options.lock);
      try {
        return await task();
      } finally {
        await release();
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };

  async function load(locked: boolean): Promise<IndexData> {
    const text = await readText(file);
    if (text === null) {
      await refuseIfKeptAside(home, file);
      return emptyIndex();
    }
    const check = checkIndex(text);
    if (check.ok) return check.data;
    if (check.newerVersion) {
      throw new LatchError(
        'unsupported',
        `Latch's data file ${file} was written by a newer version of Latch. Update Latch to use it; the file was left as it is.`,
      );
    }
    const keptAt = locked ? await keepAside(text) : await exclusive(() => keepAside(text));
    if (keptAt === null) return load(locked); // it changed under us (fixed or rewritten): read it again
    throw new LatchError(
      'corrupt-data',
      `Latch could not read its list of accounts and stored tokens (${check.reason}). The file was kept at ${keptAt}; ` +
        `nothing in it was changed. Latch will not save anything until you decide: fix that file and rename it back to ` +
        `${file}, or move it elsewhere to start with an empty list. Secrets in the keychain are not affected.`,
    );
  }

  /** Moves the unreadable file aside, unless it is no longer the text we judged. */
  async function keepAside(judged: string): Promise<string | null> {
    const current = await readText(file);
    if (current !== judged) return null;
    const keptAt = await freeName(join(home, `${CORRUPT_PREFIX}${stamp(now())}`));
    await rename(file, keptAt).catch((error) => {
      throw storageError(error, home);
    });
    return keptAt;
  }

  async function write(data: IndexData): Promise<void> {
    const text = `${JSON.stringify(data, null, 2)}\n`;
    // Never write a file this very code would refuse to read back.
    if (!checkIndex(text).ok) throw new LatchError('internal', 'Latch refused to save data it could not read back. Nothing was changed.');
    try {
      await writeAtomically(file, text, afterStep);
    } catch (error) {
      throw storageError(error, home);
    }
  }

  return {
    home,
    path: file,
    read: async () => {
      await refuseUntrustedHome(home);
      return load(false);
    },
    update: <T>(change: (data: IndexData) => T | Promise<T>) =>
      exclusive(async () => {
        await afterStep('locked');
        await removeLeftoverTemps(home);
        const data = await load(true);
        const before = JSON.stringify(data);
        const result = await change(data);
        if (JSON.stringify(data) !== before) await write(data);
        return result;
      }),
    startFresh: () =>
      exclusive(async () => {
        const text = await readText(file);
        if (text !== null) {
          if (checkIndex(text).ok) return;
          await keepAside(text);
        }
        await write(emptyIndex());
      }),
  };
}

/** Creates the home private (0700) when missing, and refuses one that others could change. */
async function ensureHome(home: string): Promise<void> {
  await refuseUntrustedHome(home);
  try {
    await mkdir(home, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw storageError(error, home);
  }
  await refuseUntrustedHome(home);
}

async function refuseUntrustedHome(home: string): Promise<void> {
  let trouble: string | null;
  try {
    trouble = await checkHome(home);
  } catch (error) {
    throw storageError(error, home, 'read');
  }
  if (trouble !== null) {
    throw new LatchError('validation', `Latch will not use its data folder: ${trouble}. Nothing was read or changed.`);
  }
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw storageError(error, file, 'read');
  }
}

/** No index, but one kept aside earlier: the person has not decided yet, so do not start over. */
async function refuseIfKeptAside(home: string, file: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(home);
  } catch {
    return;
  }
  const kept = names.filter((name) => name.startsWith(CORRUPT_PREFIX)).sort();
  const newest = kept[kept.length - 1];
  if (!newest) return;
  throw new LatchError(
    'corrupt-data',
    `Latch's list of accounts and stored tokens could not be read earlier and was kept at ${join(home, newest)}. ` +
      `Latch will not save anything until you decide: fix that file and rename it back to ${file}, ` +
      `or move it elsewhere to start with an empty list.`,
  );
}

async function writeAtomically(file: string, text: string, afterStep: (step: WriteStep) => Promise<void>): Promise<void> {
  const dir = join(file, '..');
  const temp = join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await afterStep('temp-created');
    await handle.writeFile(text, 'utf8');
    await afterStep('temp-written');
    await handle.sync();
    await afterStep('temp-synced');
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await afterStep('temp-closed');
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await afterStep('renamed');
  await syncDirectory(dir);
  await afterStep('directory-synced');
}

/** Temp files left by a writer that crashed; only called while holding the lock, so none is in use. */
async function removeLeftoverTemps(home: string): Promise<void> {
  const names = await readdir(home).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => name.startsWith(TEMP_PREFIX)).map((name) => rm(join(home, name), { force: true })));
}

async function freeName(base: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const taken = await stat(candidate).then(
      () => true,
      () => false,
    );
    if (!taken) return candidate;
  }
}

function stamp(ms: number): string {
  // ISO time without ':' so the name is valid on every file system.
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

function storageError(error: unknown, where: string, action: 'read' | 'save' = 'save'): LatchError {
  if (error instanceof LatchError) return error;
  return new LatchError('internal', `Latch could not ${action} its data in ${where}: ${fsReason(error)}.`);
}
