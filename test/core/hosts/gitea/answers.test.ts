// The Gitea/Forgejo adapter's exact requests, and its reading of answers the simulator never gives:
// a server that will not say what it is, malformed or endless pages, a create answer without a usable
// secret, throttling and failures, and hostile messages that echo secrets or carry terminal escapes.
// A scripted server on a real socket answers, one step per request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenOwner } from '../../../../shared/domain';
import type { LatchError } from '../../../../shared/result';
import { createHttpClient, type HttpClient } from '../../../../electron/core/http';
import { createAdapter, type HostAdapter } from '../../../../electron/core/hosts';
import { ScriptedServer } from '../../../hosts/scripted-server';
import { caught } from '../../caught';

const creds = { username: 'jäne', password: 'pässwörd:with colon' };
const USER: TokenOwner = { kind: 'user' };
const SECRET = '9fcb1158165773dd010fca5f0cf7174316c3e37d';
const token = (id: number, name: string, extra: Record<string, unknown> = {}) => ({ id, name, sha1: '', token_last_eight: 'abcdef01', scopes: ['read:user'], ...extra });
const spec = { name: 'laptop', scopes: ['write:repository'], expiryDays: null, owner: USER };

let server: ScriptedServer;
let http: HttpClient;
let adapter: HostAdapter;

beforeEach(async () => {
  server = new ScriptedServer();
  const base = await server.start();
  http = createHttpClient({ sleep: async () => undefined });
  adapter = createAdapter('gitea', `${base}/git/`, http);
});

afterEach(async () => {
  await http.close();
  await server.stop();
});

async function failure(pending: Promise<unknown>): Promise<LatchError> {
  const error = await caught(pending);
  expect(error.message).not.toContain(creds.password);
  expect(error.message).not.toContain(SECRET);
  expect(error.message).not.toContain('123456');
  expect(error.message).not.toContain('\u001b');
  return error;
}

/** The two anonymous questions a list starts with: what the server is, and its page size. */
const serverIs = (version: string, maxItems = 50) => server.reply(200, { version }).reply(200, { max_response_items: maxItems, default_paging_num: 30 });
const page = (items: unknown[], total: number | null) => server.reply(200, items, total === null ? {} : { 'x-total-count': String(total) });

describe('requests', () => {
  it('asks what the server is without credentials, then signs in with Basic (UTF-8) under the sub-path', async () => {
    server.reply(200, { version: '1.27.1' }).reply(200, { login: 'jane', full_name: '' }).reply(200, { max_response_items: 50 });
    page([], 0);
    expect(await adapter.verify(creds)).toEqual({ userSlug: 'jane', displayName: 'jane', server: 'Gitea 1.27.1' });
    expect(server.requests.map((request) => request.url)).toEqual([
      '/git/api/v1/version',
      '/git/api/v1/user',
      '/git/api/v1/settings/api',
      '/git/api/v1/users/jane/tokens?page=1&limit=50',
    ]);
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(server.requests[2]!.headers.authorization).toBeUndefined();
    const basic = `Basic ${Buffer.from(`${creds.username}:${creds.password}`, 'utf8').toString('base64')}`;
    expect(server.requests[1]!.headers.authorization).toBe(basic);
    expect(server.requests[3]!.headers.authorization).toBe(basic);
  });

  it.each([
    ['16.0.1+gitea-1.22.0', 'x-forgejo-otp'],
    ['1.27.1', 'x-gitea-otp'],
  ])('on %s sends the code in %s and nowhere else', async (version, header) => {
    server.reply(200, { version }).reply(201, { ...token(7, 'laptop'), sha1: SECRET, token_last_eight: SECRET.slice(-8), scopes: ['write:repository'] });
    await adapter.createToken({ ...creds, otp: '123456' }, 'jäne doe', spec);
    const post = server.requests.find((request) => request.method === 'POST')!;
    expect(post.url).toBe('/git/api/v1/users/j%C3%A4ne%20doe/tokens');
    expect(JSON.parse(post.body)).toEqual({ name: 'laptop', scopes: ['write:repository'] });
    expect(post.headers[header]).toBe('123456');
    expect(Object.keys(post.headers).filter((name) => /otp/i.test(name))).toEqual([header]);
    expect(server.requests.filter((request) => Object.keys(request.headers).some((name) => /otp/i.test(name)))).toHaveLength(1);
  });

  it('goes on without knowing the flavour when the version needs a sign-in, sending the header both read', async () => {
    server.reply(401, { message: 'token is required', url: 'x' }).reply(200, { max_response_items: 50 });
    page([token(1, 'a')], 1);
    expect(await adapter.listTokens({ ...creds, otp: '123456' }, 'jane', USER)).toHaveLength(1);
    expect(server.requests[2]!.headers['x-gitea-otp']).toBe('123456');
  });

  it('deletes by the decimal id', async () => {
    server.reply(200, { version: '1.27.1' }).reply(204);
    await adapter.revokeToken(creds, 'jane', USER, '31');
    expect(server.requests[1]).toMatchObject({ method: 'DELETE', url: '/git/api/v1/users/jane/tokens/31' });
  });
});

