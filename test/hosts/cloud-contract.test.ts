// Holds the Bitbucket Cloud simulator to the published Bitbucket Cloud 2.0 spec for GET /user, the one
// call Latch makes there: the operation exists at the server the adapter uses, its scope is the one
// Latch asks people for, and the simulator's bodies have the declared fields and types, except the
// differences listed in cloud-known-deviations.ts. Then the simulator's own rules, which tests of the
// adapter, services and git build on.
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BitbucketCloudSimulator, CLOUD_GIT_USERNAME, DEFAULT_SCOPES } from './bitbucket-cloud';
import { CLOUD_KNOWN_DEVIATIONS } from './cloud-known-deviations';
import { checkResponse, flatten, loadSpec, type SchemaObject, unlisted, unseen } from './openapi-check';

const spec = loadSpec(fileURLToPath(new URL('../fixtures/specs/bitbucket-cloud-2.0.openapi.json', import.meta.url)));
const sim = new BitbucketCloudSimulator();
let baseUrl = '';
const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')}`;

interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}
const exchanges: Exchange[] = [];
let named: Record<string, Exchange> = {};

async function call(label: string, auth: string | null): Promise<Exchange> {
  const response = await request(`${baseUrl}/2.0/user`, { headers: auth ? { authorization: auth } : {} });
  const text = await response.body.text();
  const exchange = { method: 'GET', path: '/user', status: response.statusCode, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
  exchanges.push(exchange);
  named = { ...named, [label]: exchange };
  return exchange;
}

const secrets: Record<string, string> = {};

beforeAll(async () => {
  ({ baseUrl } = await sim.start());
  sim.addUser({ email: 'ana@example.com', username: 'ana-dev', displayName: 'Ana Müller' });
  sim.addUser({ email: 'bo@example.com', username: 'bo', displayName: 'Bo' });
  secrets.good = sim.issueToken('ana@example.com');
  secrets.noUserScope = sim.issueToken('ana@example.com', { scopes: ['read:repository:bitbucket'] });
  secrets.expired = sim.issueToken('ana@example.com', { expiresInDays: 0 });
  secrets.revoked = sim.issueToken('ana@example.com');
  sim.revokeToken(secrets.revoked);
  secrets.bo = sim.issueToken('bo@example.com');

  await call('ok', basic('ana@example.com', secrets.good));
  await call('email case', basic('ANA@example.com', secrets.good));
  await call('username', basic('ana-dev', secrets.good));
  await call('wrong', basic('ana@example.com', `${secrets.good}x`));
  await call('expired', basic('ana@example.com', secrets.expired));
  await call('revoked', basic('ana@example.com', secrets.revoked));
  await call('other user', basic('ana@example.com', secrets.bo));
  await call('none', null);
  await call('scope', basic('ana@example.com', secrets.noUserScope));
  sim.failNext(429, 1, { 'retry-after': '2' });
  await call('rate', basic('ana@example.com', secrets.good));
});

afterAll(() => sim.stop());

describe('the simulator against the published Bitbucket Cloud spec', () => {
  const allIssues = () => exchanges.flatMap((e) => checkResponse(spec, e.method, e.path, e.status, e.body));

  it('serves GET /user at the server the adapter sends to, under the scope Latch asks people for', () => {
    expect(spec.servers[0]?.url).toBe('https://api.bitbucket.org/2.0');
    const operation = spec.paths['/user']?.get as unknown as { 'x-atlassian-oauth2-scopes': Array<{ scopes: string[] }>; 'x-atlassian-auth-types'?: string[] };
    expect(operation).toBeDefined();
    expect(operation['x-atlassian-oauth2-scopes'].flatMap((entry) => entry.scopes)).toEqual(['read:user:bitbucket']);
    expect(operation['x-atlassian-auth-types']).toContain('api-token');
    expect(DEFAULT_SCOPES).toContain('read:user:bitbucket');
    expect(allIssues().filter((issue) => issue.kind === 'undeclared-operation')).toEqual([]);
  });

  it('differs from the spec only where cloud-known-deviations.ts says the real API does', () => {
    expect(unlisted(allIssues(), CLOUD_KNOWN_DEVIATIONS)).toEqual([]);
  });

  it('shows every listed deviation, so the list does not outlive the behaviour', () => {
    expect(unseen(allIssues(), CLOUD_KNOWN_DEVIATIONS)).toEqual([]);
  });

  it("answers 200 with the spec's user: the account fields, the user's own, and every field the schemas require", () => {
    const body = named.ok!.body as Record<string, unknown>;
    const user = flatten(spec, spec.components.schemas.user!);
    for (const field of ['type', 'uuid', 'display_name', 'created_on', 'links', 'account_id', 'nickname']) {
      expect(user.properties).toHaveProperty(field);
      expect(body).toHaveProperty(field);
    }
    for (const field of user.required ?? []) expect(body).toHaveProperty(field);
    expect(body).toMatchObject({ type: 'user', username: 'ana-dev', display_name: 'Ana Müller', nickname: 'ana-dev' });
    expect(body.uuid).toMatch(/^\{[0-9a-f-]{36}\}$/);
    expect(named['email case']!.status).toBe(200);
  });

  it("gives every refusal the spec's error envelope, with required type and error.message", () => {
    const errorSchema = spec.components.schemas.error as SchemaObject & { properties: { error: SchemaObject } };
    expect(errorSchema.required).toEqual(['type']);
    expect(errorSchema.properties.error.required).toEqual(['message']);
    const refusals = exchanges.filter((e) => e.status >= 400);
    expect(refusals.length).toBe(8);
    for (const refusal of refusals) expect(refusal.body).toMatchObject({ type: 'error', error: { message: expect.any(String) } });
  });
});

describe('the simulator, as Bitbucket Cloud behaves with API tokens', () => {
  it('refuses with 401 and its realm a wrong, expired, revoked or foreign token, the username, and no credentials', () => {
    for (const label of ['username', 'wrong', 'expired', 'revoked', 'other user', 'none']) {
      expect(named[label], label).toMatchObject({ status: 401, headers: { 'www-authenticate': 'Basic realm="Bitbucket.org HTTP"' } });
    }
  });

  it('answers 403 with the missing scope when the token lacks read:user:bitbucket', () => {
    expect(named.scope).toMatchObject({
      status: 403,
      body: { error: { message: 'Your credentials lack one or more required privilege scopes.', detail: { required: ['read:user:bitbucket'] } } },
    });
  });

  it('answers injected failures once, with their headers', () => {
    expect(named.rate).toMatchObject({ status: 429, headers: { 'retry-after': '2' } });
  });

  it('lets git in with x-bitbucket-api-token-auth or the Bitbucket username and a live token, and no one else', () => {
    expect(sim.gitUser(CLOUD_GIT_USERNAME, secrets.good!)).toEqual({ username: 'ana-dev', scopes: DEFAULT_SCOPES });
    expect(sim.gitUser('ana-dev', secrets.good!)?.username).toBe('ana-dev');
    expect(sim.gitUser('ana@example.com', secrets.good!)).toBeNull();
    expect(sim.gitUser('bo', secrets.good!)).toBeNull();
    expect(sim.gitUser(CLOUD_GIT_USERNAME, secrets.expired!)).toBeNull();
    expect(sim.gitUser(CLOUD_GIT_USERNAME, secrets.revoked!)).toBeNull();
  });

  it('logs requests without any secret', () => {
    expect(sim.requests.length).toBe(exchanges.length);
    const log = JSON.stringify(sim.requests);
    for (const secret of Object.values(secrets)) expect(log).not.toContain(secret);
    expect(sim.requests[0]).toEqual({ method: 'GET', url: '/2.0/user', status: 200 });
  });
});
