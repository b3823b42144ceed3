// Leak response for Gitea and Forgejo tokens as a person relies on it: the real core, the real
// keychain, the simulators over real sockets and git's credential-store file in a temporary HOME. A
// 40-hex secret Latch does not hold is looked for only at the servers of the person's own accounts:
// deleted by the server with the token itself on Gitea 1.27, else found by its last eight characters in
// the account's token list and deleted by id. It is never sent to a server Latch has no account on.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountView } from '../../shared/domain';
import { keychainKeys } from '../../electron/core/vault/types';
import { createHarness, type Harness } from '../core/services/harness';
import { startGiteaSimulator, type GiteaSimulator, type GiteaSimulatorOptions } from '../hosts/gitea';
import { filesContaining } from '../e2e/support/canary';

const PASSWORD = 'alice pässword';

let h: Harness;
let home: string;
let gitCredentials: string;
let consoleText: string[];
const sims: GiteaSimulator[] = [];

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'latch-gitea-leak-home-'));
  gitCredentials = join(home, '.git-credentials');
  h = createHarness({ requestTimeoutMs: 5_000, env: { HOME: home, XDG_CONFIG_HOME: join(home, 'xdg'), GIT_CONFIG_SYSTEM: join(home, 'etc-gitconfig') } });
  consoleText = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleText.push(args.map(String).join(' '));
    });
  }
});

afterEach(async () => {
  vi.restoreAllMocks();
  await h.close();
  await Promise.all(sims.splice(0).map((sim) => sim.stop()));
  rmSync(home, { recursive: true, force: true });
});

async function simulator(options: GiteaSimulatorOptions): Promise<GiteaSimulator> {
  const sim = await startGiteaSimulator(options);
  sim.addUser({ username: 'alice', password: PASSWORD });
  sim.addUser({ username: 'bob', password: 'bob password' });
  sims.push(sim);
  return sim;
}

const addAlice = (sim: GiteaSimulator, rememberPassword = true): Promise<AccountView> =>
  h.core.accounts.add({ host: 'gitea', baseUrl: sim.baseUrl, username: 'alice', password: PASSWORD, rememberPassword });


/** The canary: after the response, the secret is in no report, console line, request log or file. */
function expectNowhere(secret: string, report: unknown): void {
  expect(JSON.stringify(report)).not.toContain(secret);
  expect(consoleText.join('\n')).not.toContain(secret);
  expect(h.indexText()).not.toContain(secret);
  for (const sim of sims) expect(JSON.stringify(sim.requests)).not.toContain(secret);
  expect(filesContaining(h.home, secret)).toEqual([]);
  expect(filesContaining(home, secret)).toEqual([]);
}

describe('a Gitea or Forgejo token Latch does not hold', () => {
  it('on Forgejo: found by its last eight characters in the account\'s list and deleted by id, and git\'s line goes', async () => {
    const sim = await simulator({ flavor: 'forgejo' });
    const alice = await addAlice(sim);
    sim.issueToken('alice', 'other', ['read:user']);
    const { id, secret } = sim.issueToken('alice', 'made in the browser', ['write:repository']);
    const host = new URL(sim.baseUrl).host;
    writeFileSync(gitCredentials, `https://carol:s3cret@other.example.com\nhttp://alice:${secret}@${host}\n`, { mode: 0o600 });
    sim.requests.length = 0;

    const report = await h.core.leaks.respond(secret);

    expect(report.recognized.kind).toBe('gitea');
    expect(report.found).toMatchObject({
      where: 'host',
      tokens: [{ accountId: alice.id, tokenId: String(id), name: 'made in the browser', owner: { kind: 'user' } }],
      sentence: `Latch holds no copy of it, but the server lists it as token ${id} ("made in the browser") of alice on ${host}. git's credential files hold it in plain text on 1 line.`,
    });
    expect(report.host).toMatchObject({ outcome: 'revoked', code: null });
    expect(sim.tokens('alice').map((token) => token.name)).toEqual(['other']);
    // The list with the password, then the delete by id; the secret itself never went to the server.
    // (What the server is and its page size were asked when the account was added.)
    expect(sim.requests.map((request) => [request.method, request.url.replace(/\?.*/, '')])).toEqual([
      ['GET', '/api/v1/users/alice/tokens'],
      ['DELETE', `/api/v1/users/alice/tokens/${id}`],
    ]);
    expect(sim.requests.every((request) => request.auth !== 'token')).toBe(true);
    expect(readFileSync(gitCredentials, 'utf8')).toBe('https://carol:s3cret@other.example.com\n');
    expect(report.complete).toBe(true);
    expectNowhere(secret, report);
  });

  it('on Gitea 1.27: the server deletes it with the token itself, with no password', async () => {
    const sim = await simulator({ flavor: 'gitea' });
    await addAlice(sim, false);
    h.core.session.lockAll();
    const { id, secret } = sim.issueToken('alice', 'ci', ['read:repository']);
    sim.requests.length = 0;

    const report = await h.core.leaks.respond(secret);

    const host = new URL(sim.baseUrl).host;
    expect(report.found).toMatchObject({ where: 'host', tokens: [], sentence: `Latch holds no copy of it, but ${host} knew it as one of its tokens.` });
    expect(report.host).toMatchObject({ outcome: 'revoked', sentence: expect.stringMatching(/^Deleted at .* with the token itself: it no longer works/) });
    expect(sim.tokens('alice').some((token) => token.id === id)).toBe(false);
    expect(sim.requests.map((request) => [request.method, request.url, request.auth])).toEqual([['DELETE', '/api/v1/token', 'token']]);
    expect(report.summary).toBe('Revoked at the host: it no longer works.');
    expectNowhere(secret, report);
  });

  it('is never sent to a server Latch has no account on', async () => {
    const mine = await simulator({ flavor: 'gitea' });
    const theirs = await simulator({ flavor: 'gitea' });
    await addAlice(mine);
    const { secret } = theirs.issueToken('bob', 'elsewhere', ['read:user']);
    theirs.requests.length = 0;
    mine.requests.length = 0;

    const report = await h.core.leaks.respond(secret);

    expect(theirs.requests).toEqual([]);
    expect(theirs.tokens('bob')).toHaveLength(1);
    expect(report.found.where).toBe('nowhere');
    expect(report.host.outcome).toBe('by-hand');
    expect(report.host.sentence).toMatch(/^None of your Gitea or Forgejo accounts \(alice on .*\) has this token\. If it is a Gitea or Forgejo token, it is someone else's or another server's/);
    expectNowhere(secret, report);
  });

  it('with no Gitea or Forgejo account, goes nowhere and says what to do', async () => {
    const sim = await simulator({ flavor: 'forgejo' });
    const { secret } = sim.issueToken('alice', 'lonely', ['read:user']);
    sim.requests.length = 0;
    const report = await h.core.leaks.respond(secret);
    expect(sim.requests).toEqual([]);
    expect(report.host).toMatchObject({ outcome: 'by-hand', sentence: expect.stringMatching(/has no Gitea or Forgejo account to look for it in/) });
    expectNowhere(secret, report);
  });

  it('on Forgejo with the account locked: asks for the password and changes nothing', async () => {
    const sim = await simulator({ flavor: 'forgejo' });
    const alice = await addAlice(sim, false);
    h.core.session.lockAll();
    const { secret } = sim.issueToken('alice', 'locked away', ['read:user']);
    const host = new URL(sim.baseUrl).host;
    writeFileSync(gitCredentials, `http://alice:${secret}@${host}\n`, { mode: 0o600 });

    const report = await h.core.leaks.respond(secret);

    expect(report.host).toMatchObject({ outcome: 'needs-password', unlockAccountId: alice.id });
    expect(report.host.sentence).toMatch(/look among its tokens for it/);
    expect(report.local.attempted).toBe(false);
    expect(readFileSync(gitCredentials, 'utf8')).toContain(host);
    expect(sim.tokens('alice')).toHaveLength(1);
  });
});