describe('what the server is', () => {
  it.each([
    ['a 404 (no API there)', () => server.reply(404)],
    ['an HTML page', () => server.fallback = (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>')],
    ['JSON of another shape', () => server.reply(200, { name: 'GitLab' })],
  ])('calls %s no Gitea or Forgejo', async (_label, answer) => {
    answer();
    expect(await failure(adapter.verify(creds))).toMatchObject({ code: 'host-error', message: expect.stringMatching(/^No Gitea or Forgejo API answers at this address/) });
  });
});

describe('reading answers', () => {
  it('turns Go\'s unset time into no date, and keeps ids in decimal', async () => {
    serverIs('1.27.1');
    page([token(12, 'old', { created_at: '0001-01-01T00:00:00Z', last_used_at: '0001-01-01T00:00:00Z', scopes: null })], 1);
    expect(await adapter.listTokens(creds, 'jane', USER)).toEqual([{ id: '12', name: 'old', scopes: [], createdAt: null, expiresAt: null, lastUsedAt: null, owner: USER }]);
  });

  it('stops at a short page when X-Total-Count is missing', async () => {
    serverIs('1.27.1', 2);
    page([token(1, 'a'), token(2, 'b')], null);
    page([token(3, 'c')], null);
    expect((await adapter.listTokens(creds, 'jane', USER)).map((listed) => listed.name)).toEqual(['a', 'b', 'c']);
    expect(server.requests.at(-1)!.url).toContain('page=2&limit=2');
  });

  it('stops on paging that never moves forward', async () => {
    serverIs('1.27.1', 2);
    server.fallback = (res) => res.writeHead(200, { 'content-type': 'application/json', 'x-total-count': '1000' }).end(JSON.stringify([token(1, 'a'), token(2, 'b')]));
    expect(await failure(adapter.listTokens(creds, 'jane', USER))).toMatchObject({ code: 'host-error', message: expect.stringContaining('did not look like a Gitea or Forgejo answer') });
    expect(server.requests).toHaveLength(4);
  });

  it('asks for no more than a thousand tokens an answer, whatever the settings say', async () => {
    server.reply(200, { version: '1.27.1' }).reply(200, { max_response_items: 10_000_000 });
    page([], 0);
    await adapter.listTokens(creds, 'jane', USER);
    expect(server.requests[2]!.url).toContain('limit=1000');
  });

  it.each([
    ['a string id', [{ ...token(1, 'a'), id: '1' }]],
    ['a fractional id', [{ ...token(1, 'a'), id: 1.5 }]],
    ['an id past what JavaScript holds exactly', [{ ...token(1, 'a'), id: 2 ** 60 }]],
    ['an object instead of a list', { tokens: [] }],
  ])('calls %s a host error', async (_label, body) => {
    serverIs('1.27.1');
    server.reply(200, body);
    expect((await failure(adapter.listTokens(creds, 'jane', USER))).code).toBe('host-error');
  });

  it.each([
    ['no secret at all', { id: 7, name: 'laptop', scopes: ['write:repository'] }],
    ['a secret that is not 40 hex characters', { ...token(7, 'laptop'), sha1: 'NOT-A-SECRET' }],
    ['last eight characters that are not the secret\'s', { ...token(7, 'laptop'), sha1: SECRET, token_last_eight: '00000000' }],
  ])('says the secret of a token made is lost when the answer has %s', async (_label, body) => {
    serverIs('1.27.1');
    page([], 0);
    server.reply(201, body);
    const error = await failure(adapter.createToken(creds, 'jane', spec));
    expect(error).toMatchObject({ code: 'host-error', message: expect.stringMatching(/made the token "laptop", but its answer carried no secret Latch can read.*Revoke the token/) });
  });
});

describe('refusals and failures', () => {
  it('does not retry a create answered 503', async () => {
    serverIs('1.27.1');
    page([], 0);
    server.reply(503).reply(201, { ...token(7, 'laptop'), sha1: SECRET });
    expect(await failure(adapter.createToken(creds, 'jane', spec))).toMatchObject({ code: 'host-error', message: expect.stringContaining('HTTP 503') });
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('retries a list on 5xx, then says the server had a problem', async () => {
    serverIs('1.27.1');
    server.reply(500).reply(502).reply(503);
    expect(await failure(adapter.listTokens(creds, 'jane', USER))).toMatchObject({ code: 'host-error', message: 'Gitea had a problem of its own (HTTP 503). Try again later; if it keeps happening, tell the server\'s administrator.' });
  });

  it('says how long to wait when throttled', async () => {
    serverIs('1.27.1');
    server.reply(429, { message: 'slow down', url: 'x' }, { 'retry-after': '3600' });
    expect(await failure(adapter.listTokens(creds, 'jane', USER))).toMatchObject({ code: 'rate-limited', message: expect.stringContaining('Try again in about 60 minutes.') });
  });

  it('passes on the server\'s words without secrets, control characters or their length', async () => {
    const hostile = `\u001b[31minvalid access token scope provided: ${creds.password} ${SECRET} 123456\u0007 ${'x'.repeat(500)}`;
    server.reply(200, { version: '1.27.1' }).reply(400, { message: hostile, url: 'x' });
    const error = await failure(adapter.createToken({ ...creds, otp: '123456' }, 'jane', spec));
    expect(error.code).toBe('validation');
    expect(error.message.length).toBeLessThan(400);
  });

  it('never quotes the token it was given', async () => {
    server.reply(200, { version: '1.27.1' }).reply(403, { message: `token ${SECRET} may not`, url: 'x' });
    expect((await failure(adapter.inspectToken!(SECRET))).code).toBe('forbidden');
  });

  it('says "already dead" for a refused self-delete, and refuses what is no token before sending it', async () => {
    server.reply(200, { version: '1.27.1' }).reply(401, { message: 'invalid username, password or token', url: 'x' });
    expect(await adapter.revokeBySecret!(SECRET)).toBe('already-dead');
    expect(server.requests[1]!.headers.authorization).toBe(`token ${SECRET}`);
    expect((await failure(adapter.revokeBySecret!('ghp_notgitea'))).code).toBe('validation');
    expect(server.requests).toHaveLength(2);
  });

  it('calls a missing self-delete route unsupported when the server did not say its version', async () => {
    server.reply(403).reply(404, { errors: null, message: "The target couldn't be found.", url: 'x' });
    expect((await failure(adapter.revokeBySecret!(SECRET))).code).toBe('unsupported');
  });
});
