// The Gitea/Forgejo adapter against the simulator over real sockets, for both personalities: which
// server it is, signing in with and without a one-time code, every page of a capped list, create,
// list and delete by decimal id, the refusals each with its own sentence, older servers, a token
// describing and deleting itself on Gitea 1.27, and answers lost after the server acted.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TokenOwner } from '../../../../shared/domain';
import type { LatchError } from '../../../../shared/result';
import { createHttpClient, type HttpClient } from '../../../../electron/core/http';
import { createAdapter, GiteaAdapter, SecretLostError } from '../../../../electron/core/hosts';
import { startGiteaSimulator, type Flavor, type GiteaSimulator, type GiteaSimulatorOptions } from '../../../hosts/gitea';
import { LossyProxy } from '../../../hosts/lossy-proxy';
import { caught } from '../../caught';

const USER: TokenOwner = { kind: 'user' };
const ALICE = { username: 'alice', password: 'alice-pw' };
const CAROL = { username: 'carol', password: 'carol-pw' };
const DAVE = { username: 'dave', password: 'dave-pw' };
const spec = (name: string, scopes = ['write:repository', 'read:user']) => ({ name, scopes, expiryDays: null, owner: USER });

let now = Date.parse('2026-11-27T10:00:00Z');
const clients: HttpClient[] = [];
const sims: GiteaSimulator[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all(sims.map((sim) => sim.stop()));
});

async function simulator(options: GiteaSimulatorOptions): Promise<GiteaSimulator> {
  const sim = await startGiteaSimulator({ now: () => now, maxResponseItems: 20, defaultPagingNum: 15, ...options });
  sim.addUser({ username: 'alice', password: 'alice-pw', fullName: 'Alice Liddell' });
  sim.addUser({ username: 'bob', password: 'bob-pw' });
  sim.addUser({ username: 'carol', password: 'carol-pw', totp: true });
  sim.addUser({ username: 'dave', password: 'dave-pw', webauthn: true });
  sims.push(sim);
  return sim;
}

