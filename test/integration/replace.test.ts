// Replacing a token in one action on a host with no rotate API (Bitbucket Data Center): the real
// adapter over HTTP to the simulator, the real keychain, a real index. git must keep working through
// the swap, the old token must die only once the new secret is kept, and a create whose answer was lost
// must leave the old token alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/domain';
import { keychainKeys } from '../../electron/core/vault/types';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { createHarness, type Harness } from '../core/services/harness';
import { filesContaining } from '../e2e/support/canary';
import { caught } from '../core/caught';

const PASSWORD = 'correct horse battery staple';
let sim: BitbucketDataCenterSimulator;
let h: Harness;
let alice: AccountView;

beforeEach(async () => {
  sim = new BitbucketDataCenterSimulator();
  const { baseUrl } = await sim.start();
  sim.addUser({ username: 'alice', password: PASSWORD });
  h = createHarness({ requestTimeoutMs: 1_000 });
  alice = await h.core.accounts.add({ host: 'bitbucket-datacenter', baseUrl, username: 'alice', password: PASSWORD, rememberPassword: true });
});

afterEach(async () => {
  await h.close();
  await sim.stop();
});

const USER = { kind: 'user' } as const;

async function createKept(name: string) {
  return h.core.tokens.create({ accountId: alice.id, name, scopes: ['PROJECT_READ', 'REPO_WRITE'], expiryDays: 30, owner: USER, store: true });
}

describe('replacing a token', () => {
  it('makes a new one with the same name, permissions and lifetime, keeps it for git in place of the old, and revokes the old', async () => {
    const old = await createKept('laptop git');
    await h.core.tokens.useForGit(alice.id, old.token.id);

    const replaced = await h.core.tokens.replace(alice.id, USER, old.token.id);

    expect(replaced.oldRevoked).toBe(true);
    expect(replaced.token).toMatchObject({ name: 'laptop git', scopes: ['PROJECT_READ', 'REPO_WRITE'], stored: true });
    expect(replaced.token.id).not.toBe(old.token.id);
    const lifetime = Date.parse(replaced.token.expiresAt!) - Date.parse(replaced.token.createdAt!);
    expect(Math.round(lifetime / 86_400_000)).toBe(30);
    // The old one is dead at the host and gone from Latch; the new one works, is kept, and git gets it.
    expect(sim.authenticate(old.secret, 'alice')).toBeNull();
    expect(sim.authenticate(replaced.secret, 'alice')?.token?.id).toBe(replaced.token.id);
    const stored = await h.core.tokens.stored(alice.id);
    expect(stored.map((token) => [token.tokenId, token.useForGit === true])).toEqual([[replaced.token.id, true]]);
    expect(await h.realKeychain.get(keychainKeys.token(alice.id, replaced.token.id))).toBe(replaced.secret);
    expect(await h.realKeychain.get(keychainKeys.token(alice.id, old.token.id))).toBeNull();
    // The canary: the new secret is in the keychain only, never in a file.
    expect(filesContaining(h.home, replaced.secret)).toEqual([]);
    expect(h.indexText()).not.toContain(replaced.secret);
  });

  it('keeps the old token, still working for git, when the host fails the revoke, and says so', async () => {
    const old = await createKept('ci');
    sim.failNextOf('DELETE', 500, 3); // DELETE is retried; make every try fail
    const replaced = await h.core.tokens.replace(alice.id, USER, old.token.id);
    expect(replaced.oldRevoked).toBe(false);
    expect(replaced.oldProblem).toMatch(new RegExp(`the old one \\(ID ${old.token.id}\\) was not revoked\\. Bitbucket had a problem of its own`));
    expect(sim.authenticate(old.secret, 'alice')?.token?.id).toBe(old.token.id);
    expect((await h.core.tokens.stored(alice.id)).map((token) => token.tokenId).sort()).toEqual([old.token.id, replaced.token.id].sort());
  });

  it('leaves the old token alone when the answer to the create never came, and says what was made', async () => {
    const old = await createKept('deploy');
    sim.delayNextCreate(3_000);
    const error = await caught(h.core.tokens.replace(alice.id, USER, old.token.id));
    expect(error.message).toMatch(/The token "deploy" \(id \d{12}\) was created, but its secret was lost in transit/);
    expect(sim.authenticate(old.secret, 'alice')?.token?.id).toBe(old.token.id);
    expect((await h.core.tokens.stored(alice.id)).map((token) => token.tokenId)).toEqual([old.token.id]);
    // One create, never repeated.
    expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(2);
  });

  it('says so when the token is no longer on the host', async () => {
    const error = await caught(h.core.tokens.replace(alice.id, USER, '000000000009'));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('no token 000000000009');
  });
});
