// Looking for a leaked secret Latch does not hold, at the servers of the person's own accounts: among
// each account's tokens by what the host lists of every secret, and by the server deleting the token
// with the secret alone where it can (Gitea 1.27). The leak steps reach it through SecretSearchPort.
import { accountCapabilities } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';
import type { SecretSearchPort } from '../leaks/ports';
import type { AccountsService, AdapterFor } from './accounts';

export interface SecretSearchDeps {
  accounts: AccountsService;
  adapterFor: AdapterFor;
}

export function createSecretSearch(deps: SecretSearchDeps): SecretSearchPort {
  const { accounts, adapterFor } = deps;
  return {
    async find(accountId, secret) {
      const account = await accounts.get(accountId);
      const adapter = adapterFor(account);
      // An account kept without a password (a security key) cannot read its token list.
      if (!adapter.findTokenBySecret || !accountCapabilities(account).listByApi) return { searched: false, token: null };
      const found = await accounts.withCredentials(account, (credentials) => adapter.findTokenBySecret!(credentials, account.userSlug, secret));
      return { searched: true, token: found ? { ...found, stored: false, rejected: false, onHost: true } : null };
    },

    async revokeBySecret(accountId, secret) {
      const account = await accounts.get(accountId);
      const adapter = adapterFor(account);
      if (!adapter.revokeBySecret) return null;
      try {
        return await adapter.revokeBySecret(secret);
      } catch (error) {
        // This server cannot (Forgejo, Gitea before 1.27): the next step looks among the tokens instead.
        if (error instanceof LatchError && error.code === 'unsupported') return null;
        throw error;
      }
    },

    async check(accountId, secret) {
      const account = await accounts.get(accountId);
      const adapter = adapterFor(account);
      return adapter.checkToken ? adapter.checkToken(secret, account) : { verdict: 'unsure' };
    },
  };
}
