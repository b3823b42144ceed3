// The GitHub adapter over the GitHub simulator on real sockets, as github.com and as an Enterprise
// Server: what a pasted token is (owner, scopes, expiry in both header forms), revocation by the secret
// alone (sent without credentials, accepted then watched until GitHub refuses the token, within a
// budget), the Enterprise Server's variations (credentials asked for, no endpoint), refusals and rate
// limits as sentences, and nothing sent for a secret that cannot be a token. No sentence holds a secret.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient, type HttpRequest, type HttpResponse } from '../../../../electron/core/http';
import { createAdapter } from '../../../../electron/core/hosts';
import { GitHubAdapter, githubApiBase, newTokenPageUrl, type GitHubAdapterOptions } from '../../../../electron/core/hosts/github/adapter';
import type { LatchError } from '../../../../shared/result';
import { startGitHubSimulator, type GitHubSimulator, type GitHubSimulatorOptions } from '../../../hosts/github';
import { closedPort } from '../../../hosts/scripted-server';
import { caught } from '../../caught';

const USER = { kind: 'user' } as const;
const EXPIRES = Date.parse('2026-06-01T00:00:00Z');
let now: number;
let clientSleeps: number[];
let adapterSleeps: number[];
const secrets: string[] = [];
const started: GitHubSimulator[] = [];
let http: HttpClient;

beforeEach(() => {
  now = Date.parse('2026-05-01T00:00:00Z');
  clientSleeps = [];
  adapterSleeps = [];
  secrets.length = 0;
  http = createHttpClient({ sleep: async (ms) => void clientSleeps.push(ms) });
});

afterEach(async () => {
  await http.close();
  for (const sim of started.splice(0)) await sim.stop();
});

async function simulator(options: GitHubSimulatorOptions = {}): Promise<GitHubSimulator> {
  const sim = await startGitHubSimulator({ now: () => now, ...options });
  started.push(sim);
  sim.addUser({ login: 'octocat', name: 'The Octocat' });
  return sim;
}

/** The adapter for a simulator: through the registry for an Enterprise Server, pointed at the root for a github.com stand-in. */
function adapterFor(sim: GitHubSimulator, options: GitHubAdapterOptions = {}, client: HttpClient = http): GitHubAdapter {
  // The adapter's pauses move the simulator's clock: tokens die on schedule without the test waiting.
  const sleep = async (ms: number) => {
    adapterSleeps.push(ms);
    now += ms;
  };
  const api = sim.personality === 'github.com' ? { base: sim.apiBase, enterprise: false } : undefined;
  return new GitHubAdapter(sim.baseUrl, client, { api, sleep, now: () => now, ...options });
}

function token(sim: GitHubSimulator, options: Parameters<GitHubSimulator['issueToken']>[0]): string {
  const secret = sim.issueToken(options);
  secrets.push(secret);
  return secret;
}

/** The LatchError, after checking that no secret of this test is in its sentence. */
async function failure(pending: Promise<unknown>): Promise<LatchError> {
  const error = await caught(pending);
  for (const secret of secrets) {
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain(secret.slice(4, 20));
  }
  expect(error.message).not.toMatch(/gh[pousr]_[A-Za-z0-9]{10}|github_pat_[A-Za-z0-9]/);
  return error;
}

/** An HTTP client that lets a test act just before a request goes out, or change what came back. */
function hooked(before: (req: HttpRequest) => void, after: (req: HttpRequest, res: HttpResponse) => HttpResponse = (_req, res) => res): HttpClient {
  return {
    async request(req) {
      before(req);
      return after(req, await http.request(req));
    },
    close: () => http.close(),
  };
}

/** A secret of the right shape whose checksum no longer matches: one character of the middle changed. */
function typo(secret: string): string {
  const at = 12;
  const changed = secret[at] === 'a' ? 'b' : 'a';
  return secret.slice(0, at) + changed + secret.slice(at + 1);
}

const routes = (sim: GitHubSimulator) => sim.requests.map((r) => `${r.method} ${r.path} ${r.status}${r.authenticated ? ' auth' : ''}`);

