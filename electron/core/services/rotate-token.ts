// Rotating a token on the host (GitLab): the old secret dies and the new one is returned once; a kept
// copy of the old secret is replaced by the new one in the same action, so git never presents the dead one.
import type { CreatedToken, TokenOwner } from '../../../shared/domain';
import { HOSTS } from '../../../shared/hosts';
import { expiryDaysProblem } from '../../../shared/schemas';
import { LatchError } from '../../../shared/result';
import { replaceStored } from './stored-secrets';
import type { TokensDeps } from './token-deps';
import { checkOwner, sameOwner } from './token-owner';

export async function rotateToken(deps: TokensDeps, accountId: string, owner: TokenOwner, tokenId: string, expiryDays: number | null): Promise<CreatedToken> {
  const { store, keychain, accounts, adapterFor } = deps;
  const account = await accounts.get(accountId);
  const capabilities = HOSTS[account.host];
  const adapter = adapterFor(account);
  if (!capabilities.rotateByApi || !adapter.rotateToken) {
    throw new LatchError('unsupported', `${capabilities.label} has no API to rotate tokens: create a new one and revoke the old.`);
  }
  checkOwner(account, owner);
  const daysProblem = expiryDaysProblem(expiryDays);
  if (daysProblem) throw new LatchError('validation', daysProblem);
  const expiresOn = expiryDays === null ? null : new Date((deps.now ?? Date.now)() + expiryDays * 86_400_000).toISOString().slice(0, 10);
  const old = (await store.read()).storedTokens.find((token) => token.accountId === accountId && token.tokenId === tokenId && sameOwner(token.owner, owner));
  const rotated = await accounts.withCredentials(account, (credentials) => adapter.rotateToken!(credentials, account.userSlug, owner, tokenId, expiresOn), owner);
  const result: CreatedToken = {
    token: { ...rotated.token, stored: false, rejected: false, onHost: true },
    secret: rotated.secret,
    gitUsername: capabilities.gitUsername(owner, account),
  };
  if (old) {
    // The host already rotated it: whatever happens here, the person still gets the new secret once.
    try {
      await replaceStored(store, keychain, account, old, rotated.token, rotated.secret);
      result.token.stored = true;
    } catch (error) {
      const reason = error instanceof LatchError ? ` ${error.message}` : '';
      result.storeError = `The token was rotated, but Latch could not replace its kept copy in the keychain.${reason} Copy the new secret now: it cannot be shown again, and the old one no longer works.`;
    }
  }
  return result;
}

/** The account's own management token (GitLab), rotated like any kept token. */
export async function rotateManagementToken(deps: TokensDeps, accountId: string, expiryDays: number | null): Promise<CreatedToken> {
  const held = (await deps.store.read()).storedTokens.find((token) => token.accountId === accountId && token.management === true);
  if (!held) throw new LatchError('not-found', 'This account has no token of its own that Latch signs in with, so there is nothing to rotate.');
  return rotateToken(deps, accountId, held.owner, held.tokenId, expiryDays);
}
