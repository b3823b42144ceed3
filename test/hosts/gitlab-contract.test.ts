// Holds the GitLab simulator to GitLab's published API description (the generated Swagger 2 of a 17.10
// pre-release): every operation it serves exists there, every status is declared, every body field has
// the declared name and type, except the differences real servers show, listed once in
// gitlab-known-deviations.ts. Then what the description cannot say: the entities carry all their
// fields, secrets come only from create and rotate, errors take GitLab's three shapes, and the
// simulator accepts the scopes and roles the description lists.
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, startGitLabSimulator, type GitLabSimulator } from './gitlab';
import { GITLAB_KNOWN_DEVIATIONS, GITLAB_ONLY_SCOPES } from './gitlab-known-deviations';
import { RESOURCE_SCOPES } from './gitlab-rules';
import { checkResponse, issueKey, type Issue, unlisted, unseen } from './openapi-check';
import { dateTimeIssues, loadSwagger } from './swagger-check';

const spec = loadSwagger(fileURLToPath(new URL('../fixtures/specs/gitlab-17.10-pre.2025-03-05.openapi_v2.yaml', import.meta.url))).spec;
const START = Date.parse('2026-11-01T12:00:00Z');
const day = (offset: number) => new Date(START + offset * 86_400_000).toISOString().slice(0, 10);
let sim: GitLabSimulator;
let throttled: GitLabSimulator;

interface Exchange {
  label: string;
  method: string;
  path: string;
  status: number;
  body: unknown;
}
const exchanges: Exchange[] = [];
const named = (label: string) => exchanges.find((e) => e.label === label)!;