describe('where things are', () => {
  it('sends github.com to api.github.com and an Enterprise Server, or a stand-in here, to its /api/v3', () => {
    expect(githubApiBase('https://github.com')).toBe('https://api.github.com');
    expect(githubApiBase(' https://GitHub.com/ ')).toBe('https://api.github.com');
    expect(githubApiBase('https://api.github.com')).toBe('https://api.github.com');
    expect(githubApiBase('https://ghe.example.com/')).toBe('https://ghe.example.com/api/v3');
    expect(githubApiBase('https://ghe.example.com/api/v3')).toBe('https://ghe.example.com/api/v3');
    expect(githubApiBase('http://127.0.0.1:4321')).toBe('http://127.0.0.1:4321/api/v3');
    expect(() => githubApiBase('http://ghe.example.com')).toThrow(expect.objectContaining({ code: 'insecure-url' }));
  });

  it('fills in the classic token page with the name and scopes, encoded', () => {
    expect(newTokenPageUrl('https://github.com', 'laptop')).toBe('https://github.com/settings/tokens/new?description=laptop&scopes=repo,workflow');
    expect(newTokenPageUrl('https://ghe.example.com/', 'Latch – my laptop & more', ['repo'])).toBe(
      'https://ghe.example.com/settings/tokens/new?description=Latch%20%E2%80%93%20my%20laptop%20%26%20more&scopes=repo',
    );
  });

  it('says where to list, create and revoke tokens in the browser, since GitHub has no API for it', async () => {
    const adapter = createAdapter('github', 'https://github.com', http);
    const creds = { username: 'octocat', password: 'x' };
    const list = await failure(adapter.listTokens(creds, 'octocat', USER));
    expect(list).toMatchObject({ code: 'unsupported' });
    expect(list.message).toContain('https://github.com/settings/tokens');
    const create = await failure(adapter.createToken(creds, 'octocat', { name: 'my laptop', scopes: [], expiryDays: null, owner: USER }));
    expect(create).toMatchObject({ code: 'unsupported' });
    expect(create.message).toContain('https://github.com/settings/tokens/new?description=my%20laptop&scopes=repo,workflow');
    const ghe = createAdapter('github', 'https://ghe.example.com', http);
    const enterprise = await failure(ghe.createToken(creds, 'octocat', { name: 'ci', scopes: ['repo'], expiryDays: 30, owner: USER }));
    expect(enterprise.message).toContain('https://ghe.example.com/settings/tokens/new?description=ci&scopes=repo');
    expect(await failure(adapter.revokeToken(creds, 'octocat', USER, '1'))).toMatchObject({ code: 'unsupported' });
  });
});

