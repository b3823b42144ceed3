// The leak response finds a secret among the git credentials Latch keeps (saved by git for a host
// without an account, or moved in by an import) and removes them from the keychain and the index.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepGitCredential } from '../../electron/core/credential/git-credentials';
import { createHarness, type Harness } from '../core/services/harness';

let h: Harness;
beforeEach(() => {
  h = createHarness({ env: { HOME: '/nonexistent-home' } });
});
afterEach(() => h.close());

describe('latch leak and git credentials', () => {
  it('removes every git credential that holds the leaked secret, and leaves the others', async () => {
    const secret = `canary-leak-${randomUUID()}`;
    const keep = (host: string, username: string, password: string) =>
      keepGitCredential(h.keychain, h.core.store, { protocol: 'https', host, path: null, username, password, passwordExpiryUtc: null, oauthRefreshToken: null, source: 'git', used: true }, Date.now());
    await keep('git.example.com', 'bob', secret);
    await keep('mirror.example.com', 'bob', secret);
    await keep('git.example.com', 'carol', 'another password');

    const exam = await h.core.leaks.examine(secret);
    expect(exam.savedByGit.map((c) => c.host)).toEqual(['git.example.com', 'mirror.example.com']);

    const report = await h.core.leaks.respond(secret);
    expect(report.found.sentence).toContain('Latch keeps it as a git credential for git.example.com, mirror.example.com.');
    expect(report.local.savedByGit).toEqual(['bob at https://git.example.com', 'bob at https://mirror.example.com']);
    expect(report.local.sentence).toContain('the git credential Latch kept for bob at https://git.example.com');
    expect(((await h.core.store.read()).gitCredentials ?? []).map((c) => c.username)).toEqual(['carol']);
    expect(h.keychainKeys()).toEqual(['git:https://carol@git.example.com/']);
    expect(JSON.stringify(report)).not.toContain(secret);
  });
});
