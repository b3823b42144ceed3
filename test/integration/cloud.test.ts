// Bitbucket Cloud accounts as the app and the CLI use them: the real adapter over HTTP to the Cloud
// simulator on 127.0.0.1, the real keychain (gnome-keyring on a private D-Bus session), a real index
// on disk. A pasted API token is checked with the host before anything is saved, kept only in the
// keychain, listed from what Latch keeps, and answered to git for the host.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView, BrowserToken } from '../../shared/domain';
import { gitHost } from '../../shared/url';
import { credentialChoices } from '../../electron/core/credential/match';
import { queryOf } from '../../electron/core/credential/protocol';
import { keychainKeys } from '../../electron/core/vault/types';
import { BitbucketCloudSimulator, CLOUD_GIT_USERNAME } from '../hosts/bitbucket-cloud';
import { createHarness, type Harness } from '../core/services/harness';
import { caught } from '../core/caught';

const EMAIL = 'ana@example.com';
const DAY = 86_400_000;
/**
 * The one clock the core and these tests read. It starts at noon UTC today and runs on from there, so
 * "today" as a test computes it and as the core checks it is the same day even when a run spans midnight.
 */
const CLOCK_OFFSET = new Date().setUTCHours(12, 0, 0, 0) - Date.now();
const now = () => Date.now() + CLOCK_OFFSET;
/** A calendar date `days` from today (UTC), as the token page shows it. */
const dateIn = (days: number) => new Date(now() + days * DAY).toISOString().slice(0, 10);

let sim: BitbucketCloudSimulator;
let baseUrl: string;
let h: Harness;
let secrets: string[];

beforeEach(async () => {
  sim = new BitbucketCloudSimulator();
  ({ baseUrl } = await sim.start());
  sim.addUser({ email: EMAIL, username: 'ana-dev', displayName: 'Ana Müller' });
  sim.addUser({ email: 'bo@example.com', username: 'bo', displayName: 'Bo' });
  secrets = [];
  h = createHarness({ requestTimeoutMs: 5_000, now });
});

afterEach(async () => {
  await h.close();
  await sim.stop();
});

/** A token issued to `email` as the browser would, remembered so every test can check it never leaks. */
function issue(email = EMAIL, options: { scopes?: string[]; expiresInDays?: number } = {}): string {
  const secret = sim.issueToken(email, options);
  secrets.push(secret);
  return secret;
}

const paste = (secret: string, over: Partial<BrowserToken> = {}): BrowserToken => ({ name: 'laptop git', secret, expiresOn: dateIn(30), ...over });

const addAna = (secret = issue(), over: Partial<BrowserToken> = {}, email = EMAIL): Promise<AccountView> =>
  h.core.accounts.add({ host: 'bitbucket-cloud', baseUrl: `${baseUrl}/`, email, token: paste(secret, over) });

/** The error, checked to hold no secret in its sentence. */
async function refused(pending: Promise<unknown>) {
  const error = await caught(pending);
  for (const secret of secrets) expect(error.message).not.toContain(secret);
  expect(error.message).not.toContain('ATATT');
  return error;
}

