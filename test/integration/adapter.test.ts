// The Bitbucket Data Center adapter against the simulator over real sockets: what a person relies on
// when listing, creating and revoking tokens, including the bad days (wrong password, limits, rate
// limiting, a host that is down, a create whose answer never arrives).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bitbucketDataCenterTokenId } from '../../shared/hosts/bitbucket-datacenter';
import type { TokenOwner } from '../../shared/domain';
import { LatchError } from '../../shared/result';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../electron/core/http';
import { createAdapter, SecretLostError, type HostAdapter } from '../../electron/core/hosts';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { closedPort } from '../hosts/scripted-server';
import { caught as failure } from '../core/caught';

const jane = { username: 'Jane.Doe', password: 'correct horse battery staple' };
const USER: TokenOwner = { kind: 'user' };
const sleeps: number[] = [];

let sim: BitbucketDataCenterSimulator;
let baseUrl: string;
let http: HttpClient;
let adapter: HostAdapter;

function connect(options: HttpClientOptions = {}): void {
  http = createHttpClient({ sleep: async (ms) => void sleeps.push(ms), ...options });
  adapter = createAdapter('bitbucket-datacenter', baseUrl, http);
}

beforeEach(async () => {
  sim = new BitbucketDataCenterSimulator({ contextPath: '/bitbucket', maxTokensPerOwner: 80 });
  ({ baseUrl } = await sim.start());
  sim.addUser({ username: 'Jane.Doe', password: jane.password, slug: 'jane.doe', displayName: 'Jane Doe' });
  sim.addUser({ username: 'jane.doering', password: 'other', displayName: 'Jane Doering' });
  sim.addRepo('PRJ', 'my-app');
  connect();
});

afterEach(async () => {
  sleeps.length = 0;
  await http.close();
  await sim.stop();
});

describe('signing in', () => {
  it('finds the exact user among partial matches and returns slug and display name', async () => {
    expect(await adapter.verify({ ...jane, username: 'jane.doe' })).toEqual({ userSlug: 'jane.doe', displayName: 'Jane Doe' });
  });

  it('says the username or password was rejected, and asks only once', async () => {
    const error = await failure(adapter.verify({ ...jane, password: 'wrong' }));
    expect(error.code).toBe('auth');
    expect(error.message).toBe('Bitbucket rejected the username or password.');
    expect(sim.requests).toHaveLength(1);
    expect(error.message).not.toContain('wrong');
  });

  it('does not let a token stand in for the password, at sign-in or later', async () => {
    const { secret } = await adapter.createToken(jane, 'jane.doe', { name: 'ci', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, owner: USER });
    const atSignIn = await failure(adapter.verify({ username: 'jane.doe', password: secret }));
    expect(atSignIn.code).toBe('auth');
    expect(atSignIn.message).toMatch(/account password, not an access token/);
    const later = await failure(adapter.listTokens({ username: 'jane.doe', password: secret }, 'jane.doe', USER));
    expect(later.code).toBe('auth');
    expect(later.message).not.toContain(secret);
  });
});

describe('listing', () => {
  it('fetches every page of 65 tokens though the server hands out 25 at a time', async () => {
    const seeded = sim.seedTokens('jane.doe', 65);
    const tokens = await adapter.listTokens(jane, 'jane.doe', USER);
    expect(tokens).toHaveLength(65);
    expect(new Set(tokens.map((token) => token.id))).toEqual(new Set(seeded.map((token) => token.id)));
    const pages = sim.requests.filter((request) => request.path.startsWith('/bitbucket/rest/access-tokens/latest/users/jane.doe'));
    expect(pages.map((request) => new URL(request.path, baseUrl).searchParams.get('start'))).toEqual(['0', '25', '50']);
  });

  it('keeps ids exactly as the host wrote them, leading zeros included, and revokes by them', async () => {
    const seeded = sim.seedTokens('jane.doe', 6);
    const leading = seeded.filter((token) => token.id.startsWith('0'));
    expect(leading.length).toBeGreaterThan(0);
    const tokens = await adapter.listTokens(jane, 'jane.doe', USER);
    for (const token of leading) expect(tokens.map((t) => t.id)).toContain(token.id);
    await adapter.revokeToken(jane, 'jane.doe', USER, leading[0]!.id);
    expect(sim.tokens().map((token) => token.id)).not.toContain(leading[0]!.id);
  });

  it('turns epoch-millisecond dates and expiry days into ISO dates', async () => {
    const [seeded] = sim.seedTokens('jane.doe', 1);
    const [token] = await adapter.listTokens(jane, 'jane.doe', USER);
    expect(token).toMatchObject({
      id: seeded!.id,
      name: 'seed token 1',
      scopes: ['PROJECT_READ', 'REPO_WRITE'],
      createdAt: new Date(seeded!.createdDate).toISOString(),
      expiresAt: new Date(seeded!.createdDate + 30 * 86_400_000).toISOString(),
      lastUsedAt: new Date(seeded!.lastAuthenticated!).toISOString(),
      owner: USER,
    });
  });

  it('says which project is missing', async () => {
    const error = await failure(adapter.listTokens(jane, 'jane.doe', { kind: 'project', projectKey: 'NOPE' }));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('the project "NOPE"');
  });
});

