// Twenty `latch token create --store` runs at once, each its own process against the Data Center
// simulator: every token ends up in the index with its secret in the keychain, none lost to another
// run's write.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { buildCli } from '../cli/built';
import { latch } from '../cli/run';

const PASSWORD = 'correct horse battery staple';
const RUNS = 20;
let sim: BitbucketDataCenterSimulator;
let baseUrl: string;
let home: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => buildCli());
beforeEach(async () => {
  sim = new BitbucketDataCenterSimulator();
  ({ baseUrl } = await sim.start());
  sim.addUser({ username: 'Alice', password: PASSWORD, slug: 'alice' });
  home = mkdtempSync(join(tmpdir(), 'latch-twenty-'));
  env = { ...process.env, LATCH_HOME: join(home, 'latch'), HOME: home };
});
afterEach(async () => {
  await latch(['account', 'remove', '--account', 'Alice', '--yes'], { env });
  await sim.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('twenty creates at once', () => {
  it('all end up in the index, each with its secret', async () => {
    const added = await latch(['account', 'add', '--host', 'bitbucket-datacenter', '--url', baseUrl, '--username', 'Alice', '--password-stdin', '--remember-password'], { env, input: `${PASSWORD}\n` });
    expect(added.code).toBe(0);
    const runs = await Promise.all(
      Array.from({ length: RUNS }, (_, i) =>
        latch(['token', 'create', '--account', 'Alice', '--name', `run ${i}`, '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--store', '--json'], { env }),
      ),
    );
    for (const run of runs) expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const made = runs.map((run) => JSON.parse(run.stdout) as { token: { id: string; name: string }; secret: string });

    const stored = JSON.parse((await latch(['token', 'list', '--account', 'Alice', '--json'], { env })).stdout) as Array<{ id: string; stored: boolean }>;
    expect(stored.filter((token) => token.stored).map((token) => token.id).sort()).toEqual(made.map((m) => m.token.id).sort());
    // Each secret is in the keychain, under the key its index entry names.
    const [account] = JSON.parse((await latch(['account', 'list', '--json'], { env })).stdout) as Array<{ id: string }>;
    for (const m of made) {
      const held = spawnSync('secret-tool', ['lookup', 'service', 'Latch', 'username', `token:${account!.id}:${m.token.id}`], { encoding: 'utf8' });
      expect(held.stdout).toBe(m.secret);
    }
  }, 120_000);
});