describe('what a pasted token is', () => {
  it('reads the owner, the scopes and a UTC expiry of a classic token on an Enterprise Server, with the pinned version', async () => {
    const sim = await simulator({ personality: 'enterprise' });
    const secret = token(sim, { login: 'octocat', kind: 'classic', scopes: ['repo', 'workflow'], expiresAt: EXPIRES });
    const adapter = createAdapter('github', sim.baseUrl, http);
    expect(await adapter.inspectToken!(`  ${secret}\n`)).toEqual({
      identity: { userSlug: 'octocat', displayName: 'The Octocat' },
      tokenId: null,
      name: null,
      scopes: ['repo', 'workflow'],
      expiresAt: '2026-06-01T00:00:00.000Z',
    });
    expect(await adapter.verify({ username: 'octocat', password: secret })).toEqual({ userSlug: 'octocat', displayName: 'The Octocat' });
    expect(routes(sim)).toEqual(['GET /api/v3/user 200 auth', 'GET /api/v3/user 200 auth']);
    expect(sim.requests.every((r) => r.apiVersionPinned)).toBe(true);
  });

  it('reads an expiry written with a numeric offset as the same instant', async () => {
    for (const offset of [0, 540, -300]) {
      const sim = await simulator({ personality: 'github.com', expiryHeader: 'offset', expiryHeaderOffsetMinutes: offset });
      const secret = token(sim, { login: 'octocat', kind: 'classic', expiresAt: EXPIRES });
      expect((await adapterFor(sim).inspectToken(secret)).expiresAt).toBe('2026-06-01T00:00:00.000Z');
    }
  });

  it('says scopes unknown for a fine-grained token, none for a classic token without scopes, and no expiry for one that never expires', async () => {
    const sim = await simulator();
    const adapter = adapterFor(sim);
    const fine = await adapter.inspectToken(token(sim, { login: 'octocat', kind: 'fine-grained', expiresAt: EXPIRES }));
    expect(fine).toMatchObject({ scopes: null, expiresAt: '2026-06-01T00:00:00.000Z' });
    const bare = await adapter.inspectToken(token(sim, { login: 'octocat', kind: 'classic', scopes: [] }));
    expect(bare).toMatchObject({ scopes: [], expiresAt: null });
  });

  it('shows the login where the user has no name', async () => {
    const sim = await simulator();
    sim.addUser({ login: 'hubot' });
    const inspection = await adapterFor(sim).inspectToken(token(sim, { login: 'hubot', kind: 'classic' }));
    expect(inspection.identity).toEqual({ userSlug: 'hubot', displayName: 'hubot' });
  });

  it('says a revoked or expired token was refused, without quoting it', async () => {
    const sim = await simulator();
    const revoked = token(sim, { login: 'octocat', kind: 'classic' });
    sim.revoke(revoked);
    const expired = token(sim, { login: 'octocat', kind: 'fine-grained', expiresAt: now - 1000 });
    for (const secret of [revoked, expired]) {
      const error = await failure(adapterFor(sim).inspectToken(secret));
      expect(error).toMatchObject({ code: 'auth', message: 'GitHub refused this token: it is mistyped, has expired or was revoked. Create a new one and give it to Latch.' });
    }
    // A 401 is not retried.
    expect(sim.requests).toHaveLength(2);
  });

  it('refuses a typo, an installation token and a refresh token before sending anything', async () => {
    const sim = await simulator();
    const adapter = adapterFor(sim);
    const classic = token(sim, { login: 'octocat', kind: 'classic' });
    const typoError = await failure(adapter.inspectToken(typo(classic)));
    expect(typoError).toMatchObject({ code: 'validation', message: 'That GitHub token has a typo: its last six characters do not match the rest.' });
    expect(await failure(adapter.inspectToken(token(sim, { login: 'some-app', kind: 'installation' })))).toMatchObject({ code: 'validation' });
    expect(await failure(adapter.inspectToken(token(sim, { login: 'octocat', kind: 'refresh' })))).toMatchObject({ code: 'validation' });
    expect(await failure(adapter.verify({ username: 'octocat', password: 'hunter2' }))).toMatchObject({ code: 'validation' });
    expect(sim.requests).toEqual([]);
  });

  it('says when GitHub keeps failing, after retrying the harmless GET', async () => {
    const sim = await simulator();
    sim.failNext(502, 3);
    const error = await failure(adapterFor(sim).inspectToken(token(sim, { login: 'octocat', kind: 'classic' })));
    expect(error).toMatchObject({ code: 'host-error', message: 'GitHub had a problem of its own (HTTP 502). Try again later.' });
    expect(sim.requests).toHaveLength(3);
  });

  it('answers a hostile or odd answer with a sentence that repeats no token', async () => {
    const sim = await simulator();
    const secret = token(sim, { login: 'octocat', kind: 'classic' });
    const echo = hooked(
      () => {},
      (_req, res) => ({ ...res, status: 418, json: { message: `Your token ${secret} and ghp_${'A'.repeat(36)} are teapots` } }),
    );
    const teapot = await failure(adapterFor(sim, {}, echo).inspectToken(secret));
    expect(teapot.code).toBe('host-error');
    expect(teapot.message).toContain('HTTP 418');
    expect(teapot.message).toContain('[the token]');
    const notAUser = hooked(
      () => {},
      (_req, res) => ({ ...res, json: { login: 42 } }),
    );
    expect(await failure(adapterFor(sim, {}, notAUser).inspectToken(secret))).toMatchObject({
      code: 'host-error',
      message: "GitHub's answer to the token check did not say whose token it is. Check the server address.",
    });
  });

  it('says when the server cannot be reached', async () => {
    const port = await closedPort();
    const adapter = new GitHubAdapter(`http://127.0.0.1:${port}`, http);
    const sim = await simulator();
    const error = await failure(adapter.inspectToken(token(sim, { login: 'octocat', kind: 'classic' })));
    expect(error.code).toBe('network');
  });
});