describe('adding a Bitbucket Cloud account with a pasted API token', () => {
  it('checks the token with the host, then keeps the account without a password and the token only in the keychain', async () => {
    const secret = issue();
    const expiresOn = dateIn(90);
    const ana = await addAna(secret, { expiresOn }, `  ${EMAIL} `);
    expect(ana).toMatchObject({
      host: 'bitbucket-cloud',
      baseUrl,
      username: EMAIL,
      userSlug: 'ana-dev',
      displayName: 'Ana Müller',
      rememberPassword: false,
      isDefault: true,
      lock: { state: 'no-password' },
    });
    expect(sim.requests).toEqual([{ method: 'GET', url: '/2.0/user', status: 200 }]);

    const [stored, ...rest] = await h.core.tokens.stored(ana.id);
    expect(rest).toEqual([]);
    expect(stored).toMatchObject({
      name: 'laptop git',
      owner: { kind: 'user' },
      scopes: [],
      gitUsername: CLOUD_GIT_USERNAME,
      expiresAt: `${expiresOn}T23:59:59.000Z`,
      rejectedAt: null,
    });
    expect(stored!.tokenId).toMatch(/^pasted-[0-9a-f]{12}$/);
    expect(Math.abs(Date.parse(stored!.createdAt!) - now())).toBeLessThan(60_000);
    expect(h.keychainKeys()).toEqual([keychainKeys.token(ana.id, stored!.tokenId)]);
    expect(await h.realKeychain.get(stored!.keychainKey)).toBe(secret);
    expect(h.indexText()).toContain('ana-dev');
    expect(h.indexText()).not.toContain(secret);
    expect(await h.core.accounts.list()).toEqual([ana]);
  });

  it('refuses a wrong, revoked or expired token and saves nothing', async () => {
    const revoked = issue();
    sim.revokeToken(revoked);
    for (const secret of [`${issue()}x`, revoked, issue(EMAIL, { expiresInDays: 0 }), issue('bo@example.com')]) {
      const error = await refused(addAna(secret));
      expect(error).toMatchObject({ code: 'auth', message: expect.stringMatching(/^Bitbucket Cloud refused this API token for ana@example\.com\./) });
    }
    expect(sim.requests.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect(h.indexText()).toBe('');
    expect(h.keychainKeys()).toEqual([]);
  });

  it('refuses a token without read:user:bitbucket, saying which scope it needs', async () => {
    const error = await refused(addAna(issue(EMAIL, { scopes: ['read:repository:bitbucket', 'write:repository:bitbucket'] })));
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('read:user:bitbucket');
    expect(h.indexText()).toBe('');
    expect(h.keychainKeys()).toEqual([]);
  });

  it('refuses the Bitbucket username where the email goes, and any address but Bitbucket Cloud\'s, before asking the host', async () => {
    expect(await refused(addAna(issue(), {}, 'ana-dev'))).toMatchObject({ code: 'validation', message: expect.stringContaining('Atlassian account email') });
    const elsewhere = await refused(
      h.core.accounts.add({ host: 'bitbucket-cloud', baseUrl: 'https://bitbucket.example.com', email: EMAIL, token: paste(issue()) }),
    );
    expect(elsewhere).toMatchObject({ code: 'validation', message: 'Bitbucket Cloud is at https://bitbucket.org; use that address for a Bitbucket Cloud account.' });
    expect(sim.requests).toEqual([]);
    expect(h.indexText()).toBe('');
  });

  it('refuses a password sign-in for Bitbucket Cloud, which has none for its API', async () => {
    const error = await refused(
      h.core.accounts.add({ host: 'bitbucket-cloud', baseUrl, username: 'ana-dev', password: 'hunter2-password', rememberPassword: true }),
    );
    expect(error).toMatchObject({ code: 'validation', message: expect.stringContaining('Atlassian account email and an API token') });
    expect(error.message).not.toContain('hunter2');
    expect(sim.requests).toEqual([]);
    expect(h.keychainKeys()).toEqual([]);
  });

  it.each([
    ['a date in the past', dateIn(-1), 'expired on'],
    ['no date', null, 'always expire'],
    ['a date further off than Atlassian allows', dateIn(368), 'at most 365 days'],
    ['a date that does not exist', '2027-02-30', 'not a real date'],
  ])('refuses %s as the expiry, before asking the host', async (_label, expiresOn, words) => {
    const error = await refused(addAna(issue(), { expiresOn }));
    expect(error.code).toBe('validation');
    expect(error.message).toContain(words);
    expect(sim.requests).toEqual([]);
    expect(h.keychainKeys()).toEqual([]);
  });

  it('accepts today and the furthest day Atlassian allows as the expiry', async () => {
    const ana = await addAna(issue(), { expiresOn: dateIn(0) });
    const kept = await h.core.tokens.add(ana.id, paste(issue(), { expiresOn: dateIn(365) }));
    expect(kept.expiresAt).toBe(`${dateIn(365)}T23:59:59.000Z`);
  });

  it('names a dead app password instead of sending it', async () => {
    const error = await refused(addAna('ATBB' + 'x'.repeat(28)));
    expect(error).toMatchObject({ code: 'validation', message: expect.stringContaining('app passwords stopped working on 2026-06-09') });
    expect(sim.requests).toEqual([]);
  });

  it('refuses the same account twice, by email in any case, before asking the host', async () => {
    await addAna();
    sim.requests.length = 0;
    const error = await refused(addAna(issue(), {}, 'ANA@example.com'));
    expect(error).toMatchObject({ code: 'conflict', message: expect.stringContaining('Latch already has ana@example.com') });
    expect(sim.requests).toEqual([]);
    expect(await h.core.accounts.list()).toHaveLength(1);
    expect(h.keychainKeys()).toHaveLength(1);
  });

  it('keeps nothing of the account when the keychain refuses the token', async () => {
    h.faults.set = true;
    const error = await refused(addAna());
    expect(error.code).toBe('keychain-unavailable');
    h.faults.set = false;
    expect(await h.core.accounts.list()).toEqual([]);
    expect(h.keychainKeys()).toEqual([]);
  });

  it('has no password to unlock or lock, and asks for none', async () => {
    const ana = await addAna();
    expect(await refused(h.core.accounts.unlock(ana.id, 'anything'))).toMatchObject({ code: 'unsupported', message: expect.stringContaining('nothing to unlock') });
    expect(await refused(h.core.accounts.lock(ana.id))).toMatchObject({ code: 'unsupported', message: expect.stringContaining('nothing to lock') });
    expect(await refused(h.core.accounts.credentials(await h.core.accounts.get(ana.id)))).toMatchObject({ code: 'unsupported' });
  });
});

describe('keeping more tokens for the account', () => {
  it('keeps a second token checked with the host, and lists both newest first with their expiry', async () => {
    const ana = await addAna(issue(), { name: 'first', expiresOn: dateIn(10) });
    const second = issue();
    const kept = await h.core.tokens.add(ana.id, paste(second, { name: 'second', expiresOn: dateIn(200) }));
    expect(kept).toMatchObject({ name: 'second', stored: true, onHost: true, rejected: false, scopes: [], owner: { kind: 'user' }, expiresAt: `${dateIn(200)}T23:59:59.000Z` });
    expect(kept.id).toMatch(/^pasted-[0-9a-f]{12}$/);
    expect(sim.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(await h.realKeychain.get(keychainKeys.token(ana.id, kept.id))).toBe(second);

    const listed = await h.core.tokens.list(ana.id, { kind: 'user' });
    expect(listed.map((token) => [token.name, token.expiresAt, token.stored, token.onHost])).toEqual([
      ['second', `${dateIn(200)}T23:59:59.000Z`, true, true],
      ['first', `${dateIn(10)}T23:59:59.000Z`, true, true],
    ]);
    // Listing asks the host nothing: it has no list to give.
    expect(sim.requests).toHaveLength(2);
    expect(h.indexText()).not.toContain(second);
  });

  it('goes through the IPC dispatcher, which checks the input first', async () => {
    const ana = await addAna();
    const ok = await h.core.dispatch('tokens:add', { accountId: ana.id, token: paste(issue(), { name: 'via ipc' }) }, true);
    expect(ok).toMatchObject({ ok: true, value: { name: 'via ipc', stored: true } });
    const bad = await h.core.dispatch('tokens:add', { accountId: ana.id, token: { ...paste(issue()), expiresOn: '31/12/2027' } }, true);
    expect(bad).toEqual({ ok: false, code: 'validation', message: 'Latch refused the request: Enter the expiry date as YYYY-MM-DD.' });
    for (const secret of secrets) expect(JSON.stringify(bad)).not.toContain(secret);
  });

  it('refuses a token of another person, and one of its own account after a username change', async () => {
    const ana = await addAna();
    // Cloud itself refuses someone else's token with this email.
    expect(await refused(h.core.tokens.add(ana.id, paste(issue('bo@example.com'))))).toMatchObject({ code: 'auth' });
    sim.renameUser(EMAIL, 'ana-renamed');
    const error = await refused(h.core.tokens.add(ana.id, paste(issue())));
    expect(error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^This API token belongs to ana-renamed, not to ana-dev \(ana@example\.com\); Latch keeps it only for its own account\./),
    });
    expect(await h.core.tokens.stored(ana.id)).toHaveLength(1);
    expect(h.keychainKeys()).toHaveLength(1);
  });

  it('refuses a wrong token and a token it already keeps, and saves nothing', async () => {
    const first = issue();
    const ana = await addAna(first);
    sim.requests.length = 0;
    expect(await refused(h.core.tokens.add(ana.id, paste(`${issue()}0`)))).toMatchObject({ code: 'auth' });
    const again = await refused(h.core.tokens.add(ana.id, paste(` ${first}\n`, { name: 'again' })));
    expect(again).toMatchObject({ code: 'conflict', message: 'Latch already keeps this token for ana@example.com on 127.0.0.1:' + new URL(baseUrl).port + ', as "laptop git".' });
    expect(sim.requests.map((r) => r.status)).toEqual([401]);
    expect(await h.core.tokens.stored(ana.id)).toHaveLength(1);
    expect(h.keychainKeys()).toHaveLength(1);
  });

  it('cannot create tokens by API, and says where revoking happens without changing anything', async () => {
    const ana = await addAna();
    const [kept] = await h.core.tokens.list(ana.id, { kind: 'user' });
    sim.requests.length = 0;
    const created = await refused(h.core.tokens.create({ accountId: ana.id, name: 'n', scopes: [], expiryDays: 30, owner: { kind: 'user' }, store: true }));
    expect(created.code).toBe('unsupported');
    const revoke = await refused(h.core.tokens.revoke(ana.id, { kind: 'user' }, kept!.id));
    expect(revoke).toMatchObject({
      code: 'unsupported',
      message: 'Bitbucket Cloud has no API to revoke tokens. Revoke "laptop git" at id.atlassian.com (Account settings, Security, API tokens), then remove it from Latch.',
    });
    expect(sim.requests).toEqual([]);
    expect(await h.core.tokens.list(ana.id, { kind: 'user' })).toEqual([kept]);
    expect(h.keychainKeys()).toHaveLength(1);
  });

  it('forgets a kept token from keychain and index, and removing the account takes the rest', async () => {
    const ana = await addAna();
    const second = await h.core.tokens.add(ana.id, paste(issue(), { name: 'second' }));
    expect(await h.core.tokens.remove(ana.id, second.id)).toBe(true);
    expect((await h.core.tokens.list(ana.id, { kind: 'user' })).map((token) => token.name)).toEqual(['laptop git']);
    expect(h.keychainKeys()).toHaveLength(1);
    await h.core.accounts.remove(ana.id);
    expect(await h.core.accounts.list()).toEqual([]);
    expect(await h.core.tokens.stored()).toEqual([]);
    expect(h.keychainKeys()).toEqual([]);
  });
});

describe('answering git for Bitbucket Cloud', () => {
  it('hands git a kept token with x-bitbucket-api-token-auth, which the host lets in, and stops after its expiry day', async () => {
    const secret = issue();
    const ana = await addAna(secret, { expiresOn: dateIn(5) });
    const { protocol, host } = new URL(baseUrl);
    // The clone URL Bitbucket shows for API tokens carries the fixed username.
    const query = queryOf({ protocol: protocol.replace(':', ''), host, path: 'team/app.git', username: CLOUD_GIT_USERNAME, capabilities: [] });
    expect(host).toBe(gitHost(baseUrl));
    const index = await h.core.store.read();
    const [answer] = credentialChoices(query, index, now()).answers;
    expect(answer).toMatchObject({ kind: 'basic', username: CLOUD_GIT_USERNAME, account: { id: ana.id } });
    const given = await h.core.tokens.secret(ana.id, answer!.token.tokenId);
    expect(given).toBe(secret);
    expect(sim.gitUser(CLOUD_GIT_USERNAME, given!)).toEqual({ username: 'ana-dev', scopes: expect.arrayContaining(['read:repository:bitbucket']) });
    expect(credentialChoices(query, index, now() + 6 * DAY).answers).toEqual([]);
  });
});
