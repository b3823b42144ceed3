// A canary: an index entry edited to point at the account password's keychain entry must not make
// `latch token get` or git's helper hand out that password. The key follows from (account, token id).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliWorld } from '../cli/fixture';
import { helper, latch } from '../cli/run';
import { testToken } from '../core/vault/fixtures';

const PASSWORD = `canary-password-${process.pid}-${Date.now()}`;
let baseUrl: string;
let home: string;
let env: NodeJS.ProcessEnv;

// The Data Center simulator, an isolated HOME and LATCH_HOME, and the built CLI (test/cli/fixture.ts).
const world = cliWorld(PASSWORD);
beforeEach(() => {
  ({ baseUrl, env } = world);
  home = world.home.dir;
});
afterEach(async () => {
  await latch(['account', 'remove', '--account', 'Alice', '--yes'], { env }).catch(() => undefined);
});

describe('an index entry that names another keychain entry', () => {
  it('is refused: neither the CLI nor the helper prints the account password', async () => {
    const added = await latch(['account', 'add', '--host', 'bitbucket-datacenter', '--url', baseUrl, '--username', 'Alice', '--password-stdin', '--remember-password', '--json'], { env, input: `${PASSWORD}\n` });
    expect(added.code).toBe(0);
    const accountId = (JSON.parse(added.stdout) as { id: string }).id;
    const file = join(home, 'latch', 'index.json');
    const index = JSON.parse(readFileSync(file, 'utf8')) as { storedTokens: unknown[] };
    index.storedTokens.push(testToken(accountId, '42', { keychainKey: `account:${accountId}:password` }));
    writeFileSync(file, JSON.stringify(index));

    const host = new URL(baseUrl).host;
    const fromHelper = await helper(['get'], { env, input: `protocol=http\nhost=${host}\nusername=alice\n\n` });
    const fromCli = await latch(['token', 'get', '--host', host], { env });
    for (const result of [fromHelper, fromCli]) {
      expect(result.stdout + result.stderr).not.toContain(PASSWORD);
      expect(result.code).not.toBe(0);
    }
    expect(fromCli.stderr).toMatch(/keychain entry that is not its own/);
  });
});
