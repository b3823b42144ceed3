// The stored token `latch token get` and `latch exec` hand out for an account, with its secret: the
// one git would get for the account's host, chosen by the same rule (credential/match.ts).
import type { Account } from '../../shared/domain';
import { accountCapabilities } from '../../shared/hosts';
import { LatchError } from '../../shared/result';
import { gitHost } from '../../shared/url';
import type { Core } from '../core';
import { tokenForAccount } from '../core/credential/match';
import { shellQuote } from '../core/git/helper-command';
import type { IndexData, StoredToken } from '../core/vault/types';

export async function storedSecret(core: Core, account: Account, data: IndexData): Promise<{ token: StoredToken; secret: string }> {
  const host = gitHost(account.baseUrl);
  const token = tokenForAccount(account, data, Date.now());
  if (!token) {
    const ref = shellQuote(`${account.username}@${host}`);
    // A host with no token API: the person creates one in the browser and hands it to Latch.
    const capabilities = accountCapabilities(account);
    const typed = capabilities.browserToken?.expiry === 'typed' ? ' --expires-on YYYY-MM-DD' : '';
    const page = capabilities.manageUrl?.(account.baseUrl) ?? 'the host';
    const next = capabilities.createByApi
      ? `Create one with: latch token create --account ${ref} --name NAME --scope REPO_READ --store`
      : `Add one you created at ${page} with: latch token add --account ${ref} --name NAME${typed} --token-stdin`;
    throw new LatchError('not-found', `Latch holds no usable token for ${account.username} on ${host} (none stored, or all expired or rejected). ${next}`);
  }
  const secret = await core.keychain.get(token.keychainKey);
  if (secret === null) throw new LatchError('keychain', `The keychain no longer holds the secret of "${token.name}"; store it again in Latch.`);
  return { token, secret };
}
