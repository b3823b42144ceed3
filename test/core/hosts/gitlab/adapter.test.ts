// The GitLab adapter against the GitLab simulator over real sockets: who a token belongs to and what
// it may do, every page of a long list, project tokens with a role, the free tier's refusal, rotation
// (and a rotation whose answer never came, reconciled by listing, never repeated), a token revoking
// itself, throttling, missing scopes, and no secret in any sentence.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TokenOwner } from '../../../../shared/domain';
import { LatchError } from '../../../../shared/result';
import { createHttpClient, type HttpClient } from '../../../../electron/core/http';
import { createAdapter } from '../../../../electron/core/hosts';
import { GitLabAdapter, GitLabSecretLostError, type GitLabIdentity } from '../../../../electron/core/hosts/gitlab/adapter';
import { ACCESS, startGitLabSimulator, type GitLabSimulator } from '../../../hosts/gitlab';
import { closeNow, listenOnLoopback } from '../../../hosts/loopback';
import { caught } from '../../caught';

const USER: TokenOwner = { kind: 'user' };
const APP: TokenOwner = { kind: 'project', projectKey: 'acme/tools/app' };

let sim: GitLabSimulator;
let http: HttpClient;
let adapter: GitLabAdapter;
/** Every secret the tests made: none may appear in any error sentence. */
const secrets: string[] = [];

