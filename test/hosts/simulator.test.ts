// The simulator's own promises, which the adapter, CLI, git and end-to-end tests lean on: who a
// secret belongs to, the host's 400 rules, real-looking ids and secrets, and a log without secrets.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitbucketDataCenterTokenId } from '../../shared/hosts/bitbucket-datacenter';
import { BitbucketDataCenterSimulator } from './bitbucket-datacenter';

const sim = new BitbucketDataCenterSimulator({ now: () => now });
let now = Date.parse('2026-11-01T00:00:00Z');
let baseUrl = '';
const JANE = `Basic ${Buffer.from('jane:pw').toString('base64')}`;

async function call(method: 'GET' | 'PUT' | 'DELETE', path: string, json?: unknown, authorization = JANE) {
  const response = await request(`${baseUrl}/rest/access-tokens/latest${path}`, {
    method,
    headers: { authorization, 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

const create = async (path: string, json: unknown) => {
  const { status, body } = await call('PUT', path, json);
  expect(status).toBe(200);
  return body as { id: string; token: string; createdDate: number };
};

beforeAll(async () => {
  ({ baseUrl } = await sim.start());
  sim.addUser({ username: 'jane', password: 'pw' });
  sim.addUser({ username: 'bob', password: 'bob-pw' });
  sim.addRepo('PRJ', 'app');
});
afterAll(() => sim.stop());

describe('tokens and secrets', () => {
  it('hands out 12-digit string ids, some beginning with 0, in BBDC- secrets that embed them', async () => {
    const seeded = sim.seedTokens('bob', 9);
    const made = await create('/users/jane', { name: 'a', permissions: ['PROJECT_READ', 'REPO_READ'] });
    const ids = [...seeded.map((token) => token.id), made.id];
    expect(ids.every((id) => /^\d{12}$/.test(id))).toBe(true);
    expect(ids.filter((id) => id.startsWith('0')).length).toBeGreaterThanOrEqual(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(made.token).toMatch(/^BBDC-[A-Za-z0-9+/]+=*$/);
    expect(bitbucketDataCenterTokenId(made.token)).toBe(made.id);
    expect(made.createdDate).toBe(now);
  });

  it('knows who a secret belongs to, the way git over HTTP asks', async () => {
    const personal = await create('/users/jane', { name: 'git', permissions: ['PROJECT_READ', 'REPO_WRITE'] });
    const project = await create('/projects/PRJ', { name: 'deploy', permissions: ['PROJECT_READ', 'REPO_READ'] });
    expect(sim.authenticate(personal.token, 'jane')).toMatchObject({ user: { slug: 'jane' }, token: { id: personal.id } });
    expect(sim.authenticate(personal.token)).toMatchObject({ token: { id: personal.id } });
    expect(sim.authenticate('pw', 'jane')).toMatchObject({ user: { slug: 'jane' }, token: null });
    expect(sim.authenticate(personal.token, 'bob')).toBeNull();
    expect(sim.authenticate(project.token)).toMatchObject({ token: { id: project.id } });
    // Project and repository tokens are Bearer only.
    expect(sim.authenticate(project.token, 'jane')).toBeNull();
    expect(sim.authenticate('BBDC-bm90IGEgdG9rZW4=')).toBeNull();
    expect(sim.tokens().find((token) => token.id === personal.id)?.lastAuthenticated).toBe(now);
  });

  it('refuses expired and revoked tokens', async () => {
    const expiring = await create('/users/jane', { name: 'short', permissions: ['PROJECT_READ', 'REPO_READ'], expiryDays: 1 });
    const revoked = await create('/users/jane', { name: 'gone', permissions: ['PROJECT_READ', 'REPO_READ'] });
    expect((await call('DELETE', `/users/jane/${revoked.id}`)).status).toBe(204);
    expect(sim.authenticate(revoked.token)).toBeNull();
    expect(sim.authenticate(expiring.token)).not.toBeNull();
    now += 86_400_000;
    expect(sim.authenticate(expiring.token)).toBeNull();
  });

  it('lets neither a token nor another user manage tokens', async () => {
    const made = await create('/users/jane', { name: 'x', permissions: ['PROJECT_READ', 'REPO_READ'] });
    expect((await call('GET', '/users/jane', undefined, `Bearer ${made.token}`)).status).toBe(401);
    expect((await call('GET', '/users/jane', undefined, `Basic ${Buffer.from(`jane:${made.token}`).toString('base64')}`)).status).toBe(401);
    expect((await call('GET', '/users/jane', undefined, `Basic ${Buffer.from('bob:bob-pw').toString('base64')}`)).status).toBe(401);
  });

  it('keeps secrets and passwords out of its request log', () => {
    const logged = JSON.stringify(sim.requests);
    expect(logged).not.toMatch(/BBDC-|pw|Basic|Bearer/);
    expect(sim.requests.length).toBeGreaterThan(5);
  });
});

describe('the host\'s rules', () => {
  it.each([
    ['no name', { permissions: ['PROJECT_READ', 'REPO_READ'] }, /name is required/],
    ['no permissions', { name: 'n', permissions: [] }, /permission is required/],
    ['an unknown permission', { name: 'n', permissions: ['PROJECT_READ', 'REPO_PUSH'] }, /not a valid permission/],
    ['repository below project', { name: 'n', permissions: ['PROJECT_ADMIN', 'REPO_WRITE'] }, /at least as high/],
    ['a bad expiry', { name: 'n', permissions: ['PROJECT_READ', 'REPO_READ'], expiryDays: 0 }, /expiryDays/],
  ])('answers 400 for %s', async (_label, body, message) => {
    const { status, body: answer } = await call('PUT', '/users/jane', body);
    expect(status).toBe(400);
    expect((answer as { errors: Array<{ message: string }> }).errors[0]!.message).toMatch(message);
  });

  it('answers 400 for a project permission on a repository token', async () => {
    const { status } = await call('PUT', '/projects/PRJ/repos/app', { name: 'n', permissions: ['PROJECT_READ', 'REPO_READ'] });
    expect(status).toBe(400);
  });

  it('answers 404 for an unknown user, project, repository or token', async () => {
    expect((await call('GET', '/users/nobody')).status).toBe(404);
    expect((await call('GET', '/projects/NOPE')).status).toBe(404);
    expect((await call('GET', '/projects/PRJ/repos/nope')).status).toBe(404);
    expect((await call('DELETE', '/users/jane/000000000000')).status).toBe(404);
  });

  it('caps the page size at 25 whatever is asked', async () => {
    sim.seedTokens('bob', 30);
    const bob = `Basic ${Buffer.from('bob:bob-pw').toString('base64')}`;
    const { body } = await call('GET', '/users/bob?limit=1000', undefined, bob);
    expect(body).toMatchObject({ limit: 25, size: 25, isLastPage: false, nextPageStart: 25 });
  });

  it('answers injected failures, then behaves again', async () => {
    sim.failNext(503, 2, { 'retry-after': '7' });
    expect((await call('GET', '/users/jane')).status).toBe(503);
    expect((await call('GET', '/users/jane')).status).toBe(503);
    expect((await call('GET', '/users/jane')).status).toBe(200);
  });
});
