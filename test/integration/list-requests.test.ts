// Listing N tokens costs ceil(N / page size) requests to the token list and no more, on every host with
// a token list, counted in the simulators' own request logs over real sockets: no page fetched twice,
// no extra page to find the end, at sizes that end mid-page and exactly on a page boundary.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../electron/core/hosts';
import { createHttpClient } from '../../electron/core/http';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { startGiteaSimulator, type GiteaSimulator } from '../hosts/gitea';
import { startGitLabSimulator } from '../hosts/gitlab';

const http = createHttpClient({ sleep: async () => undefined });
afterAll(() => http.close());
const USER = { kind: 'user' } as const;
const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));

describe('listing N tokens costs ceil(N / page size) requests', () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  // Data Center keeps at most 100 tokens per user (its own limit), so four pages of 25 at most; each
  // page carries the account password, which Latch sends no more than a handful of times per command.
  it.each([0, 24, 25, 99, 100])('Bitbucket Data Center, %i tokens, 25 a page', async (n) => {
    const sim = new BitbucketDataCenterSimulator({ maxPageSize: 25 });
    const { baseUrl } = await sim.start();
    stops.push(() => sim.stop());
    sim.addUser({ username: 'alice', password: 'pw' });
    sim.seedTokens('alice', n);
    sim.requests.length = 0;
    const tokens = await createAdapter('bitbucket-datacenter', baseUrl, http).listTokens({ username: 'alice', password: 'pw' }, 'alice', USER);
    expect(tokens).toHaveLength(n);
    const listed = sim.requests.filter((r) => r.path.startsWith('/rest/access-tokens/latest/users/alice?'));
    expect(listed).toHaveLength(pages(n, 25));
    expect(sim.requests).toHaveLength(listed.length);
  });

  it.each([0, 49, 50, 237])('Gitea, %i tokens, 50 a page', async (n) => {
    const sim: GiteaSimulator = await startGiteaSimulator({ flavor: 'gitea', maxResponseItems: 50 });
    stops.push(() => sim.stop());
    sim.addUser({ username: 'bob', password: 'bob-pw' });
    for (let i = 1; i <= n; i += 1) sim.issueToken('bob', `bob ${i}`, ['read:repository']);
    sim.requests.length = 0;
    const tokens = await createAdapter('gitea', sim.baseUrl, http).listTokens({ username: 'bob', password: 'bob-pw' }, 'bob', USER);
    expect(tokens).toHaveLength(n);
    const listed = sim.requests.filter((r) => r.url.startsWith('/api/v1/users/bob/tokens?'));
    expect(listed).toHaveLength(pages(n, 50));
  });

  it.each([0, 99, 100, 237])('GitLab, %i tokens, 100 a page', async (n) => {
    const sim = await startGitLabSimulator();
    stops.push(() => sim.stop());
    sim.addUser({ username: 'many', name: 'Many' });
    const signIn = sim.issuePersonalToken({ user: 'many', name: 'latch', scopes: ['api'] });
    sim.seedPersonalTokens('many', Math.max(0, n - 1));
    sim.requests.length = 0;
    const tokens = await createAdapter('gitlab', sim.baseUrl, http).listTokens({ username: 'many', password: signIn.secret }, 'many', USER);
    expect(tokens).toHaveLength(Math.max(1, n));
    const listed = sim.requests.filter((r) => r.url.startsWith('/api/v4/personal_access_tokens?'));
    expect(listed).toHaveLength(pages(Math.max(1, n), 100));
  });
});