function connect(baseUrl: string, timeoutMs?: number): GitLabAdapter {
  http = createHttpClient({ sleep: async () => undefined, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  return createAdapter('gitlab', baseUrl, http) as GitLabAdapter;
}

function issue(user: string, scopes: string[], name = `${user} token`, target = sim) {
  const made = target.issuePersonalToken({ user, name, scopes });
  secrets.push(made.secret);
  return made;
}
const creds = (secret: string, username = 'jane') => ({ username, password: secret });

async function failure(pending: Promise<unknown>): Promise<LatchError> {
  const error = await caught(pending);
  for (const secret of secrets) expect(error.message).not.toContain(secret);
  expect(error.message).not.toMatch(/glpat-/);
  return error;
}

async function raw(method: 'GET' | 'POST', path: string, secret: string): Promise<{ status: number; body: unknown }> {
  const response = await request(`${sim.apiBase}${path}`, { method, headers: { 'private-token': secret } });
  const text = await response.body.text();
  return { status: response.statusCode, body: text === '' ? null : JSON.parse(text) };
}

beforeAll(async () => {
  sim = await startGitLabSimulator();
  for (const username of ['jane', 'bob', 'many']) sim.addUser({ username, name: username[0]!.toUpperCase() + username.slice(1) });
  sim.addGroup('acme', { jane: ACCESS.owner });
  sim.addProject('acme/tools/app', { bob: ACCESS.developer });
});
afterAll(() => sim.stop());
beforeEach(() => {
  adapter = connect(sim.baseUrl);
});
afterEach(() => http.close());

describe('verify and inspect', () => {
  it('says whose an api token is, and that it may change things', async () => {
    const { secret } = issue('jane', ['api']);
    const identity = await adapter.verify(creds(secret));
    expect(identity).toMatchObject({ userSlug: 'jane', displayName: 'Jane', readOnly: false, scopes: ['api'] } satisfies Partial<GitLabIdentity>);
    expect(sim.requests.slice(-2).map((r) => r.url)).toEqual(['/api/v4/personal_access_tokens/self', '/api/v4/user']);
  });

  it('accepts read_api as read-only, and refuses a token without api naming the scope', async () => {
    expect(await adapter.verify(creds(issue('jane', ['read_api']).secret))).toMatchObject({ readOnly: true });
    const error = await failure(adapter.verify(creds(issue('jane', ['read_repository', 'write_repository']).secret)));
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('read_repository, write_repository');
    expect(error.message).toContain('needs the api scope');
  });

  it('refuses a revoked or unknown token, and a project token, with sentences', async () => {
    const revoked = issue('jane', ['api']);
    sim.revokeInPage(revoked.id);
    expect(await failure(adapter.verify(creds(revoked.secret)))).toMatchObject({ code: 'auth', message: expect.stringContaining('has been revoked') });
    expect((await failure(adapter.verify(creds('glpat-aaaaaaaaaaaaaaaaaaaa')))).code).toBe('auth');
    expect((await failure(adapter.verify(creds('glpat-with a space')))).code).toBe('validation');

    const jane = issue('jane', ['api']);
    const { secret } = await adapter.createToken(creds(jane.secret), 'jane', { name: 'bot', scopes: ['api'], expiryDays: 5, owner: APP, accessLevel: ACCESS.maintainer });
    secrets.push(secret);
    expect(await failure(adapter.verify(creds(secret)))).toMatchObject({ code: 'forbidden', message: expect.stringContaining('project or group access token') });
  });

  it('inspects a token with the token itself: id, name, scopes, expiry at 00:00 UTC, and whose', async () => {
    const made = issue('bob', ['api', 'read_repository'], 'laptop');
    const seen = await adapter.inspectToken(made.secret);
    expect(seen).toMatchObject({ tokenId: String(made.id), name: 'laptop', scopes: ['api', 'read_repository'], identity: { userSlug: 'bob', displayName: 'Bob' } });
    expect(seen.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/);
  });

  it('says so when a git-only token cannot tell whose it is, and when a token is dead', async () => {
    const gitOnly = issue('bob', ['read_repository']);
    const error = await failure(adapter.inspectToken(gitOnly.secret));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/scopes do not let Latch see whose it is/);
    sim.revokeInPage(gitOnly.id);
    expect((await failure(adapter.inspectToken(gitOnly.secret))).code).toBe('auth');
  });
});

describe('listing', () => {
  it('follows x-next-page past 100 rows, 100 at a time, active tokens of the signed-in user only', async () => {
    const { secret } = issue('many', ['read_api']);
    const seeded = sim.seedPersonalTokens('many', 130);
    sim.revokeInPage(seeded[0]!);
    sim.requests.length = 0;
    const tokens = await adapter.listTokens(creds(secret, 'many'), 'many', USER);
    expect(tokens).toHaveLength(130);
    expect(new Set(tokens.map((t) => t.id)).size).toBe(130);
    expect(tokens.map((t) => t.id)).not.toContain(String(seeded[0]));
    const pages = sim.requests.filter((r) => r.url.startsWith('/api/v4/personal_access_tokens'));
    expect(pages.map((r) => new URL(r.url, 'http://x').searchParams.get('page'))).toEqual(['1', '2']);
    expect(pages.every((r) => /per_page=100/.test(r.url) && /state=active/.test(r.url) && /user_id=\d+/.test(r.url))).toBe(true);
    expect(tokens.at(-1)).toMatchObject({ owner: USER, scopes: ['read_repository'], lastUsedAt: null });
    expect(tokens.at(-1)!.expiresAt).toMatch(/T00:00:00\.000Z$/);
  });

  it('refuses to list for another user than the one the token belongs to', async () => {
    const { secret } = issue('bob', ['api']);
    expect((await failure(adapter.listTokens(creds(secret, 'bob'), 'jane', USER))).message).toContain('belongs to "bob", not "jane"');
  });

  it('lists project tokens by the project path, and says when the project cannot be seen', async () => {
    const jane = issue('jane', ['api']);
    const made = await adapter.createToken(creds(jane.secret), 'jane', { name: 'listed', scopes: ['read_repository'], expiryDays: 30, owner: APP });
    secrets.push(made.secret);
    const listed = await adapter.listTokens(creds(jane.secret), 'jane', APP);
    expect(listed.map((t) => t.id)).toContain(made.token.id);
    expect(sim.requests.some((r) => r.url.startsWith('/api/v4/projects/acme%2Ftools%2Fapp/access_tokens?state=active&per_page=100&page=1'))).toBe(true);
    const missing = await failure(adapter.listTokens(creds(jane.secret), 'jane', { kind: 'project', projectKey: 'acme/nope' }));
    expect(missing).toMatchObject({ code: 'not-found', message: 'GitLab could not find the project "acme/nope", or your account cannot see it.' });
  });
});

describe('creating', () => {
  it('creates a project token with the asked role and expiry, and with Reporter for read-only scopes when none is asked', async () => {
    const jane = issue('jane', ['api']);
    const dev = await adapter.createToken(creds(jane.secret), 'jane', { name: 'ci push', scopes: ['write_repository'], expiryDays: 30, owner: APP, accessLevel: ACCESS.developer });
    const reader = await adapter.createToken(creds(jane.secret), 'jane', { name: 'ci read', scopes: ['read_repository'], expiryDays: null, owner: APP });
    secrets.push(dev.secret, reader.secret);
    expect(dev.secret).toMatch(/^glpat-/);
    expect(dev.token).toMatchObject({ name: 'ci push', scopes: ['write_repository'], owner: APP });
    const day30 = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(dev.token.expiresAt).toBe(`${day30}T00:00:00.000Z`);
    const onHost = (await raw('GET', '/projects/acme%2Ftools%2Fapp/access_tokens', jane.secret)).body as Array<{ id: number; access_level: number; expires_at: string }>;
    expect(onHost.find((t) => String(t.id) === dev.token.id)).toMatchObject({ access_level: 30 });
    const readerOnHost = onHost.find((t) => String(t.id) === reader.token.id);
    expect(readerOnHost).toMatchObject({ access_level: 20, expires_at: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10) });
  });

  it('refuses what GitLab would refuse before asking: personal tokens, a role GitLab lacks, over a year', async () => {
    const jane = issue('jane', ['api']);
    const personal = await failure(adapter.createToken(creds(jane.secret), 'jane', { name: 'x', scopes: ['api'], expiryDays: 5, owner: USER }));
    expect(personal.code).toBe('unsupported');
    expect(personal.message).toContain(`${sim.baseUrl}/-/user_settings/personal_access_tokens`);
    expect((await failure(adapter.createToken(creds(jane.secret), 'jane', { name: 'x', scopes: ['api'], expiryDays: 5, owner: APP, accessLevel: 25 }))).code).toBe('validation');
    expect(await failure(adapter.createToken(creds(jane.secret), 'jane', { name: 'x', scopes: ['api'], expiryDays: 366, owner: APP }))).toMatchObject({
      code: 'validation',
      message: 'GitLab tokens must expire within 1 to 365 days.',
    });
  });

  it('passes on GitLab\'s own reason, without its status prefix, when it refuses a role above the creator\'s', async () => {
    const bob = issue('bob', ['api']);
    const error = await failure(adapter.createToken(creds(bob.secret, 'bob'), 'bob', { name: 'x', scopes: ['api'], expiryDays: 5, owner: APP }));
    // Bob is a Developer: GitLab lists nothing for him (401) before any create is tried.
    expect(error.code).toBe('auth');
    expect(error.message).toContain('Maintainer');
  });

  it('says the free tier of GitLab.com needs Premium for project tokens', async () => {
    const free = await startGitLabSimulator({ premium: false });
    const freeHttp = createHttpClient({ sleep: async () => undefined });
    try {
      free.addUser({ username: 'dana' });
      free.addGroup('dana-group', { dana: ACCESS.owner });
      free.addProject('dana-group/app');
      const { secret } = issue('dana', ['api'], 'admin', free);
      const onFree = createAdapter('gitlab', free.baseUrl, freeHttp);
      const error = await failure(onFree.createToken(creds(secret, 'dana'), 'dana', { name: 'x', scopes: ['read_repository'], expiryDays: 5, owner: { kind: 'project', projectKey: 'dana-group/app' } }));
      expect(error.code).toBe('forbidden');
      expect(error.message).toBe(
        'GitLab would not let your account make project access tokens for the project "dana-group/app". You need the Maintainer role there (and on GitLab.com, a Premium or Ultimate plan).',
      );
    } finally {
      await freeHttp.close();
      await free.stop();
    }
  });
});