async function call(label: string, method: string, path: string, secret: string | null, json?: unknown, target = () => sim): Promise<Exchange> {
  const headers: Record<string, string> = { ...(secret ? { 'private-token': secret } : {}), ...(json !== undefined ? { 'content-type': 'application/json' } : {}) };
  const response = await request(`${target().apiBase}${path}`, { method: method as 'GET', headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await response.body.text();
  const isJson = String(response.headers['content-type'] ?? '').includes('json');
  const exchange = { label, method, path: `/api/v4${path.split('?')[0]}`, status: response.statusCode, body: text === '' ? undefined : isJson ? JSON.parse(text) : text };
  exchanges.push(exchange);
  return exchange;
}

const secretOf = (exchange: Exchange) => (exchange.body as { token: string }).token;
const idOf = (exchange: Exchange) => (exchange.body as { id: number }).id;

beforeAll(async () => {
  sim = await startGitLabSimulator({ now: () => START });
  throttled = await startGitLabSimulator({ now: () => START, rateLimit: { requests: 1, periodSeconds: 60 } });
  for (const username of ['jane', 'bob']) sim.addUser({ username });
  sim.addGroup('acme', { jane: ACCESS.owner });
  sim.addProject('acme/app', { bob: ACCESS.developer });
  const jane = sim.issuePersonalToken({ user: 'jane', name: 'admin laptop', scopes: ['api'] }).secret;
  const readOnly = sim.issuePersonalToken({ user: 'jane', name: 'clone only', scopes: ['read_repository'] }).secret;
  const bob = sim.issuePersonalToken({ user: 'bob', name: 'bob', scopes: ['api'] }).secret;
  const revoked = sim.issuePersonalToken({ user: 'jane', name: 'gone', scopes: ['api'] });
  sim.revokeInPage(revoked.id);
  sim.seedPersonalTokens('jane', 25);

  // A walk over every operation the simulator serves, in the answers clients meet.
  await call('user', 'GET', '/user', jane);
  await call('list', 'GET', '/personal_access_tokens?per_page=5', jane);
  await call('list bad filter', 'GET', '/personal_access_tokens?state=gone', jane);
  await call('list no scope', 'GET', '/personal_access_tokens', readOnly);
  await call('list none', 'GET', '/personal_access_tokens', null);
  await call('list other user', 'GET', `/personal_access_tokens?user_id=${revoked.id}`, bob);
  await call('self', 'GET', '/personal_access_tokens/self', readOnly);
  await call('self revoked', 'GET', '/personal_access_tokens/self', revoked.secret);
  const laptop = sim.issuePersonalToken({ user: 'jane', name: 'laptop', scopes: ['read_repository'] });
  await call('list mine', 'GET', '/personal_access_tokens?search=laptop', jane);
  await call('get', 'GET', `/personal_access_tokens/${laptop.id}`, jane);
  await call('get other', 'GET', `/personal_access_tokens/${laptop.id}`, bob);
  await call('get missing', 'GET', '/personal_access_tokens/999999', jane);
  const rotated = await call('rotate', 'POST', `/personal_access_tokens/${laptop.id}/rotate`, jane, { expires_at: day(30) });
  await call('rotate revoked', 'POST', `/personal_access_tokens/${laptop.id}/rotate`, jane);
  await call('rotate other', 'POST', `/personal_access_tokens/${idOf(rotated)}/rotate`, bob);
  await call('rotate too late', 'POST', `/personal_access_tokens/${idOf(rotated)}/rotate`, jane, { expires_at: day(400) });
  const rotator = sim.issuePersonalToken({ user: 'jane', name: 'rotator', scopes: ['self_rotate'] }).secret;
  const selfRotated = await call('self rotate', 'POST', '/personal_access_tokens/self/rotate', rotator);
  await call('self rotate scope', 'POST', '/personal_access_tokens/self/rotate', readOnly);
  await call('self rotate reused', 'POST', '/personal_access_tokens/self/rotate', rotator);
  await call('revoke other', 'DELETE', `/personal_access_tokens/${idOf(selfRotated)}`, bob);
  await call('revoke missing', 'DELETE', '/personal_access_tokens/999999', jane);
  const spare = sim.issuePersonalToken({ user: 'jane', name: 'spare', scopes: ['api'] });
  await call('revoke', 'DELETE', `/personal_access_tokens/${spare.id}`, jane);
  const leaked = sim.issuePersonalToken({ user: 'bob', name: 'leaked', scopes: ['read_repository'] }).secret;
  await call('self revoke', 'DELETE', '/personal_access_tokens/self', leaked);
  await call('self revoke again', 'DELETE', '/personal_access_tokens/self', leaked);

  for (const [kind, id] of [['projects', 'acme%2Fapp'], ['groups', 'acme']] as const) {
    const created = await call(`${kind} create`, 'POST', `/${kind}/${id}/access_tokens`, jane, {
      name: 'ci', description: 'builds', scopes: ['read_repository', 'self_rotate'], access_level: ACCESS.reporter, expires_at: day(90),
    });
    await call(`${kind} create planner`, 'POST', `/${kind}/${id}/access_tokens`, jane, { name: 'plans', scopes: ['read_api'], access_level: ACCESS.planner });
    await call(`${kind} create invalid`, 'POST', `/${kind}/${id}/access_tokens`, jane, { name: 'x', scopes: ['sudo'] });
    await call(`${kind} create denied`, 'POST', `/${kind}/${id}/access_tokens`, bob, { name: 'x', scopes: ['api'] });
    await call(`${kind} create missing`, 'POST', `/${kind}/nope/access_tokens`, jane, { name: 'x', scopes: ['api'] });
    await call(`${kind} list`, 'GET', `/${kind}/${id}/access_tokens`, jane);
    await call(`${kind} list denied`, 'GET', `/${kind}/${id}/access_tokens`, bob);
    await call(`${kind} list missing`, 'GET', `/${kind}/nope/access_tokens`, jane);
    await call(`${kind} get`, 'GET', `/${kind}/${id}/access_tokens/${idOf(created)}`, jane);
    await call(`${kind} get missing`, 'GET', `/${kind}/${id}/access_tokens/999999`, jane);
    const next = await call(`${kind} rotate`, 'POST', `/${kind}/${id}/access_tokens/${idOf(created)}/rotate`, jane);
    await call(`${kind} rotate revoked`, 'POST', `/${kind}/${id}/access_tokens/${idOf(created)}/rotate`, jane);
    await call(`${kind} rotate denied`, 'POST', `/${kind}/${id}/access_tokens/${idOf(next)}/rotate`, bob);
    const selfNext = await call(`${kind} self rotate`, 'POST', `/${kind}/${id}/access_tokens/self/rotate`, secretOf(next));
    await call(`${kind} self rotate person`, 'POST', `/${kind}/${id}/access_tokens/self/rotate`, jane);
    await call(`${kind} revoke`, 'DELETE', `/${kind}/${id}/access_tokens/${idOf(selfNext)}`, jane);
    await call(`${kind} revoke missing`, 'DELETE', `/${kind}/${id}/access_tokens/999999`, jane);
  }
  throttled.addUser({ username: 'fay' });
  const fay = throttled.issuePersonalToken({ user: 'fay', name: 't', scopes: ['api'] }).secret;
  await call('throttle first', 'GET', '/personal_access_tokens', fay, undefined, () => throttled);
  await call('throttled', 'GET', '/personal_access_tokens', fay, undefined, () => throttled);
});

afterAll(async () => {
  await sim.stop();
  await throttled.stop();
});

describe('the simulator against the published GitLab description', () => {
  // Errors have no schema in the generated description (Grape documents them by message only), so
  // only their status is held against it; their bodies are checked below against GitLab's shapes.
  const allIssues = (): Issue[] =>
    exchanges.flatMap((e) => {
      const body = e.status >= 400 ? undefined : e.body;
      return [...checkResponse(spec, e.method, e.path, e.status, body), ...dateTimeIssues(spec, e.method, e.path, e.status, body)];
    });

  it('serves only operations the description declares, and answers under its /api/v4 paths', () => {
    expect(Object.keys(spec.paths).every((path) => path.startsWith('/api/'))).toBe(true);
    const undeclared = allIssues().filter((issue) => issue.kind === 'undeclared-operation');
    expect(undeclared.map(issueKey).sort()).toEqual(
      GITLAB_KNOWN_DEVIATIONS.filter((d) => d.kind === 'undeclared-operation').map(issueKey).sort(),
    );
  });

  it('differs from the description only where gitlab-known-deviations.ts says real servers do', () => {
    expect(unlisted(allIssues(), GITLAB_KNOWN_DEVIATIONS)).toEqual([]);
  });

  it('shows every listed deviation, so the list does not outlive the behaviour', () => {
    expect(unseen(allIssues(), GITLAB_KNOWN_DEVIATIONS)).toEqual([]);
  });
});

describe('what the description cannot say', () => {
  const entity = (name: string) => spec.components.schemas[name]!;
  const fields = (name: string) => Object.keys(entity(name).properties!);

  it('gives every token body all the fields of its entity, and the secret only on create and rotate', () => {
    const expectations: Array<[string, string]> = [
      ['list', 'API_Entities_PersonalAccessToken'],
      ['get', 'API_Entities_PersonalAccessTokenWithLastUsedIps'],
      ['rotate', 'API_Entities_PersonalAccessTokenWithToken'],
      ['self rotate', 'API_Entities_PersonalAccessTokenWithToken'],
      ['projects list', 'API_Entities_ResourceAccessToken'],
      ['groups get', 'API_Entities_ResourceAccessToken'],
      ['projects create', 'API_Entities_ResourceAccessTokenWithToken'],
      ['groups rotate', 'API_Entities_ResourceAccessTokenWithToken'],
      ['projects self rotate', 'API_Entities_ResourceAccessTokenWithToken'],
    ];
    for (const [label, name] of expectations) {
      const body = named(label).body;
      for (const item of Array.isArray(body) ? body : [body]) {
        expect(Object.keys(item as object).sort(), label).toEqual(expect.arrayContaining(fields(name)));
        if (fields(name).includes('token')) expect((item as { token: string }).token, label).toMatch(/^glpat-/);
        else expect(item, label).not.toHaveProperty('token');
      }
    }
  });

  it('answers GET /user (absent from the description) with fields of API_Entities_UserPublic only', () => {
    const body = named('user').body as Record<string, unknown>;
    expect(Object.keys(body).filter((key) => !fields('API_Entities_UserPublic').includes(key))).toEqual([]);
    expect(body).toMatchObject({ username: 'jane', state: 'active', bot: false });
  });

  it('gives every refusal one of GitLab\'s shapes: {message}, Grape\'s {error}, or an OAuth error', () => {
    const refusals = exchanges.filter((e) => e.status >= 400 && e.status !== 429);
    expect(refusals.length).toBeGreaterThan(25);
    for (const refusal of refusals) {
      const body = refusal.body as Record<string, unknown>;
      const shape = typeof body.message === 'string' ? 'message' : typeof body.error_description === 'string' ? 'oauth' : typeof body.error === 'string' ? 'grape' : 'none';
      expect(shape, refusal.label).not.toBe('none');
    }
    expect(named('throttled')).toMatchObject({ status: 429, body: 'Retry later\n' });
  });

  it('answers the statuses GitLab answers for the cases the walk names', () => {
    const statuses = Object.fromEntries(exchanges.map((e) => [e.label, e.status]));
    expect(statuses).toMatchObject({
      'rotate': 200, 'self rotate': 200, 'projects create': 201, 'groups rotate': 200, 'revoke': 204, 'self revoke': 204,
      'self revoke again': 401, 'self rotate reused': 401, 'list no scope': 403, 'self rotate scope': 403,
      'projects self rotate person': 405, 'projects list missing': 404, 'groups revoke missing': 404,
    });
  });

  it('accepts every scope and role the description lists for project and group tokens', () => {
    // Request bodies sit among the definitions, named after their operation.
    const body = entity('postApiV4ProjectsIdAccessTokens');
    const scopes = body.properties!.scopes!.items!.enum as string[];
    expect(scopes.filter((scope) => !RESOURCE_SCOPES.includes(scope))).toEqual([]);
    expect(RESOURCE_SCOPES.filter((scope) => !scopes.includes(scope)).sort()).toEqual([...GITLAB_ONLY_SCOPES].sort());
    expect(body.properties!.access_level!.enum).toEqual(Object.values(ACCESS));
    expect(body.required).toEqual(expect.arrayContaining(['name', 'scopes']));
  });
});