function adapterAt(baseUrl: string, timeoutMs?: number): GiteaAdapter {
  const http = createHttpClient({ sleep: async () => undefined, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  clients.push(http);
  return createAdapter('gitea', `${baseUrl}/`, http) as GiteaAdapter;
}

/** Whatever went wrong, no password, code or token secret is part of the sentence. */
async function failure(pending: Promise<unknown>, secrets: string[] = []): Promise<LatchError> {
  const error = await caught(pending);
  for (const secret of ['alice-pw', 'carol-pw', 'dave-pw', 'bob-pw', ...secrets]) expect(error.message).not.toContain(secret);
  expect(error.message).not.toMatch(/[0-9a-f]{40}/);
  return error;
}

const WORDS: Record<Flavor, { product: string; label: string }> = {
  gitea: { product: 'Gitea', label: 'Gitea 1.27.1' },
  forgejo: { product: 'Forgejo', label: 'Forgejo 16.0.1' },
};

describe.each(['gitea', 'forgejo'] as const)('on %s', (flavor) => {
  const { product, label } = WORDS[flavor];
  let sim: GiteaSimulator;
  let adapter: GiteaAdapter;
  const code = (username = 'carol') => sim.currentOtp(username);
  const calls = () => sim.requests.filter((request) => request.url !== '/api/v1/version' && request.url !== '/api/v1/settings/api');

  beforeAll(async () => {
    sim = await simulator({ flavor });
  });
  beforeEach(() => {
    now += 60_000; // a fresh one-time code for every test
    adapter = adapterAt(sim.baseUrl);
    sim.requests.length = 0;
  });

  it('tells which server it is, asking without credentials', async () => {
    expect(await adapter.server()).toMatchObject({ flavor, product, label });
    await adapter.server();
    expect(sim.requests).toEqual([expect.objectContaining({ url: '/api/v1/version', auth: 'none' })]);
  });

  describe('signing in', () => {
    it('says who the password belongs to, and checks it can manage tokens', async () => {
      expect(await adapter.verify(ALICE)).toEqual({ userSlug: 'alice', displayName: 'Alice Liddell', server: label });
      expect(calls().map((request) => [request.method, request.url, request.auth])).toEqual([
        ['GET', '/api/v1/user', 'password'],
        ['GET', '/api/v1/users/alice/tokens?page=1&limit=20', 'password'],
      ]);
    });

    it('refuses a wrong password in its own words', async () => {
      const error = await failure(adapter.verify({ username: 'alice', password: 'not it' }), ['not it']);
      if (flavor === 'forgejo') expect(error).toMatchObject({ code: 'auth', message: 'Forgejo refused the username or password.' });
      // Gitea says the same for a wrong password and a missing code: the sentence names both.
      else expect(error).toMatchObject({ code: 'otp-required', message: expect.stringMatching(/username or password is wrong, or the account uses two-factor/) });
    });

    it('refuses an access token given as the password', async () => {
      const token = sim.issueToken('alice', 'manager', ['write:user']).secret;
      const error = await failure(adapter.verify({ username: 'alice', password: token }), [token]);
      expect(error.code).toBe('auth');
      expect(error.message).toMatch(flavor === 'gitea' ? /not for managing tokens: sign in with your account password/ : /accepted an access token of this account, not its password/);
    });

    it('says an account with a security key cannot be managed by any program, and points to the browser', async () => {
      const error = await failure(adapter.verify(DAVE));
      expect(error).toMatchObject({ code: 'unsupported', message: expect.stringContaining(`${product} refuses the password of an account with a security key or passkey`) });
      expect(error.message).toContain(`${sim.baseUrl}/user/settings/applications`);
    });
  });

  describe('two-factor authentication', () => {
    it('asks for a one-time code when none was given', async () => {
      const error = await failure(adapter.verify(CAROL));
      expect(error.code).toBe('otp-required');
      expect(error.message).toMatch(flavor === 'forgejo' ? /^This Forgejo account uses two-factor authentication/ : /needs a one-time code \(Gitea does not say which\)/);
    });

    it(`signs in with one call carrying the code in ${flavor === 'gitea' ? 'X-Gitea-OTP' : 'X-Forgejo-OTP'}`, async () => {
      expect(await adapter.verify({ ...CAROL, otp: code() })).toEqual({ userSlug: 'carol', displayName: 'carol', server: label });
      expect(calls()).toEqual([expect.objectContaining({ method: 'GET', url: '/api/v1/users/carol/tokens?page=1&limit=20', auth: 'password', otp: true })]);
    });

    it('says a wrong code was refused', async () => {
      const error = await failure(adapter.verify({ ...CAROL, otp: '000000' }), ['000000']);
      expect(error.code).toBe('otp-required');
      expect(error.message).toMatch(flavor === 'forgejo' ? /^Forgejo refused the one-time code/ : /refused the password or the one-time code, and does not say which/);
    });

    it('says a code taken once is not taken again, and the next one works', async () => {
      const first = code();
      await adapter.listTokens({ ...CAROL, otp: first }, 'carol', USER);
      const error = await failure(adapter.createToken({ ...CAROL, otp: first }, 'carol', spec('again')), [first]);
      expect(error.code).toBe('otp-required');
      if (flavor === 'forgejo') expect(error.message).toMatch(/had already taken that one-time code, and each code works only once/);
      now += 30_000;
      const { token, secret } = await adapter.createToken({ ...CAROL, otp: code() }, 'carol', spec('again'));
      expect(secret).toMatch(/^[0-9a-f]{40}$/);
      expect(token.name).toBe('again');
    });

    it('creates and deletes with the code on the one call that needs it', async () => {
      const { token } = await adapter.createToken({ ...CAROL, otp: code() }, 'carol', spec('ci'));
      now += 30_000;
      await adapter.revokeToken({ ...CAROL, otp: code() }, 'carol', USER, token.id);
      expect(calls().map((request) => [request.method, request.otp])).toEqual([
        ['POST', true],
        ['DELETE', true],
      ]);
      expect(sim.tokens('carol').some((listed) => listed.id === Number(token.id))).toBe(false);
    });

    it('cannot read a list longer than one answer with one code, and says so', async () => {
      for (let i = 1; i <= 25; i += 1) sim.issueToken('carol', `old ${i}`, ['read:repository']);
      const error = await failure(adapter.listTokens({ ...CAROL, otp: code() }, 'carol', USER));
      expect(error.code).toBe('unsupported');
      expect(error.message).toMatch(/has \d+ tokens, and .* gives at most 20 in one answer/);
      expect(calls()).toHaveLength(1);
    });

    it('refuses a recovery code or anything but six digits before sending it', async () => {
      expect((await failure(adapter.verify({ ...CAROL, otp: 'abcd-efgh' }))).code).toBe('validation');
      expect(sim.requests).toHaveLength(0);
      expect(await adapter.verify({ ...CAROL, otp: ` ${code().slice(0, 3)} ${code().slice(3)} ` })).toMatchObject({ userSlug: 'carol' });
    });
  });

  describe('tokens', () => {
    it('lists every page of a list longer than the capped page size', async () => {
      for (let i = 1; i <= 45; i += 1) {
        now += 1000;
        sim.issueToken('bob', `bob ${i}`, ['read:repository']);
      }
      sim.requests.length = 0;
      const tokens = await adapter.listTokens({ username: 'bob', password: 'bob-pw' }, 'bob', USER);
      expect(tokens).toHaveLength(45);
      expect(new Set(tokens.map((token) => token.id)).size).toBe(45);
      expect(tokens[0]).toMatchObject({ name: 'bob 45', scopes: ['read:repository'], expiresAt: null, owner: USER });
      expect(calls().map((request) => request.url)).toEqual([1, 2, 3].map((page) => `/api/v1/users/bob/tokens?page=${page}&limit=20`));
    });

    it('creates, lists and deletes, by the decimal id', async () => {
      const { token, secret } = await adapter.createToken(ALICE, 'alice', spec('laptop', ['read:repository', 'write:repository', 'read:user']));
      expect(secret).toMatch(/^[0-9a-f]{40}$/);
      expect(token).toMatchObject({ id: expect.stringMatching(/^[1-9]\d*$/), name: 'laptop', scopes: ['write:repository', 'read:user'], expiresAt: null });
      expect(token.createdAt).not.toBeNull();
      const listed = await adapter.listTokens(ALICE, 'alice', USER);
      const again = listed.find((other) => other.id === token.id);
      expect(again).toMatchObject({ name: 'laptop', scopes: ['write:repository', 'read:user'], lastUsedAt: null });
      expect(JSON.stringify(listed)).not.toContain(secret);
      sim.requests.length = 0;
      await adapter.revokeToken(ALICE, 'alice', USER, token.id);
      expect(calls()).toEqual([expect.objectContaining({ method: 'DELETE', url: `/api/v1/users/alice/tokens/${token.id}`, status: 204 })]);
      expect((await adapter.listTokens(ALICE, 'alice', USER)).some((other) => other.id === token.id)).toBe(false);
    });

    it('reports when a token was last used', async () => {
      const { id, secret } = sim.issueToken('alice', 'used', ['read:user']);
      now += 5000;
      await adapterAt(sim.baseUrl).inspectToken(secret);
      const listed = (await adapter.listTokens(ALICE, 'alice', USER)).find((token) => token.id === String(id))!;
      // Forgejo does not report it.
      if (flavor === 'gitea') expect(listed.lastUsedAt).toBe(new Date(now).toISOString());
      else expect(listed.lastUsedAt).toBeNull();
    });

    it('sends no id but a decimal one, so no other token and no name is ever deleted', async () => {
      const named = sim.issueToken('alice', '31', ['read:user']);
      for (const id of ['0x1f', '017', '1_0', '+5', '-1', '0', 'laptop', '99999999999999999999', ' 5']) {
        expect((await failure(adapter.revokeToken(ALICE, 'alice', USER, id))).code).toBe('validation');
      }
      expect(sim.requests).toHaveLength(0);
      expect(sim.tokens('alice').some((token) => token.id === named.id)).toBe(true);
    });

    it('says when the token is gone already', async () => {
      const { id } = sim.issueToken('alice', 'short-lived', ['read:user']);
      sim.deleteInPage(id);
      expect(await failure(adapter.revokeToken(ALICE, 'alice', USER, String(id)))).toMatchObject({
        code: 'not-found',
        message: `${product} has no token with id ${id} for "alice"; it may have been deleted already.`,
      });
    });

    it('refuses a name the server would read as an id, an expiry, and no scope, before sending anything', async () => {
      for (const name of ['123', '0x1f', '-7', '1_000']) expect((await failure(adapter.createToken(ALICE, 'alice', spec(name)))).code).toBe('validation');
      expect((await failure(adapter.createToken(ALICE, 'alice', { ...spec('x'), expiryDays: 30 }))).message).toMatch(/never expire/);
      expect((await failure(adapter.createToken(ALICE, 'alice', spec('x', [])))).code).toBe('validation');
      expect((await failure(adapter.createToken(ALICE, 'alice', { ...spec('x'), owner: { kind: 'project', projectKey: 'P' } }))).code).toBe('unsupported');
      expect(sim.requests).toHaveLength(0);
    });

    it('refuses a used name and an unknown scope in its own words', async () => {
      sim.issueToken('alice', 'taken', ['read:user']);
      expect(await failure(adapter.createToken(ALICE, 'alice', spec('taken')))).toMatchObject({
        code: 'conflict',
        message: `This account already has a token named "taken", and ${product} wants each name once. Choose another name.`,
      });
      const unknown = await failure(adapter.createToken(ALICE, 'alice', spec('new', ['write:everything'])));
      expect(unknown).toMatchObject({ code: 'validation', message: expect.stringContaining(`${product} does not know one of the scopes asked for.`) });
      expect(unknown.message).toContain('write:everything');
    });

    it('refuses to manage the tokens of another user', async () => {
      expect(await failure(adapter.listTokens(ALICE, 'bob', USER))).toMatchObject({ code: 'forbidden', message: expect.stringContaining('the tokens of "bob"') });
      expect(await failure(adapter.listTokens(ALICE, 'nobody', USER))).toMatchObject({ code: 'not-found', message: `${product} has no user "nobody".` });
    });
  });

  describe('a token on its own', () => {
    it('says whose a token is, and on Gitea 1.27 which token it is', async () => {
      const { id, secret } = sim.issueToken('alice', 'laptop', ['read:user', 'write:repository']);
      const inspection = await adapter.inspectToken(secret);
      // The server too: an account added with a token records what it is, as one added with a password does.
      expect(inspection.identity).toEqual({ userSlug: 'alice', displayName: 'Alice Liddell', server: flavor === 'gitea' ? 'Gitea 1.27.1' : 'Forgejo 16.0.1' });
      if (flavor === 'gitea') expect(inspection).toMatchObject({ tokenId: String(id), name: 'laptop', scopes: ['write:repository', 'read:user'], expiresAt: null });
      else expect(inspection).toMatchObject({ tokenId: null, name: null, scopes: null, expiresAt: null });
    });

    it('without read:user, only Gitea 1.27 can still say whose it is', async () => {
      const { secret } = sim.issueToken('alice', 'repo only', ['read:repository']);
      if (flavor === 'gitea') expect((await adapter.inspectToken(secret)).identity.userSlug).toBe('alice');
      else expect((await failure(adapter.inspectToken(secret), [secret])).code).toBe('forbidden');
    });

    it('finds a token by the last eight characters its list shows, without sending the secret', async () => {
      sim.issueToken('alice', 'other', ['read:user']);
      const { id, secret } = sim.issueToken('alice', 'leaked', ['read:repository']);
      sim.requests.length = 0;
      expect(await adapter.findTokenBySecret(ALICE, 'alice', secret)).toMatchObject({ id: String(id), name: 'leaked', scopes: ['read:repository'] });
      // Only the list was asked for, with the password: the token itself never authenticated anything.
      expect(calls().every((request) => request.auth === 'password' && request.url.startsWith('/api/v1/users/alice/tokens?'))).toBe(true);
      expect(sim.tokens('alice').find((token) => token.id === id)?.lastUsedAt).toBeNull();
      sim.deleteInPage(id);
      expect(await adapter.findTokenBySecret(ALICE, 'alice', secret)).toBeNull();
      expect(await adapter.findTokenBySecret(ALICE, 'alice', 'ghp_notoneofthese')).toBeNull();
    });

    it('says a deleted token is unknown', async () => {
      const { id, secret } = sim.issueToken('alice', 'gone', ['read:user']);
      sim.deleteInPage(id);
      expect(await failure(adapter.inspectToken(secret), [secret])).toMatchObject({ code: 'auth', message: expect.stringContaining(`${product} does not know this token`) });
    });

    it(flavor === 'gitea' ? 'deletes itself on Gitea 1.27, and is dead after' : 'cannot delete itself on Forgejo, and nothing is sent', async () => {
      const { id, secret } = sim.issueToken('alice', 'leaked', ['read:repository']);
      sim.requests.length = 0;
      if (flavor === 'gitea') {
        expect(await adapter.revokeBySecret(secret)).toBe('revoked');
        expect(sim.tokens('alice').some((token) => token.id === id)).toBe(false);
        expect(await adapter.revokeBySecret(secret)).toBe('already-dead');
        expect(calls().map((request) => [request.method, request.url])).toEqual([
          ['DELETE', '/api/v1/token'],
          ['DELETE', '/api/v1/token'],
        ]);
      } else {
        const error = await failure(adapter.revokeBySecret(secret), [secret]);
        expect(error).toMatchObject({ code: 'unsupported', message: expect.stringMatching(/^Forgejo 16.0.1 cannot delete a token given only the token/) });
        expect(calls()).toHaveLength(0);
        expect(sim.tokens('alice').some((token) => token.id === id)).toBe(true);
      }
    });
  });

  describe('answers lost after the server acted', () => {
    let proxy: LossyProxy;
    let lossy: GiteaAdapter;
    beforeAll(async () => {
      proxy = await new LossyProxy(sim.baseUrl).start();
    });
    afterAll(() => proxy.stop());
    beforeEach(() => {
      proxy.lose = () => null;
      lossy = adapterAt(proxy.baseUrl, 1500);
    });

    it('a create that timed out: found by name among tokens that were not there before, reported with its id', async () => {
      sim.issueToken('alice', 'older', ['read:user']);
      proxy.lose = (method) => (method === 'POST' ? 'hang' : null);
      const error = await failure(lossy.createToken(ALICE, 'alice', spec('build box')));
      expect(error).toBeInstanceOf(SecretLostError);
      const made = sim.tokens('alice').find((token) => token.name === 'build box')!;
      expect(error).toMatchObject({ code: 'conflict', token: { id: String(made.id), name: 'build box' } });
      expect(error.message).toMatch(/was created, but its secret was lost in transit because .*'s answer never arrived\. Revoke it and create another\./);
    });

    it('a create refused before it was made: safe to try again', async () => {
      proxy.lose = (method) => (method === 'POST' ? 'drop' : null);
      // The name is taken, so the server refused it: nothing new of that name appears.
      sim.issueToken('alice', 'taken twice', ['read:user']);
      const error = await failure(lossy.createToken(ALICE, 'alice', spec('taken twice')));
      expect(error.code).toBe('network');
      expect(error.message).toContain('The token "taken twice" was not created; it is safe to try again.');
    });

    it('with a one-time code, says checking takes another code', async () => {
      proxy.lose = (method) => (method === 'POST' ? 'hang' : null);
      const error = await failure(lossy.createToken({ ...CAROL, otp: code() }, 'carol', spec('phone')));
      expect(error.code).toBe('timeout');
      expect(error.message).toMatch(/could not check whether the token "phone" was created \(that takes another one-time code\)/);
    });

    it('a delete whose answer was lost is done when the retry finds nothing', async () => {
      const { id } = sim.issueToken('alice', 'doomed', ['read:user']);
      let first = true;
      proxy.lose = (method) => (method === 'DELETE' && first ? ((first = false), 'drop') : null);
      await lossy.revokeToken(ALICE, 'alice', USER, String(id));
      expect(sim.tokens('alice').some((token) => token.id === id)).toBe(false);
    });

    it('a delete with a code whose answer was lost asks for the next code', async () => {
      const { id } = sim.issueToken('carol', 'doomed', ['read:user']);
      let first = true;
      proxy.lose = (method) => (method === 'DELETE' && first ? ((first = false), 'drop') : null);
      const error = await failure(lossy.revokeToken({ ...CAROL, otp: code() }, 'carol', USER, String(id)));
      expect(error).toMatchObject({ code: 'otp-required', message: expect.stringMatching(/connection broke .* Give the next code/) });
      expect(sim.tokens('carol').some((token) => token.id === id)).toBe(false);
    });
  });
});

describe('older servers', () => {
  it('reads the scopes of a new token from the list when the create answers scopes: null (Gitea before 1.22.3)', async () => {
    const sim = await simulator({ flavor: 'gitea', version: '1.22.2', legacyCreate: true, legacyTokenFields: true });
    const adapter = adapterAt(sim.baseUrl);
    expect((await adapter.server()).label).toBe('Gitea 1.22.2');
    const { token } = await adapter.createToken(ALICE, 'alice', spec('old', ['write:repository', 'read:repository']));
    expect(token.scopes).toEqual(['write:repository']);
    expect(token.createdAt).not.toBeNull();
    const [listed] = await adapter.listTokens(ALICE, 'alice', USER);
    expect(listed).toMatchObject({ name: 'old', createdAt: null, lastUsedAt: null });
  });

  it('sends a code again for the next page where the server takes it twice (Gitea before 1.27)', async () => {
    const sim = await simulator({ flavor: 'gitea', version: '1.26.1' });
    for (let i = 1; i <= 25; i += 1) sim.issueToken('carol', `t ${i}`, ['read:user']);
    now += 60_000;
    const tokens = await adapterAt(sim.baseUrl).listTokens({ ...CAROL, otp: sim.currentOtp('carol') }, 'carol', USER);
    expect(tokens).toHaveLength(25);
  });

  it('has no self-delete before Gitea 1.27, and says so without sending the token', async () => {
    const sim = await simulator({ flavor: 'gitea', version: '1.26.1' });
    const { secret } = sim.issueToken('alice', 'leaked', ['read:user']);
    sim.requests.length = 0;
    const error = await failure(adapterAt(sim.baseUrl).revokeBySecret(secret), [secret]);
    expect(error).toMatchObject({ code: 'unsupported', message: expect.stringMatching(/^Gitea 1.26.1 cannot delete a token given only the token/) });
    expect(sim.requests.map((request) => request.url)).toEqual(['/api/v1/version']);
  });

  it('Forgejo 11 (no created_at, no repository tokens) lists and creates as well', async () => {
    const sim = await simulator({ flavor: 'forgejo', version: '11.0.3', legacyTokenFields: true });
    const adapter = adapterAt(sim.baseUrl);
    expect(await adapter.server()).toMatchObject({ flavor: 'forgejo', version: '11.0.3', label: 'Forgejo 11.0.3' });
    const { token } = await adapter.createToken(ALICE, 'alice', spec('eleven'));
    expect((await adapter.listTokens(ALICE, 'alice', USER)).map((listed) => listed.id)).toEqual([token.id]);
  });
});
