// Revoking at the host through tokens.revoke, which drops the keychain copy and the index entry only
// once the host confirmed, so a failure leaves everything on this computer as it was.
import type { LeakTokenRef } from '../../../shared/leaks';
import { gitHost } from '../../../shared/url';
import { asLatchError, LOCAL_CODES, sentenceOf } from './errors';
import type { TokensPort } from './ports';
import { byHandForTarget, hostFailed, needsPassword, refOf, type HostStep, type Target } from './report-words';
import { describeAccount } from '../../../shared/domain';

/** What the steps removed and what they could not, gathered as they go. */
export interface Tally {
  keychainRemoved: LeakTokenRef[];
  problems: string[];
}

/**
 * All targets are one token (one secret), perhaps stored under several accounts: once a server
 * confirmed, the other copies for that server are only forgotten.
 */
export async function revokeAt(tokens: TokensPort, targets: Target[], tally: Tally, isDead?: (target: Target) => Promise<boolean>): Promise<HostStep> {
  const confirmedAt = new Set<string>();
  let revoked: Target | null = null;
  for (const target of targets) {
    const { account } = target;
    const stored = (await tokens.stored(account.id)).some((token) => token.tokenId === target.tokenId);
    if (confirmedAt.has(account.baseUrl)) {
      await forgetCopy(tokens, target, tally);
      continue;
    }
    try {
      await tokens.revoke(account.id, target.owner, target.tokenId);
      if (stored) tally.keychainRemoved.push(refOf(target));
    } catch (error) {
      const failure = asLatchError(error);
      if (failure.code === 'locked') {
        // No password to revoke with: a secret the host already refuses needs no revoke, which the
        // secret itself can tell (one read, changing nothing); then only the copies go.
        if (isDead && (await isDead(target))) return alreadyDead(tokens, targets, tally);
        return needsPassword(account, 'revoke it there');
      }
      // Kept without a password on a server where a token cannot delete itself: only the browser can.
      if (failure.code === 'unsupported' && account.signIn === 'api-token') {
        await forgetCopy(tokens, target, tally);
        return byHandForTarget(target);
      }
      if (!(LOCAL_CODES.has(failure.code) && (await goneFromHost(tokens, target)))) return hostFailed(failure, account);
      // Revoked at the host; only the local copy stayed behind.
      tally.problems.push(failure.message);
    }
    confirmedAt.add(account.baseUrl);
    revoked ??= target;
  }
  const first = revoked ?? targets[0]!;
  return {
    outcome: 'revoked',
    sentence:
      `Revoked at ${gitHost(first.account.baseUrl)}: token ${first.tokenId} ("${first.name}") of ${describeAccount(first.account)} ` +
      'no longer works; anything that used it has to be given a new token.',
    manageUrl: null,
    code: null,
    unlockAccountId: null,
    unlockAccount: null,
  };
}

/** The secret no longer opens its host: every copy Latch holds is dropped, and nothing is revoked. */
async function alreadyDead(tokens: TokensPort, targets: Target[], tally: Tally): Promise<HostStep> {
  for (const target of targets) await forgetCopy(tokens, target, tally);
  const first = targets[0]!;
  return {
    outcome: 'dead',
    sentence:
      `${gitHost(first.account.baseUrl)} already refuses it: token ${first.tokenId} ("${first.name}") of ${describeAccount(first.account)} ` +
      'no longer works (revoked or expired), so there was nothing to revoke and no password was needed.',
    manageUrl: null,
    code: null,
    unlockAccountId: null,
    unlockAccount: null,
  };
}

/** Drops the keychain copy and index entry of a token without asking the host. */
export async function forgetCopy(tokens: TokensPort, target: Target, tally: Tally): Promise<void> {
  try {
    if (await tokens.remove(target.account.id, target.tokenId)) tally.keychainRemoved.push(refOf(target));
  } catch (error) {
    tally.problems.push(`Latch could not remove its keychain copy of token ${target.tokenId} of ${describeAccount(target.account)}: ${sentenceOf(error)}`);
  }
}

/** Is the token gone from the host? Asked only after an error that arose on this computer. */
async function goneFromHost(tokens: TokensPort, target: Target): Promise<boolean> {
  try {
    // The list also shows a stored token the host no longer has (onHost false): that one is gone.
    const listed = await tokens.list(target.account.id, target.owner);
    return !listed.some((token) => token.id === target.tokenId && token.onHost);
  } catch {
    return false;
  }
}
