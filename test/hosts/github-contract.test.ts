// Holds the GitHub simulator to GitHub's published description for POST /credentials/revoke, the one
// token call it has that Latch makes: the simulator takes exactly the request bodies the published
// schema allows (its own example among them), answers only declared statuses with bodies of the
// declared schemas, except the differences listed in github-known-deviations.ts. The trimmed copy
// stubs its components; github-spec-components.ts fills them from upstream. GET /user is not in the
// copy, so it is held to the fields hosts-next.md §3.4 names instead.
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubSimulator, type GitHubSimulator, type GitHubSimulatorOptions } from './github';
import { GITHUB_KNOWN_DEVIATIONS } from './github-known-deviations';
import { UPSTREAM_RESPONSES, UPSTREAM_SCHEMAS } from './github-spec-components';
import { checkResponse, loadSpec, type Issue, type OpenApi, type SchemaObject, unlisted, unseen } from './openapi-check';

type RequestSchema = SchemaObject & { minItems?: number; maxItems?: number };
interface RevokeOperation {
  operationId: string;
  description: string;
  requestBody: { required: boolean; content: { 'application/json': { schema: RequestSchema; examples: { default: { value: unknown } } } } };
  responses: Record<string, { $ref?: string }>;
}

const SPEC_PATH = fileURLToPath(new URL('../fixtures/specs/github-api.2026-03-10.tokens-trimmed.openapi.json', import.meta.url));
const trimmed = loadSpec(SPEC_PATH) as OpenApi & { components: { responses: Record<string, { description: string }> } };
const spec = withUpstreamComponents(trimmed);
const revokeOperation = trimmed.paths['/credentials/revoke']!.post as unknown as RevokeOperation;
const requestSchema = revokeOperation.requestBody.content['application/json'].schema;

/** A copy of the trimmed description with its stubbed responses and schemas filled in from upstream. */
function withUpstreamComponents(source: OpenApi): OpenApi {
  const copy = structuredClone(source);
  for (const operations of Object.values(copy.paths)) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const name = (response as { $ref?: string }).$ref?.split('/').pop();
        if (name && UPSTREAM_RESPONSES[name]) operation.responses[status] = UPSTREAM_RESPONSES[name];
      }
    }
  }
  copy.components.schemas = { ...copy.components.schemas, ...UPSTREAM_SCHEMAS };
  return copy;
}

/** Whether the published request schema allows `value`: the keywords it uses (type, required, properties, items, min/maxItems). */
function schemaAllows(schema: RequestSchema, value: unknown): boolean {
  const typeFits =
    schema.type === undefined ||
    (schema.type === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value) : schema.type === 'array' ? Array.isArray(value) : typeof value === schema.type);
  if (!typeFits) return false;
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return false;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return false;
    return schema.items === undefined || value.every((item) => schemaAllows(schema.items as RequestSchema, item));
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if ((schema.required ?? []).some((key) => !(key in record))) return false;
    return Object.entries(schema.properties ?? {}).every(([key, child]) => !(key in record) || schemaAllows(child as RequestSchema, record[key]));
  }
  return true;
}

interface Exchange {
  label: string;
  method: string;
  /** As the description names it: without Enterprise Server's /api/v3. */
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}
const exchanges: Exchange[] = [];
const named = (label: string) => exchanges.find((e) => e.label === label)!;

async function record(label: string, sim: GitHubSimulator, method: 'GET' | 'POST', path: string, options: { json?: unknown; raw?: string; authorization?: string; userAgent?: boolean } = {}) {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
  if (options.userAgent !== false) headers['user-agent'] = 'latch-contract/1.0';
  if (options.authorization) headers.authorization = options.authorization;
  const body = options.raw ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await request(`${sim.apiBase}${path}`, { method, headers, body });
  const text = await response.body.text();
  const isJson = String(response.headers['content-type']).startsWith('application/json');
  exchanges.push({ label, method, path, status: response.statusCode, headers: response.headers, body: isJson ? JSON.parse(text) : text });
}

const sims: GitHubSimulator[] = [];
async function simulator(options: GitHubSimulatorOptions = {}): Promise<GitHubSimulator> {
  const sim = await startGitHubSimulator({ revokeDelayMs: 0, ...options });
  sims.push(sim);
  sim.addUser({ login: 'octocat', name: 'The Octocat' });
  return sim;
}