describe('revoking and rotating', () => {
  it('revokes a personal token and a project token by id', async () => {
    const jane = issue('jane', ['api']);
    const old = issue('jane', ['read_repository'], 'old laptop');
    await adapter.revokeToken(creds(jane.secret), 'jane', USER, String(old.id));
    expect(sim.tokenState(old.id)).toBe('revoked');
    const made = await adapter.createToken(creds(jane.secret), 'jane', { name: 'short', scopes: ['read_repository'], expiryDays: 2, owner: APP });
    secrets.push(made.secret);
    await adapter.revokeToken(creds(jane.secret), 'jane', APP, made.token.id);
    expect(sim.tokenState(Number(made.token.id))).toBe('revoked');
    expect((await failure(adapter.revokeToken(creds(jane.secret), 'jane', USER, '../user'))).code).toBe('validation');
  });

  it('says another person\'s token cannot be revoked', async () => {
    const bob = issue('bob', ['api']);
    const janes = issue('jane', ['read_repository']);
    expect(await failure(adapter.revokeToken(creds(bob.secret, 'bob'), 'bob', USER, String(janes.id)))).toMatchObject({
      code: 'forbidden',
      message: `GitLab refused to revoke token ${janes.id}: it may belong to another user.`,
    });
    expect(sim.tokenState(janes.id)).toBe('active');
  });

  it('rotates a personal token: a new secret once, the old one dead', async () => {
    const jane = issue('jane', ['api']);
    const old = issue('jane', ['read_repository'], 'workstation');
    const day60 = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const rotated = await adapter.rotateToken(creds(jane.secret), 'jane', USER, String(old.id), day60);
    secrets.push(rotated.secret);
    expect(rotated.token).toMatchObject({ name: 'workstation', scopes: ['read_repository'], expiresAt: `${day60}T00:00:00.000Z` });
    expect(rotated.token.id).not.toBe(String(old.id));
    expect(sim.tokenState(old.id)).toBe('revoked');
    expect((await raw('GET', '/personal_access_tokens/self', old.secret)).status).toBe(401);
    expect((await raw('GET', '/personal_access_tokens/self', rotated.secret)).status).toBe(200);
    // Rotating the dead one again is not even sent: GitLab's reuse detection would revoke its replacement.
    sim.requests.length = 0;
    expect(await failure(adapter.rotateToken(creds(jane.secret), 'jane', USER, String(old.id), null))).toMatchObject({
      code: 'not-found',
      message: `GitLab lists no active token ${old.id} of your account: it was revoked, has expired or was rotated already, so Latch did not rotate it.`,
    });
    expect(sim.requests.some((r) => r.method === 'POST')).toBe(false);
    expect(sim.tokenState(Number(rotated.token.id))).toBe('active');
  });

  it('passes on GitLab\'s reason when it refuses a rotation\'s expiry', async () => {
    const jane = issue('jane', ['api']);
    const old = issue('jane', ['read_repository'], 'too long');
    const day400 = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const error = await failure(adapter.rotateToken(creds(jane.secret), 'jane', USER, String(old.id), day400));
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(/^GitLab refused the request: Expires at must be before \d{4}-\d{2}-\d{2}\.$/);
    expect(sim.tokenState(old.id)).toBe('active');
  });

  it('rotates a project token', async () => {
    const jane = issue('jane', ['api']);
    const made = await adapter.createToken(creds(jane.secret), 'jane', { name: 'deploy', scopes: ['read_repository'], expiryDays: 10, owner: APP });
    const rotated = await adapter.rotateToken(creds(jane.secret), 'jane', APP, made.token.id, null);
    secrets.push(made.secret, rotated.secret);
    expect(rotated.token).toMatchObject({ name: 'deploy', owner: APP });
    expect(sim.tokenState(Number(made.token.id))).toBe('revoked');
  });

  it('lists, creates, rotates and revokes group tokens under /groups/:path, and says a developer cannot', async () => {
    const ACME: TokenOwner = { kind: 'group', groupPath: 'acme' };
    const jane = issue('jane', ['api']);
    const made = await adapter.createToken(creds(jane.secret), 'jane', { name: 'mirror', scopes: ['read_repository'], expiryDays: 30, owner: ACME, accessLevel: ACCESS.reporter } as never);
    secrets.push(made.secret);
    expect(made.token).toMatchObject({ name: 'mirror', owner: ACME, accessLevel: ACCESS.reporter });
    expect(sim.requests.at(-1)).toMatchObject({ method: 'POST', url: '/api/v4/groups/acme/access_tokens', status: 201 });
    expect((await adapter.listTokens(creds(jane.secret), 'jane', ACME)).map((token) => token.id)).toContain(made.token.id);
    const rotated = await adapter.rotateToken(creds(jane.secret), 'jane', ACME, made.token.id, null);
    secrets.push(rotated.secret);
    expect(sim.tokenState(Number(made.token.id))).toBe('revoked');
    await adapter.revokeToken(creds(jane.secret), 'jane', ACME, rotated.token.id);
    expect(sim.tokenState(Number(rotated.token.id))).toBe('revoked');

    const bob = issue('bob', ['api']);
    const refused = await failure(adapter.listTokens(creds(bob.secret, 'bob'), 'bob', ACME));
    expect(refused.message).toContain('the group "acme"');
  });
});

