// The command git runs to reach git-credential-latch (after the `!` in `credential.<url>.helper`).
// git hands it to `sh -c` with the operation appended, so every path is single-quoted.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

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

/** How to start a helper command without a shell. */
export interface HelperInvocation {
  program: string;
  args: string[];
  env: Record<string, string>;
}

/** Single-quoted words as shellQuote writes them, separated by one space; null for anything else. */
function quotedWords(text: string): string[] | null {
  const words: string[] = [];
  let rest = text;
  while (rest !== '') {
    const word = /^'((?:[^']|'\\'')*)'(?: (?=')|$)/.exec(rest);
    if (!word) return null;
    words.push(word[1]!.replace(/'\\''/g, "'"));
    rest = rest.slice(word[0].length);
  }
  return words;
}

const SCRIPT_NAME = /[\\/]git-credential-latch\.c?js$/;

/**
 * The helper value when it is exactly one Latch writes (setup-git: `!` and one of the forms above),
 * taken apart so it can be started without a shell; null for anything else, however much it mentions
 * git-credential-latch. Only such a command may be run on Latch's own initiative (`latch doctor`).
 */
export function latchHelperInvocation(value: string): HelperInvocation | null {
  if (!value.startsWith('!')) return null;
  let rest = value.slice(1);
  const env: Record<string, string> = {};
  if (rest.startsWith('ELECTRON_RUN_AS_NODE=1 ')) {
    env.ELECTRON_RUN_AS_NODE = '1';
    rest = rest.slice('ELECTRON_RUN_AS_NODE=1 '.length);
  }
  if (rest === 'git-credential-latch' && Object.keys(env).length === 0) return { program: 'git-credential-latch', args: [], env };
  const words = quotedWords(rest);
  if (words?.length !== 2) return null;
  const [program, script] = words as [string, string];
  if (!isAbsolute(program) || !isAbsolute(script) || !SCRIPT_NAME.test(script)) return null;
  return { program, args: [script], env };
}

/** True when a configured helper value is Latch's. */
export function isLatchHelper(value: string): boolean {
  return /git-credential-latch/.test(value);
}
