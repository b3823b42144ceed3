// Tokens on a host with no token API (Bitbucket Cloud): the person makes one in the browser and pastes
// it in; Latch asks the host whose it is, keeps it for git, and lists what it keeps. Revoking happens
// in the browser. The secret never reaches an error message.
import { describeAccount, ownerPath, type Account, type AccessToken, type TokenOwner } from '../../../shared/domain';
import { accountCapabilities } from '../../../shared/hosts';
import type { BrowserToken } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { TOKEN_PAGE_WORDS } from '../../../shared/browser-token';
import type { HostToken } from '../hosts/adapter';
import { sameSecret } from '../leaks/same-secret';
import type { IndexStore } from '../vault/index-store';
import type { IndexData, Keychain, StoredToken } from '../vault/types';
import type { AdapterFor } from './accounts';
import { checkBrowserToken, newestFirst, identifyBrowserToken } from './browser-token-checks';
import { accessTokenOf } from './stored-token';

export interface AddBrowserTokenDeps {
  store: IndexStore;
  keychain: Keychain;
  adapterFor: AdapterFor;
  storeSecret: (account: Account, token: HostToken, secret: string) => Promise<StoredToken>;
  now?: () => number;
}

export async function addBrowserToken(deps: AddBrowserTokenDeps, account: Account, pasted: BrowserToken): Promise<AccessToken> {
  const capabilities = accountCapabilities(account);
  if (capabilities.signIn !== 'api-token') {
    throw new LatchError('unsupported', `Latch creates ${capabilities.label} tokens itself and keeps them as it creates them; create one in Latch instead.`);
  }
  const now = deps.now ?? Date.now;
  const paste = checkBrowserToken(pasted, capabilities, now());

  // Before asking the host: pasting the same token twice is a slip, not a new token.
  const held = (await deps.store.read()).storedTokens.filter((token) => token.accountId === account.id);
  for (const token of held) {
    const secret = await deps.keychain.get(token.keychainKey);
    if (secret !== null && sameSecret(secret, paste.secret)) {
      throw new LatchError('conflict', `Latch already keeps this token for ${describeAccount(account)}, as "${token.name}".`);
    }
  }

  // Where the account signs in with a token of its own (GitLab), it vouches for whose the pasted one is.
  const managementEntry = capabilities.browserToken?.manages ? held.find((token) => token.management === true) : undefined;
  const management = managementEntry ? ((await deps.keychain.get(managementEntry.keychainKey)) ?? undefined) : undefined;
  const { identity, token } = await identifyBrowserToken(deps.adapterFor(account), capabilities, paste, account.username, now(), management);
  if (identity.userSlug !== account.userSlug) {
    const who = account.username === account.userSlug ? account.userSlug : `${account.userSlug} (${account.username})`;
    throw new LatchError(
      'conflict',
      `This ${capabilities.browserToken?.tokenWords ?? 'token'} belongs to ${identity.userSlug}, not to ${who}; Latch keeps it only for its own account. ` +
        `If ${account.userSlug} is your old ${capabilities.label} username, remove the account from Latch and add it again with this token.`,
    );
  }
  const stored = await deps.storeSecret(account, token, paste.secret);
  return accessTokenOf(stored, true);
}

/** What Latch keeps for the account and owner, newest first. */
export function browserTokens(data: IndexData, account: Account, owner: TokenOwner): AccessToken[] {
  return data.storedTokens
    .filter((token) => token.accountId === account.id && ownerPath(token.owner) === ownerPath(owner))
    .sort(newestFirst)
    .map((token) => accessTokenOf(token, true));
}

/** The sentence for Revoke on a host that cannot revoke by API: where to do it, and what to do after. */
export function revokeInBrowser(data: IndexData, account: Account, tokenId: string): LatchError {
  const capabilities = accountCapabilities(account);
  const token = data.storedTokens.find((candidate) => candidate.accountId === account.id && candidate.tokenId === tokenId);
  const which = token ? `"${token.name}"` : 'this token';
  const where = capabilities.tokenOnly ? (capabilities.manageUrl?.(account.baseUrl) ?? capabilities.browserToken?.pageWords) : capabilities.browserToken?.pageWords;
  return new LatchError('unsupported', `${capabilities.label} has no API to revoke tokens. Revoke ${which} at ${where ?? TOKEN_PAGE_WORDS}, then remove it from Latch.`);
}
