// GitHub through the services with the real keychain and the simulator over a real socket: a revoke
// that GitHub accepted but did not confirm within the watch keeps Latch's copy, marked in the index as
// "revoke pending", and a later revoke that is confirmed removes it. The watch is shortened here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubAdapter } from '../../electron/core/hosts/github/adapter';
import { createHttpClient } from '../../electron/core/http';
import type { HttpClient } from '../../electron/core/http/client';
import { createHarness, type Harness } from '../core/services/harness';
import { startGitHubSimulator, type GitHubSimulator } from '../hosts/github';

let sim: GitHubSimulator;
let h: Harness;
let http: HttpClient;

beforeEach(async () => {
  sim = await startGitHubSimulator({ personality: 'enterprise', revokeDelayMs: 60_000 });
  sim.addUser({ login: 'octocat' });
  http = createHttpClient({ timeoutMs: 5_000 });
  h = createHarness({ adapterFor: (account) => new GitHubAdapter(account.baseUrl, http, { confirmBudgetMs: 300 }) });
});

afterEach(async () => {
  await h.close();
  await http.close();
  await sim.stop();
});

describe('revoking a kept GitHub token', () => {
  it('keeps the copy marked "revoke pending" while GitHub has not confirmed, and removes it once it has', async () => {
    const secret = sim.issueToken({ login: 'octocat', kind: 'classic', scopes: ['repo'] });
    const account = await h.core.accounts.add({ host: 'github', baseUrl: sim.baseUrl, email: null, token: { name: 'laptop', expiresOn: null, secret } });
    const [token] = await h.core.tokens.stored(account.id);

    const pending = await h.core.tokens.revoke(account.id, { kind: 'user' }, token!.tokenId).then(
      () => null,
      (error: unknown) => error,
    );
    expect(pending).toMatchObject({ code: 'timeout' });
    expect((pending as Error).message).toMatch(/revoke pending/);
    expect((pending as Error).message).not.toContain(secret);
    const [marked] = await h.core.tokens.stored(account.id);
    expect(marked!.revokePendingAt).not.toBeNull();
    expect(await h.keychain.get(marked!.keychainKey)).toBe(secret);
    expect(h.indexText()).toContain('revokePendingAt');
    expect(h.indexText()).not.toContain(secret);

    // GitHub got round to it: the next revoke finds it already dead and removes the copy.
    sim.revoke(secret);
    await h.core.tokens.revoke(account.id, { kind: 'user' }, token!.tokenId);
    expect(await h.core.tokens.stored(account.id)).toEqual([]);
    expect(await h.keychain.get(marked!.keychainKey)).toBeNull();
  });

  it('reads an index written before the field existed', async () => {
    const secret = sim.issueToken({ login: 'octocat', kind: 'classic' });
    const account = await h.core.accounts.add({ host: 'github', baseUrl: sim.baseUrl, email: null, token: { name: 'laptop', expiresOn: null, secret } });
    const [token] = await h.core.tokens.stored(account.id);
    expect(token).not.toHaveProperty('revokePendingAt');
    expect((await h.core.tokens.list(account.id, { kind: 'user' }))[0]).toMatchObject({ name: 'laptop', stored: true });
  });
});
