// Terminal input for the CLI: a password from stdin or a prompt with echo off, and yes/no questions.
// Prompts go to stderr, so stdout stays clean for what a script captures.
import { printable } from '../../shared/terminal-text';

/** All of stdin, with one trailing newline (LF or CRLF) removed: `echo pw | latch … --password-stdin`. */
export async function readStdinText(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function canPrompt(stdin: NodeJS.ReadStream = process.stdin): boolean {
  return Boolean(stdin.isTTY) && typeof stdin.setRawMode === 'function';
}

/**
 * Asks on the terminal without echoing what is typed. Null when there is no terminal or the person
 * pressed Ctrl-D on an empty line; Ctrl-C ends the program as a terminal user expects.
 */
export function promptHidden(question: string, stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Promise<string | null> {
  if (!canPrompt(stdin)) return Promise.resolve(null);
  return new Promise((resolve) => {
    let typed = '';
    // Echo off before the question shows, so nothing typed the moment it appears is echoed.
    stdin.setRawMode(true);
    stderr.write(printable(question));
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (value: string | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      resolve(value);
    };
    const onData = (data: string) => {
      for (const char of data) {
        if (char === '\r' || char === '\n') return finish(typed);
        if (char === '\u0003') {
          stdin.setRawMode(false);
          stderr.write('\n');
          process.exit(130);
        }
        if (char === '\u0004') return finish(typed === '' ? null : typed);
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** A yes/no question on the terminal (echo on); false unless the answer starts with y. */
export function confirm(question: string, stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Promise<boolean> {
  if (!stdin.isTTY) return Promise.resolve(false);
  return new Promise((resolve) => {
    stderr.write(`${printable(question)} [y/N] `);
    stdin.resume();
    stdin.setEncoding('utf8');
    stdin.once('data', (data: string) => {
      stdin.pause();
      resolve(/^\s*y/i.test(data));
    });
  });
}
