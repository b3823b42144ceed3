// GitLab through the real core and keychain over real sockets: a leaked glpat- revokes itself at
// gitlab.com (a simulator standing in through the core's publicServers option: nothing reaches the
// network) and at every GitLab server Latch has an account for, held or not, and every local copy goes;
// a rotate whose answer was lost is reconciled by listing and never sent twice; a rotate of a kept
// token replaces the copy in one step. A canary secret is looked for everywhere it must not be.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitLabSecretLostError } from '../../electron/core/hosts/gitlab/adapter';
import type { LatchError } from '../../shared/result';
import { createHarness, type Harness } from '../core/services/harness';
import { ACCESS, startGitLabSimulator, type GitLabSimulator } from '../hosts/gitlab';
import { LossyProxy } from '../hosts/lossy-proxy';
import { filesContaining } from '../e2e/support/canary';
import { caught } from '../core/caught';

let h: Harness;
let home: string;
let dotcom: GitLabSimulator;
let selfManaged: GitLabSimulator;
let proxy: LossyProxy;

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'latch-gitlab-home-'));
  dotcom = await startGitLabSimulator();
  selfManaged = await startGitLabSimulator();
  for (const sim of [dotcom, selfManaged]) sim.addUser({ username: 'jane', name: 'Jane' });
  selfManaged.addGroup('acme', { jane: ACCESS.owner });
  selfManaged.addProject('acme/app');
  // The account talks to the self-managed server through a proxy that can lose answers.
  proxy = await new LossyProxy(selfManaged.baseUrl).start();
  h = createHarness({
    requestTimeoutMs: 1_500,
    env: { HOME: home, XDG_CONFIG_HOME: join(home, 'xdg'), GIT_CONFIG_SYSTEM: join(home, 'etc-gitconfig') },
    publicServers: { gitlab: [{ baseUrl: 'https://gitlab.com', api: { base: dotcom.baseUrl, enterprise: false } }] },
  });
});

afterEach(async () => {
  await h.close();
  await proxy.stop();
  await Promise.all([dotcom.stop(), selfManaged.stop()]);
  rmSync(home, { recursive: true, force: true });
});

async function addJane() {
  const made = selfManaged.issuePersonalToken({ user: 'jane', name: 'latch management', scopes: ['api'] });
  const account = await h.core.accounts.add({ host: 'gitlab', baseUrl: proxy.baseUrl, email: null, token: { name: 'x', expiresOn: null, secret: made.secret } });
  return { account, management: made };
}

function expectNowhere(secret: string, report: unknown): void {
  expect(JSON.stringify(report)).not.toContain(secret);
  expect(h.indexText()).not.toContain(secret);
  for (const sim of [dotcom, selfManaged]) expect(JSON.stringify(sim.requests)).not.toContain(secret);
  expect(filesContaining(h.home, secret)).toEqual([]);
  expect(filesContaining(home, secret)).toEqual([]);
}

