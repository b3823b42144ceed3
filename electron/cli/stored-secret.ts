// The stored token `latch token get` and `latch exec` hand out for an account, with its secret: the
// one git would get for the account's host, chosen by the same rule (credential/match.ts).
import type { Account } from '../../shared/domain';
import { accountCapabilities } from '../../shared/hosts';
import { LatchError } from '../../shared/result';
import { gitHost } from '../../shared/url';
import { tokenForAccount } from '../core/credential/match';
import { shellQuote } from '../core/git/helper-command';
import type { Keychain, StoredToken } from '../core/vault/types';

/** What the lookup reads from the index: the app's store and the small start-up path's reader both give it. */
export interface StoredIndex {
  accounts: readonly Account[];
  storedTokens: readonly StoredToken[];
}

export async function storedSecret(keychain: Keychain, account: Account, data: StoredIndex): Promise<{ token: StoredToken; secret: string }> {
  const host = gitHost(account.baseUrl);
  const token = tokenForAccount(account, data, Date.now());
  if (!token) {
    const ref = shellQuote(`${account.username}@${host}`);
    // A host with no token API: the person creates one in the browser and hands it to Latch.
    const capabilities = accountCapabilities(account);
    const scopes = (capabilities.gitScopes ?? []).map((scope) => `--scope ${scope}`).join(' ');
    const next = capabilities.createByApi
      ? `Create one with: latch token create --account ${ref} --name NAME ${scopes} --store`
      : capabilities.newTokenPages
        ? `Make one in the browser and keep it with: latch token create --account ${ref} --name NAME ${scopes}`
        : `Add one you created at ${(capabilities.browserToken?.pageWords ?? 'the host').split(' ')[0]} with: latch token add --account ${ref} --name NAME${capabilities.browserToken?.expiry === 'typed' ? ' --expires-on YYYY-MM-DD' : ''} --token-stdin`;
    throw new LatchError('not-found', `Latch holds no usable token for ${account.username} on ${host} (none stored, or all expired or rejected). ${next}`);
  }
  const secret = await keychain.get(token.keychainKey);
  if (secret === null) throw new LatchError('keychain', `The keychain no longer holds the secret of "${token.name}"; store it again in Latch.`);
  return { token, secret };
}
