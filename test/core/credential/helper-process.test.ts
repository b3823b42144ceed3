// The built git-credential-latch as git runs it: a separate process reading stdin, answering on stdout.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, HELPER_BIN } from '../../cli/built';
import { helper } from '../../cli/run';
import { indexText, testAccount } from '../vault/fixtures';

let home: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  buildCli();
  home = mkdtempSync(join(tmpdir(), 'latch-helper-'));
  env = { ...process.env, LATCH_HOME: home };
  writeFileSync(join(home, 'index.json'), indexText([testAccount()]));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('git-credential-latch as a process', () => {
  it('answers at the blank line without waiting for stdin to close', async () => {
    const child = spawn(process.execPath, [HELPER_BIN, 'get'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.write('protocol=https\nhost=other.example\n\n');
    // stdin stays open: the helper must still finish.
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stdin.destroy();
    expect(code).toBe(0);
  });

  it.each([
    ['NUL bytes', 'protocol=https\nhost=bitbucket.example.com\0\n\n'],
    ['a line of a megabyte', `protocol=https\nhost=${'x'.repeat(1_048_576)}\n\n`],
    ['no "=" in a line', 'protocol=https\nhost\n\n'],
    ['a CR inside a value', 'protocol=https\nhost=bitbucket.example.com\rpath=x\n\n'],
  ])('meets %s with one line on stderr, nothing on stdout, exit 1', async (_label, input) => {
    const result = await helper(['get'], { env, input });
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^git-credential-latch: ignored a malformed request/);
    expect(result.code).toBe(1);
  });

  it('ignores an unknown operation and answers nothing without a blank line or a match', async () => {
    expect(await helper(['frobnicate'], { env, input: 'protocol=https\n' })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await helper(['get'], { env, input: 'protocol=https\nhost=bitbucket.example.com' })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await helper(['get'], { env, input: '' })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints its capabilities, and usage when run with no operation', async () => {
    expect(await helper(['capability'], { env })).toEqual({ code: 0, stdout: 'version 0\ncapability authtype\n', stderr: '' });
    const bare = await helper([], { env });
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
  });
});