/** Request bodies for POST /credentials/revoke; each must get 202 exactly when the published schema allows it. */
const CANDIDATE_BODIES: Array<[string, unknown]> = [
  ["the description's own example", revokeOperation.requestBody.content['application/json'].examples.default.value],
  ['one credential', { credentials: ['ghp_unknown'] }],
  ['1000 credentials', { credentials: Array.from({ length: 1000 }, (_, i) => `ghp_${i}`) }],
  ['no credentials', { credentials: [] }],
  ['1001 credentials', { credentials: Array.from({ length: 1001 }, (_, i) => `ghp_${i}`) }],
  ['a number among them', { credentials: ['ghp_unknown', 7] }],
  ['no credentials field', {}],
  ['a string for the list', { credentials: 'ghp_unknown' }],
  ['an array for the body', ['ghp_unknown']],
];

const secrets: Record<string, string> = {};

beforeAll(async () => {
  const cloud = await simulator();
  secrets.classic = cloud.issueToken({ login: 'octocat', kind: 'classic', scopes: ['repo', 'workflow'], expiresAt: Date.now() + 30 * 86_400_000 });
  secrets.fine = cloud.issueToken({ login: 'octocat', kind: 'fine-grained' });
  secrets.revoked = cloud.issueToken({ login: 'octocat', kind: 'classic' });

  await record('user', cloud, 'GET', '/user', { authorization: `Bearer ${secrets.classic}` });
  await record('user fine-grained', cloud, 'GET', '/user', { authorization: `Bearer ${secrets.fine}` });
  for (const [label, json] of CANDIDATE_BODIES) await record(label, cloud, 'POST', '/credentials/revoke', { json });
  await record('revoked', cloud, 'POST', '/credentials/revoke', { json: { credentials: [secrets.revoked] } });
  await record('user revoked', cloud, 'GET', '/user', { authorization: `Bearer ${secrets.revoked}` });
  await record('not json', cloud, 'POST', '/credentials/revoke', { raw: '{"credentials":' });
  await record('authenticated', cloud, 'POST', '/credentials/revoke', { json: { credentials: ['ghp_unknown'] }, authorization: `Bearer ${secrets.fine}` });
  await record('no user agent', cloud, 'POST', '/credentials/revoke', { json: { credentials: ['ghp_unknown'] }, userAgent: false });
  cloud.failNext(500);
  await record('server error', cloud, 'POST', '/credentials/revoke', { json: { credentials: ['ghp_unknown'] } });

  const limited = await simulator({ revokeLimitPerHour: 1 });
  await record('within limit', limited, 'POST', '/credentials/revoke', { json: { credentials: ['ghp_unknown'] } });
  await record('rate limited', limited, 'POST', '/credentials/revoke', { json: { credentials: ['ghp_unknown'] } });

  const older = await simulator({ personality: 'enterprise', enterpriseRevoke: 'missing' });
  await record('enterprise without endpoint', older, 'POST', '/credentials/revoke', { json: { credentials: ['ghp_unknown'] } });
  const strict = await simulator({ personality: 'enterprise', enterpriseRevoke: 'authenticated-only' });
  const strictToken = strict.issueToken({ login: 'octocat', kind: 'classic' });
  await record('enterprise unauthenticated', strict, 'POST', '/credentials/revoke', { json: { credentials: ['ghp_unknown'] } });
  await record('enterprise authenticated', strict, 'POST', '/credentials/revoke', { json: { credentials: ['ghp_unknown'] }, authorization: `token ${strictToken}` });
});

afterAll(async () => {
  for (const sim of sims) await sim.stop();
});

/** The differences between a refusal's body and basic-error: checkResponse through an operation that declares only that. */
function basicErrorIssues(exchange: Exchange): Issue[] {
  const probe = structuredClone(spec);
  const schema = { $ref: '#/components/schemas/basic-error' };
  probe.paths['/refusal'] = { get: { responses: { [exchange.status]: { content: { 'application/json': { schema } } } } } };
  return checkResponse(probe, 'GET', '/refusal', exchange.status, exchange.body);
}

const allIssues = (): Issue[] => exchanges.flatMap((e) => checkResponse(spec, e.method, e.path, e.status, e.body));

