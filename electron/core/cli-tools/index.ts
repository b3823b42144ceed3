// "Install command line tools": puts `latch` and `git-credential-latch` of the installed app on the
// PATH of terminals, the way an editor's "Install 'code' command in PATH" does, and takes them off
// again. Linux: links in ~/.local/bin (no password needed); macOS: links in /usr/local/bin, made
// with the system's administrator prompt when that folder is not writable; Windows: the app's
// resources\bin folder (where latch.cmd and git-credential-latch.cmd live) on the user's PATH.
// The links point at the launchers in the app's resources (electron-builder.config.cjs), which run
// the bundled CLI with the app binary in Node mode.
import { execFile } from 'node:child_process';
import { accessSync, constants, lstatSync, mkdirSync, readlinkSync, symlinkSync, unlinkSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import type { CommandLineTools } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { shellQuote } from '../git/helper-command';

export const TOOL_NAMES = ['latch', 'git-credential-latch'] as const;

/** Runs a program and fails with its stderr; the macOS prompt and the Windows PATH edit go through it. */
export type RunProgram = (file: string, args: readonly string[], env?: NodeJS.ProcessEnv) => Promise<string>;

export interface CliToolsOptions {
  /** The packaged app's resources directory; null from a source checkout. */
  resources: string | null;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** The person's home directory (~/.local/bin on Linux). */
  home: string;
  run?: RunProgram;
  /** Where the links go instead of ~/.local/bin or /usr/local/bin (tests). */
  location?: string;
  /** Whether Latch may write a folder itself; tests stand in for one only an administrator may change. */
  isWritable?: (dir: string) => boolean;
  /** Where the .deb links the tools (packaging/linux/after-install.sh); tests use their own. */
  packageBin?: string;
}

export interface CliToolsService {
  status(): Promise<CommandLineTools>;
  install(): Promise<CommandLineTools>;
  remove(): Promise<CommandLineTools>;
}

const defaultRun: RunProgram = (file, args, env) =>
  new Promise((done, reject) => {
    execFile(file, args as string[], { env: env ?? process.env, encoding: 'utf8', timeout: 120_000, windowsHide: true }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim() || error.message));
      else done(stdout);
    });
  });

export function createCliTools(options: CliToolsOptions): CliToolsService {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const run = options.run ?? defaultRun;
  const resources = options.resources;
  const unavailable = unavailableReason(resources, env, platform);
  if (platform === 'win32') return windowsPath(resources, env, run, unavailable);
  const location = options.location ?? (platform === 'darwin' ? '/usr/local/bin' : join(options.home, '.local', 'bin'));
  const linked = linkedTools(location, resources, env, platform, run, unavailable, options.isWritable ?? writable);
  const packageBin = options.packageBin ?? '/usr/bin';
  if (platform !== 'linux' || !resources || unavailable) return linked;
  // Installed from the .deb: the package already put both tools on every PATH, and removes them itself.
  const fromPackage = () => TOOL_NAMES.every((name) => linkState(join(packageBin, name), launcher(resources, name, platform), name) === 'ours');
  const packaged: CommandLineTools = {
    available: false,
    installed: true,
    location: packageBin,
    note: `The Latch package put latch and git-credential-latch in ${packageBin}; uninstalling it removes them.`,
  };
  return {
    status: async () => (fromPackage() ? packaged : linked.status()),
    install: async () => (fromPackage() ? packaged : linked.install()),
    remove: async () => (fromPackage() ? packaged : linked.remove()),
  };
}

function unavailableReason(resources: string | null, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (!resources) {
    return 'The command line tools come with an installed Latch. From a source checkout, run npm link to put latch and git-credential-latch on your PATH.';
  }
  if (platform === 'linux' && env.APPIMAGE) {
    return 'An AppImage opens from a different temporary folder each time it starts, so a terminal cannot find its tools. Install the .deb package instead: it puts latch and git-credential-latch in /usr/bin.';
  }
  return null;
}

/** The launcher a link or PATH entry should reach. */
const launcher = (resources: string, name: string, platform: NodeJS.Platform) =>
  join(resources, 'bin', platform === 'win32' ? `${name}.cmd` : name);

type LinkState = 'ours' | 'latch-elsewhere' | 'missing' | 'foreign';

/** What is at `path`: a link to this launcher, a link to another Latch's launcher (an old or moved install), nothing, or something else. */
function linkState(path: string, target: string, name: string): LinkState {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return 'missing';
  }
  if (!stat.isSymbolicLink()) return 'foreign';
  const points = resolve(dirname(path), readlinkSync(path));
  if (points === target) return 'ours';
  return points.endsWith(join('resources', 'bin', name)) || points.endsWith(join('Resources', 'bin', name)) ? 'latch-elsewhere' : 'foreign';
}

