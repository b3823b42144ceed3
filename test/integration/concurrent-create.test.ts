// Twenty `latch token create --store` runs at once, each its own process against the Data Center
// simulator: every token ends up in the index with its secret in the keychain, none lost to another
// run's write.
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliWorld } from '../cli/fixture';
import { latch } from '../cli/run';

const PASSWORD = 'correct horse battery staple';
const RUNS = 20;
let baseUrl: string;
let env: NodeJS.ProcessEnv;

// The Data Center simulator, an isolated HOME and LATCH_HOME, and the built CLI (test/cli/fixture.ts).
const world = cliWorld(PASSWORD);
beforeEach(() => {
  ({ baseUrl, env } = world);
});
afterEach(async () => {
  await latch(['account', 'remove', '--account', 'Alice', '--yes'], { env });
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
