// Runs the built CLI programs as child processes, the way a person or git would.
import { spawn } from 'node:child_process';
import { HELPER_BIN, LATCH_BIN } from './built';

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  input?: string;
  cwd?: string;
}

/** Asynchronous on purpose: the simulator answering the CLI lives in this very process. */
export function runProcess(command: string, args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined); // a program that exits without reading its input
    child.stdin.end(options.input ?? '');
  });
}

export const latch = (args: readonly string[], options: RunOptions) => runProcess(process.execPath, [LATCH_BIN, ...args], options);
export const helper = (args: readonly string[], options: RunOptions) => runProcess(process.execPath, [HELPER_BIN, ...args], options);

export interface TerminalAnswer {
  /** Typed once the output since the last answer matches this. */
  after: RegExp;
  /** What the person types, Enter added. */
  type: string;
}

/** What a terminal showed: stdout and stderr together, as the person saw them, and the exit code. */
export interface TerminalResult {
  code: number | null;
  screen: string;
}

const shQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `latch` in a pseudo-terminal (util-linux `script`), so it prompts the way it does for a person,
 * typing each answer once its prompt has appeared.
 */
export function latchInTerminal(args: readonly string[], options: { env: NodeJS.ProcessEnv; answers?: readonly TerminalAnswer[] }): Promise<TerminalResult> {
  const command = [process.execPath, LATCH_BIN, ...args].map(shQuote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const answers = [...(options.answers ?? [])];
    let screen = '';
    let since = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      const next = answers[0];
      if (next && next.after.test(screen.slice(since))) {
        answers.shift();
        since = screen.length;
        child.stdin.write(`${next.type}\r`);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen: screen.replace(/\r\n/g, '\n') });
    });
    child.stdin.on('error', () => undefined);
  });
}