describe('revoking by the secret alone', () => {
  it('on github.com: sends it without credentials, then watches until GitHub refuses it', async () => {
    const sim = await simulator({ revokeDelayMs: 2_000 });
    const secret = token(sim, { login: 'octocat', kind: 'classic' });
    expect(await adapterFor(sim).revokeBySecret(secret)).toBe('revoked');
    expect(sim.isAlive(secret)).toBe(false);
    expect(routes(sim)).toEqual(['GET /user 200 auth', 'POST /credentials/revoke 202', 'GET /user 200 auth', 'GET /user 200 auth', 'GET /user 401 auth']);
    expect(sim.requests.every((r) => r.apiVersionPinned)).toBe(true);
    expect(adapterSleeps).toEqual([500, 1_000, 2_000]);
  });

  it('revokes fine-grained, OAuth and App user tokens the same way', async () => {
    const sim = await simulator({ revokeDelayMs: 0 });
    for (const kind of ['fine-grained', 'oauth', 'user-to-server'] as const) {
      const secret = token(sim, { login: 'octocat', kind });
      expect(await adapterFor(sim).revokeBySecret(secret)).toBe('revoked');
      expect(sim.isAlive(secret)).toBe(false);
    }
  });

  it("answers 'pending' when the token still works after the budget, having asked a bounded number of times", async () => {
    const sim = await simulator({ revokeDelayMs: 120_000 });
    const secret = token(sim, { login: 'octocat', kind: 'classic' });
    expect(await adapterFor(sim).revokeBySecret(secret)).toBe('pending');
    expect(adapterSleeps.reduce((a, b) => a + b, 0)).toBe(30_000);
    expect(adapterSleeps.every((ms) => ms <= 8_000)).toBe(true);
    expect(sim.requests.filter((r) => r.method === 'GET').length).toBeLessThanOrEqual(10);
    const short = await simulator({ revokeDelayMs: 120_000 });
    adapterSleeps = [];
    expect(await adapterFor(short, { confirmBudgetMs: 1_200 }).revokeBySecret(token(short, { login: 'octocat', kind: 'classic' }))).toBe('pending');
    expect(adapterSleeps).toEqual([500, 700]);
  });

  it("answers 'already-dead' for a token GitHub refuses already, and sends nothing more", async () => {
    const sim = await simulator();
    const secret = token(sim, { login: 'octocat', kind: 'classic' });
    sim.revoke(secret);
    expect(await adapterFor(sim).revokeBySecret(secret)).toBe('already-dead');
    expect(routes(sim)).toEqual(['GET /user 401 auth']);
  });

  it("sends a refresh token without watching it (it opens nothing), answering 'pending'", async () => {
    const sim = await simulator();
    const secret = token(sim, { login: 'octocat', kind: 'refresh' });
    expect(await adapterFor(sim).revokeBySecret(secret)).toBe('pending');
    expect(routes(sim)).toEqual(['POST /credentials/revoke 202']);
  });

  it('sends nothing for a typo or an installation token, and says why', async () => {
    const sim = await simulator();
    const adapter = adapterFor(sim);
    const secret = token(sim, { login: 'octocat', kind: 'classic' });
    expect(await failure(adapter.revokeBySecret(typo(secret)))).toMatchObject({ code: 'validation', message: expect.stringContaining('typo') });
    expect(await failure(adapter.revokeBySecret(secret.slice(0, 30)))).toMatchObject({ code: 'validation' });
    const installation = await failure(adapter.revokeBySecret(token(sim, { login: 'some-app', kind: 'installation' })));
    expect(installation).toMatchObject({ code: 'validation' });
    expect(installation.message).toContain('within an hour');
    expect(installation.message).toContain('Latch sent nothing');
    expect(sim.requests).toEqual([]);
  });

  it('on an Enterprise Server that takes anyone: sends it without credentials under /api/v3', async () => {
    const sim = await simulator({ personality: 'enterprise', revokeDelayMs: 0 });
    const secret = token(sim, { login: 'octocat', kind: 'classic' });
    // Through the registry the pauses are real: the token dies at once, so only the first half second passes.
    expect(await createAdapter('github', sim.baseUrl, http).revokeBySecret!(secret)).toBe('revoked');
    expect(routes(sim)).toEqual(['GET /api/v3/user 200 auth', 'POST /api/v3/credentials/revoke 202', 'GET /api/v3/user 401 auth']);
  });

  for (const status of [401, 403] as const) {
    it(`on an Enterprise Server that wants credentials (${status}): tries once more with the token itself`, async () => {
      const sim = await simulator({ personality: 'enterprise', enterpriseRevoke: 'authenticated-only', unauthenticatedRevokeStatus: status, revokeDelayMs: 0 });
      const secret = token(sim, { login: 'octocat', kind: 'classic' });
      expect(await adapterFor(sim).revokeBySecret(secret)).toBe('revoked');
      expect(routes(sim)).toEqual([
        'GET /api/v3/user 200 auth',
        `POST /api/v3/credentials/revoke ${status}`,
        'POST /api/v3/credentials/revoke 202 auth',
        'GET /api/v3/user 401 auth',
      ]);
    });
  }

  it('on an Enterprise Server without the endpoint: says so, pointing to the settings page', async () => {
    const sim = await simulator({ personality: 'enterprise', enterpriseRevoke: 'missing' });
    const secret = token(sim, { login: 'octocat', kind: 'classic' });
    const error = await failure(adapterFor(sim).revokeBySecret(secret));
    expect(error.code).toBe('unsupported');
    expect(error.message).toContain(`The GitHub Enterprise Server at ${new URL(sim.baseUrl).host}`);
    expect(error.message).toContain(`${sim.baseUrl}/settings/tokens`);
    expect(routes(sim)).toEqual(['GET /api/v3/user 200 auth', 'POST /api/v3/credentials/revoke 404']);
    expect(sim.isAlive(secret)).toBe(true);
  });

  it('says a 422 refusal means the token was not revoked', async () => {
    const sim = await simulator();
    const secret = token(sim, { login: 'octocat', kind: 'classic' });
    const client = hooked((req) => {
      if (req.method === 'POST') sim.failNext(422);
    });
    const error = await failure(adapterFor(sim, {}, client).revokeBySecret(secret));
    expect(error.code).toBe('validation');
    expect(error.message).toContain('The token was not revoked.');
    expect(routes(sim)).toEqual(['GET /user 200 auth', 'POST /credentials/revoke 422']);
  });

  it('stops at a rate limit (429 or 403) and says how long to wait, without asking again', async () => {
    for (const rateLimitStatus of [429, 403] as const) {
      for (const personality of ['github.com', 'enterprise'] as const) {
        const sim = await simulator({ personality, revokeLimitPerHour: 0, rateLimitStatus });
        const secret = token(sim, { login: 'octocat', kind: 'classic' });
        clientSleeps = [];
        const error = await failure(adapterFor(sim).revokeBySecret(secret));
        expect(error.code).toBe('rate-limited');
        expect(error.message).toMatch(/The token was not revoked yet\. Try again in about (59|60) minutes\./);
        // One POST: not repeated, not retried with credentials, no waiting inside Latch.
        expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
        expect(sim.requests.some((r) => r.method === 'POST' && r.authenticated)).toBe(false);
        expect(clientSleeps).toEqual([]);
      }
    }
  });

  it('reads the wait from x-ratelimit-reset when there is no Retry-After', async () => {
    const sim = await simulator({ revokeLimitPerHour: 0, retryAfter: false, rateLimitStatus: 403 });
    const error = await failure(adapterFor(sim).revokeBySecret(token(sim, { login: 'octocat', kind: 'classic' })));
    expect(error.code).toBe('rate-limited');
    expect(error.message).toMatch(/Try again in about (59|60) minutes\./);
  });

  it('never sends credentials with the github.com call, and treats its 403 for them as a refusal, not a reason to retry', async () => {
    const sim = await simulator();
    const secret = token(sim, { login: 'octocat', kind: 'classic' });
    const client = hooked((req) => {
      if (req.method === 'POST') expect(req.headers?.authorization).toBeUndefined();
      if (req.method === 'POST') sim.failNext(403);
    });
    const error = await failure(adapterFor(sim, {}, client).revokeBySecret(secret));
    expect(error.code).toBe('forbidden');
    expect(sim.requests.filter((r) => r.method === 'POST').map((r) => r.authenticated)).toEqual([false]);
  });

  it('says when GitHub fails while taking the request; the POST is not repeated', async () => {
    const sim = await simulator();
    const secret = token(sim, { login: 'octocat', kind: 'classic' });
    const client = hooked((req) => {
      if (req.method === 'POST') sim.failNext(500);
    });
    expect(await failure(adapterFor(sim, {}, client).revokeBySecret(secret))).toMatchObject({ code: 'host-error', message: 'GitHub had a problem of its own (HTTP 500). Try again later.' });
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});