/** A proxy in front of the simulator that lets chosen requests reach it but never answers them. */
async function startSwallowingProxy(target: string, swallow: (method: string, url: string) => boolean) {
  const held: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: IncomingHttpHeaders = { ...req.headers };
      delete headers.host;
      delete headers.connection;
      void request(`${target}${req.url}`, { method: req.method as 'GET', headers: headers as Record<string, string>, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined })
        .then(async (answer) => {
          const text = await answer.body.text();
          if (swallow(req.method ?? 'GET', req.url ?? '/')) {
            held.push(res);
            return;
          }
          const out: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(answer.headers)) {
            if (value !== undefined && !['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) out[name] = value;
          }
          res.writeHead(answer.statusCode, out).end(text);
        })
        .catch(() => res.destroy());
    });
  });
  const port = await listenOnLoopback(server);
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => closeNow(server), held };
}

describe('answers that never came', () => {
  let proxy: Awaited<ReturnType<typeof startSwallowingProxy>>;
  afterEach(() => proxy.stop());

  it('reconciles a timed-out rotate by listing, and never sends it twice', async () => {
    proxy = await startSwallowingProxy(sim.baseUrl, (method, url) => method === 'POST' && url.endsWith('/rotate'));
    await http.close();
    const slow = connect(proxy.baseUrl, 1000);
    const jane = issue('jane', ['api']);
    const old = issue('jane', ['read_repository'], 'rotated in the dark');
    sim.requests.length = 0;
    const error = await failure(slow.rotateToken(creds(jane.secret), 'jane', USER, String(old.id), null));
    expect(error).toBeInstanceOf(GitLabSecretLostError);
    const lost = (error as GitLabSecretLostError).token;
    expect(lost).toMatchObject({ name: 'rotated in the dark' });
    expect(lost.id).not.toBe(String(old.id));
    expect(error.message).toMatch(/was rotated: its old secret no longer works.*Rotate token \d+ to get a secret you can see; never rotate the old one again/);
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(sim.tokenState(old.id)).toBe('revoked');
    expect(sim.tokenState(Number(lost.id))).toBe('active');
  });

  it('says a rotate that never reached GitLab left the old secret working', async () => {
    proxy = await startSwallowingProxy(sim.baseUrl, () => false);
    const jane = issue('jane', ['api']);
    const old = issue('jane', ['read_repository'], 'never rotated');
    // Only the rotate goes to a server that takes it and never answers; GitLab itself never sees it.
    const hanging = createServer(() => undefined);
    const port = await listenOnLoopback(hanging);
    await http.close();
    http = createHttpClient({ sleep: async () => undefined, timeoutMs: 1000 });
    const inner = http;
    const rotatePath = `/api/v4/personal_access_tokens/${old.id}/rotate`;
    const redirected: HttpClient = {
      request: (req) => inner.request(req.url.endsWith(rotatePath) ? { ...req, url: `http://127.0.0.1:${port}${rotatePath}` } : req),
      close: () => inner.close(),
    };
    try {
      const error = await failure(new GitLabAdapter(proxy.baseUrl, redirected).rotateToken(creds(jane.secret), 'jane', USER, String(old.id), null));
      expect(error.code).toBe('timeout');
      expect(error.message).toContain('The token "never rotated" was not rotated and its secret still works; it is safe to try again.');
      expect(sim.tokenState(old.id)).toBe('active');
    } finally {
      await closeNow(hanging);
    }
  });

  it('reconciles a timed-out project token create', async () => {
    proxy = await startSwallowingProxy(sim.baseUrl, (method, url) => method === 'POST' && url.includes('/access_tokens'));
    await http.close();
    const slow = connect(proxy.baseUrl, 1000);
    const jane = issue('jane', ['api']);
    const error = await failure(slow.createToken(creds(jane.secret), 'jane', { name: 'lost create', scopes: ['read_repository'], expiryDays: 3, owner: APP }));
    expect(error).toBeInstanceOf(GitLabSecretLostError);
    expect(error.message).toMatch(/^The token "lost create" \(id \d+\) was created, but its secret was lost in transit/);
  });
});

