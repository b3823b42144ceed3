// File-system pieces shared by everything that rewrites a file Latch cares about (the metadata index,
// git's credential files): making a rename durable, and saying in words why the disk refused.
import { open } from 'node:fs/promises';

/** fsync the directory so a rename into it survives a crash. Best effort: Windows cannot open a directory
 * for this, and NTFS journals renames anyway. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // see above
  }
}

/** Why the file system refused, in words a person understands. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission was denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    default:
      return `the file system refused (${code ?? 'unknown error'})`;
  }
}