function onPath(dir: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  const entries = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter);
  const norm = (p: string) => (platform === 'win32' ? p.replace(/[\\/]+$/, '').toLowerCase() : p.replace(/\/+$/, ''));
  return entries.some((entry) => entry !== '' && norm(entry) === norm(dir));
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function linkedTools(
  location: string,
  resources: string | null,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  run: RunProgram,
  unavailable: string | null,
  canWrite: (dir: string) => boolean,
): CliToolsService {
  const paths = TOOL_NAMES.map((name) => ({ name, path: join(location, name), target: resources ? launcher(resources, name, platform) : '' }));

  const status = async (): Promise<CommandLineTools> => {
    if (unavailable) return { available: false, installed: false, location, note: unavailable };
    const installed = paths.every(({ name, path, target }) => linkState(path, target, name) === 'ours');
    const note =
      installed && platform === 'linux' && !onPath(location, env, platform)
        ? `${location} is not on your PATH yet. Add it in ~/.profile: export PATH="$HOME/.local/bin:$PATH", then open a new terminal.`
        : null;
    return { available: true, installed, location, note };
  };

  const refuseForeign = () => {
    for (const { name, path, target } of paths) {
      if (linkState(path, target, name) === 'foreign') {
        throw new LatchError('conflict', `${path} already exists and is not Latch's, so Latch left it alone. Remove or rename it, then try again.`);
      }
    }
  };

  return {
    status,
    async install() {
      if (unavailable) throw new LatchError('unsupported', unavailable);
      refuseForeign();
      if (platform === 'darwin' && !canWrite(location) && !canWrite(dirname(location))) {
        // One administrator prompt for both links, as the system shows it for any app.
        const script = paths.map(({ path, target }) => `ln -sfn ${shellQuote(target)} ${shellQuote(path)}`).join(' && ');
        await runAsAdministrator(run, `mkdir -p ${shellQuote(location)} && ${script}`);
        return status();
      }
      mkdirSync(location, { recursive: true });
      for (const { name, path, target } of paths) {
        const state = linkState(path, target, name);
        if (state === 'ours') continue;
        if (state === 'latch-elsewhere') unlinkSync(path);
        symlinkSync(target, path);
      }
      return status();
    },
    async remove() {
      if (unavailable) throw new LatchError('unsupported', unavailable);
      // Only links to a Latch launcher: a file of that name that is something else stays.
      const mine = paths.filter(({ name, path, target }) => ['ours', 'latch-elsewhere'].includes(linkState(path, target, name)));
      if (mine.length === 0) return status();
      if (platform === 'darwin' && !canWrite(location)) {
        await runAsAdministrator(run, mine.map(({ path }) => `rm -f ${shellQuote(path)}`).join(' && '));
        return status();
      }
      for (const { path } of mine) unlinkSync(path);
      return status();
    },
  };
}

/** macOS's own administrator prompt; the script travels as an argument, so nothing is quoted for AppleScript. */
async function runAsAdministrator(run: RunProgram, script: string): Promise<void> {
  try {
    await run('osascript', ['-e', 'on run argv', '-e', 'do shell script (item 1 of argv) with administrator privileges', '-e', 'end run', script]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/-128|cancel/i.test(message)) throw new LatchError('unsupported', 'Nothing was changed: the administrator prompt was cancelled.');
    throw new LatchError('unsupported', 'macOS refused to change /usr/local/bin, so nothing was changed. Try again, and give an administrator name and password when asked.');
  }
}

/**
 * Windows: the user's PATH (HKCU\Environment), edited through PowerShell so the change is announced to
 * running programs; new terminals see it. The folder travels in an environment variable, never in the script.
 */
function windowsPath(resources: string | null, env: NodeJS.ProcessEnv, run: RunProgram, unavailable: string | null): CliToolsService {
  const dir = resources ? join(resources, 'bin') : '';
  const location = 'your user PATH';
  const script = (action: 'install' | 'remove' | 'status') =>
    [
      "$dir = $env:LATCH_BIN_DIR.TrimEnd('\\')",
      "$old = [Environment]::GetEnvironmentVariable('Path', 'User')",
      "$parts = @(if ($old) { $old.Split(';') | Where-Object { $_ -ne '' } })",
      "$has = @($parts | Where-Object { $_.TrimEnd('\\') -ieq $dir }).Count -gt 0",
      action === 'status'
        ? "if ($has) { 'yes' } else { 'no' }"
        : action === 'install'
          ? "if (-not $has) { [Environment]::SetEnvironmentVariable('Path', (($parts + $dir) -join ';'), 'User') }"
          : "if ($has) { [Environment]::SetEnvironmentVariable('Path', (($parts | Where-Object { $_.TrimEnd('\\') -ine $dir }) -join ';'), 'User') }",
    ].join('; ');
  const powershell = (action: 'install' | 'remove' | 'status') =>
    run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script(action)], { ...env, LATCH_BIN_DIR: dir });

  const status = async (): Promise<CommandLineTools> => {
    if (unavailable) return { available: false, installed: false, location, note: unavailable };
    const installed = (await powershell('status')).trim() === 'yes';
    return { available: true, installed, location, note: installed ? `Open a new terminal to use latch; ${dir} is on your PATH.` : null };
  };
  const change = (action: 'install' | 'remove') => async () => {
    if (unavailable) throw new LatchError('unsupported', unavailable);
    try {
      await powershell(action);
    } catch {
      throw new LatchError('unsupported', 'Windows did not let Latch change your PATH, so nothing was changed.');
    }
    return status();
  };
  return { status, install: change('install'), remove: change('remove') };
}
