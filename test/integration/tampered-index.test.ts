// A canary: an index entry edited to point at the account password's keychain entry must not make
// `latch token get` or git's helper hand out that password. The key follows from (account, token id).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { buildCli } from '../cli/built';
import { helper, latch } from '../cli/run';
import { testToken } from '../core/vault/fixtures';

const PASSWORD = `canary-password-${process.pid}-${Date.now()}`;
let sim: BitbucketDataCenterSimulator;
let baseUrl: string;
let home: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => buildCli());
beforeEach(async () => {
  sim = new BitbucketDataCenterSimulator();
  ({ baseUrl } = await sim.start());
  sim.addUser({ username: 'Alice', password: PASSWORD, slug: 'alice' });
  home = mkdtempSync(join(tmpdir(), 'latch-tamper-'));
  env = { ...process.env, LATCH_HOME: join(home, 'latch'), HOME: home };
});
afterEach(async () => {
  await latch(['account', 'remove', '--account', 'Alice', '--yes'], { env }).catch(() => undefined);
  await sim.stop();
  rmSync(home, { recursive: true, force: true });
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
