// Whether a Latch home may be trusted. The index says which keychain entry git and scripts are given,
// so a folder another user can write to (or a relative LATCH_HOME that changes with the working
// directory) would let someone else decide what Latch hands out.
import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';

interface HomeStats {
  uid: number;
  mode: number;
  isDirectory(): boolean;
}

/** What is wrong with the home, as a short phrase; null when it is fine (or does not exist yet). */
export function judgeHome(home: string, stats: HomeStats | null, uid: number | undefined = process.getuid?.()): string | null {
  if (!isAbsolute(home)) return 'LATCH_HOME is a relative path; set it to a full path';
  // Windows has no owner ids or mode bits to check; its profile folders are private already.
  if (stats === null || uid === undefined) return null;
  if (!stats.isDirectory()) return `${home} is not a folder`;
  if (stats.uid !== uid) return `its folder ${home} belongs to another user`;
  if ((stats.mode & 0o022) !== 0) return `its folder ${home} can be changed by other users (run chmod 700 on it)`;
  return null;
}

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export function checkHomeSync(home: string): string | null {
  if (!isAbsolute(home)) return judgeHome(home, null);
  try {
    return judgeHome(home, statSync(home));
  } catch (error) {
    if (missing(error)) return null;
    throw error;
  }
}

export async function checkHome(home: string): Promise<string | null> {
  if (!isAbsolute(home)) return judgeHome(home, null);
  try {
    return judgeHome(home, await stat(home));
  } catch (error) {
    if (missing(error)) return null;
    throw error;
  }
}
