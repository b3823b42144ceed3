// Runs git as a program (execFile, never through a shell) and hands back what it said.
import { execFile } from 'node:child_process';
import { LatchError } from '../../../shared/result';

export interface GitRunOptions {
  /** The git program; `git` from PATH by default. */
  git?: string;
  /** The environment git sees: HOME, XDG_CONFIG_HOME and GIT_CONFIG_GLOBAL decide which global file it uses. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface GitOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Resolves with git's exit code; rejects only when git could not be run at all. */
export function runGit(args: readonly string[], options: GitRunOptions = {}): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      options.git ?? 'git',
      args,
      { env: options.env ?? process.env, cwd: options.cwd, encoding: 'utf8', timeout: 15_000, maxBuffer: 4 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(
            error.code === 'ENOENT'
              ? new LatchError('unsupported', 'git is not installed, or not on the PATH. Install git, then try again.')
              : new LatchError('internal', 'git could not be run. Check that it is installed and works from a terminal.'),
          );
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** Like runGit, but a non-zero exit is a failure with git's own first line of complaint. */
export async function runGitChecked(args: readonly string[], options: GitRunOptions = {}): Promise<string> {
  const result = await runGit(args, options);
  if (result.code !== 0) {
    const said = result.stderr.split('\n').find((line) => line.trim() !== '')?.trim();
    throw new LatchError('internal', `git could not change its configuration${said ? `: ${said}` : ''}.`);
  }
  return result.stdout;
}
