// The GitHub simulator's own promises, over real sockets, which the GitHub adapter, leak response and
// git tests will lean on: what GET /user tells about a token, revocation by secret that is accepted
// now and takes effect later, the refusals and limits of POST /credentials/revoke on github.com and on
// Enterprise Server, the User-Agent and API-version rules, and real git through the GitHub origin.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runProcess } from '../cli/run';
import { gitHome, seedBareRepo, type GitHome } from '../core/git/git-env';
import { startGitHubSimulator, type GitHubSimulator, type GitHubSimulatorOptions } from './github';
import { startGitHubGitServer } from './github-git';
import type { SmartHttpServer } from './smart-http-server';

const DAY = 86_400_000;
const EXPIRES = Date.parse('2026-06-01T00:00:00Z');
let now = Date.parse('2026-05-01T00:00:00Z');
const clock = { now: () => now };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

interface CallOptions {
  authorization?: string;
  json?: unknown;
  raw?: string;
  userAgent?: string | null;
  apiVersion?: string | null;
}

async function call(url: string, method: 'GET' | 'POST', options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json' };
  if (options.userAgent !== null) headers['user-agent'] = options.userAgent ?? 'latch-tests/1.0';
  if (options.apiVersion !== null) headers['x-github-api-version'] = options.apiVersion ?? '2022-11-28';
  if (options.authorization) headers.authorization = options.authorization;
  const body = options.raw ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await request(url, { method, headers, body });
  const text = await response.body.text();
  const json = String(response.headers['content-type'] ?? '').startsWith('application/json');
  return { status: response.statusCode, headers: response.headers, body: json ? JSON.parse(text) : text };
}

const bearer = (secret: string) => `Bearer ${secret}`;
const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
const getUser = (sim: GitHubSimulator, authorization?: string, extra: CallOptions = {}) => call(`${sim.apiBase}/user`, 'GET', { authorization, ...extra });
const revokeCall = (sim: GitHubSimulator, json: unknown, extra: CallOptions = {}) => call(`${sim.apiBase}/credentials/revoke`, 'POST', { json, ...extra });

/** The instant an expiry header names, in either form GitHub sends. */
const expiryInstant = (header: string) => Date.parse(header.replace(' ', 'T').replace(/ UTC$/, 'Z').replace(/ ([+-]\d\d)(\d\d)$/, '$1:$2'));

async function simulator(options: GitHubSimulatorOptions = {}): Promise<GitHubSimulator> {
  const sim = await startGitHubSimulator({ ...clock, ...options });
  sim.addUser({ login: 'octocat', name: 'The Octocat', email: 'octocat@example.com' });
  return sim;
}

const started: GitHubSimulator[] = [];
async function fresh(options: GitHubSimulatorOptions = {}): Promise<GitHubSimulator> {
  const sim = await simulator(options);
  started.push(sim);
  return sim;
}
afterAll(async () => {
  for (const sim of started) await sim.stop();
});
beforeEach(() => {
  now = Date.parse('2026-05-01T00:00:00Z');
});