describe('a leaked GitLab token', () => {
  it('that Latch never held revokes itself at the server it works on, with one lookup and one DELETE there', async () => {
    await addJane();
    const leaked = selfManaged.issuePersonalToken({ user: 'jane', name: 'ci', scopes: ['read_repository'] });
    selfManaged.requests.length = 0;
    const report = await h.core.leaks.respond(leaked.secret);
    expect(report.host.outcome).toBe('revoked');
    expect(report.host.sentence).toContain('Revoked at');
    expect(report.found.where).toBe('nowhere');
    expect(selfManaged.tokenState(leaked.id)).toBe('revoked');
    expect(selfManaged.requests.map((r) => `${r.method} ${r.url} ${r.status}`)).toEqual([
      'GET /api/v4/personal_access_tokens/self 200',
      'DELETE /api/v4/personal_access_tokens/self 204',
    ]);
    // gitlab.com was asked too, since a secret does not say where it was made; it did not know it.
    expect(dotcom.requests.map((r) => `${r.method} ${r.url} ${r.status}`)).toEqual(['GET /api/v4/personal_access_tokens/self 401']);
    expectNowhere(leaked.secret, report);
  });

  it('revokes itself at gitlab.com with no account at all', async () => {
    const leaked = dotcom.issuePersonalToken({ user: 'jane', name: 'laptop', scopes: ['api'] });
    const report = await h.core.leaks.respond(leaked.secret);
    expect(report.host.outcome).toBe('revoked');
    expect(dotcom.tokenState(leaked.id)).toBe('revoked');
    expectNowhere(leaked.secret, report);
  });

  it('already dead is reported as such, and nothing is revoked', async () => {
    const leaked = dotcom.issuePersonalToken({ user: 'jane', name: 'old', scopes: ['api'] });
    dotcom.revokeInPage(leaked.id);
    const report = await h.core.leaks.respond(leaked.secret);
    expect(report.host.outcome).toBe('dead');
    expect(report.host.sentence).toMatch(/^Already dead/);
    expect(dotcom.requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('that Latch keeps is revoked and its keychain copy removed', async () => {
    const { account } = await addJane();
    const leaked = selfManaged.issuePersonalToken({ user: 'jane', name: 'git laptop', scopes: ['read_repository'] });
    await h.core.tokens.add(account.id, { name: 'ignored', expiresOn: null, secret: leaked.secret });
    const report = await h.core.leaks.respond(leaked.secret);
    expect(report.found.where).toBe('keychain');
    expect(report.host.outcome).toBe('revoked');
    expect(selfManaged.tokenState(leaked.id)).toBe('revoked');
    expect((await h.core.tokens.stored(account.id)).map((token) => token.tokenId)).not.toContain(String(leaked.id));
    expect(h.keychainKeys().some((key) => key.includes(`:${leaked.id}`))).toBe(false);
    expectNowhere(leaked.secret, report);
  });

  it('a mistyped routable token is refused offline and nothing is sent', async () => {
    const leaked = dotcom.issuePersonalToken({ user: 'jane', name: 'typo', scopes: ['api'] });
    const typo = `${leaked.secret.slice(0, 10)}${leaked.secret[10] === 'a' ? 'b' : 'a'}${leaked.secret.slice(11)}`;
    const report = await h.core.leaks.respond(typo);
    expect(report.host.outcome).toBe('by-hand');
    expect(dotcom.requests).toEqual([]);
    expect(dotcom.tokenState(leaked.id)).toBe('active');
  });
});

describe('rotating through the core', () => {
  it('replaces a kept copy in one step: the new secret in the keychain, the old entry gone', async () => {
    const { account } = await addJane();
    const kept = selfManaged.issuePersonalToken({ user: 'jane', name: 'git laptop', scopes: ['read_repository'] });
    await h.core.tokens.add(account.id, { name: 'x', expiresOn: null, secret: kept.secret });
    const rotated = await h.core.tokens.rotate(account.id, { kind: 'user' }, String(kept.id), 10);
    expect(rotated.token.stored).toBe(true);
    expect(await h.core.tokens.secret(account.id, rotated.token.id)).toBe(rotated.secret);
    expect(await h.core.tokens.secret(account.id, String(kept.id))).toBeNull();
    expect(h.keychainKeys().filter((key) => key.startsWith(`token:${account.id}:`)).sort()).toEqual(
      [`token:${account.id}:${rotated.token.id}`, `token:${account.id}:${(await h.core.tokens.stored(account.id)).find((t) => t.management)!.tokenId}`].sort(),
    );
    expectNowhere(kept.secret, rotated.token);
  });

  it('a rotate whose answer was lost is reconciled by listing, never sent twice, and names the replacement', async () => {
    const { account } = await addJane();
    const created = await h.core.tokens.create({
      accountId: account.id, name: 'deploy', scopes: ['read_repository'], expiryDays: 30, owner: { kind: 'project', projectKey: 'acme/app' }, store: true, accessLevel: 30,
    });
    proxy.lose = (method, url) => (method === 'POST' && url.endsWith('/rotate') ? 'hang' : null);
    selfManaged.requests.length = 0;
    const error = (await caught(h.core.tokens.rotate(account.id, { kind: 'project', projectKey: 'acme/app' }, created.token.id, null))) as LatchError;
    expect(error).toBeInstanceOf(GitLabSecretLostError);
    expect(error.message).toContain('was rotated: its old secret no longer works');
    expect(selfManaged.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/rotate'))).toHaveLength(1);
    expect(selfManaged.tokenState(Number(created.token.id))).toBe('revoked');
    const replacement = (error as GitLabSecretLostError).token;
    expect(selfManaged.tokenState(Number(replacement.id))).toBe('active');
    expect(error.message).toContain(`Rotate token ${replacement.id}`);
    // The dead kept copy is shown as gone from the host, so git's copy can be removed.
    const listed = await h.core.tokens.list(account.id, { kind: 'project', projectKey: 'acme/app' });
    expect(listed.find((token) => token.id === created.token.id)).toMatchObject({ onHost: false, stored: true });
    expectNowhere(created.secret, error.message);
  });
});
