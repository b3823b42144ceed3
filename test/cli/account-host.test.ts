// `latch account add --host` takes the kind of host, or an address or URL where the host table says
// which kind lives there; any other server is asked for by kind, in a sentence.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './built';
import { latch } from './run';

let home: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  buildCli();
  home = mkdtempSync(join(tmpdir(), 'latch-account-host-'));
  env = { ...process.env, HOME: home, LATCH_HOME: join(home, 'latch') };
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

// No stdin and no terminal: each stops right after choosing the kind, at the secret it would read,
// which shows the kind it chose without anything being sent anywhere.
describe('latch account add --host ADDRESS', () => {
  it.each([
    [['--host', 'bitbucket.org', '--email', 'a@example.com', '--token-name', 'n', '--expires-on', '2099-01-31'], /Latch needs the API token/],
    [['--host', 'https://bitbucket.org/', '--email', 'a@example.com', '--token-name', 'n', '--expires-on', '2099-01-31'], /Latch needs the API token/],
    [['--host', 'github.com', '--token-name', 'n'], /Latch needs the personal access token/],
    [['--host', 'https://github.com', '--token-name', 'n'], /Latch needs the personal access token/],
  ])('%j infers the kind', async (argv, message) => {
    const result = await latch(['account', 'add', ...argv], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('knows gitlab.com is GitLab, and asks for its token as for --host gitlab', async () => {
    const result = await latch(['account', 'add', '--host', 'gitlab.com'], { env });
    expect(result).toMatchObject({
      code: 2,
      stderr: 'latch: Latch needs the personal access token: pass it on stdin with --token-stdin, or run this in a terminal to paste it.\n',
    });
  });

  it('asks for the kind of any other server, with the command to give it', async () => {
    const result = await latch(['account', 'add', '--host', 'https://bitbucket.example.com', '--username', 'alice'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'latch: Latch cannot tell what kind of server bitbucket.example.com is; name it: latch account add --host KIND --url https://bitbucket.example.com ' +
        "--username 'alice' (KIND is bitbucket-datacenter, github, gitea, gitlab, forgejo).\n",
    );
  });

  it('refuses an address and a --url that disagree, and suggests a kind for a near miss', async () => {
    const both = await latch(['account', 'add', '--host', 'github.com', '--url', 'https://github.example.com', '--token-name', 'n'], { env });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/name different servers/);
    const typo = await latch(['account', 'add', '--host', 'bitbucket-datacentre'], { env });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Did you mean --host bitbucket-datacenter\?/);
  });
});
