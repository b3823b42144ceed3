// The adapter's requests and its reading of answers the simulator never gives: exact request shapes,
// the spec's ISO dates, malformed or endless pages, 403/5xx/CAPTCHA, and the create-timeout
// reconciliation when the token was not made. A scripted server on a real socket answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenOwner } from '../../../../shared/domain';
import { LatchError } from '../../../../shared/result';
import { createHttpClient, type HttpClient } from '../../../../electron/core/http';
import { createAdapter, type HostAdapter } from '../../../../electron/core/hosts';
import { ScriptedServer } from '../../../hosts/scripted-server';
import { caught } from '../../caught';

const creds = { username: 'jäne', password: 'pässwörd:with colon' };
const USER: TokenOwner = { kind: 'user' };
const page = (values: unknown[], extra: Record<string, unknown> = {}) => ({ size: values.length, limit: 25, start: 0, isLastPage: true, values, ...extra });
const wireToken = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  createdDate: 1_700_000_000_000,
  permissions: ['PROJECT_READ', 'REPO_READ'],
  ...extra,
});
const errors = (message: string) => ({ errors: [{ context: null, message, exceptionName: 'x' }] });

let server: ScriptedServer;
let http: HttpClient;
let adapter: HostAdapter;
let base: string;

// Ordinary answers get the client's full patience: a busy machine must not turn them into
// timeouts. Only the tests where a hang is the point shorten it (see connect below).
function connect(timeoutMs?: number): void {
  http = createHttpClient({ sleep: async () => undefined, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  adapter = createAdapter('bitbucket-datacenter', `${base}/bb/`, http);
}

beforeEach(async () => {
  server = new ScriptedServer();
  base = await server.start();
  connect();
});

afterEach(async () => {
  await http.close();
  await server.stop();
});

async function failure(pending: Promise<unknown>): Promise<LatchError> {
  const outcome = await caught(pending);
  // Whatever went wrong, the password is never part of the sentence.
  expect(outcome.message).not.toContain(creds.password);
  return outcome;
}

describe('requests', () => {
  it('verifies with Basic auth (UTF-8) against the user search, under the context path', async () => {
    server.reply(200, page([{ name: 'jänemarie', slug: 'janemarie', displayName: 'Other' }, { name: 'Jäne', slug: 'jane', displayName: 'Jäne D' }]));
    server.reply(200, page([]));
    expect(await adapter.verify(creds)).toEqual({ userSlug: 'jane', displayName: 'Jäne D' });
    // …and checks the credentials can manage the user's tokens (an access token cannot).
    expect(server.requests[1]).toMatchObject({ method: 'GET', url: '/bb/rest/access-tokens/latest/users/jane?limit=1' });
    const [request] = server.requests;
    expect(request!.method).toBe('GET');
    expect(request!.url).toBe('/bb/rest/api/latest/users?filter=j%C3%A4ne&start=0&limit=100');
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`${creds.username}:${creds.password}`, 'utf8').toString('base64')}`);
  });

  it('finds the user across pages of the search, and by e-mail address when signed in with it', async () => {
    server.reply(200, page([{ name: 'a', slug: 'a' }], { isLastPage: false, nextPageStart: 1 }));
    server.reply(200, page([{ name: 'jane', slug: 'jane', emailAddress: 'JÄNE' }]));
    server.reply(200, page([]));
    expect(await adapter.verify(creds)).toEqual({ userSlug: 'jane', displayName: 'jane' });
    expect(server.requests[1]!.url).toContain('start=1');
  });

  it('says so when the sign-in worked but no user matched', async () => {
    server.reply(200, page([{ name: 'someone', slug: 'someone' }]));
    expect((await failure(adapter.verify(creds))).code).toBe('host-error');
  });

  it('creates with PUT and exactly the documented body, path segments encoded', async () => {
    server.reply(200, page([])).reply(200, { ...wireToken('000000000001', 'n'), token: 'BBDC-secret' });
    const owner: TokenOwner = { kind: 'repository', projectKey: 'P K', repoSlug: 'a/b' };
    await adapter.createToken(creds, 'u', { name: 'n', scopes: ['REPO_READ'], expiryDays: null, owner });
    const put = server.requests[1]!;
    expect(put.method).toBe('PUT');
    expect(put.url).toBe('/bb/rest/access-tokens/latest/projects/P%20K/repos/a%2Fb');
    expect(JSON.parse(put.body)).toEqual({ name: 'n', permissions: ['REPO_READ'] });
    expect(put.headers['content-type']).toBe('application/json');

    server.reply(200, page([])).reply(200, { ...wireToken('000000000002', 'm'), token: 'BBDC-secret' });
    await adapter.createToken(creds, 'jane doe', { name: 'm', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: 7, owner: USER });
    expect(server.requests[3]!.url).toBe('/bb/rest/access-tokens/latest/users/jane%20doe');
    expect(JSON.parse(server.requests[3]!.body)).toEqual({ name: 'm', permissions: ['PROJECT_READ', 'REPO_READ'], expiryDays: 7 });
  });

  it('revokes with DELETE on the token id', async () => {
    server.reply(204);
    await adapter.revokeToken(creds, 'u', { kind: 'project', projectKey: 'PRJ' }, '012345678901');
    expect(server.requests[0]).toMatchObject({ method: 'DELETE', url: '/bb/rest/access-tokens/latest/projects/PRJ/012345678901' });
  });
});

describe('reading answers', () => {
  it('accepts the spec\'s ISO dates as well as epoch milliseconds', async () => {
    server.reply(200, page([wireToken('012000000000', 'iso', { createdDate: '2026-01-02T03:04:05Z', lastAuthenticated: '2026-02-01T00:00:00.000Z', expiryDays: 1 })]));
    const [token] = await adapter.listTokens(creds, 'u', USER);
    expect(token).toMatchObject({
      id: '012000000000',
      createdAt: '2026-01-02T03:04:05.000Z',
      lastUsedAt: '2026-02-01T00:00:00.000Z',
      expiresAt: '2026-01-03T03:04:05.000Z',
    });
  });

  it('treats a token without createdDate or permissions as unknown, not as an error', async () => {
    server.reply(200, page([{ id: '100000000000', name: 'bare' }]));
    expect(await adapter.listTokens(creds, 'u', USER)).toEqual([
      { id: '100000000000', name: 'bare', scopes: [], createdAt: null, expiresAt: null, lastUsedAt: null, owner: USER },
    ]);
  });

  it.each([
    ['a numeric id (digits already lost)', page([{ ...wireToken('x', 'n'), id: 12345 }])],
    ['a page without isLastPage', { values: [] }],
    ['an HTML sign-in page from a proxy', undefined],
  ])('calls %s a host error', async (_label, body) => {
    if (body === undefined) server.fallback = (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>');
    else server.reply(200, body);
    const error = await failure(adapter.listTokens(creds, 'u', USER));
    expect(error.code).toBe('host-error');
    expect(error.message).toMatch(/did not look like a Bitbucket Data Center answer/);
  });

  it('stops on paging that never moves forward', async () => {
    server.fallback = (res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page([wireToken('1', 'a')], { isLastPage: false, nextPageStart: 0 })));
    expect((await failure(adapter.listTokens(creds, 'u', USER))).code).toBe('host-error');
    expect(server.requests).toHaveLength(1);
  });

  it('sends the password with a handful of pages at most, on a token list that pages forward for ever', async () => {
    let start = 0;
    server.fallback = (res) => {
      const values = Array.from({ length: 25 }, (_, index) => wireToken(String(start + index), `t${start + index}`));
      start += 25;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page(values, { isLastPage: false, nextPageStart: start })));
    };
    const error = await failure(adapter.listTokens(creds, 'u', USER));
    expect(error.code).toBe('host-error');
    expect(error.message).toMatch(/Bitbucket kept sending more pages of the token list than Latch will read/);
    const withPassword = server.requests.filter((request) => request.headers.authorization?.startsWith('Basic '));
    expect(withPassword.length).toBeLessThanOrEqual(5);
  });

  it('stops a user search whose next page does not move forward (verify pages too)', async () => {
    server.fallback = (res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page([{ name: 'someone', slug: 'someone' }], { isLastPage: false, nextPageStart: 0 })));
    const error = await failure(adapter.verify(creds));
    expect(error).toMatchObject({ code: 'host-error', message: expect.stringMatching(/next page that does not move forward/) });
    expect(server.requests).toHaveLength(1);
  });
});

describe('errors', () => {
  it('asks for a CAPTCHA in the browser when Bitbucket demands one', async () => {
    server.reply(401, errors('CAPTCHA required'), { 'x-authentication-denied-reason': 'CAPTCHA_CHALLENGE; login-url=https://x/login' });
    const error = await failure(adapter.verify(creds));
    expect(error).toMatchObject({ code: 'auth', message: expect.stringMatching(/CAPTCHA.*browser/) });
    expect(server.requests).toHaveLength(1);
  });

  it('on a project, a 401 may also mean the account cannot manage its tokens', async () => {
    server.reply(401, errors('not permitted'));
    const error = await failure(adapter.listTokens(creds, 'u', { kind: 'project', projectKey: 'PRJ' }));
    expect(error).toMatchObject({ code: 'auth', message: expect.stringContaining('the project "PRJ"') });
  });

  it('maps 403 to forbidden with the host\'s words, 404 to the missing user', async () => {
    server.reply(403, errors('Only admins may do that.'));
    expect(await failure(adapter.listTokens(creds, 'u', USER))).toMatchObject({ code: 'forbidden', message: expect.stringContaining('Only admins may do that.') });
    server.reply(404, errors('User ghost does not exist.'));
    expect(await failure(adapter.listTokens(creds, 'ghost', USER))).toMatchObject({ code: 'not-found', message: expect.stringContaining('the user "ghost"') });
  });

  it('retries a list on 5xx, then says the host had a problem', async () => {
    server.reply(500).reply(502).reply(503);
    expect(await failure(adapter.listTokens(creds, 'u', USER))).toMatchObject({ code: 'host-error', message: expect.stringContaining('HTTP 503') });
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a create answered 503', async () => {
    server.reply(200, page([])).reply(503).reply(200, { ...wireToken('1', 'n'), token: 't' });
    expect((await failure(adapter.createToken(creds, 'u', { name: 'n', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, owner: USER }))).code).toBe('host-error');
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
  });

  it('treats a 404 on a repeated DELETE as done: the first try removed it', async () => {
    server.reply(502).reply(404, errors('No such token'));
    await adapter.revokeToken(creds, 'u', USER, '012345678901');
    server.reply(404, errors('No such token'));
    expect((await failure(adapter.revokeToken(creds, 'u', USER, '012345678901'))).code).toBe('not-found');
  });
});

describe('a create whose answer never came', () => {
  const spec = { name: 'laptop', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, owner: USER };

  beforeEach(async () => {
    await http.close();
    connect(1000);
  });

  it('says it is safe to try again when listing shows no new token of that name', async () => {
    server.reply(200, page([wireToken('111111111111', 'laptop')])).hang().reply(200, page([wireToken('111111111111', 'laptop')]));
    const error = await failure(adapter.createToken(creds, 'u', spec));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('The token "laptop" was not created; it is safe to try again.');
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'PUT', 'GET']);
  });

  it('tells a new token of the same name from an old one after a dropped connection', async () => {
    server
      .reply(200, page([wireToken('111111111111', 'laptop')]))
      .drop()
      .reply(200, page([wireToken('011111111112', 'laptop'), wireToken('111111111111', 'laptop')]));
    const error = await failure(adapter.createToken(creds, 'u', spec));
    expect(error).toMatchObject({ code: 'conflict', token: { id: '011111111112', name: 'laptop' } });
    expect(error.message).toMatch(/was created, but its secret was lost in transit.*Revoke it and create another/);
  });

  it('says when it could not check either', async () => {
    server.reply(200, page([])).hang().reply(401, errors('no'));
    const error = await failure(adapter.createToken(creds, 'u', spec));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('could not check whether the token "laptop" was created');
  });
});
