// What Latch can do for one account: the host's entry, or its token-only facts for an account kept
// without a password (a Gitea or Forgejo account with a security key or passkey).
import { describe, expect, it } from 'vitest';
import { accountCapabilities, HOSTS, revokesBySecret } from '../../shared/hosts';

describe('accountCapabilities', () => {
  it('is the host entry for an account that signs in as its host does', () => {
    expect(accountCapabilities({ host: 'gitea' })).toBe(HOSTS.gitea);
    expect(accountCapabilities({ host: 'bitbucket-cloud', signIn: 'api-token' })).toBe(HOSTS['bitbucket-cloud']);
    // A host with no token-only facts keeps its own entry whatever the account says.
    expect(accountCapabilities({ host: 'bitbucket-datacenter', signIn: 'api-token' })).toBe(HOSTS['bitbucket-datacenter']);
  });

  it('for a Gitea account kept without a password: no create or list by API, revoke by the token itself, no password or code', () => {
    const kept = accountCapabilities({ host: 'gitea', signIn: 'api-token' });
    expect(kept).toMatchObject({ signIn: 'api-token', twoFactor: false, createByApi: false, listByApi: false, revokeByApi: false, revokeBySecret: true });
    expect(kept.browserToken).toMatchObject({ username: true, email: false, expiry: 'reported', tokenWords: 'access token' });
    expect(kept.manageUrl?.('https://git.example.com')).toBe('https://git.example.com/user/settings/applications');
    // A token deletes itself from Gitea 1.27 on; an unnamed server is given the benefit of the doubt.
    const on = (server: string | null) => kept.revokeBySecretOn?.(server);
    expect([on('Gitea 1.27.1'), on('Gitea 2.0.0'), on('Gitea 1.26.1'), on('Gitea 1.9.0'), on('Forgejo 16.0.1'), on('Gitea'), on(null)]).toEqual([
      true, true, false, false, false, true, true,
    ]);
    // The rest is the host's: scopes, git's username, the secrets it issues.
    expect(kept.namedScopes).toBe(HOSTS.gitea.namedScopes);
    expect(kept.restAuth).toBe('token-header');
  });

  it('offers revoke by the secret only where the account\'s server can do it', () => {
    expect(revokesBySecret({ host: 'github' })).toBe(true);
    expect(revokesBySecret({ host: 'gitea', signIn: 'api-token', server: 'Gitea 1.27.1' })).toBe(true);
    expect(revokesBySecret({ host: 'gitea', signIn: 'api-token', server: 'Gitea 1.26.1' })).toBe(false);
    expect(revokesBySecret({ host: 'gitea', signIn: 'api-token', server: 'Forgejo 16.0.1' })).toBe(false);
    expect(revokesBySecret({ host: 'bitbucket-cloud', signIn: 'api-token' })).toBe(false);
  });
});
