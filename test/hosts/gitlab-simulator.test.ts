// The GitLab simulator's own promises, over real sockets, which adapter and end-to-end tests will
// build on: GitLab's paging headers, its error bodies, tokens revoking and rotating themselves, reuse
// detection, project and group tokens acting as bots, the free-tier refusal, the expiry limit,
// throttling, a log without secrets, and real git fetching and pushing with each kind of token.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../cli/run';
import { gitHome, seedBareRepo, type GitHome } from '../core/git/git-env';
import { ACCESS, startGitLabSimulator, type GitLabSimulator } from './gitlab';
import { startGitLabGitServer } from './gitlab-git';
import type { SmartHttpServer } from './smart-http-server';

const START = Date.parse('2026-11-01T12:00:00Z');
let now = START;
let sim: GitLabSimulator;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

async function call(
  target: GitLabSimulator,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  secret: string | null,
  json?: unknown,
  auth: 'private-token' | 'bearer' = 'private-token',
): Promise<Reply> {
  const headers: Record<string, string> = json === undefined ? {} : { 'content-type': 'application/json' };
  if (secret !== null) headers[auth === 'bearer' ? 'authorization' : 'private-token'] = auth === 'bearer' ? `Bearer ${secret}` : secret;
  const response = await request(`${target.apiBase}${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await response.body.text();
  const isJson = String(response.headers['content-type'] ?? '').includes('json');
  return { status: response.statusCode, headers: response.headers, body: isJson && text !== '' ? JSON.parse(text) : text };
}
const api = (method: 'GET' | 'POST' | 'DELETE', path: string, secret: string | null, json?: unknown) => call(sim, method, path, secret, json);

const day = (offset: number) => new Date(START + offset * 86_400_000).toISOString().slice(0, 10);
const issue = (user: string, scopes: string[], extra: { name?: string; expiresAt?: string } = {}) =>
  sim.issuePersonalToken({ user, name: extra.name ?? `${user} token`, scopes, ...(extra.expiresAt ? { expiresAt: extra.expiresAt } : {}) });

beforeAll(async () => {
  sim = await startGitLabSimulator({ now: () => now });
  for (const username of ['jane', 'bob', 'carol', 'many']) sim.addUser({ username, name: username[0]!.toUpperCase() + username.slice(1) });
  sim.addGroup('acme', { jane: ACCESS.owner });
  sim.addProject('acme/tools/app', { bob: ACCESS.developer });
  sim.addProject('acme/web');
  sim.addProject('other/lib', { carol: ACCESS.maintainer, bob: ACCESS.reporter });
});
afterAll(() => sim.stop());
afterEach(() => {
  now = START;
});

describe('paging', () => {
  it('pages past 100 with GitLab headers and Link, capping per_page at 100', async () => {
    const { secret } = issue('bob', ['read_api']);
    sim.seedPersonalTokens('bob', 130);
    const first = await api('GET', '/personal_access_tokens?per_page=100', secret);
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(100);
    expect(first.headers).toMatchObject({ 'x-page': '1', 'x-per-page': '100', 'x-next-page': '2', 'x-prev-page': '', 'x-total': '131', 'x-total-pages': '2' });
    const link = String(first.headers.link);
    expect(link).toContain(`<${sim.apiBase}/personal_access_tokens?per_page=100&page=2>; rel="next"`);
    expect(link).toMatch(/page=2>; rel="last"/);

    // Following rel="next" as a client would.
    const next = /<([^>]+)>; rel="next"/.exec(link)![1]!;
    const second = await request(next, { headers: { 'private-token': secret } });
    const rest = (await second.body.json()) as Array<{ id: number }>;
    expect(rest).toHaveLength(31);
    expect(second.headers).toMatchObject({ 'x-page': '2', 'x-next-page': '', 'x-prev-page': '1' });
    expect(String(second.headers.link)).not.toContain('rel="next"');
    const ids = [...(first.body as Array<{ id: number }>), ...rest].map((token) => token.id);
    expect(new Set(ids).size).toBe(131);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    const capped = await api('GET', '/personal_access_tokens?per_page=500', secret);
    expect(capped.headers['x-per-page']).toBe('100');
    const defaulted = await api('GET', '/personal_access_tokens', secret);
    expect(defaulted.body).toHaveLength(20);
    expect(defaulted.headers['x-total-pages']).toBe('7');
  });

  it('leaves out the totals and rel="last" past 10,000 rows, but still says where the next page is', async () => {
    const { secret } = issue('many', ['read_api']);
    sim.seedPersonalTokens('many', 10_000);
    const page = await api('GET', '/personal_access_tokens?per_page=100&page=100', secret);
    expect(page.body).toHaveLength(100);
    expect(page.headers['x-total']).toBeUndefined();
    expect(page.headers['x-total-pages']).toBeUndefined();
    expect(page.headers['x-next-page']).toBe('101');
    expect(String(page.headers.link)).not.toContain('rel="last"');
    const last = await api('GET', '/personal_access_tokens?per_page=100&page=101', secret);
    expect(last.body).toHaveLength(1);
    expect(last.headers['x-next-page']).toBe('');
  });

  it('filters by state and name, and sorts when asked', async () => {
    const a = issue('carol', ['api'], { name: 'laptop' });
    const b = issue('carol', ['read_api'], { name: 'ci runner' });
    sim.revokeInPage(b.id);
    const active = await api('GET', '/personal_access_tokens?state=active', a.secret);
    expect((active.body as Array<{ id: number }>).map((t) => t.id)).toEqual([a.id]);
    const inactive = await api('GET', '/personal_access_tokens?state=inactive&search=RUNNER', a.secret);
    expect(inactive.body).toMatchObject([{ id: b.id, active: false, revoked: true }]);
    const byName = await api('GET', '/personal_access_tokens?sort=name_asc', a.secret);
    expect((byName.body as Array<{ name: string }>).map((t) => t.name)).toEqual(['ci runner', 'laptop']);
    expect((await api('GET', '/personal_access_tokens?state=gone', a.secret)).body).toEqual({ error: 'state does not have a valid value' });
  });
});

describe('error bodies', () => {
  it('answers GitLab\'s 401, 403, 404 and 400 shapes', async () => {
    const readOnly = issue('jane', ['read_repository']);
    expect(await api('GET', '/user', null)).toMatchObject({ status: 401, body: { message: '401 Unauthorized' } });
    expect(await api('GET', '/user', 'glpat-not-a-real-token-at-all')).toMatchObject({ status: 401, body: { message: '401 Unauthorized' } });
    expect(await api('GET', '/personal_access_tokens', readOnly.secret)).toMatchObject({
      status: 403,
      body: { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token.', scope: 'api read_api' },
    });
    const owner = issue('jane', ['api']);
    expect(await api('GET', '/projects/acme%2Fnope/access_tokens', owner.secret)).toMatchObject({ status: 404, body: { message: '404 Project Not Found' } });
    expect(await api('GET', '/groups/9999/access_tokens', owner.secret)).toMatchObject({ status: 404, body: { message: '404 Group Not Found' } });
    expect(await api('POST', '/projects/acme%2Fweb/access_tokens', owner.secret, { access_level: 30 })).toMatchObject({
      status: 400,
      body: { error: 'name is missing, scopes is missing' },
    });
    expect(await api('GET', '/projects/acme%2Fweb/access_tokens/999999', owner.secret)).toMatchObject({ status: 404, body: { message: '404 project Access Token Not Found' } });
    expect(await api('GET', '/nothing/here', owner.secret)).toMatchObject({ status: 404, body: { error: '404 Not Found' } });
    expect(await api('DELETE', '/user', owner.secret)).toMatchObject({ status: 405, body: { error: '405 Not Allowed' }, headers: { allow: 'GET' } });
    // Bearer works as PRIVATE-TOKEN does.
    expect((await call(sim, 'GET', '/user', owner.secret, undefined, 'bearer')).body).toMatchObject({ username: 'jane', bot: false });
  });

  it('answers a revoked or expired token with the Bearer invalid_token error', async () => {
    const revoked = issue('jane', ['api']);
    sim.revokeInPage(revoked.id);
    const refused = await api('GET', '/user', revoked.secret);
    expect(refused).toMatchObject({ status: 401, body: { error: 'invalid_token', error_description: 'Token was revoked. You have to re-authorize from the user.' } });
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer realm="Protected by OAuth 2.0", error="invalid_token"/);

    // Tokens stop at 00:00 UTC on their expiry date.
    const expiring = issue('jane', ['read_user'], { expiresAt: day(1) });
    now = Date.parse(`${day(1)}T00:00:00Z`) - 1000;
    expect((await api('GET', '/user', expiring.secret)).status).toBe(200);
    now += 1000;
    expect(await api('GET', '/user', expiring.secret)).toMatchObject({
      status: 401,
      body: { error: 'invalid_token', error_description: 'Token is expired. You can either do re-authorization or token refresh.' },
    });
    expect(sim.tokenState(expiring.id)).toBe('expired');
  });

  it('does not let anyone read, rotate or revoke another person\'s token', async () => {
    const janes = issue('jane', ['api']);
    const bobs = issue('bob', ['api']);
    expect(await api('GET', `/personal_access_tokens/${janes.id}`, bobs.secret)).toMatchObject({ status: 401, body: { message: '401 Unauthorized' } });
    expect(await api('POST', `/personal_access_tokens/${janes.id}/rotate`, bobs.secret)).toMatchObject({ status: 401 });
    expect(await api('DELETE', `/personal_access_tokens/${janes.id}`, bobs.secret)).toMatchObject({ status: 400, body: { message: '400 Bad request' } });
    expect(await api('DELETE', '/personal_access_tokens/999999', bobs.secret)).toMatchObject({ status: 404, body: { message: '404 Not found' } });
    expect(await api('GET', `/personal_access_tokens?user_id=${janes.id}`, bobs.secret)).toMatchObject({ status: 401 });
    expect(sim.tokenState(janes.id)).toBe('active');
  });
});

describe('tokens revoking and rotating themselves', () => {
  it('lets a token with only read_repository look itself up and revoke itself', async () => {
    const leaked = issue('bob', ['read_repository'], { name: 'leaked laptop token' });
    expect(await api('GET', '/personal_access_tokens/self', leaked.secret)).toMatchObject({
      status: 200,
      body: { id: leaked.id, name: 'leaked laptop token', scopes: ['read_repository'], active: true, revoked: false, expires_at: day(365) },
    });
    expect((await api('DELETE', '/personal_access_tokens/self', leaked.secret)).status).toBe(204);
    expect(sim.tokenState(leaked.id)).toBe('revoked');
    // Already dead: the next attempt says so rather than succeeding again.
    expect(await api('DELETE', '/personal_access_tokens/self', leaked.secret)).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });

  it('rotates by id: a new secret with the same name and scopes, a week by default, and the old one dead', async () => {
    const old = issue('jane', ['api', 'read_repository'], { name: 'workstation' });
    const rotated = await api('POST', `/personal_access_tokens/${old.id}/rotate`, old.secret);
    expect(rotated).toMatchObject({ status: 200, body: { name: 'workstation', scopes: ['api', 'read_repository'], expires_at: day(7), active: true, revoked: false } });
    const fresh = rotated.body as { id: number; token: string };
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.token).toMatch(/^glpat-/);
    expect(sim.tokenState(old.id)).toBe('revoked');
    expect((await api('GET', '/user', old.secret)).status).toBe(401);
    expect(await api('GET', '/user', fresh.token)).toMatchObject({ status: 200, body: { username: 'jane' } });
    // Rotation takes an expiry, within the same limit as creation.
    expect(await api('POST', `/personal_access_tokens/${fresh.id}/rotate`, fresh.token, { expires_at: day(366) })).toMatchObject({
      status: 400,
      body: { message: `400 Bad request - Expires at must be before ${day(365)}` },
    });
    expect((await api('POST', `/personal_access_tokens/${fresh.id}/rotate`, fresh.token, { expires_at: day(90) })).body).toMatchObject({ expires_at: day(90) });
  });

  it('rotates itself through /self with api or self_rotate, and refuses other scopes', async () => {
    const selfRotating = issue('carol', ['self_rotate', 'read_repository']);
    const rotated = await api('POST', '/personal_access_tokens/self/rotate', selfRotating.secret);
    expect(rotated).toMatchObject({ status: 200, body: { scopes: ['self_rotate', 'read_repository'] } });
    const readOnly = issue('carol', ['read_api']);
    expect(await api('POST', '/personal_access_tokens/self/rotate', readOnly.secret)).toMatchObject({ status: 403, body: { scope: 'api self_rotate' } });
  });

  it('revokes the whole family when a token already rotated away is used to rotate again', async () => {
    const first = issue('bob', ['api'], { name: 'family' });
    const second = (await api('POST', '/personal_access_tokens/self/rotate', first.secret)).body as { id: number; token: string };
    const third = (await api('POST', '/personal_access_tokens/self/rotate', second.token)).body as { id: number; token: string };
    expect(sim.tokenState(third.id)).toBe('active');
    const unrelated = issue('bob', ['api'], { name: 'unrelated' });

    // Someone replays the first secret (a stolen copy, or a client retrying after a timeout).
    const replay = await api('POST', '/personal_access_tokens/self/rotate', first.secret);
    expect(replay).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
    expect(sim.tokenState(third.id)).toBe('revoked');
    expect((await api('GET', '/user', third.token)).status).toBe(401);
    expect(sim.tokenState(unrelated.id)).toBe('active');
  });

  it('answers 400 to rotating a revoked token by id with a good one, and leaves the family alone', async () => {
    const manager = issue('jane', ['api']);
    const old = issue('jane', ['read_repository']);
    const next = (await api('POST', `/personal_access_tokens/${old.id}/rotate`, manager.secret)).body as { id: number };
    expect(await api('POST', `/personal_access_tokens/${old.id}/rotate`, manager.secret)).toMatchObject({
      status: 400,
      body: { message: '400 Bad request - Token already revoked' },
    });
    expect(sim.tokenState(next.id)).toBe('active');
  });
});

describe('project and group access tokens', () => {
  it('creates a project token with the asked access level, acting as a bot user of that project', async () => {
    const jane = issue('jane', ['api']);
    const created = await api('POST', '/projects/acme%2Ftools%2Fapp/access_tokens', jane.secret, {
      name: 'deploy',
      scopes: ['read_repository'],
      access_level: ACCESS.developer,
      expires_at: day(30),
    });
    expect(created).toMatchObject({
      status: 201,
      body: { name: 'deploy', scopes: ['read_repository'], access_level: 30, resource_type: 'project', expires_at: day(30), active: true },
    });
    const made = created.body as { id: number; token: string; user_id: number; resource_id: number };
    expect(made.token).toMatch(/^glpat-/);

    // The same project by numeric id lists it; the token itself is a bot, and may look itself up.
    const listed = await api('GET', `/projects/${made.resource_id}/access_tokens`, jane.secret);
    expect((listed.body as Array<{ id: number }>).map((t) => t.id)).toContain(made.id);
    expect(await api('GET', '/personal_access_tokens/self', made.token)).toMatchObject({ status: 200, body: { id: made.id, user_id: made.user_id } });
    const asBot = issue('jane', ['read_user']); // a person, for contrast
    expect((await api('GET', '/user', asBot.secret)).body).toMatchObject({ bot: false });

    // Rotation keeps the role; the old secret stops.
    const rotated = await api('POST', `/projects/${made.resource_id}/access_tokens/${made.id}/rotate`, jane.secret, { expires_at: day(60) });
    expect(rotated).toMatchObject({ status: 200, body: { access_level: 30, resource_type: 'project', expires_at: day(60) } });
    expect(sim.tokenState(made.id)).toBe('revoked');
    expect((await api('DELETE', `/projects/${made.resource_id}/access_tokens/${(rotated.body as { id: number }).id}`, jane.secret)).status).toBe(204);
  });

  it('makes group tokens for owners only, and lets nobody give a token more than they hold', async () => {
    const jane = issue('jane', ['api']);
    expect(await api('POST', '/groups/acme/access_tokens', jane.secret, { name: 'ci', scopes: ['read_repository'], access_level: 50, expires_at: day(10) })).toMatchObject({
      status: 201,
      body: { resource_type: 'group', access_level: 50 },
    });
    const carol = issue('carol', ['api']);
    expect(await api('POST', '/projects/other%2Flib/access_tokens', carol.secret, { name: 'x', scopes: ['api'], access_level: 50, expires_at: day(10) })).toMatchObject({
      status: 400,
      body: { message: '400 Bad request - Access level of the token contains permissions not held by the creating user' },
    });
    expect(await api('POST', '/projects/other%2Flib/access_tokens', carol.secret, { name: 'x', scopes: ['api'], access_level: 25 })).toMatchObject({
      status: 400,
      body: { error: 'access_level does not have a valid value' },
    });
    const bob = issue('bob', ['api']);
    expect(await api('POST', '/projects/acme%2Ftools%2Fapp/access_tokens', bob.secret, { name: 'x', scopes: ['api'], access_level: 10 })).toMatchObject({
      status: 400,
      body: { message: '400 Bad request - User does not have permission to create project access token' },
    });
    expect(await api('GET', '/projects/acme%2Ftools%2Fapp/access_tokens', bob.secret)).toMatchObject({ status: 401 });
    // A token of a project may not make tokens, even with api and Maintainer.
    const botToken = ((await api('POST', '/projects/other%2Flib/access_tokens', carol.secret, { name: 'bot', scopes: ['api'], access_level: 40 })).body as { token: string }).token;
    expect(await api('POST', '/projects/other%2Flib/access_tokens', botToken, { name: 'y', scopes: ['api'], access_level: 10 })).toMatchObject({
      status: 400,
      body: { message: '400 Bad request - User does not have permission to create project access token' },
    });
    expect((await api('GET', '/user', botToken)).body).toMatchObject({ bot: true, username: expect.stringMatching(/^project_\d+_bot_[0-9a-f]{32}$/) });
  });

  it('refuses project tokens on GitLab.com\'s free tier with GitLab\'s own message', async () => {
    const free = await startGitLabSimulator({ now: () => now, premium: false });
    try {
      free.addUser({ username: 'dana' });
      free.addProject('dana-group/app');
      free.addGroup('dana-group', { dana: ACCESS.owner });
      const { secret } = free.issuePersonalToken({ user: 'dana', name: 'admin', scopes: ['api'] });
      expect(await call(free, 'POST', '/projects/dana-group%2Fapp/access_tokens', secret, { name: 'x', scopes: ['read_repository'], expires_at: day(5) })).toMatchObject({
        status: 400,
        body: { message: '400 Bad request - User does not have permission to create project access token' },
      });
      expect(await call(free, 'POST', '/groups/dana-group/access_tokens', secret, { name: 'x', scopes: ['read_repository'], expires_at: day(5) })).toMatchObject({
        status: 400,
        body: { message: '400 Bad request - User does not have permission to create group access token' },
      });
    } finally {
      await free.stop();
    }
  });
});

describe('expiry', () => {
  it('allows at most 365 days ahead, says the limit, and defaults to it', async () => {
    const jane = issue('jane', ['api']);
    const body = (expires_at?: string) => ({ name: 'e', scopes: ['read_api'], ...(expires_at ? { expires_at } : {}) });
    expect(await api('POST', '/projects/acme%2Fweb/access_tokens', jane.secret, body(day(366)))).toMatchObject({
      status: 400,
      body: { message: `400 Bad request - Expires at must be before ${day(365)}` },
    });
    expect((await api('POST', '/projects/acme%2Fweb/access_tokens', jane.secret, body(day(365)))).status).toBe(201);
    expect((await api('POST', '/projects/acme%2Fweb/access_tokens', jane.secret, body())).body).toMatchObject({ expires_at: day(365) });
    expect(await api('POST', '/projects/acme%2Fweb/access_tokens', jane.secret, body('2027-02-30'))).toMatchObject({ status: 400, body: { error: 'expires_at is invalid' } });
    expect(() => issue('jane', ['api'], { expiresAt: day(366) })).toThrow(`Expires at must be before ${day(365)}`);
  });

  it('allows 400 days where the instance has the buffered limit on', async () => {
    const buffered = await startGitLabSimulator({ now: () => now, maxExpiryDays: 400 });
    try {
      buffered.addUser({ username: 'eve' });
      buffered.addProject('eve/app');
      const { secret } = buffered.issuePersonalToken({ user: 'eve', name: 'long', scopes: ['api'], expiresAt: day(400) });
      expect((await call(buffered, 'POST', '/projects/eve%2Fapp/access_tokens', secret, { name: 'x', scopes: ['api'], expires_at: day(400) })).status).toBe(201);
      expect((await call(buffered, 'POST', '/projects/eve%2Fapp/access_tokens', secret, { name: 'x', scopes: ['api'], expires_at: day(401) })).status).toBe(400);
    } finally {
      await buffered.stop();
    }
  });
});

describe('throttling and the request log', () => {
  it('answers 429 "Retry later" with Retry-After and RateLimit headers, then lets the next window through', async () => {
    const limited = await startGitLabSimulator({ now: () => now, rateLimit: { requests: 3, periodSeconds: 60 } });
    try {
      limited.addUser({ username: 'fay' });
      const { secret } = limited.issuePersonalToken({ user: 'fay', name: 't', scopes: ['read_user'] });
      now = Date.parse('2026-11-01T12:00:45Z');
      for (let i = 0; i < 3; i += 1) expect((await call(limited, 'GET', '/user', secret)).status).toBe(200);
      const refused = await call(limited, 'GET', '/user', secret);
      expect(refused).toMatchObject({
        status: 429,
        body: 'Retry later\n',
        headers: { 'retry-after': '15', 'ratelimit-limit': '3', 'ratelimit-remaining': '0', 'ratelimit-observed': '4', 'ratelimit-name': 'throttle_authenticated_api' },
      });
      expect(Number(refused.headers['ratelimit-reset'])).toBe(Date.parse('2026-11-01T12:01:00Z') / 1000);
      expect(refused.headers['ratelimit-resettime']).toBe('Sun, 01 Nov 2026 12:01:00 GMT');
      now = Date.parse('2026-11-01T12:01:00Z');
      expect((await call(limited, 'GET', '/user', secret)).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it('answers injected failures once, with their headers', async () => {
    const { secret } = issue('jane', ['read_user']);
    sim.failNext(503, 1, { 'retry-after': '2' });
    expect(await api('GET', '/user', secret)).toMatchObject({ status: 503, headers: { 'retry-after': '2' } });
    expect((await api('GET', '/user', secret)).status).toBe(200);
  });

  it('logs method, path and status only, with a private_token in the query filtered out', async () => {
    const { secret } = issue('jane', ['read_user']);
    sim.requests.length = 0;
    const response = await request(`${sim.apiBase}/user?private_token=${secret}`);
    expect(response.statusCode).toBe(200);
    await response.body.text();
    expect(sim.requests).toEqual([{ method: 'GET', url: '/api/v4/user?private_token=[FILTERED]', status: 200 }]);
    expect(JSON.stringify(sim.requests)).not.toContain(secret);
  });
});

describe('git over HTTPS through the GitLab origin', () => {
  let server: SmartHttpServer;
  let projectRoot: string;
  let home: GitHome;

  beforeAll(async () => {
    projectRoot = mkdtempSync(join(tmpdir(), 'latch-gitlab-root-'));
    for (const path of ['acme/tools/app', 'acme/web', 'other/lib']) seedBareRepo(projectRoot, ...`${path}.git`.split('/'));
    server = await startGitLabGitServer(sim, sim.baseUrl, projectRoot);
    home = gitHome();
  });
  afterAll(async () => {
    await server.stop();
    home.cleanup();
    rmSync(projectRoot, { recursive: true, force: true });
  });

  /** Real git with the token handed over by a credential helper, as Latch's would, never in the URL. */
  const git = (args: string[], token: string, cwd = home.dir) =>
    runProcess(
      'git',
      ['-c', 'credential.helper=', '-c', 'credential.helper=!f() { test "$1" = get && printf "username=%s\\npassword=%s\\n" any-name "$GL_TOKEN"; }; f', ...args],
      { env: { ...home.env, GL_TOKEN: token }, cwd },
    );
  const url = (path: string) => `${server.baseUrl}/${path}.git`;
  let clones = 0;
  const cloneDir = () => `clone-${(clones += 1)}`;

  it('clones and pushes with a write_repository token and any username, recording the token', async () => {
    const { id, secret } = issue('bob', ['write_repository']);
    const dir = cloneDir();
    const cloned = await git(['clone', url('acme/tools/app'), dir], secret);
    expect(cloned.stderr).not.toMatch(/fatal/);
    expect(cloned.code).toBe(0);
    const work = join(home.dir, dir);
    expect((await git(['commit', '--allow-empty', '-m', 'from a gitlab token'], secret, work)).code).toBe(0);
    const pushed = await git(['push', 'origin', 'main'], secret, work);
    expect(pushed.code).toBe(0);
    expect(execFileSync('git', ['--git-dir', join(projectRoot, 'acme', 'tools', 'app.git'), 'log', '-1', '--format=%s', 'main'], { encoding: 'utf8' })).toBe('from a gitlab token\n');
    const authed = server.requests.filter((r) => r.user !== null);
    expect(authed.length).toBeGreaterThan(0);
    expect(authed.every((r) => r.user === 'bob' && r.tokenId === String(id) && r.sentUsername === 'any-name')).toBe(true);
  });

  it('lets a read_repository token fetch but answers 403 to its push', async () => {
    const { secret } = issue('bob', ['read_repository']);
    const dir = cloneDir();
    expect((await git(['clone', url('acme/tools/app'), dir], secret)).code).toBe(0);
    const work = join(home.dir, dir);
    await git(['commit', '--allow-empty', '-m', 'not allowed'], secret, work);
    server.requests.length = 0;
    const pushed = await git(['push', 'origin', 'main'], secret, work);
    expect(pushed.code).not.toBe(0);
    expect(pushed.stderr).toMatch(/403/);
    expect(server.requests.some((r) => r.status === 403)).toBe(true);
  });

  it('refuses a revoked token with 401 and GitLab\'s realm', async () => {
    const { id, secret } = issue('bob', ['read_repository']);
    sim.revokeInPage(id);
    server.requests.length = 0;
    const cloned = await git(['clone', url('acme/tools/app'), cloneDir()], secret);
    expect(cloned.code).not.toBe(0);
    expect(cloned.stderr).toMatch(/Authentication failed/);
    const info = await request(`${server.baseUrl}/acme/tools/app.git/info/refs?service=git-upload-pack`);
    await info.body.text();
    expect(info.statusCode).toBe(401);
    expect(info.headers['www-authenticate']).toBe('Basic realm="GitLab"');
  });

  it('answers 404 to a person\'s token on a project they cannot see', async () => {
    const { secret } = issue('carol', ['read_repository']);
    const cloned = await git(['clone', url('acme/web'), cloneDir()], secret);
    expect(cloned.code).not.toBe(0);
    expect(server.requests.at(-1)?.status).toBe(404);
  });

  it('lets a project token reach only its project, and a group token every project under its group', async () => {
    const jane = issue('jane', ['api']);
    const project = (await api('POST', '/projects/acme%2Ftools%2Fapp/access_tokens', jane.secret, { name: 'ci', scopes: ['read_repository'], access_level: 20 })).body as { token: string };
    expect((await git(['clone', url('acme/tools/app'), cloneDir()], project.token)).code).toBe(0);
    expect(server.requests.filter((r) => r.user !== null).at(-1)?.user).toMatch(/^project_\d+_bot_/);
    server.requests.length = 0;
    expect((await git(['clone', url('acme/web'), cloneDir()], project.token)).code).not.toBe(0);
    expect(server.requests.some((r) => r.status === 401 && r.sentSecret)).toBe(true);

    const group = (await api('POST', '/groups/acme/access_tokens', jane.secret, { name: 'mirror', scopes: ['read_repository'], access_level: 20 })).body as { token: string };
    expect((await git(['clone', url('acme/web'), cloneDir()], group.token)).code).toBe(0);
    expect((await git(['clone', url('acme/tools/app'), cloneDir()], group.token)).code).toBe(0);
    expect((await git(['clone', url('other/lib'), cloneDir()], group.token)).code).not.toBe(0);
  });

  it('keeps secrets out of the origin\'s request records', () => {
    expect(JSON.stringify(server.requests)).not.toMatch(/glpat-/);
  });
});