describe('revoking by the secret alone', () => {
  it('revokes a token of any scope with itself, then says it is already dead', async () => {
    const leaked = issue('bob', ['read_repository'], 'leaked');
    expect(await adapter.revokeBySecret(leaked.secret)).toBe('revoked');
    expect(sim.tokenState(leaked.id)).toBe('revoked');
    expect(sim.requests.slice(-2).map((r) => `${r.method} ${r.url} ${r.status}`)).toEqual([
      'GET /api/v4/personal_access_tokens/self 200',
      'DELETE /api/v4/personal_access_tokens/self 204',
    ]);
    expect(await adapter.revokeBySecret(leaked.secret)).toBe('already-dead');
    expect(await adapter.revokeBySecret('glpat-aaaaaaaaaaaaaaaaaaaa')).toBe('already-dead');
  });
});

describe('refusals as sentences', () => {
  it('says when GitLab is throttling, and for how long', async () => {
    const { secret } = issue('jane', ['api']);
    sim.failNext(429, 1, { 'retry-after': '30' });
    expect(await failure(adapter.listTokens(creds(secret), 'jane', USER))).toMatchObject({
      code: 'rate-limited',
      message: 'GitLab is limiting how often it can be asked right now. Try again in 30 seconds.',
    });
  });

  it('names the scope a read_api sign-in lacks when it tries to change something', async () => {
    const reader = issue('jane', ['read_api']);
    const target = issue('jane', ['read_repository']);
    const error = await failure(adapter.revokeToken(creds(reader.secret), 'jane', USER, String(target.id)));
    expect(error).toMatchObject({
      code: 'forbidden',
      message: 'The token Latch signs in to GitLab with lacks the scope this needs (api). Sign in with a personal access token that has the api scope.',
    });
    expect(sim.tokenState(target.id)).toBe('active');
  });

  it('says GitLab had a problem of its own on a 5xx', async () => {
    const { secret } = issue('jane', ['api']);
    sim.failNext(502, 3);
    expect((await failure(adapter.listTokens(creds(secret), 'jane', USER))).code).toBe('host-error');
  });

  it('never lets a secret through in any sentence (checked in every test above)', () => {
    expect(secrets.length).toBeGreaterThan(10);
  });
});
