// The Bitbucket Cloud adapter's one request (GET /2.0/user with the Atlassian email and an API token)
// and its reading of every answer, over a real socket to a scripted server: exact request shape,
// each refusal as a sentence a person can act on, retries only where harmless, and the secret never
// in a message.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LatchError } from '../../../../shared/result';
import { createHttpClient, type HttpClient } from '../../../../electron/core/http';
import { cloudApiBase, createAdapter, type HostAdapter } from '../../../../electron/core/hosts';
import { closedPort, ScriptedServer } from '../../../hosts/scripted-server';
import { caught } from '../../caught';

const TOKEN = 'ATATT3xFfGF0sEcReT-with:colon=0A1B2C3D';
const creds = { username: 'jöhn.dœ@exämple.com', password: TOKEN };
const cloudError = (message: string, detail?: unknown) => ({ type: 'error', error: { message, ...(detail === undefined ? {} : { detail }) } });
const user = { type: 'user', uuid: '{0b5a2c6e-1111-2222-3333-444455556666}', username: 'john-doe', display_name: 'John Dœ', nickname: 'johnny', account_id: '557058:abc' };

let server: ScriptedServer;
let http: HttpClient;
let adapter: HostAdapter;
let base: string;
let sleeps: number[];

beforeEach(async () => {
  server = new ScriptedServer();
  base = await server.start();
  sleeps = [];
  http = createHttpClient({ sleep: async (ms) => void sleeps.push(ms) });
  adapter = createAdapter('bitbucket-cloud', base, http);
});

afterEach(async () => {
  await http.close();
  await server.stop();
});

async function failure(pending: Promise<unknown>): Promise<LatchError> {
  const outcome = await caught(pending);
  // Whatever went wrong, the token is never part of the sentence.
  expect(outcome.message).not.toContain(TOKEN);
  expect(outcome.message).not.toContain('ATATT');
  return outcome;
}

describe('where the API is', () => {
  it('sends bitbucket.org accounts to api.bitbucket.org/2.0, a stand-in on this machine to its /2.0, and refuses others', () => {
    expect(cloudApiBase('https://bitbucket.org')).toBe('https://api.bitbucket.org/2.0');
    expect(cloudApiBase(' https://Bitbucket.org/ ')).toBe('https://api.bitbucket.org/2.0');
    expect(cloudApiBase('http://127.0.0.1:4321/')).toBe('http://127.0.0.1:4321/2.0');
    expect(cloudApiBase('http://localhost:80')).toBe('http://localhost/2.0');
    expect(() => cloudApiBase('https://bitbucket.example.com')).toThrow(
      expect.objectContaining({ code: 'validation', message: 'Bitbucket Cloud is at https://bitbucket.org; use that address for a Bitbucket Cloud account.' }),
    );
    expect(() => cloudApiBase('https://api.bitbucket.org/2.0')).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(() => cloudApiBase('http://bitbucket.org')).toThrow(expect.objectContaining({ code: 'insecure-url' }));
  });
});