describe('the simulator against the published GitHub description', () => {
  it('finds POST /credentials/revoke at the server Latch sends to, unauthenticated, for the token kinds Latch revokes', () => {
    expect(spec.servers[0]?.url).toBe('https://api.github.com');
    expect(revokeOperation.operationId).toBe('credentials/revoke');
    expect(revokeOperation.description).toContain('Any authenticated requests will return a 403.');
    for (const prefix of ['ghp_', 'github_pat_', 'gho_', 'ghu_', 'ghr_']) expect(revokeOperation.description).toContain(`\`${prefix}\``);
    expect(revokeOperation.description).not.toContain('ghs_');
    expect(revokeOperation.requestBody.required).toBe(true);
    expect(requestSchema).toMatchObject({ type: 'object', required: ['credentials'], properties: { credentials: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 1000 } } });
    expect(Object.keys(revokeOperation.responses).sort()).toEqual(['202', '422', '500']);
  });

  it('still stubs the components this test fills in from upstream, or already agrees with them', () => {
    for (const [name, response] of Object.entries(UPSTREAM_RESPONSES)) {
      const inFile = trimmed.components.responses[name];
      expect(inFile, name).toBeDefined();
      if (!inFile!.description.startsWith('TRIMMED')) expect(inFile).toEqual(response);
    }
    for (const [name, schema] of Object.entries(UPSTREAM_SCHEMAS)) {
      const inFile = trimmed.components.schemas[name];
      if (inFile) expect(inFile).toMatchObject(schema);
    }
  });

  it.each(CANDIDATE_BODIES)('takes %s exactly when the published request schema allows it', (label, body) => {
    const allowed = schemaAllows(requestSchema, body);
    expect(named(label).status).toBe(allowed ? 202 : 422);
  });

  it('differs from the description only where github-known-deviations.ts says GitHub does', () => {
    expect(unlisted(allIssues(), GITHUB_KNOWN_DEVIATIONS)).toEqual([]);
  });

  it('shows every listed deviation, so the list does not outlive the behaviour', () => {
    expect(unseen(allIssues(), GITHUB_KNOWN_DEVIATIONS)).toEqual([]);
  });

  it("answers 202 with the 'accepted' object, 422 with the required fields of validation-error-simple, 500 with basic-error", () => {
    expect(named('one credential').body).toEqual({});
    const validation = UPSTREAM_SCHEMAS['validation-error-simple']!;
    for (const label of CANDIDATE_BODIES.map(([l]) => l).filter((l) => named(l).status === 422)) {
      const body = named(label).body as Record<string, unknown>;
      for (const field of validation.required!) expect(typeof body[field], `${label}: ${field}`).toBe('string');
    }
    expect(named('server error')).toMatchObject({ status: 500, body: { message: expect.any(String) } });
  });

  it('refuses each way GitHub does, every JSON refusal a basic-error', () => {
    expect(named('authenticated').status).toBe(403);
    expect(named('no user agent').status).toBe(403);
    expect(named('not json').status).toBe(400);
    expect(named('within limit').status).toBe(202);
    expect(named('rate limited')).toMatchObject({ status: 429, headers: { 'x-ratelimit-remaining': '0', 'retry-after': expect.any(String) } });
    expect(named('enterprise without endpoint').status).toBe(404);
    expect(named('enterprise unauthenticated').status).toBe(401);
    expect(named('enterprise authenticated').status).toBe(202);
    for (const exchange of exchanges.filter((e) => e.status >= 400 && e.status !== 422 && typeof e.body === 'object')) {
      expect(basicErrorIssues(exchange), exchange.label).toEqual([]);
      expect((exchange.body as { status?: string }).status, exchange.label).toBe(String(exchange.status));
    }
  });
});

describe('GET /user, held to the fields hosts-next.md §3.4 names (the trimmed copy has no such path)', () => {
  it('answers 200 with login (string) and id (integer)', () => {
    const body = named('user').body as Record<string, unknown>;
    expect(named('user').status).toBe(200);
    expect(typeof body.login).toBe('string');
    expect(Number.isInteger(body.id)).toBe(true);
    expect(body.login).toBe('octocat');
  });

  it('reports the scopes of a classic token and none for a fine-grained one, and the expiry in GitHub\'s form', () => {
    expect(named('user').headers['x-oauth-scopes']).toBe('repo, workflow');
    expect(named('user').headers['github-authentication-token-expiration']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} (UTC|[+-]\d{4})$/);
    expect(named('user fine-grained').headers['x-oauth-scopes']).toBeUndefined();
  });

  it('refuses a token revoked by secret with 401 "Bad credentials" in basic-error', () => {
    expect(named('revoked').status).toBe(202);
    expect(named('user revoked')).toMatchObject({ status: 401, body: { message: 'Bad credentials', status: '401' } });
  });
});
