// How often one command sends the account password, counted in the simulator's request log: a
// password crosses the wire a handful of times per command, however many tokens the account has.
import { beforeEach, describe, expect, it } from 'vitest';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { cliWorld } from '../cli/fixture';
import { latch } from '../cli/run';

const PASSWORD = 'correct horse battery staple';
/** What "a handful" means here. */
const HANDFUL = 5;
let sim: BitbucketDataCenterSimulator;
let baseUrl: string;
let env: NodeJS.ProcessEnv;

// The Data Center simulator, an isolated HOME and LATCH_HOME, and the built CLI (test/cli/fixture.ts).
const world = cliWorld(PASSWORD);
beforeEach(() => {
  ({ sim, baseUrl, env } = world);
});

const run = (args: string[], input?: string) => latch(args, { env, input });
const passwordSends = () => sim.requests.filter((request) => request.auth === 'password').length;

describe('the account password on the wire', () => {
  it('is sent a handful of times per command, with 90 tokens to page through', async () => {
    const added = await run(['account', 'add', '--host', 'bitbucket-datacenter', '--url', baseUrl, '--username', 'Alice', '--password-stdin', '--remember-password'], `${PASSWORD}\n`);
    expect(added.code).toBe(0);
    expect(passwordSends()).toBeLessThanOrEqual(HANDFUL);
    sim.seedTokens('alice', 90);
    const counts: Record<string, number> = {};
    for (const [label, args] of [
      ['list', ['token', 'list', '--account', 'Alice', '--json']],
      ['create', ['token', 'create', '--account', 'Alice', '--name', 'laptop', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--store', '--json']],
    ] as const) {
      sim.requests.length = 0;
      const result = await run([...args]);
      expect(result.stderr).toBe('');
      counts[label] = passwordSends();
    }
    // Four pages of 25 hold the 90 tokens; a create also sends the new token's request.
    expect(counts).toEqual({ list: 4, create: 5 });
  });
});
