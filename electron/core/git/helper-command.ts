// The command git runs to reach git-credential-latch (after the `!` in `credential.<url>.helper`).
// git hands it to `sh -c` with the operation appended, so every path is single-quoted.
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

/** An absolute path here, or a Windows one (C:/…) as git's sh on Windows is given. */
const absolute = (path: string) => isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path);

/** Quotes one word for sh: safe for spaces, quotes, `$`, backslashes and anything else. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** From a source checkout (or an installed npm package): Node runs the bin script. */
export function nodeHelperCommand(nodePath: string, binScript: string): string {
  return `${shellQuote(nodePath)} ${shellQuote(binScript)}`;
}

/** A path as git's sh on Windows reads it: forward slashes (a backslash would escape the next letter). */
function shPath(path: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? path.replace(/\\/g, '/') : path;
}

/**
 * From a packaged app (electron-builder.config.cjs puts the CLI in resources/cli and its launchers
 * in resources/bin): the launcher's absolute path, which runs the app's own binary in Node mode, so
 * git works without Node.js installed. On Windows git's sh cannot start a .cmd file, so the command
 * says the same thing itself: the app in Node mode on the bundled helper.
 */
export function packagedHelperCommand(appExecutable: string, resourcesPath: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const script = join(resourcesPath, 'cli', 'git-credential-latch.js');
    return `ELECTRON_RUN_AS_NODE=1 ${shellQuote(shPath(appExecutable, platform))} ${shellQuote(shPath(script, platform))}`;
  }
  return shellQuote(join(resourcesPath, 'bin', 'git-credential-latch'));
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
 * The packaged app's resources directory, or null from a checkout: Electron's main process knows it
 * (resourcesPath, when not started as `electron .`); the CLI, run by a launcher in Node mode, is
 * resources/cli/latch.js beside resources/bin.
 */
export function packagedResources(proc: NodeJS.Process = process, here: string = __dirname): string | null {
  const electron = proc as NodeJS.Process & ElectronProcess;
  if (proc.versions.electron && electron.resourcesPath && !electron.defaultApp && proc.env.ELECTRON_RUN_AS_NODE !== '1') {
    return electron.resourcesPath;
  }
  const resources = dirname(resolve(here));
  const launcher = proc.platform === 'win32' ? 'git-credential-latch.cmd' : 'git-credential-latch';
  return basename(resolve(here)) === 'cli' && existsSync(join(resources, 'bin', launcher)) ? resources : null;
}

/**
 * The command for this installation: a packaged app points git at its own launcher; a checkout (or
 * an installed npm package) at Node and the checkout's bin script.
 */
export function defaultHelperCommand(proc: NodeJS.Process = process, here: string = __dirname): string {
  const resources = packagedResources(proc, here);
  if (resources) return packagedHelperCommand(proc.execPath, resources, proc.platform);
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
/** A packaged app's launcher (resources/bin/git-credential-latch), which runs the app in Node mode itself. */
const LAUNCHER_NAME = /[\\/]bin[\\/]git-credential-latch$/;

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
  if (words?.length === 1 && Object.keys(env).length === 0) {
    const [launcher] = words as [string];
    return absolute(launcher) && LAUNCHER_NAME.test(launcher) ? { program: launcher, args: [], env } : null;
  }
  if (words?.length !== 2) return null;
  const [program, script] = words as [string, string];
  if (!absolute(program) || !absolute(script) || !SCRIPT_NAME.test(script)) return null;
  return { program, args: [script], env };
}

/** The paths a helper command names, read back the way sh reads single-quoted words. */
export function quotedPaths(command: string): string[] {
  const paths: string[] = [];
  for (const match of command.matchAll(/'((?:[^']|'\\'')*)'/g)) {
    const word = match[1]!.replace(/'\\''/g, "'");
    if (absolute(word)) paths.push(word);
  }
  return paths;
}

/** True when a configured helper value is Latch's. */
export function isLatchHelper(value: string): boolean {
  return /git-credential-latch/.test(value);
}