describe('creating and revoking', () => {
  it('creates personal, project and repository tokens, each under its own path, and revokes them', async () => {
    const owners: Array<[TokenOwner, string[]]> = [
      [USER, ['PROJECT_READ', 'REPO_WRITE']],
      [{ kind: 'project', projectKey: 'PRJ' }, ['PROJECT_WRITE', 'REPO_WRITE']],
      [{ kind: 'repository', projectKey: 'PRJ', repoSlug: 'my-app' }, ['REPO_ADMIN']],
    ];
    for (const [owner, scopes] of owners) {
      const created = await adapter.createToken(jane, 'jane.doe', { name: `for ${owner.kind}`, scopes, expiryDays: 90, owner });
      expect(created.secret).toMatch(/^BBDC-/);
      // The secret embeds the id the host gave it.
      expect(bitbucketDataCenterTokenId(created.secret)).toBe(created.token.id);
      expect(created.token).toMatchObject({ name: `for ${owner.kind}`, scopes, owner });
      expect(Date.parse(created.token.expiresAt!) - Date.parse(created.token.createdAt!)).toBe(90 * 86_400_000);
      expect(sim.authenticate(created.secret)?.token?.id).toBe(created.token.id);
      expect((await adapter.listTokens(jane, 'jane.doe', owner)).map((token) => token.id)).toEqual([created.token.id]);
      await adapter.revokeToken(jane, 'jane.doe', owner, created.token.id);
      expect(sim.tokens()).toEqual([]);
      expect(sim.authenticate(created.secret)).toBeNull();
    }
    expect(sim.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([
      '/bitbucket/rest/access-tokens/latest/users/jane.doe',
      '/bitbucket/rest/access-tokens/latest/projects/PRJ',
      '/bitbucket/rest/access-tokens/latest/projects/PRJ/repos/my-app',
    ]);
  });

  it('passes on the host\'s own words for a refused request (400 with errors[])', async () => {
    const error = await failure(
      adapter.createToken(jane, 'jane.doe', { name: 'bad', scopes: ['PROJECT_WRITE', 'REPO_READ'], expiryDays: null, owner: USER }),
    );
    expect(error.code).toBe('validation');
    expect(error.message).toBe('The repository permission must be at least as high as the project permission.');
    expect(sim.tokens()).toEqual([]);
  });

  it('says the token limit was reached and what to do', async () => {
    sim.seedTokens('jane.doe', 80);
    const error = await failure(adapter.createToken(jane, 'jane.doe', { name: 'one more', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, owner: USER }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/maximum number of tokens.*Revoke a token you no longer use/);
  });

  it('says a token that is already gone could not be found', async () => {
    const error = await failure(adapter.revokeToken(jane, 'jane.doe', USER, '012345678901'));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('012345678901');
  });
});

describe('bad days', () => {
  it('waits as asked on a 429 and then succeeds', async () => {
    sim.seedTokens('jane.doe', 3);
    sim.failNext(429, 1, { 'retry-after': '2' });
    expect(await adapter.listTokens(jane, 'jane.doe', USER)).toHaveLength(3);
    expect(sleeps).toEqual([2000]);
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('says it is rate limited when 429s outlast the retries', async () => {
    sim.failNext(429, 5, { 'retry-after': '5' });
    const error = await failure(adapter.listTokens(jane, 'jane.doe', USER));
    expect(error.code).toBe('rate-limited');
    expect(error.message).toContain('Try again in 5 seconds.');
    expect(sleeps).toEqual([5000, 5000]);
    expect(sim.requests).toHaveLength(3);
  });

  it('does not sit through a long Retry-After: it says at once how long to wait', async () => {
    sim.failNext(429, 1, { 'retry-after': '600' });
    const error = await failure(adapter.listTokens(jane, 'jane.doe', USER));
    expect(error).toMatchObject({ code: 'rate-limited', message: expect.stringContaining('Try again in about 10 minutes.') });
    expect(sleeps).toEqual([]);
  });

  it('says the host could not be reached when nothing listens', async () => {
    const port = await closedPort();
    await http.close();
    http = createHttpClient({ sleep: async () => undefined });
    adapter = createAdapter('bitbucket-datacenter', `http://127.0.0.1:${port}`, http);
    const error = await failure(adapter.verify(jane));
    expect(error.code).toBe('network');
    expect(error.message).toContain(`Could not reach 127.0.0.1:${port}`);
    expect(error.message).not.toContain(jane.password);
  });

  it('reconciles a create that timed out after the host made the token: one token, the person told, no retry', async () => {
    await http.close();
    connect({ timeoutMs: 1000 });
    sim.delayNextCreate(3000);
    const error = await failure(
      adapter.createToken(jane, 'jane.doe', { name: 'laptop', scopes: ['PROJECT_READ', 'REPO_WRITE'], expiryDays: 30, owner: USER }),
    );
    expect(error).toBeInstanceOf(SecretLostError);
    const onHost = sim.tokens({ kind: 'user', userSlug: 'jane.doe' });
    expect(onHost.map((token) => token.name)).toEqual(['laptop']);
    expect(error.message).toBe(
      `The token "laptop" (id ${onHost[0]!.id}) was created, but its secret was lost in transit because Bitbucket's answer never arrived. Revoke it and create another.`,
    );
    expect((error as SecretLostError).token.id).toBe(onHost[0]!.id);
    expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });
});

describe('a server an adapter cannot serve', () => {
  it('is refused before any request', () => {
    // Bitbucket Cloud has one address; a mistyped one is refused before any request.
    expect(() => createAdapter('bitbucket-cloud', 'https://bitbucket.example.com', http)).toThrow('Bitbucket Cloud is at https://bitbucket.org');
    expect(() => createAdapter('bitbucket-datacenter', 'http://bitbucket.example.com', http)).toThrow(LatchError);
  });
});
