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
