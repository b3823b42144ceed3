// Holds the Gitea/Forgejo simulator to each flavour's published Swagger file (Gitea 1.27.1, Forgejo
// 16.0.1, and Forgejo 11.0.3 for the older answers): every operation it serves is there, every status
// is declared, every body has the declared names and types, the headers a client reads are declared,
// and what it accepts as a create body fits CreateAccessTokenOption, except the differences real
// servers show, listed once in gitea-known-deviations.ts. The walk below makes the calls a client
// makes, in the answers it meets.
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGiteaSimulator, type GiteaSimulator, type GiteaSimulatorOptions } from './gitea';
import { deviationsFor, type SpecName } from './gitea-known-deviations';
import { checkResponse, issueKey } from './openapi-check';
import { checkHeaders, checkRequestBody, loadSwagger, type SwaggerIssue, type SwaggerSpec } from './swagger-check';

interface Personality {
  spec: SpecName;
  file: string;
  options: GiteaSimulatorOptions;
  /** info.version of the file, which the simulator must report as GET /version does. */
  version: string;
}

const PERSONALITIES: Personality[] = [
  { spec: 'gitea-1.27.1', file: 'gitea-1.27.1.swagger.json', options: { flavor: 'gitea' }, version: '1.27.1' },
  { spec: 'forgejo-16.0.1', file: 'forgejo-16.0.1.swagger.json', options: { flavor: 'forgejo' }, version: '16.0.1+gitea-1.22.0' },
  // The older long-term line, answered as older servers do: no created_at, no repository tokens.
  {
    spec: 'forgejo-11.0.3',
    file: 'forgejo-11.0.3.swagger.json',
    options: { flavor: 'forgejo', version: '11.0.3', legacyTokenFields: true },
    version: '11.0.3+gitea-1.22.0',
  },
];

/** The response headers a client reads: paging. */
const WATCHED_HEADERS = ['x-total-count', 'link'];

interface Exchange {
  label: string;
  method: string;
  /** Without /api/v1 and the query. */
  path: string;
  status: number;
  headers: string[];
  body: unknown;
  sent: unknown;
}

const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

