// Strings from outside reach the terminal without their control sequences: a token name holding an
// OSC 52 (which sets the clipboard in many terminals), a cursor move or a C1 control, and a host's
// error words, through the built `latch` program against the Data Center simulator and a scripted host.
import { request } from 'undici';
import { beforeEach, describe, expect, it } from 'vitest';
import { ScriptedServer } from '../hosts/scripted-server';
import { cliWorld } from '../cli/fixture';
import { latch, type ProcessResult } from '../cli/run';
import { printable, terminalText } from '../../shared/terminal-text';

const PASSWORD = 'correct horse battery staple';
const OSC52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007';
const EVIL = `deploy${OSC52}\u001b[2J\u009b31m\r\nfake line`;
let baseUrl: string;
let env: NodeJS.ProcessEnv;

// The Data Center simulator, an isolated HOME and LATCH_HOME, and the built CLI (test/cli/fixture.ts).
const world = cliWorld(PASSWORD);
beforeEach(() => {
  ({ baseUrl, env } = world);
});

/* eslint-disable-next-line no-control-regex */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
function expectClean(result: ProcessResult): void {
  expect(result.stdout).not.toMatch(CONTROL);
  expect(result.stderr).not.toMatch(CONTROL);
}

describe('terminal output', () => {
  it('prints a token name from the host without its OSC 52, cursor or C1 sequences, on one line', async () => {
    const added = await latch(['account', 'add', '--host', 'bitbucket-datacenter', '--url', baseUrl, '--username', 'Alice', '--password-stdin', '--remember-password'], { env, input: `${PASSWORD}\n` });
    expect(added.code).toBe(0);
    // Someone made this token in the host's web page (or through its API) with a name chosen to attack a terminal.
    const made = await request(`${baseUrl}/rest/access-tokens/latest/users/alice`, {
      method: 'PUT',
      headers: { authorization: `Basic ${Buffer.from(`Alice:${PASSWORD}`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: EVIL, permissions: ['PROJECT_READ', 'REPO_READ'] }),
    });
    expect(made.statusCode).toBe(200);
    await made.body.dump();

    const listed = await latch(['token', 'list', '--account', 'Alice'], { env });
    expect(listed.code).toBe(0);
    expectClean(listed);
    expect(listed.stdout).toContain('deploy ]52;c;ZWNobyBwd25lZA== [2J 31m fake line');
    expect(listed.stdout.trimEnd().split('\n')).toHaveLength(2);
    // --json keeps the name exactly, escaped as JSON escapes it.
    const json = await latch(['token', 'list', '--account', 'Alice', '--json'], { env });
    expectClean(json);
    expect((JSON.parse(json.stdout) as Array<{ name: string }>)[0]!.name).toBe(EVIL);
  });

  it("prints a host's error words without their control sequences", async () => {
    const server = new ScriptedServer();
    const base = await server.start();
    try {
      server.reply(403, { errors: [{ context: null, message: `Not allowed${OSC52}\u001b[1A\nby policy`, exceptionName: 'x' }] });
      const result = await latch(['account', 'add', '--host', 'bitbucket-datacenter', '--url', base, '--username', 'Alice', '--password-stdin'], { env, input: `${PASSWORD}\n` });
      expect(result.code).toBe(1);
      expectClean(result);
      expect(result.stderr).toContain('Not allowed');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });
});

describe('the one function', () => {
  it('puts a string from outside on one line, and keeps only the line breaks of whole output', () => {
    expect(printable(`a${OSC52}b\nc\u202ed`)).toBe('a ]52;c;ZWNobyBwd25lZA== b c d');
    expect(terminalText(`line one${OSC52}\nline two\r\n`)).toBe('line one ]52;c;ZWNobyBwd25lZA== \nline two \n');
  });
});