describe('GET /user: what a token is', () => {
  it('answers a classic token with its owner, its scopes and its expiry, in any of the three ways to send it', async () => {
    const sim = await fresh();
    const secret = sim.issueToken({ login: 'octocat', kind: 'classic', scopes: ['repo', 'workflow'], expiresAt: EXPIRES });
    for (const authorization of [bearer(secret), `token ${secret}`, basic('anything', secret)]) {
      const answer = await getUser(sim, authorization);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ login: 'octocat', id: expect.any(Number), name: 'The Octocat', type: 'User' });
      expect(answer.headers).toMatchObject({
        'x-oauth-scopes': 'repo, workflow',
        'github-authentication-token-expiration': '2026-06-01 00:00:00 UTC',
        'x-github-api-version-selected': '2022-11-28',
        'x-ratelimit-resource': 'core',
      });
    }
  });

  it('sends no X-OAuth-Scopes for a fine-grained token, and no expiry for a token that never expires', async () => {
    const sim = await fresh();
    const fine = await getUser(sim, bearer(sim.issueToken({ login: 'octocat', kind: 'fine-grained', expiresAt: EXPIRES })));
    expect(fine.status).toBe(200);
    expect(fine.headers['x-oauth-scopes']).toBeUndefined();
    expect(fine.headers['github-authentication-token-expiration']).toBe('2026-06-01 00:00:00 UTC');
    const forever = await getUser(sim, bearer(sim.issueToken({ login: 'octocat', kind: 'classic', scopes: [] })));
    expect(forever.status).toBe(200);
    expect(forever.headers['x-oauth-scopes']).toBe('');
    expect(forever.headers['github-authentication-token-expiration']).toBeUndefined();
  });

  it('can write the expiry with a numeric offset instead, naming the same instant', async () => {
    const sim = await fresh({ expiryHeader: 'offset', expiryHeaderOffsetMinutes: 540 });
    const answer = await getUser(sim, bearer(sim.issueToken({ login: 'octocat', kind: 'classic', expiresAt: EXPIRES })));
    const header = answer.headers['github-authentication-token-expiration'] as string;
    expect(header).toBe('2026-06-01 09:00:00 +0900');
    expect(expiryInstant(header)).toBe(EXPIRES);
    expect(expiryInstant('2026-06-01 00:00:00 UTC')).toBe(EXPIRES);
    const utc = await fresh({ expiryHeader: 'offset' });
    const zero = await getUser(utc, bearer(utc.issueToken({ login: 'octocat', kind: 'classic', expiresAt: EXPIRES })));
    expect(zero.headers['github-authentication-token-expiration']).toBe('2026-06-01 00:00:00 +0000');
  });

  it("refuses an unknown, expired, revoked or refresh token with 401 and GitHub's error body", async () => {
    const sim = await fresh();
    const expiring = sim.issueToken({ login: 'octocat', kind: 'fine-grained', expiresAt: now + DAY });
    const revoked = sim.issueToken({ login: 'octocat', kind: 'classic' });
    sim.revoke(revoked);
    const refresh = sim.issueToken({ login: 'octocat', kind: 'refresh' });
    expect((await getUser(sim, bearer(expiring))).status).toBe(200);
    now += DAY;
    for (const secret of [expiring, revoked, refresh, 'ghp_notarealtoken', `${revoked}x`]) {
      const answer = await getUser(sim, bearer(secret));
      expect(answer).toMatchObject({ status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } });
    }
    expect(sim.isAlive(expiring)).toBe(false);
    expect(sim.isAlive(revoked)).toBe(false);
    expect(sim.isAlive(refresh)).toBe(true);
  });

  it('asks for credentials when none came, and refuses an installation token the user endpoint', async () => {
    const sim = await fresh();
    expect(await getUser(sim)).toMatchObject({ status: 401, body: { message: 'Requires authentication', status: '401' } });
    const installation = sim.issueToken({ login: 'octo-app[bot]', kind: 'installation' });
    expect(await getUser(sim, bearer(installation))).toMatchObject({ status: 403, body: { message: 'Resource not accessible by integration', status: '403' } });
  });

  it('refuses any request without a User-Agent with 403, even with a good token', async () => {
    const sim = await fresh();
    const secret = sim.issueToken({ login: 'octocat', kind: 'classic' });
    const answer = await getUser(sim, bearer(secret), { userAgent: null });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatch(/^Request forbidden by administrative rules\. Please make sure your request has a User-Agent header/);
    expect((await revokeCall(sim, { credentials: [secret] }, { userAgent: '' })).status).toBe(403);
    expect(sim.isAlive(secret)).toBe(true);
  });

  it('serves the API versions GitHub serves, defaults to 2022-11-28, and refuses others with 400', async () => {
    const sim = await fresh();
    const secret = sim.issueToken({ login: 'octocat', kind: 'classic' });
    expect((await getUser(sim, bearer(secret), { apiVersion: '2026-03-10' })).headers['x-github-api-version-selected']).toBe('2026-03-10');
    const unpinned = await getUser(sim, bearer(secret), { apiVersion: null });
    expect(unpinned).toMatchObject({ status: 200, headers: { 'x-github-api-version-selected': '2022-11-28' } });
    const refused = await getUser(sim, bearer(secret), { apiVersion: '2021-01-01' });
    expect(refused).toMatchObject({ status: 400, body: { message: expect.stringContaining('2021-01-01'), status: '400' } });
    expect(sim.requests.slice(-3).map((r) => r.apiVersionPinned)).toEqual([true, false, true]);
  });
});