describe.each(PERSONALITIES)('the simulator against $file', (personality) => {
  const swagger: SwaggerSpec = loadSwagger(fileURLToPath(new URL(`../fixtures/specs/${personality.file}`, import.meta.url)));
  const known = deviationsFor(personality.spec);
  const exchanges: Exchange[] = [];
  const byLabel = (label: string) => exchanges.find((exchange) => exchange.label === label)!;
  let sim: GiteaSimulator;

  async function call(label: string, method: string, path: string, auth: string | null, json?: unknown, extra: Record<string, string> = {}): Promise<Exchange> {
    const response = await request(`${sim.apiBase}${path}`, {
      method: method as 'GET',
      headers: { ...(auth ? { authorization: auth } : {}), ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...extra },
      body: json !== undefined ? JSON.stringify(json) : undefined,
    });
    const text = await response.body.text();
    const exchange: Exchange = {
      label,
      method,
      path: path.split('?')[0]!,
      status: response.statusCode,
      headers: Object.keys(response.headers).map((name) => name.toLowerCase()),
      body: text === '' ? undefined : JSON.parse(text),
      sent: json,
    };
    exchanges.push(exchange);
    return exchange;
  }

  beforeAll(async () => {
    sim = await startGiteaSimulator(personality.options);
    const ALICE = basic('alice', 'alice-pw');
    sim.addUser({ username: 'alice', password: 'alice-pw', fullName: 'Alice Liddell' });
    sim.addUser({ username: 'bob', password: 'bob-pw' });
    sim.addUser({ username: 'carol', password: 'carol-pw', totp: true });
    sim.addUser({ username: 'dave', password: 'dave-pw', webauthn: true });
    sim.addRepo('alice', 'app');
    for (let i = 1; i <= 35; i += 1) sim.issueToken('alice', `seed ${i}`, ['read:repository']);
    const userToken = sim.issueToken('alice', 'user admin', ['write:user']).secret;
    const repoToken = sim.issueToken('alice', 'repo only', ['read:repository']).secret;
    sim.issueToken('alice', 'twin', ['read:repository']);
    sim.issueToken('alice', 'twin', ['read:repository']);
    const bobs = sim.issueToken('bob', 'bob laptop', ['read:repository']);

    await call('version', 'GET', '/version', null);
    await call('version wrong password', 'GET', '/version', basic('alice', 'nope'));
    await call('settings', 'GET', '/settings/api', null);
    await call('user', 'GET', '/user', ALICE);
    await call('user by token', 'GET', '/user', `token ${userToken}`);
    await call('user anonymous', 'GET', '/user', null);
    await call('user without scope', 'GET', '/user', `token ${repoToken}`);

    await call('list page 2', 'GET', '/users/alice/tokens?page=2&limit=10', ALICE);
    await call('list capped', 'GET', '/users/alice/tokens?limit=1000', ALICE);
    await call('list by token', 'GET', '/users/alice/tokens', `token ${userToken}`);
    await call('list without scope', 'GET', '/users/alice/tokens', `token ${repoToken}`);
    await call('list anonymous', 'GET', '/users/alice/tokens', null);
    await call('list unknown user', 'GET', '/users/nobody/tokens', ALICE);
    await call('list other user', 'GET', '/users/bob/tokens', ALICE);
    await call('list webauthn', 'GET', '/users/dave/tokens', basic('dave', 'dave-pw'));
    await call('list no otp', 'GET', '/users/carol/tokens', basic('carol', 'carol-pw'));
    const otpHeader = personality.options.flavor === 'gitea' ? 'x-gitea-otp' : 'x-forgejo-otp';
    await call('list with otp', 'GET', '/users/carol/tokens', basic('carol', 'carol-pw'), undefined, { [otpHeader]: sim.currentOtp('carol') });

    const created = await call('create', 'POST', '/users/alice/tokens', ALICE, { name: 'ci', scopes: ['write:repository', 'read:user'] });
    await call('create for repositories', 'POST', '/users/alice/tokens', ALICE, {
      name: 'deploy app',
      scopes: ['read:repository'],
      repositories: [{ owner: 'alice', name: 'app' }],
    });
    await call('create duplicate', 'POST', '/users/alice/tokens', ALICE, { name: 'ci', scopes: ['read:user'] });
    await call('create unknown scope', 'POST', '/users/alice/tokens', ALICE, { name: 'x', scopes: ['repo'] });
    await call('create no scope', 'POST', '/users/alice/tokens', ALICE, { name: 'y', scopes: [] });
    await call('create no name', 'POST', '/users/alice/tokens', ALICE, { scopes: ['read:user'] });
    await call('create by token', 'POST', '/users/alice/tokens', `token ${userToken}`, { name: 'z', scopes: ['read:user'] });
    await call('create other user', 'POST', '/users/bob/tokens', ALICE, { name: 'z', scopes: ['read:user'] });
    await call('create unknown user', 'POST', '/users/nobody/tokens', ALICE, { name: 'z', scopes: ['read:user'] });

    const id = (created.body as { id: number }).id;
    await call('delete', 'DELETE', `/users/alice/tokens/${id}`, ALICE);
    await call('delete again', 'DELETE', `/users/alice/tokens/${id}`, ALICE);
    await call('delete ambiguous name', 'DELETE', '/users/alice/tokens/twin', ALICE);
    await call('delete by token', 'DELETE', '/users/alice/tokens/seed%201', `token ${userToken}`);
    await call('delete other user', 'DELETE', `/users/bob/tokens/${bobs.id}`, ALICE);

    await call('self', 'GET', '/token', `token ${repoToken}`);
    await call('self by basic', 'GET', '/token', ALICE);
    await call('self anonymous', 'GET', '/token', null);
    await call('self delete', 'DELETE', '/token', `token ${repoToken}`);
  });

  afterAll(() => sim.stop());

  const issues = (): SwaggerIssue[] =>
    exchanges.flatMap((e) => [
      ...checkResponse(swagger.spec, e.method, e.path, e.status, e.body),
      ...checkHeaders(swagger, e.method, e.path, e.status, e.headers, WATCHED_HEADERS),
      // What the server took as a create must be what the spec describes.
      ...(e.method === 'POST' && e.status === 201 ? checkRequestBody(swagger, e.method, e.path, e.sent) : []),
    ]);

  it('is the flavour and version the file describes, served under its basePath', () => {
    expect(swagger.spec.servers[0]!.url).toBe('/api/v1');
    expect(new URL(sim.apiBase).pathname).toBe('/api/v1');
    expect(swagger.info.version).toBe(personality.version);
    expect(byLabel('version').body).toEqual({ version: personality.version });
    expect(swagger.info.title).toBe(personality.options.flavor === 'gitea' ? 'Gitea API' : 'Forgejo API');
  });

  it('differs from the spec only where gitea-known-deviations.ts says real servers do', () => {
    const listed = new Set(known.map(issueKey));
    const unknown = new Map<string, SwaggerIssue>();
    for (const issue of issues()) if (!listed.has(issueKey(issue))) unknown.set(issueKey(issue), issue);
    expect([...unknown.values()]).toEqual([]);
  });

  it('shows every listed deviation, so the list does not outlive the behaviour', () => {
    const seen = new Set(issues().map(issueKey));
    expect(known.map(issueKey).filter((key) => !seen.has(key))).toEqual([]);
  });

  it("refuses, as the spec's required fields say, a create without a name", () => {
    const refused = byLabel('create no name');
    expect(checkRequestBody(swagger, 'POST', '/users/alice/tokens', refused.sent).map((issue) => issue.kind)).toEqual(['missing-required']);
    expect(refused.status).toBe(422);
  });

  it('answers the statuses the spec declares for the token routes, each in the case it names', () => {
    const statuses = (method: string, template: string) =>
      [...new Set(exchanges.filter((e) => e.method === method && swagger.template(e.path) === template).map((e) => e.status))].sort();
    const declared = (method: string, template: string) => Object.keys(swagger.spec.paths[template]![method]!.responses).map(Number);
    for (const [method, template] of [
      ['GET', '/users/{username}/tokens'],
      ['POST', '/users/{username}/tokens'],
      ['DELETE', '/users/{username}/tokens/{token}'],
    ] as const) {
      for (const status of declared(method.toLowerCase(), template)) expect(statuses(method, template), `${method} ${template}`).toContain(status);
    }
  });

  it('answers every error with a message and the documentation address', () => {
    const errors = exchanges.filter((e) => e.status >= 400 && e.body !== undefined);
    expect(errors.length).toBeGreaterThan(15);
    for (const error of errors) expect(error.body).toMatchObject({ message: expect.any(String), url: `${sim.baseUrl}/api/swagger` });
  });
});
