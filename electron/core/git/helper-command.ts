// The command git runs to reach git-credential-latch (after the `!` in `credential.<url>.helper`).
// git hands it to `sh -c` with the operation appended, so every path is single-quoted.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Quotes one word for sh: safe for spaces, quotes, `$`, backslashes and anything else. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** From a source checkout (or an installed npm package): Node runs the bin script. */
export function nodeHelperCommand(nodePath: string, binScript: string): string {
  return `${shellQuote(nodePath)} ${shellQuote(binScript)}`;
}

/**
 * From a packaged app: the app's own runtime runs the bundled helper as plain Node, so git works
 * without Node.js installed, the way editors run their git askpass helpers.
 */
export function packagedHelperCommand(appExecutable: string, resourcesPath: string): string {
  const script = join(resourcesPath, 'app.asar', 'out', 'cli', 'git-credential-latch.js');
  return `ELECTRON_RUN_AS_NODE=1 ${shellQuote(appExecutable)} ${shellQuote(script)}`;
}

/** Walks up from `start` to the directory that holds bin/git-credential-latch.cjs. */
function findBinScript(start: string): string | null {
  let dir = resolve(start);
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, 'bin', 'git-credential-latch.cjs');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

interface ElectronProcess {
  resourcesPath?: string;
  defaultApp?: boolean;
}

/**
 * The command for this installation: a packaged Electron app (Electron's runtime, not started as
 * `electron .`) points git at itself; anything else at Node and the checkout's bin script.
 */
export function defaultHelperCommand(proc: NodeJS.Process = process, here: string = __dirname): string {
  const electron = proc as NodeJS.Process & ElectronProcess;
  if (proc.versions.electron && electron.resourcesPath && !electron.defaultApp) {
    return packagedHelperCommand(proc.execPath, electron.resourcesPath);
  }
  const script = findBinScript(here);
  // Under Electron in development, execPath is Electron itself: it too runs the script as Node.
  if (script && proc.versions.electron) return `ELECTRON_RUN_AS_NODE=1 ${nodeHelperCommand(proc.execPath, script)}`;
  if (script) return nodeHelperCommand(proc.execPath, script);
  return 'git-credential-latch';
}

/** True when a configured helper value is Latch's. */
export function isLatchHelper(value: string): boolean {
  return /git-credential-latch/.test(value);
}
