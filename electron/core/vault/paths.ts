// Where Latch keeps its non-secret data. The CLI computes the same directory Electron's
// `app.getPath('userData')` gives the app (for an app named "Latch"), so both see one index.
import { homedir } from 'node:os';
import { posix, resolve, win32 } from 'node:path';

export const APP_DIR_NAME = 'Latch';
export const INDEX_FILE = 'index.json';

/**
 * `LATCH_HOME` when set, else the app's user-data directory for this platform. A relative LATCH_HOME is
 * given back as it is: the store refuses it (home-check.ts) rather than resolve it against whatever
 * directory a program happens to start in.
 */
export function latchHome(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env.LATCH_HOME?.trim();
  if (override) return override;
  switch (platform) {
    case 'win32':
      return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
    case 'darwin':
      return posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
    default: {
      // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
      const xdg = env.XDG_CONFIG_HOME;
      const base = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.config');
      return posix.join(base, APP_DIR_NAME);
    }
  }
}

export function indexPath(home: string): string {
  return resolve(home, INDEX_FILE);
}
