// Each host's identity call with a token alone (HostAdapter.checkToken), over a real socket to its
// simulator: a live token names its owner, a revoked or made-up one is dead, and a host that cannot be
// asked leaves it unsure — never dead, since git's `erase` would then stop offering a working token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../electron/core/hosts';
import type { TokenCheck } from '../../../electron/core/hosts/token-check';
import { createHttpClient } from '../../../electron/core/http';
import type { HostKind } from '../../../shared/hosts';
import { BitbucketCloudSimulator } from '../../hosts/bitbucket-cloud';
import { BitbucketDataCenterSimulator } from '../../hosts/bitbucket-datacenter';
import { startGiteaSimulator } from '../../hosts/gitea';
import { startGitHubSimulator } from '../../hosts/github';
import { startGitLabSimulator } from '../../hosts/gitlab';
import { closedPort } from '../../hosts/scripted-server';

const http = createHttpClient({ sleep: async () => undefined, retry: { maxAttempts: 1 } });
afterAll(() => http.close());

const check = (kind: HostKind, baseUrl: string, secret: string, username = 'alice', userSlug = 'alice'): Promise<TokenCheck> =>
  createAdapter(kind, baseUrl, http).checkToken!(secret, { username, userSlug });

describe('asking the host with the token itself', () => {
  const stops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const stop of stops) await stop();
  });
  let deadPort: number;
  beforeAll(async () => {
    deadPort = await closedPort();
  });

  it('Bitbucket Data Center', async () => {
    const sim = new BitbucketDataCenterSimulator();
    const { baseUrl } = await sim.start();
    stops.push(() => sim.stop());
    sim.addUser({ username: 'alice', password: 'pw' });
    const made = await createAdapter('bitbucket-datacenter', baseUrl, http).createToken({ username: 'alice', password: 'pw' }, 'alice', {
      name: 'laptop',
      scopes: ['PROJECT_READ', 'REPO_READ'],
      expiryDays: null,
      owner: { kind: 'user' },
    });
    expect(await check('bitbucket-datacenter', baseUrl, made.secret)).toEqual({ verdict: 'alive', login: 'alice' });
    expect(await check('bitbucket-datacenter', baseUrl, `BBDC-${Buffer.from(`${made.token.id}:made-up`).toString('base64')}`)).toEqual({ verdict: 'dead' });
    sim.failNext(503);
    expect(await check('bitbucket-datacenter', baseUrl, made.secret)).toEqual({ verdict: 'unsure' });
    expect(await check('bitbucket-datacenter', `http://127.0.0.1:${deadPort}`, made.secret)).toEqual({ verdict: 'unsure' });
  });

  it('Bitbucket Cloud, with the account e-mail', async () => {
    const sim = new BitbucketCloudSimulator();
    const { baseUrl } = await sim.start();
    stops.push(() => sim.stop());
    sim.addUser({ email: 'alice@example.com', username: 'alice-bb' });
    const secret = sim.issueToken('alice@example.com');
    expect(await check('bitbucket-cloud', baseUrl, secret, 'alice@example.com', 'alice-bb')).toEqual({ verdict: 'alive', login: 'alice-bb' });
    sim.failNext(503);
    expect(await check('bitbucket-cloud', baseUrl, secret, 'alice@example.com', 'alice-bb')).toEqual({ verdict: 'unsure' });
    sim.revokeToken(secret);
    expect(await check('bitbucket-cloud', baseUrl, secret, 'alice@example.com', 'alice-bb')).toEqual({ verdict: 'dead' });
  });

  it('GitHub Enterprise Server', async () => {
    const sim = await startGitHubSimulator({ personality: 'enterprise' });
    stops.push(() => sim.stop());
    sim.addUser({ login: 'alice' });
    const secret = sim.issueToken({ login: 'alice', kind: 'classic' });
    expect(await check('github', sim.baseUrl, secret)).toEqual({ verdict: 'alive', login: 'alice' });
    sim.failNext(503);
    expect(await check('github', sim.baseUrl, secret)).toEqual({ verdict: 'unsure' });
    sim.revoke(secret);
    expect(await check('github', sim.baseUrl, secret)).toEqual({ verdict: 'dead' });
  });

  it('Gitea', async () => {
    const sim = await startGiteaSimulator({ flavor: 'gitea' });
    stops.push(() => sim.stop());
    sim.addUser({ username: 'alice', password: 'pw' });
    const { secret } = sim.issueToken('alice', 'laptop', ['read:user', 'write:repository']);
    expect(await check('gitea', sim.baseUrl, secret)).toEqual({ verdict: 'alive', login: 'alice' });
    expect(await check('gitea', sim.baseUrl, '0123456789abcdef0123456789abcdef01234567')).toEqual({ verdict: 'dead' });
    expect(await check('gitea', `http://127.0.0.1:${deadPort}`, secret)).toEqual({ verdict: 'unsure' });
  });

  it('GitLab', async () => {
    const sim = await startGitLabSimulator();
    stops.push(() => sim.stop());
    sim.addUser({ username: 'alice' });
    const made = sim.issuePersonalToken({ user: 'alice', name: 'laptop', scopes: ['read_user', 'read_repository'] });
    expect(await check('gitlab', sim.baseUrl, made.secret)).toEqual({ verdict: 'alive', login: 'alice' });
    sim.failNext(503);
    expect(await check('gitlab', sim.baseUrl, made.secret)).toEqual({ verdict: 'unsure' });
    sim.revokeInPage(made.id);
    expect(await check('gitlab', sim.baseUrl, made.secret)).toEqual({ verdict: 'dead' });
  });
});
