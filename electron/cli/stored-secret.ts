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
    throw new LatchError('not-found', `Latch holds no usable token for ${account.username} on ${host} (none stored, or all expired or rejected). ${nextStep(account, ref)}`);
  }
  const secret = await keychain.get(token.keychainKey);
  if (secret === null) throw new LatchError('keychain', `The keychain no longer holds the secret of "${token.name}"; store it again in Latch.`);
  return { token, secret };
}

/**
 * What to do when no token is left: a personal token is what git gets for every repository, made by API
 * where the host makes one (Data Center, Gitea), else on the host's prefilled page (GitHub), else by hand
 * in the browser and handed to Latch. On GitLab the token Latch signs in with is a candidate for git as
 * long as it works; when none is left, that one is dead too, and nothing can be made with it.
 */
function nextStep(account: Account, ref: string): string {
  const capabilities = accountCapabilities(account);
  const scopes = (capabilities.gitScopes ?? []).map((scope) => `--scope ${scope}`).join(' ');
  if (capabilities.browserToken?.manages) {
    return (
      'The token Latch signs in with has expired or was refused, so make a new one with the api scope and add the account again: ' +
      `run latch account remove ${ref} --yes, then run latch account add --host ${account.host} --url ${shellQuote(account.baseUrl)} --token-stdin`
    );
  }
  if (capabilities.createByApi && (capabilities.createOwners ?? capabilities.owners).includes('user')) {
    return `Create one with: latch token create --account ${ref} --name NAME ${scopes} --store`;
  }
  if (capabilities.newTokenPages) return `Make one in the browser and keep it with: latch token create --account ${ref} --name NAME ${scopes}`;
  const page = capabilities.manageUrl?.(account.baseUrl) ?? (capabilities.browserToken?.pageWords ?? 'the host').split(' ')[0];
  const expiry = capabilities.browserToken?.expiry === 'typed' ? ' --expires-on YYYY-MM-DD' : '';
  return `Add one you created at ${page} with: latch token add --account ${ref} --name NAME${expiry} --token-stdin`;
}