describe('POST /credentials/revoke on github.com', () => {
  it('accepts with 202 and {}, and the tokens keep working until the delay has passed', async () => {
    const sim = await fresh({ revokeDelayMs: 5000 });
    const kinds = ['classic', 'fine-grained', 'oauth', 'user-to-server', 'refresh'] as const;
    const secrets = kinds.map((kind) => sim.issueToken({ login: 'octocat', kind }));
    const installation = sim.issueToken({ login: 'octo-app[bot]', kind: 'installation' });
    const answer = await revokeCall(sim, { credentials: [...secrets, installation, 'not-a-token'] });
    expect(answer).toMatchObject({ status: 202, body: {} });
    expect(answer.headers['x-ratelimit-limit']).toBe('60');
    expect(answer.headers['x-ratelimit-remaining']).toBe('59');

    // Accepted, not done.
    expect((await getUser(sim, bearer(secrets[0]!))).status).toBe(200);
    now += 4999;
    expect(secrets.every((secret) => sim.isAlive(secret))).toBe(true);
    now += 1;
    expect(secrets.some((secret) => sim.isAlive(secret))).toBe(false);
    for (const secret of secrets.slice(0, 4)) expect((await getUser(sim, bearer(secret))).status).toBe(401);
    // Installation tokens cannot be revoked this way.
    expect(sim.isAlive(installation)).toBe(true);
  });

  it('lets a token die on the wall clock too: 200 at first, 401 once the delay is over', async () => {
    const sim = await startGitHubSimulator({ revokeDelayMs: 300 });
    started.push(sim);
    sim.addUser({ login: 'octocat' });
    const secret = sim.issueToken({ login: 'octocat', kind: 'classic' });
    const sent = Date.now();
    expect((await revokeCall(sim, { credentials: [secret] })).status).toBe(202);
    expect((await getUser(sim, bearer(secret))).status).toBe(200);
    let status = 200;
    while (status === 200 && Date.now() - sent < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await getUser(sim, bearer(secret))).status;
    }
    expect(status).toBe(401);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(300);
  });

  it('refuses an authenticated call with 403 and revokes nothing', async () => {
    const sim = await fresh({ revokeDelayMs: 0 });
    const secret = sim.issueToken({ login: 'octocat', kind: 'classic' });
    const answer = await revokeCall(sim, { credentials: [secret] }, { authorization: bearer(secret) });
    expect(answer).toMatchObject({ status: 403, body: { message: expect.any(String), documentation_url: expect.stringContaining('credentials/revoke'), status: '403' } });
    expect(sim.isAlive(secret)).toBe(true);
  });

  it.each([
    ['an empty list', { credentials: [] }],
    ['1001 credentials', { credentials: Array.from({ length: 1001 }, (_, i) => `ghp_${i}`) }],
    ['a number among them', { credentials: ['ghp_x', 42] }],
    ['null among them', { credentials: [null] }],
    ['no credentials', { tokens: ['ghp_x'] }],
    ['a string for the list', { credentials: 'ghp_x' }],
    ['an array body', ['ghp_x']],
  ])('answers 422 in the validation-error shape for %s, and revokes nothing', async (_label, body) => {
    const sim = await fresh({ revokeDelayMs: 0 });
    const secret = sim.issueToken({ login: 'octocat', kind: 'classic' });
    const withSecret = JSON.parse(JSON.stringify(body).replace('"ghp_x"', JSON.stringify(secret))) as unknown;
    const answer = await revokeCall(sim, withSecret);
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ message: expect.stringMatching(/^Invalid request\.\n\n/), documentation_url: 'https://docs.github.com/rest/credentials/revoke#revoke-a-list-of-credentials', status: '422' });
    expect(JSON.stringify(answer.body)).not.toContain(secret.slice(4));
    expect(sim.isAlive(secret)).toBe(true);
  });

  it('takes exactly 1000 credentials in one call', async () => {
    const sim = await fresh({ revokeDelayMs: 0 });
    const secret = sim.issueToken({ login: 'octocat', kind: 'fine-grained' });
    const credentials = [...Array.from({ length: 999 }, (_, i) => `ghp_unknown${i}`), secret];
    expect((await revokeCall(sim, { credentials })).status).toBe(202);
    expect(sim.isAlive(secret)).toBe(false);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const sim = await fresh();
    const answer = await call(`${sim.apiBase}/credentials/revoke`, 'POST', { raw: '{"credentials": [' });
    expect(answer).toMatchObject({ status: 400, body: { message: 'Problems parsing JSON', status: '400' } });
  });

  it('takes 60 calls an hour from one client, then answers 429 with Retry-After until the hour is over', async () => {
    const sim = await fresh();
    for (let i = 1; i <= 60; i += 1) {
      const answer = await revokeCall(sim, { credentials: ['ghp_unknown'] });
      expect(answer.status).toBe(202);
      expect(answer.headers['x-ratelimit-remaining']).toBe(String(60 - i));
    }
    now += 10 * 60_000;
    const limited = await revokeCall(sim, { credentials: ['ghp_unknown'] });
    expect(limited).toMatchObject({ status: 429, body: { message: 'API rate limit exceeded for 127.0.0.1.', status: '429' } });
    expect(limited.headers).toMatchObject({ 'retry-after': '3000', 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '60' });
    expect(Number(limited.headers['x-ratelimit-reset'])).toBe(Date.parse('2026-05-01T01:00:00Z') / 1000);
    now = Date.parse('2026-05-01T01:00:00Z');
    expect((await revokeCall(sim, { credentials: ['ghp_unknown'] })).status).toBe(202);
  });

  it('can answer the limit as 403 without Retry-After, leaving x-ratelimit-reset to go by', async () => {
    const sim = await fresh({ revokeLimitPerHour: 2, rateLimitStatus: 403, retryAfter: false });
    await revokeCall(sim, { credentials: ['ghp_unknown'] });
    await revokeCall(sim, { credentials: ['ghp_unknown'] });
    const limited = await revokeCall(sim, { credentials: ['ghp_unknown'] });
    expect(limited.status).toBe(403);
    expect(limited.headers['retry-after']).toBeUndefined();
    expect(limited.headers).toMatchObject({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.parse('2026-05-01T01:00:00Z') / 1000) });
  });

  it('answers injected failures once, then behaves again', async () => {
    const sim = await fresh();
    sim.failNext(500, 1, { 'x-github-request-id': 'ABCD:1234' });
    expect(await revokeCall(sim, { credentials: ['ghp_unknown'] })).toMatchObject({ status: 500, headers: { 'x-github-request-id': 'ABCD:1234' } });
    expect((await revokeCall(sim, { credentials: ['ghp_unknown'] })).status).toBe(202);
  });

  it('logs whether credentials came, never what they were', async () => {
    const sim = await fresh();
    const secret = sim.issueToken({ login: 'octocat', kind: 'classic' });
    await getUser(sim, bearer(secret));
    await revokeCall(sim, { credentials: [secret] });
    await revokeCall(sim, { credentials: [secret] }, { authorization: basic('octocat', secret) });
    expect(sim.requests).toEqual([
      { method: 'GET', path: '/user', status: 200, authenticated: true, apiVersionPinned: true },
      { method: 'POST', path: '/credentials/revoke', status: 202, authenticated: false, apiVersionPinned: true },
      { method: 'POST', path: '/credentials/revoke', status: 403, authenticated: true, apiVersionPinned: true },
    ]);
    expect(JSON.stringify(sim.requests)).not.toContain(secret.slice(4));
  });
});

