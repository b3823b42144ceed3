// Holds the simulator to Bitbucket Data Center's published spec: every operation it serves exists
// there, every status is declared, every body field has the declared name and type — except the
// differences real servers show, which are listed once in known-deviations.ts. If the simulator
// drifts from the spec (or the list from the simulator), tests built on it would prove nothing.
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BitbucketDataCenterSimulator } from './bitbucket-datacenter';
import { KNOWN_DEVIATIONS } from './known-deviations';
import { checkResponse, loadSpec, unlisted, unseen } from './openapi-check';

// The published specs sit in shared/ beside the project's checkout (read-only, not part of the repository).
const spec = loadSpec(fileURLToPath(new URL('../fixtures/specs/bitbucket-datacenter-9.2.openapi.json', import.meta.url)));
const sim = new BitbucketDataCenterSimulator();
let baseUrl = '';
const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
const JANE = basic('jane', 'jane-password');

interface Exchange {
  method: string;
  path: string;
  status: number;
  body: unknown;
}
const exchanges: Exchange[] = [];

async function call(method: string, path: string, auth: string | null = JANE, json?: unknown): Promise<Exchange> {
  const response = await request(`${baseUrl}/rest${path}`, {
    method: method as 'GET',
    headers: { ...(auth ? { authorization: auth } : {}), ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: json !== undefined ? JSON.stringify(json) : undefined,
  });
  const text = await response.body.text();
  const exchange = { method, path: path.split('?')[0]!, status: response.statusCode, body: text === '' ? undefined : JSON.parse(text) };
  exchanges.push(exchange);
  return exchange;
}

beforeAll(async () => {
  ({ baseUrl } = await sim.start());
  sim.addUser({ username: 'jane', password: 'jane-password', displayName: 'Jane Citizen' });
  sim.addUser({ username: 'bob', password: 'bob-password' });
  sim.addRepo('PRJ', 'app');
  sim.seedTokens('jane', 30);
  sim.seedTokens({ kind: 'project', projectKey: 'PRJ' }, 2);
  sim.seedTokens({ kind: 'repository', projectKey: 'PRJ', repoSlug: 'app' }, 2);

  // A walk over every operation the simulator serves, in the answers real clients meet.
  await call('GET', '/api/latest/users?filter=jan');
  await call('GET', '/api/latest/users?filter=jan', basic('jane', 'wrong'));
  await call('GET', '/access-tokens/latest/users/jane?limit=10');
  await call('GET', '/access-tokens/latest/users/jane?start=25');
  await call('GET', '/access-tokens/latest/users/jane', null);
  await call('GET', '/access-tokens/latest/users/nobody');
  await call('GET', '/access-tokens/latest/projects/PRJ');
  await call('GET', '/access-tokens/latest/projects/NOPE');
  await call('GET', '/access-tokens/latest/projects/PRJ/repos/app');
  await call('GET', '/access-tokens/latest/projects/PRJ/repos/nope');
  const created = await call('PUT', '/access-tokens/latest/users/jane', JANE, { name: 'ci', permissions: ['PROJECT_READ', 'REPO_WRITE'], expiryDays: 30 });
  await call('PUT', '/access-tokens/latest/projects/PRJ', JANE, { name: 'deploy', permissions: ['PROJECT_READ', 'REPO_READ'] });
  await call('PUT', '/access-tokens/latest/projects/PRJ/repos/app', JANE, { name: 'build', permissions: ['REPO_READ'] });
  await call('PUT', '/access-tokens/latest/users/jane', JANE, { permissions: ['REPO_READ'] });
  await call('PUT', '/access-tokens/latest/users/nobody', JANE, { name: 'x', permissions: ['PROJECT_READ', 'REPO_READ'] });
  const secret = (created.body as { token: string }).token;
  await call('PUT', '/access-tokens/latest/users/jane', basic('jane', secret), { name: 'y', permissions: ['PROJECT_READ', 'REPO_READ'] });
  await call('PUT', '/access-tokens/latest/users/jane', `Bearer ${secret}`, { name: 'y', permissions: ['PROJECT_READ', 'REPO_READ'] });
  const id = (created.body as { id: string }).id;
  await call('GET', `/access-tokens/latest/users/jane/${id}`);
  await call('GET', '/access-tokens/latest/users/jane/000000000000');
  await call('POST', `/access-tokens/latest/users/jane/${id}`, JANE, { name: 'ci renamed' });
  await call('POST', `/access-tokens/latest/users/jane/${id}`, JANE, { permissions: ['PROJECT_WRITE', 'REPO_READ'] });
  await call('POST', '/access-tokens/latest/users/jane/000000000000', JANE, { name: 'z' });
  await call('DELETE', `/access-tokens/latest/users/jane/${id}`);
  await call('DELETE', `/access-tokens/latest/users/jane/${id}`);
  await call('DELETE', `/access-tokens/latest/users/bob/${id}`);
  sim.failNext(429, 1, { 'retry-after': '1' });
  await call('GET', '/access-tokens/latest/users/jane');
});

afterAll(() => sim.stop());

describe('the simulator against the published Bitbucket Data Center spec', () => {
  const allIssues = () => exchanges.flatMap((exchange) => checkResponse(spec, exchange.method, exchange.path, exchange.status, exchange.body));

  it('serves only operations the spec declares, under its /rest server prefix', () => {
    expect(spec.servers[0]?.url).toMatch(/\/rest$/);
    const undeclared = allIssues().filter((issue) => issue.kind === 'undeclared-operation');
    expect(undeclared).toEqual([]);
  });

  it('differs from the spec only where known-deviations.ts says real servers do', () => {
    expect(unlisted(allIssues(), KNOWN_DEVIATIONS)).toEqual([]);
  });

  it('shows every listed deviation, so the list does not outlive the behaviour', () => {
    expect(unseen(allIssues(), KNOWN_DEVIATIONS)).toEqual([]);
  });

  it('answers each status the spec declares for the cases it names', () => {
    const statuses = (method: string, prefix: string) =>
      new Set(exchanges.filter((e) => e.method === method && e.path.startsWith(prefix)).map((e) => e.status));
    expect([...statuses('PUT', '/access-tokens/latest/users/')].sort()).toEqual([200, 400, 401, 404]);
    expect([...statuses('DELETE', '/access-tokens/latest/users/')].sort()).toEqual([204, 401, 404]);
    expect([...statuses('GET', '/access-tokens/latest/projects/')].sort()).toEqual([200, 404]);
  });

  it('pages as real servers do: capped limit, nextPageStart until the last page', () => {
    const first = exchanges.find((e) => e.method === 'GET' && e.path === '/access-tokens/latest/users/jane' && e.status === 200)!;
    const page = first.body as { size: number; limit: number; isLastPage: boolean; start: number; nextPageStart?: number; values: unknown[] };
    expect(page).toMatchObject({ size: 10, limit: 10, isLastPage: false, start: 0, nextPageStart: 10 });
    const last = exchanges.filter((e) => e.method === 'GET' && e.path === '/access-tokens/latest/users/jane' && e.status === 200)[1]!;
    expect(last.body).toMatchObject({ start: 25, isLastPage: true });
    expect(last.body).not.toHaveProperty('nextPageStart');
  });

  it('gives every error the {errors:[{context, message, exceptionName}]} envelope', () => {
    const errors = exchanges.filter((e) => e.status >= 400);
    expect(errors.length).toBeGreaterThan(5);
    for (const error of errors) {
      expect(error.body).toMatchObject({ errors: [{ message: expect.any(String), exceptionName: expect.any(String) }] });
    }
  });
});