describe('checking a token', () => {
  it('asks GET /2.0/user with Basic auth of the UTF-8 email and the token, and answers the Bitbucket username', async () => {
    server.reply(200, user);
    expect(await adapter.verify(creds)).toEqual({ userSlug: 'john-doe', displayName: 'John Dœ' });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'GET', url: '/2.0/user', body: '' });
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`${creds.username}:${TOKEN}`, 'utf8').toString('base64')}`);
    expect(request!.headers.accept).toBe('application/json');
  });

  it('names the person by nickname, then username, when the display name is empty', async () => {
    server.reply(200, { ...user, display_name: '' });
    expect((await adapter.verify(creds)).displayName).toBe('johnny');
    server.reply(200, { ...user, display_name: null, nickname: null });
    expect((await adapter.verify(creds)).displayName).toBe('john-doe');
  });

  it.each([
    ['a user without a username', { ...user, username: undefined }],
    ['an HTML page from a proxy', undefined],
  ])('calls %s a host error', async (_label, body) => {
    if (body === undefined) server.fallback = (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Log in</html>');
    else server.reply(200, body);
    const error = await failure(adapter.verify(creds));
    expect(error).toMatchObject({ code: 'host-error', message: "Bitbucket Cloud's answer to the token check did not say whose token it is. Check the server address." });
  });
});

describe('refusals', () => {
  it('says a 401 means the email and token do not go together, and never asks twice', async () => {
    server.reply(401, cloudError('Unauthorized'), { 'www-authenticate': 'Basic realm="Bitbucket.org HTTP"' });
    const error = await failure(adapter.verify(creds));
    expect(error.code).toBe('auth');
    expect(error.message).toBe(
      `Bitbucket Cloud refused this API token for ${creds.username}. Check that ${creds.username} is your Atlassian account email, ` +
        'and that the token is an API token with scopes for Bitbucket that has not expired or been revoked.',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('says a 403 means the token lacks read:user:bitbucket', async () => {
    server.reply(403, cloudError('Your credentials lack one or more required privilege scopes.', { granted: ['read:repository:bitbucket'], required: ['read:user:bitbucket'] }));
    const error = await failure(adapter.verify(creds));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe(
      'This API token lacks the scope read:user:bitbucket, which Latch needs to check whose token it is. Create one that includes it at id.atlassian.com.',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('waits out a 429 and a 503 before succeeding', async () => {
    server.reply(429, cloudError('Rate limit for this resource has been exceeded'), { 'retry-after': '2' });
    server.reply(503, cloudError('Something went wrong'));
    server.reply(200, user);
    expect((await adapter.verify(creds)).userSlug).toBe('john-doe');
    expect(server.requests).toHaveLength(3);
    expect(sleeps[0]).toBe(2000);
  });

  it('says how long to wait when the limit outlasts the retries', async () => {
    server.fallback = (res) => res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '90' }).end(JSON.stringify(cloudError('Rate limited')));
    const error = await failure(adapter.verify(creds));
    expect(error).toMatchObject({ code: 'rate-limited', message: 'Bitbucket Cloud is limiting how often it can be asked right now. Try again in 90 seconds.' });
  });

  it('calls a lasting 5xx a problem on Bitbucket\'s side, after the retries', async () => {
    server.fallback = (res) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify(cloudError('Something went wrong')));
    const error = await failure(adapter.verify(creds));
    expect(error).toMatchObject({ code: 'host-error', message: 'Bitbucket Cloud had a problem of its own (HTTP 500). Try again later.' });
    expect(server.requests).toHaveLength(3);
  });

  it('passes on what Bitbucket said for an answer it did not expect', async () => {
    server.reply(404, cloudError('Resource not found'));
    const error = await failure(adapter.verify(creds));
    expect(error).toMatchObject({ code: 'host-error', message: 'Bitbucket Cloud answered in a way Latch did not expect (HTTP 404). Bitbucket says: Resource not found' });
  });

  it('reports a server that is not there as the client does', async () => {
    const port = await closedPort();
    const offline = createAdapter('bitbucket-cloud', `http://127.0.0.1:${port}`, http);
    const error = await failure(offline.verify(creds));
    expect(error.code).toBe('network');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });
});

describe('what Bitbucket Cloud has no API for', () => {
  it.each([
    ['list', () => adapter.listTokens(creds, 'john-doe', { kind: 'user' })],
    ['create', () => adapter.createToken(creds, 'john-doe', { name: 'n', scopes: [], expiryDays: 30, owner: { kind: 'user' } })],
    ['revoke', () => adapter.revokeToken(creds, 'john-doe', { kind: 'user' }, 'pasted-0123456789ab')],
  ])('refuses to %s tokens, pointing to id.atlassian.com, without a request', async (what, call) => {
    const error = await failure(call());
    expect(error).toMatchObject({
      code: 'unsupported',
      message: `Bitbucket Cloud has no API to ${what} API tokens: do that at id.atlassian.com (Account settings, Security, API tokens).`,
    });
    expect(server.requests).toHaveLength(0);
  });
});