describe('Enterprise Server', () => {
  it('serves the API under /api/v3 and nothing at the root', async () => {
    const sim = await fresh({ personality: 'enterprise' });
    expect(sim.apiBase).toBe(`${sim.baseUrl}/api/v3`);
    const secret = sim.issueToken({ login: 'octocat', kind: 'classic' });
    expect(await getUser(sim, bearer(secret))).toMatchObject({ status: 200, body: { login: 'octocat' } });
    expect((await call(`${sim.baseUrl}/user`, 'GET', { authorization: bearer(secret) })).status).toBe(404);
  });

  it('takes the revoke call with or without credentials by default, but not with bad ones', async () => {
    const sim = await fresh({ personality: 'enterprise', revokeDelayMs: 0 });
    const [a, b, c] = [0, 1, 2].map(() => sim.issueToken({ login: 'octocat', kind: 'classic' }));
    expect((await revokeCall(sim, { credentials: [a] })).status).toBe(202);
    expect((await revokeCall(sim, { credentials: [b] }, { authorization: bearer(c!) })).status).toBe(202);
    expect((await revokeCall(sim, { credentials: [c] }, { authorization: bearer(a!) })).status).toBe(401);
    expect([a, b, c].map((secret) => sim.isAlive(secret!))).toEqual([false, false, true]);
  });

  it('answers 404 where the server has no revoke endpoint', async () => {
    const sim = await fresh({ personality: 'enterprise', enterpriseRevoke: 'missing', revokeDelayMs: 0 });
    const secret = sim.issueToken({ login: 'octocat', kind: 'classic' });
    expect(await revokeCall(sim, { credentials: [secret] })).toMatchObject({ status: 404, body: { message: 'Not Found', status: '404' } });
    expect((await revokeCall(sim, { credentials: [secret] }, { authorization: bearer(secret) })).status).toBe(404);
    expect(sim.isAlive(secret)).toBe(true);
  });

  it.each([401, 403] as const)('can refuse the call without credentials (%i), so that one authenticated retry is what works', async (status) => {
    const sim = await fresh({ personality: 'enterprise', enterpriseRevoke: 'authenticated-only', unauthenticatedRevokeStatus: status, revokeDelayMs: 1000 });
    const leaked = sim.issueToken({ login: 'octocat', kind: 'classic' });
    const mine = sim.issueToken({ login: 'octocat', kind: 'fine-grained' });
    expect(await revokeCall(sim, { credentials: [leaked] })).toMatchObject({ status, body: { status: String(status) } });
    expect((await revokeCall(sim, { credentials: [leaked] }, { authorization: bearer(mine) })).status).toBe(202);
    expect(sim.isAlive(leaked)).toBe(true);
    now += 1000;
    expect(sim.isAlive(leaked)).toBe(false);
    expect(sim.isAlive(mine)).toBe(true);
  });
});

