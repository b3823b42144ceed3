// Revoking a token: on the host first (by its id, or by its kept secret where the host revokes only
// that way), and Latch's copy goes only once the host confirms.
import type { Account, TokenOwner } from '../../../shared/domain';
import { accountCapabilities, HOSTS } from '../../../shared/hosts';
import { LatchError } from '../../../shared/result';
import { revokeInBrowser } from './browser-tokens';
import { removeStored } from './stored-secrets';
import type { TokensDeps } from './token-deps';
import { checkOwner, sameOwner } from './token-owner';

export async function revokeToken(deps: TokensDeps, accountId: string, owner: TokenOwner, tokenId: string): Promise<void> {
  const { store, keychain, accounts, adapterFor } = deps;
  const account = await accounts.get(accountId);
  checkOwner(account, owner);
  const capabilities = accountCapabilities(account);
  if (!capabilities.revokeByApi && capabilities.revokeBySecret && capabilities.browserToken !== null) {
    await revokeKeptBySecret(deps, account, tokenId);
    return;
  }
  if (!capabilities.revokeByApi) throw revokeInBrowser(await store.read(), account, tokenId);
  try {
    await accounts.withCredentials(account, (credentials) =>
      adapterFor(account).revokeToken(credentials, account.userSlug, owner, tokenId),
      owner,
    );
  } catch (error) {
    // Already gone on the host is what the person wanted, but only for a token Latch holds under this
    // very owner: a 404 for a mistyped id or the wrong project says nothing about the token being dead.
    const held = (await store.read()).storedTokens.some(
      (token) => token.accountId === accountId && token.tokenId === tokenId && sameOwner(token.owner, owner),
    );
    if (!(error instanceof LatchError && error.code === 'not-found' && held)) throw error;
  }
  try {
    await removeStored(store, keychain, accountId, tokenId);
  } catch (error) {
    const reason = error instanceof LatchError ? error : null;
    throw new LatchError(
      reason?.code ?? 'keychain',
      `The token was revoked on the host, but Latch could not remove its copy from the keychain. ${reason?.message ?? ''}`.trim(),
    );
  }
}

/**
 * A host that cannot revoke by name but kills a token given its secret (GitHub): the kept secret goes to
 * the host; the local copy goes once the host confirms it dead, and stays, marked, while it does not.
 */
async function revokeKeptBySecret(deps: TokensDeps, account: Account, tokenId: string): Promise<void> {
  const { store, keychain, adapterFor } = deps;
  const entry = (await store.read()).storedTokens.find((token) => token.accountId === account.id && token.tokenId === tokenId);
  const secret = entry ? await keychain.get(entry.keychainKey) : null;
  if (!entry || secret === null) {
    throw new LatchError('not-found', `Latch holds no token ${tokenId} for ${account.username}; it can revoke only tokens whose secret it keeps.`);
  }
  const adapter = adapterFor(account);
  if (!adapter.revokeBySecret) throw revokeInBrowser(await store.read(), account, tokenId);
  let outcome: Awaited<ReturnType<NonNullable<typeof adapter.revokeBySecret>>>;
  try {
    outcome = await adapter.revokeBySecret(secret);
  } catch (error) {
    // A server that cannot delete a token given only the token (Forgejo, Gitea before 1.27).
    if (error instanceof LatchError && error.code === 'unsupported' && account.signIn === 'api-token') {
      const page = accountCapabilities(account).manageUrl?.(account.baseUrl) ?? 'the host';
      throw new LatchError('unsupported', `${error.message} Delete "${entry.name}" in your browser at ${page}, then remove it from Latch.`);
    }
    throw error;
  }
  if (outcome === 'pending') {
    const now = new Date((deps.now ?? Date.now)()).toISOString();
    await store.update((data) => {
      const kept = data.storedTokens.find((token) => token.accountId === account.id && token.tokenId === tokenId);
      if (kept) kept.revokePendingAt = now;
    });
    throw new LatchError(
      'timeout',
      `${HOSTS[account.host].label} accepted the request to revoke "${entry.name}" but has not confirmed yet that it no longer works, so Latch keeps its copy, marked "revoke pending". ` +
        `Check in a minute that it is gone from ${HOSTS[account.host].manageUrl?.(account.baseUrl) ?? 'the host'}, then run the revoke again.`,
    );
  }
  await removeStored(store, keychain, account.id, tokenId);
}
