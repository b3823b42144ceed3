// The Gitea/Forgejo simulator's own promises, which the adapter, CLI and git tests lean on, over a
// real socket for both personalities: how each tells itself apart, who may manage tokens and with
// which words a refusal comes, the one-time code headers, paging, the error bodies, how a delete
// reads its path, and the version-bound routes.
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGiteaSimulator, type Flavor, type GiteaSimulator, type GiteaSimulatorOptions } from './gitea';

const START = Date.parse('2026-11-27T10:00:00Z');
let now = START;
const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
const ALICE = basic('alice', 'alice-pw');
const CAROL = basic('carol', 'carol-pw');

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- each test reads the fields it asserts
}

async function call(sim: GiteaSimulator, method: string, path: string, auth: string | null = ALICE, json?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await request(`${sim.apiBase}${path}`, {
    method: method as 'GET',
    headers: { ...(auth ? { authorization: auth } : {}), ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: json === undefined ? undefined : typeof json === 'string' ? json : JSON.stringify(json),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

async function start(options: GiteaSimulatorOptions): Promise<GiteaSimulator> {
  const sim = await startGiteaSimulator({ now: () => now, ...options });
  sim.addUser({ username: 'alice', password: 'alice-pw' });
  sim.addUser({ username: 'bob', password: 'bob-pw' });
  sim.addUser({ username: 'carol', password: 'carol-pw', totp: true });
  sim.addUser({ username: 'dave', password: 'dave-pw', webauthn: true });
  return sim;
}

const MESSAGES: Record<Flavor, { basicOnly: string; scope: (required: string, granted: string) => string; badOtp: string; reusedOtp: string; webauthn: string }> = {
  gitea: {
    basicOnly: 'auth required',
    scope: (required, granted) => `token does not have at least one of required scope(s), required=[${required}], token scope=${granted}`,
    badOtp: 'invalid username, password or token',
    reusedOtp: 'invalid username, password or token',
    webauthn: 'basic authorization is not allowed while WebAuthn enrolled',
  },
  forgejo: {
    basicOnly: 'auth method not allowed',
    scope: (required) => `token does not have at least one of required scope(s): [${required}]`,
    badOtp: 'invalid provided OTP',
    reusedOtp: 'cannot reuse a TOTP code',
    webauthn: 'Basic authorization is not allowed while having security keys enrolled',
  },
};
const OTP_HEADER: Record<Flavor, string> = { gitea: 'x-gitea-otp', forgejo: 'x-forgejo-otp' };

describe.each(['gitea', 'forgejo'] as const)('the %s personality', (flavor) => {
  let sim: GiteaSimulator;
  const words = MESSAGES[flavor];
  beforeAll(async () => {
    sim = await start({ flavor, maxResponseItems: 20, defaultPagingNum: 15 });
  });
  afterAll(() => sim.stop());
  beforeEach(() => {
    now += 60_000; // a fresh one-time code for every test
  });

  it('tells its flavour by the version string, and reports its paging settings', async () => {
    const { body } = await call(sim, 'GET', '/version', null);
    expect(body).toEqual({ version: flavor === 'gitea' ? '1.27.1' : '16.0.1+gitea-1.22.0' });
    expect(/\+gitea-/.test(body.version)).toBe(flavor === 'forgejo');
    const settings = await call(sim, 'GET', '/settings/api', null);
    expect(settings.body).toMatchObject({ max_response_items: 20, default_paging_num: 15 });
  });

  it('creates a token with Basic and the password: 201, the secret once in sha1, scopes normalised', async () => {
    const created = await call(sim, 'POST', '/users/alice/tokens', ALICE, { name: 'laptop', scopes: ['read:repository', 'write:repository', 'read:user', 'read:user'] });
    expect(created.status).toBe(201);
    expect(created.body.sha1).toMatch(/^[0-9a-f]{40}$/);
    expect(created.body).toMatchObject({ name: 'laptop', token_last_eight: created.body.sha1.slice(-8), scopes: ['write:repository', 'read:user'] });
    // The secret works, and is never shown again.
    expect((await call(sim, 'GET', '/user', `token ${created.body.sha1}`)).body).toMatchObject({ login: 'alice' });
    const listed = await call(sim, 'GET', '/users/alice/tokens', ALICE);
    const again = listed.body.find((token: { id: number }) => token.id === created.body.id);
    expect(again).toMatchObject({ sha1: '', token_last_eight: created.body.sha1.slice(-8) });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.sha1);
    const everything = ['activitypub', 'admin', 'misc', 'notification', 'organization', 'package', 'issue', 'repository', 'user'].map((c) => `write:${c}`);
    expect((await call(sim, 'POST', '/users/alice/tokens', ALICE, { name: 'everything', scopes: everything })).body.scopes).toEqual(['all']);
  });

  it('refuses a token, even one with write:user, for token management, with its own words', async () => {
    const manager = sim.issueToken('alice', 'manager', ['write:user']).secret;
    for (const auth of [`token ${manager}`, `Bearer ${manager}`, basic('alice', manager)]) {
      const created = await call(sim, 'POST', '/users/alice/tokens', auth, { name: 'by token', scopes: ['read:user'] });
      expect(created).toMatchObject({ status: 401, body: { message: words.basicOnly } });
      expect((await call(sim, 'DELETE', '/users/alice/tokens/1', auth)).body).toEqual({ message: words.basicOnly, url: `${sim.baseUrl}/api/swagger` });
    }
    // Listing: Gitea guards it too; Forgejo lets a read:user token list.
    const listed = await call(sim, 'GET', '/users/alice/tokens', `token ${manager}`);
    expect(listed.status).toBe(flavor === 'gitea' ? 401 : 200);
    expect(sim.tokens('alice').some((token) => token.name === 'by token')).toBe(false);
  });

  it('answers 403 naming the scope when a token lacks the user scope, before anything else', async () => {
    const repoOnly = sim.issueToken('alice', 'repo only', ['read:repository']).secret;
    expect(await call(sim, 'GET', '/users/alice/tokens', `token ${repoOnly}`)).toMatchObject({ status: 403, body: { message: words.scope('read:user', 'read:repository') } });
    expect(await call(sim, 'POST', '/users/alice/tokens', `token ${repoOnly}`, {})).toMatchObject({ status: 403, body: { message: words.scope('write:user', 'read:repository') } });
    expect(await call(sim, 'GET', '/user', `token ${repoOnly}`)).toMatchObject({ status: 403 });
  });

  it("answers 403 for someone else's tokens and for no credentials, 404 for an unknown user", async () => {
    const doer = { message: 'doer should be the site admin or be same as the contextUser' };
    expect(await call(sim, 'GET', '/users/bob/tokens', ALICE)).toMatchObject({ status: 403, body: doer });
    expect(await call(sim, 'GET', '/users/alice/tokens', null)).toMatchObject({ status: 403, body: doer });
    expect(await call(sim, 'GET', '/users/nobody/tokens', ALICE)).toMatchObject({
      status: 404,
      body: { errors: ['user redirect does not exist [name: nobody]'], message: 'GetUserByName' },
    });
    expect(await call(sim, 'GET', '/user', null)).toMatchObject({ status: 401, body: { message: 'token is required' } });
  });

  it('refuses wrong credentials on every route, the public ones too', async () => {
    const wrong = await call(sim, 'GET', '/version', basic('alice', 'not it'));
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toBe(flavor === 'gitea' ? 'invalid username, password or token' : "user's password is invalid [uid: 1, name: alice]");
    const unknown = await call(sim, 'GET', '/user', basic('zed', 'pw'));
    expect(unknown.body.message).toBe(flavor === 'gitea' ? 'invalid username, password or token' : 'user does not exist [uid: 0, name: zed]');
  });

  it(`needs the one-time code in ${OTP_HEADER[flavor]} for a two-factor account`, async () => {
    expect(await call(sim, 'GET', '/users/carol/tokens', CAROL)).toMatchObject({ status: 401, body: { message: words.badOtp } });
    expect(await call(sim, 'GET', '/users/carol/tokens', CAROL, undefined, { [OTP_HEADER[flavor]]: '000000' })).toMatchObject({ status: 401 });
    const listed = await call(sim, 'GET', '/users/carol/tokens', CAROL, undefined, { [OTP_HEADER[flavor]]: sim.currentOtp('carol') });
    expect(listed.status).toBe(200);
  });

  it('refuses a one-time code it has taken once, and takes the next one', async () => {
    const code = sim.currentOtp('carol');
    const header = { [OTP_HEADER[flavor]]: code };
    expect((await call(sim, 'GET', '/users/carol/tokens', CAROL, undefined, header)).status).toBe(200);
    // A list then a create with the same code: the create is refused.
    const reused = await call(sim, 'POST', '/users/carol/tokens', CAROL, { name: 'again', scopes: ['read:user'] }, header);
    expect(reused).toMatchObject({ status: 401, body: { message: words.reusedOtp } });
    now += 30_000;
    const fresh = await call(sim, 'POST', '/users/carol/tokens', CAROL, { name: 'again', scopes: ['read:user'] }, { [OTP_HEADER[flavor]]: sim.currentOtp('carol') });
    expect(fresh.status).toBe(201);
  });

  it('refuses Basic with the password outright while a security key is enrolled', async () => {
    for (const path of ['/users/dave/tokens', '/user', '/version']) {
      expect(await call(sim, 'GET', path, basic('dave', 'dave-pw'))).toMatchObject({ status: 401, body: { message: words.webauthn } });
    }
  });

  it('pages from 1 with X-Total-Count and no Link, newest first, the page size capped at max_response_items', async () => {
    for (let i = 1; i <= 45; i += 1) {
      now += 1000;
      sim.issueToken('bob', `bob ${i}`, ['read:repository']);
    }
    const BOB = basic('bob', 'bob-pw');
    const capped = await call(sim, 'GET', '/users/bob/tokens?limit=100', BOB);
    expect(capped.body).toHaveLength(20);
    expect(capped.headers['x-total-count']).toBe('45');
    expect(capped.headers.link).toBeUndefined();
    expect(capped.body[0].name).toBe('bob 45');
    expect((await call(sim, 'GET', '/users/bob/tokens', BOB)).body).toHaveLength(15);
    const last = await call(sim, 'GET', '/users/bob/tokens?page=3&limit=20', BOB);
    expect(last.body.map((token: { name: string }) => token.name)).toEqual(['bob 5', 'bob 4', 'bob 3', 'bob 2', 'bob 1']);
    expect((await call(sim, 'GET', '/users/bob/tokens?page=4&limit=20', BOB)).body).toEqual([]);
    // page=0 and nonsense read as page 1.
    expect((await call(sim, 'GET', '/users/bob/tokens?page=0&limit=abc', BOB)).body[0].name).toBe('bob 45');
  });

  it('refuses a used name, an unknown scope and no scope with 400, no name with 422', async () => {
    sim.issueToken('alice', 'taken', ['read:user']);
    const cases: Array<[unknown, number, string]> = [
      [{ name: 'taken', scopes: ['read:user'] }, 400, 'access token name has been used already'],
      [{ name: 'n', scopes: ['read:user', 'repo'] }, 400, 'invalid access token scope provided: invalid access token scope: repo'],
      [{ name: 'n', scopes: [] }, 400, 'access token must have a scope'],
      [{ name: 'n' }, 400, 'access token must have a scope'],
      [{ scopes: ['read:user'] }, 422, '[Name]: Required'],
      [{ name: '', scopes: ['read:user'] }, 422, '[Name]: Required'],
      [{ name: 'n', scopes: 'read:user' }, 422, '[]: json: cannot unmarshal string into Go struct field CreateAccessTokenOption.scopes of type []string'],
    ];
    for (const [body, status, message] of cases) {
      expect(await call(sim, 'POST', '/users/alice/tokens', ALICE, body), JSON.stringify(body)).toEqual({
        status,
        headers: expect.anything(),
        body: { message, url: `${sim.baseUrl}/api/swagger` },
      });
    }
  });

  it('reads the delete path as a number in any base Go knows before trying it as a name', async () => {
    // A server of its own, so that ids 1 to 40 are alice's tokens.
    const own = await start({ flavor });
    for (let i = 1; i <= 40; i += 1) own.issueToken('alice', `filler ${i}`, ['read:user']);
    const hex = own.issueToken('alice', '0x1f', ['read:user']);
    const numeric = own.issueToken('alice', '123', ['read:user']);
    const owned = (id: number) => own.tokens('alice').some((token) => token.id === id);
    expect([31, 15, 10].every(owned)).toBe(true);

    // "0x1f" is token 31, not the token named "0x1f"; "017" is octal 15; "1_0" is 10.
    expect((await call(own, 'DELETE', '/users/alice/tokens/0x1f')).status).toBe(204);
    expect(owned(31)).toBe(false);
    expect(owned(hex.id)).toBe(true);
    expect((await call(own, 'DELETE', '/users/alice/tokens/017')).status).toBe(204);
    expect(owned(15)).toBe(false);
    expect((await call(own, 'DELETE', '/users/alice/tokens/1_0')).status).toBe(204);
    expect(owned(10)).toBe(false);
    // A token named "123" cannot be deleted by its name: 123 is read as an id no one has.
    expect(await call(own, 'DELETE', '/users/alice/tokens/123')).toMatchObject({ status: 404, body: { errors: null, message: "The target couldn't be found." } });
    expect(owned(numeric.id)).toBe(true);
    // Only by its id, which is what a client must always send.
    expect((await call(own, 'DELETE', `/users/alice/tokens/${numeric.id}`)).status).toBe(204);
    // A name that is no number works when it is unique; two of one name are 422.
    own.issueToken('alice', 'twin', ['read:user']);
    own.issueToken('alice', 'twin', ['read:user']);
    expect(await call(own, 'DELETE', '/users/alice/tokens/twin')).toMatchObject({ status: 422, body: { message: "multiple matches for token name 'twin'" } });
    expect((await call(own, 'DELETE', `/users/alice/tokens/${encodeURIComponent('filler 3')}`)).status).toBe(204);
    // Someone else's id is not found, and stays.
    const bobs = own.issueToken('bob', 'bob only', ['read:user']);
    expect((await call(own, 'DELETE', `/users/alice/tokens/${bobs.id}`)).status).toBe(404);
    expect(own.tokens('bob').some((token) => token.id === bobs.id)).toBe(true);
    await own.stop();
  });

  it('keeps secrets, passwords and one-time codes out of its request log, and records how each request authenticated', async () => {
    sim.requests.length = 0;
    const secret = sim.issueToken('alice', 'logged', ['read:user']).secret;
    const code = sim.currentOtp('carol');
    await call(sim, 'GET', '/user', `token ${secret}`);
    await call(sim, 'GET', `/user?token=${secret}`, null);
    await call(sim, 'GET', '/users/carol/tokens', CAROL, undefined, { [OTP_HEADER[flavor]]: code });
    await call(sim, 'GET', '/user', basic('alice', 'wrong'));
    const log = JSON.stringify(sim.requests);
    for (const hidden of [secret, code, 'alice-pw', 'carol-pw', 'Basic', 'token ']) expect(log).not.toContain(hidden);
    expect(sim.requests.map((r) => [r.auth, r.otp, r.status])).toEqual([
      ['token', false, 200],
      ['none', false, 401],
      ['password', true, 200],
      ['refused', false, 401],
    ]);
  });
});

describe("Gitea 1.27's /token: a token describes and deletes itself, whatever its scopes", () => {
  let sim: GiteaSimulator;
  beforeAll(async () => {
    sim = await start({ flavor: 'gitea' });
  });
  afterAll(() => sim.stop());

  it('describes the calling token by the token or Bearer header, and not by Basic', async () => {
    now += 60_000;
    const { id, secret } = sim.issueToken('alice', 'leaked', ['read:repository']);
    const described = await call(sim, 'GET', '/token', `token ${secret}`);
    expect(described).toMatchObject({ status: 200, body: { id, name: 'leaked', scopes: ['read:repository'], user: { id: 1, login: 'alice' } } });
    expect(described.body.last_used_at).toBe(new Date(now).toISOString().replace('.000Z', 'Z'));
    expect((await call(sim, 'GET', '/token', `Bearer ${secret}`)).status).toBe(200);
    expect(await call(sim, 'GET', '/token', basic('alice', secret))).toMatchObject({ status: 404, body: { message: 'invalid personal token' } });
    expect(await call(sim, 'GET', '/token', ALICE)).toMatchObject({ status: 404, body: { message: 'invalid personal token' } });
    expect(await call(sim, 'GET', '/token', null)).toMatchObject({ status: 401, body: { message: 'token is required' } });
  });

  it('deletes the calling token with nothing but the token itself', async () => {
    const { id, secret } = sim.issueToken('alice', 'revoke me', ['read:repository']);
    expect((await call(sim, 'DELETE', '/token', `token ${secret}`)).status).toBe(204);
    expect(sim.tokens('alice').some((token) => token.id === id)).toBe(false);
    expect(await call(sim, 'GET', '/token', `token ${secret}`)).toMatchObject({ status: 401, body: { message: 'invalid username, password or token' } });
  });

  it('is not there before 1.27, nor on Forgejo', async () => {
    for (const options of [{ flavor: 'gitea', version: '1.26.2' }, { flavor: 'forgejo' }] as const) {
      const older = await start(options);
      const { secret } = older.issueToken('alice', 'leaked', ['read:repository']);
      const answers = [await call(older, 'GET', '/token', `token ${secret}`), await call(older, 'DELETE', '/token', `token ${secret}`)];
      for (const answer of answers) expect(answer).toMatchObject({ status: 404, body: { errors: null, message: "The target couldn't be found." } });
      expect(older.tokens('alice')).toHaveLength(1);
      await older.stop();
    }
  });
});

describe('repository-specific tokens', () => {
  it('Forgejo ≥ 15 limits a token to the repositories named, with repository and issue scopes only', async () => {
    const sim = await start({ flavor: 'forgejo' });
    const { id: repoId } = sim.addRepo('alice', 'app');
    const created = await call(sim, 'POST', '/users/alice/tokens', ALICE, { name: 'deploy', scopes: ['write:repository'], repositories: [{ owner: 'alice', name: 'app' }] });
    expect(created).toMatchObject({ status: 201, body: { repositories: [{ id: repoId, name: 'app', owner: 'alice', full_name: 'alice/app' }] } });
    const unlimited = await call(sim, 'POST', '/users/alice/tokens', ALICE, { name: 'all repos', scopes: ['read:repository'] });
    expect(unlimited.body.repositories).toBeNull();
    expect((await call(sim, 'POST', '/users/alice/tokens', ALICE, { name: 'wide', scopes: ['read:user'], repositories: [{ owner: 'alice', name: 'app' }] })).status).toBe(400);
    expect((await call(sim, 'POST', '/users/alice/tokens', ALICE, { name: 'ghost', scopes: ['read:repository'], repositories: [{ owner: 'alice', name: 'nope' }] })).status).toBe(400);
    await sim.stop();
  });

  it('Gitea and Forgejo before 15 ignore the field and make a token for every repository', async () => {
    for (const options of [{ flavor: 'gitea' }, { flavor: 'forgejo', version: '11.0.3' }] as const) {
      const sim = await start(options);
      sim.addRepo('alice', 'app');
      const created = await call(sim, 'POST', '/users/alice/tokens', ALICE, { name: 'deploy', scopes: ['read:repository'], repositories: [{ owner: 'alice', name: 'app' }] });
      expect(created.status).toBe(201);
      expect(created.body).not.toHaveProperty('repositories');
      expect(sim.tokens('alice')[0]!.repositories).toBeNull();
      await sim.stop();
    }
  });
});

describe('answering like older servers', () => {
  it('lists tokens without created_at and last_used_at when asked to', async () => {
    const sim = await start({ flavor: 'gitea', legacyTokenFields: true });
    sim.issueToken('alice', 'old', ['read:user']);
    const [token] = (await call(sim, 'GET', '/users/alice/tokens')).body;
    expect(Object.keys(token).sort()).toEqual(['id', 'name', 'scopes', 'sha1', 'token_last_eight']);
    await sim.stop();
  });

  it('answers a create with scopes: null and takes no scopes, as Gitea before 1.22.3', async () => {
    const sim = await start({ flavor: 'gitea', version: '1.22.2', legacyCreate: true });
    const created = await call(sim, 'POST', '/users/alice/tokens', ALICE, { name: 'scoped', scopes: ['read:user'] });
    expect(created).toMatchObject({ status: 201, body: { scopes: null } });
    expect((await call(sim, 'POST', '/users/alice/tokens', ALICE, { name: 'bare' })).status).toBe(201);
    // The list tells the truth the create answer left out.
    const listed = (await call(sim, 'GET', '/users/alice/tokens')).body as Array<{ name: string; scopes: string[] | null }>;
    expect(listed.find((token) => token.name === 'scoped')!.scopes).toEqual(['read:user']);
    expect(listed.find((token) => token.name === 'bare')!.scopes).toBeNull();
    await sim.stop();
  });

  it('takes the same one-time code twice when the server predates the replay check', async () => {
    const sim = await start({ flavor: 'forgejo', acceptsOtpReuse: true });
    const header = { 'x-forgejo-otp': sim.currentOtp('carol') };
    expect((await call(sim, 'GET', '/users/carol/tokens', CAROL, undefined, header)).status).toBe(200);
    expect((await call(sim, 'GET', '/users/carol/tokens', CAROL, undefined, header)).status).toBe(200);
    await sim.stop();
  });
});

describe('one-time code headers', () => {
  it('Gitea reads only X-Gitea-OTP', async () => {
    const sim = await start({ flavor: 'gitea' });
    now += 60_000;
    expect((await call(sim, 'GET', '/user', CAROL, undefined, { 'x-forgejo-otp': sim.currentOtp('carol') })).status).toBe(401);
    expect((await call(sim, 'GET', '/user', CAROL, undefined, { 'x-gitea-otp': sim.currentOtp('carol') })).status).toBe(200);
    await sim.stop();
  });

  it('Forgejo prefers X-Forgejo-OTP and falls back to X-Gitea-OTP', async () => {
    const sim = await start({ flavor: 'forgejo' });
    now += 60_000;
    expect((await call(sim, 'GET', '/user', CAROL, undefined, { 'x-gitea-otp': '000000', 'x-forgejo-otp': sim.currentOtp('carol') })).status).toBe(200);
    now += 30_000;
    expect((await call(sim, 'GET', '/user', CAROL, undefined, { 'x-gitea-otp': sim.currentOtp('carol') })).status).toBe(200);
    await sim.stop();
  });
});