describe('git over HTTPS through the GitHub origin', () => {
  let sim: GitHubSimulator;
  let origin: SmartHttpServer;
  let projectRoot: string;
  let home: GitHome;

  beforeAll(async () => {
    sim = await startGitHubSimulator({ personality: 'enterprise' });
    sim.addUser({ login: 'alice' });
    sim.addUser({ login: 'bob' });
    sim.addCollaborator('octo-org/app', 'alice');
    projectRoot = mkdtempSync(join(tmpdir(), 'latch-github-root-'));
    seedBareRepo(projectRoot, 'octo-org', 'app.git');
    origin = await startGitHubGitServer(sim, sim.baseUrl, projectRoot);
    home = gitHome();
  });

  afterAll(async () => {
    await origin.stop();
    await sim.stop();
    home.cleanup();
    rmSync(projectRoot, { recursive: true, force: true });
  });

  beforeEach(() => {
    origin.requests.length = 0;
  });

  const repoUrl = () => `${origin.baseUrl}/octo-org/app.git`;
  /** Real git with a helper that answers `username` and the token from the environment, never on the command line. */
  const git = (args: string[], username: string, secret: string, cwd = home.dir) =>
    runProcess(
      'git',
      ['-c', 'credential.helper=', '-c', 'credential.helper=!f() { test "$1" = get && printf "username=%s\\npassword=%s\\n" "$GH_USER" "$GH_TOKEN"; }; f', ...args],
      { env: { ...home.env, GH_USER: username, GH_TOKEN: secret }, cwd },
    );
  const headOf = () => execFileSync('git', ['--git-dir', join(projectRoot, 'octo-org', 'app.git'), 'log', '-1', '--format=%s', 'main'], { encoding: 'utf8' }).trim();

  it('clones and pushes with a classic repo token under the owner login or any other username', async () => {
    const secret = sim.issueToken({ login: 'alice', kind: 'classic', scopes: ['repo'] });
    const cloned = await git(['clone', repoUrl(), 'work'], 'alice', secret);
    expect(cloned.stderr).not.toMatch(/fatal/);
    expect(cloned.code).toBe(0);
    const work = join(home.dir, 'work');
    expect((await git(['commit', '--allow-empty', '-m', 'pushed with a classic token'], 'alice', secret, work)).code).toBe(0);
    const pushed = await git(['push', 'origin', 'main'], 'x-access-token', secret, work);
    expect(pushed.code).toBe(0);
    expect(headOf()).toBe('pushed with a classic token');
    const authed = origin.requests.filter((r) => r.user !== null);
    expect(authed.some((r) => r.path.endsWith('/git-receive-pack') && r.user === 'alice' && r.sentUsername === 'x-access-token')).toBe(true);
    expect(JSON.stringify(origin.requests)).not.toContain(secret.slice(4));
  });

  it('lets a read-only fine-grained token clone and refuses its push with 403', async () => {
    const secret = sim.issueToken({ login: 'alice', kind: 'fine-grained', contents: 'read' });
    expect((await git(['clone', repoUrl(), 'read-only'], 'alice', secret)).code).toBe(0);
    const work = join(home.dir, 'read-only');
    const before = headOf();
    expect((await git(['commit', '--allow-empty', '-m', 'must not land'], 'alice', secret, work)).code).toBe(0);
    const pushed = await git(['push', 'origin', 'main'], 'alice', secret, work);
    expect(pushed.code).not.toBe(0);
    expect(pushed.stderr).toMatch(/403/);
    expect(headOf()).toBe(before);
    expect(origin.requests.some((r) => r.status === 403 && r.sentUsername === 'alice')).toBe(true);
  });

  it('refuses with 403 a classic token without the repo scope, and a user who is not a collaborator', async () => {
    const noRepo = sim.issueToken({ login: 'alice', kind: 'classic', scopes: ['read:user'] });
    const bobs = sim.issueToken({ login: 'bob', kind: 'classic', scopes: ['repo'] });
    for (const [user, secret, dir] of [['alice', noRepo, 'no-scope'], ['bob', bobs, 'not-mine']] as const) {
      const cloned = await git(['clone', repoUrl(), dir], user, secret);
      expect(cloned.code).not.toBe(0);
      expect(cloned.stderr).toMatch(/403/);
    }
  });

  it('answers 401 with the GitHub realm, so git reports failed authentication, once the token is revoked', async () => {
    const secret = sim.issueToken({ login: 'alice', kind: 'classic', scopes: ['repo'] });
    expect((await git(['clone', repoUrl(), 'then-revoked'], 'alice', secret)).code).toBe(0);
    sim.revoke(secret);
    const fetched = await git(['fetch'], 'alice', secret, join(home.dir, 'then-revoked'));
    expect(fetched.code).not.toBe(0);
    expect(fetched.stderr).toMatch(/Authentication failed/);
    const answer = await request(`${repoUrl()}/info/refs?service=git-upload-pack`, { headers: { authorization: basic('alice', secret) } });
    await answer.body.text();
    expect(answer.statusCode).toBe(401);
    expect(answer.headers['www-authenticate']).toBe('Basic realm="GitHub"');
  });

  it('wants some username with the token: an empty one is no credential at all', async () => {
    const secret = sim.issueToken({ login: 'alice', kind: 'classic', scopes: ['repo'] });
    const refs = (authorization: string) => request(`${repoUrl()}/info/refs?service=git-upload-pack`, { headers: { authorization } });
    const empty = await refs(basic('', secret));
    await empty.body.text();
    expect(empty.statusCode).toBe(401);
    const named = await refs(basic('whoever', secret));
    await named.body.text();
    expect(named.statusCode).toBe(200);
  });

  it('serves the API on the same origin, as Enterprise Server does', async () => {
    const secret = sim.issueToken({ login: 'bob', kind: 'classic' });
    const answer = await call(`${origin.baseUrl}/api/v3/user`, 'GET', { authorization: bearer(secret) });
    expect(answer).toMatchObject({ status: 200, body: { login: 'bob' } });
  });
});