describe('a Gitea token Latch holds', () => {
  it('is deleted by its id with the password, and its keychain copy goes', async () => {
    const sim = await simulator({ flavor: 'gitea' });
    const alice = await addAlice(sim);
    const created = await h.core.tokens.create({ accountId: alice.id, name: 'laptop', scopes: ['write:repository'], expiryDays: null, owner: { kind: 'user' }, store: true });
    sim.requests.length = 0;

    const report = await h.core.leaks.respond(created.secret);

    expect(report.found).toMatchObject({ where: 'keychain', tokens: [{ tokenId: created.token.id, name: 'laptop' }] });
    expect(report.host.outcome).toBe('revoked');
    expect(sim.requests.filter((request) => request.method === 'DELETE').map((request) => request.url)).toEqual([`/api/v1/users/alice/tokens/${created.token.id}`]);
    expect(await h.core.tokens.stored()).toEqual([]);
    expect(h.keychainKeys()).toEqual([keychainKeys.accountPassword(alice.id)]);
    expectNowhere(created.secret, report);
  });
});

describe('with two-factor sign-in, a code per call the report asks for by account', () => {
  it('on Forgejo: names the account, finds the token with one code and deletes it with the next, changing nothing before', async () => {
    let now = Date.parse('2026-11-27T10:00:00Z');
    const sim = await startGiteaSimulator({ flavor: 'forgejo', now: () => now });
    sims.push(sim);
    sim.addUser({ username: 'carol', password: PASSWORD, totp: true });
    const carol = await h.core.accounts.add({ host: 'gitea', baseUrl: sim.baseUrl, username: 'carol', password: PASSWORD, rememberPassword: true, otp: sim.currentOtp('carol') });
    const next = () => {
      now += 30_000;
      return sim.currentOtp('carol');
    };
    const { id, secret } = sim.issueToken('carol', 'ci', ['write:repository']);

    const first = await h.core.leaks.respond(secret);
    expect(first.host).toMatchObject({ outcome: 'failed', code: 'otp-required', codeAccountId: carol.id, codeAccount: `carol on ${new URL(sim.baseUrl).host}` });
    expect(first.local.attempted).toBe(false);

    const found = await h.core.leaks.respond(secret, { otp: { accountId: carol.id, code: next() } });
    expect(found.found).toMatchObject({ where: 'host', tokens: [{ accountId: carol.id, tokenId: String(id), name: 'ci' }] });
    // The code went with the list; deleting takes the next one.
    expect(found.host).toMatchObject({ outcome: 'failed', code: 'otp-required', codeAccountId: carol.id });
    expect(sim.tokens('carol').map((token) => token.id)).toEqual([id]);

    const done = await h.core.leaks.respond(secret, { otp: { accountId: carol.id, code: next(), token: { id: String(id), name: 'ci' } } });
    expect(done.host.outcome).toBe('revoked');
    expect(done.complete).toBe(true);
    expect(sim.tokens('carol')).toEqual([]);
    for (const report of [first, found, done]) expectNowhere(secret, report);
  });
});
