// The sentences and step objects of a leak report: what each outcome says to a person. Kept apart from
// the flow in services/leaks.ts so that file reads as the order of events.
import { describeAccount, ownerPath, type Account, type TokenOwner } from '../../../shared/domain';
import { HOSTS, type HostKind } from '../../../shared/hosts';
import type { LeakReport, LeakTokenRef } from '../../../shared/leaks';
import type { LatchError } from '../../../shared/result';
import { gitHost } from '../../../shared/url';
import { HOST_PLUGINS } from '../hosts';

/** A token the secret turned out to be, and where Latch learned that. */
export interface Target {
  account: Account;
  tokenId: string;
  name: string;
  owner: TokenOwner;
}

export type HostStep = LeakReport['host'];

export const refOf = (target: Target): LeakTokenRef => ({
  accountId: target.account.id,
  account: describeAccount(target.account),
  tokenId: target.tokenId,
  name: target.name,
  owner: target.owner,
});

export function describeTarget(target: Target): string {
  const whose = target.owner.kind === 'user' ? '' : ` (${ownerPath(target.owner)})`;
  return `token ${target.tokenId} ("${target.name}")${whose} of ${describeAccount(target.account)}`;
}

function manageUrlOf(account: Account): string | null {
  return HOSTS[account.host].manageUrl?.(account.baseUrl) ?? null;
}

export function needsPassword(account: Account, purpose: string): HostStep {
  return {
    outcome: 'needs-password',
    sentence: `Latch needs the password of ${describeAccount(account)} to ${purpose}. Nothing was changed: unlock the account, then run this again.`,
    manageUrl: manageUrlOf(account),
    code: 'locked',
    unlockAccountId: account.id,
    unlockAccount: describeAccount(account),
  };
}

/** Where the host wants a one-time code: whose, so the app can ask for it by name. */
export function codeFor(failure: LatchError, account: Account): Pick<HostStep, 'codeAccountId' | 'codeAccount'> {
  return failure.code === 'otp-required' ? { codeAccountId: account.id, codeAccount: describeAccount(account) } : {};
}

export function hostFailed(failure: LatchError, account: Account): HostStep {
  const url = manageUrlOf(account);
  return {
    outcome: 'failed',
    sentence:
      `Latch could not revoke it at ${gitHost(account.baseUrl)}: ${failure.message}` +
      (url ? ` Try again, or revoke it by hand at ${url}.` : ' Try again.'),
    manageUrl: url,
    code: failure.code,
    // A refused password was dropped from memory; the right one lets it go through.
    unlockAccountId: failure.code === 'auth' ? account.id : null,
    unlockAccount: failure.code === 'auth' ? describeAccount(account) : null,
    ...codeFor(failure, account),
  };
}

/**
 * A token Latch holds on a host that cannot revoke by API (Bitbucket Cloud): the person does it in the
 * browser. The local copies go regardless, so the sentence is only about the host.
 */
export function byHandForTarget(target: Target): HostStep {
  const { account } = target;
  const url = manageUrlOf(account);
  const ownWords = HOST_PLUGINS[account.host].revokeHeldByHand;
  const sentence = ownWords
    ? ownWords(target.name, account, url)
    : `${HOSTS[account.host].label} has no API to revoke tokens, so revoke "${target.name}" yourself now${url ? ` at ${url}` : ''}.`;
  return { outcome: 'by-hand', sentence, manageUrl: url, code: null, unlockAccountId: null, unlockAccount: null };
}

export function notFoundSentence(host: HostKind, tokenId: string, searched: Account[]): string {
  const label = HOSTS[host].label;
  if (searched.length === 0) return `Latch holds no copy of it, and has no ${label} account to look for it in.`;
  return `Latch holds no copy of it, and none of its ${label} accounts (${searched.map(describeAccount).join(', ')}) has a personal token with id ${tokenId}.`;
}

export function tokenIdNotFound(host: HostKind, tokenId: string, searched: Account[], seenAt: readonly string[]): HostStep {
  const server = seenAt[0];
  const url = server ? (HOSTS[host].manageUrl?.(server) ?? null) : null;
  const seen = seenAt.length > 0 ? ` git had it saved for ${seenAt.join(', ')}.` : '';
  const ownWords = HOST_PLUGINS[host].notFoundByHand;
  const sentence = ownWords
    ? ownWords(tokenId, searched, seen)
    : `Latch could not find token ${tokenId} among your ${HOSTS[host].label} accounts. Ask its owner to revoke it now.${seen}`;
  return { outcome: 'not-found', sentence, manageUrl: url, code: null, unlockAccountId: null, unlockAccount: null };
}

/**
 * A secret looked for among the tokens of every account of its host kind and found nowhere: someone
 * else's, or another server's. The person revokes it where it works; the host's own words say where.
 */
export function secretNotFound(host: HostKind, searched: readonly Account[], seenAt: readonly string[]): HostStep {
  const server = seenAt[0] ?? searched[0]?.baseUrl;
  const url = server ? (HOSTS[host].manageUrl?.(server) ?? null) : null;
  const seen = seenAt.length > 0 ? ` git had it saved for ${seenAt.join(', ')}.` : '';
  const ownWords = HOST_PLUGINS[host].notFoundBySecret;
  const sentence = ownWords
    ? ownWords(searched, seen)
    : `Latch did not find it among the tokens of your ${HOSTS[host].label} accounts. Ask its owner to revoke it now.${seen}`;
  return { outcome: 'by-hand', sentence, manageUrl: url, code: null, unlockAccountId: null, unlockAccount: null };
}

export function localSentence(local: LeakReport['local']): string {
  const parts: string[] = [];
  for (const ref of local.keychain) parts.push(`the keychain copy of token ${ref.tokenId} of ${ref.account}`);
  for (const account of local.passwordsForgotten) parts.push(`the password Latch kept for ${account}`);
  for (const who of local.savedByGit) parts.push(`the git credential Latch kept for ${who}`);
  for (const cleanup of local.gitCredentials) {
    parts.push(`${cleanup.lines.length === 1 ? 'line' : 'lines'} ${cleanup.lines.join(', ')} of ${cleanup.file} (${cleanup.hosts.join(', ')})`);
  }
  const removed = parts.length > 0 ? `Removed from this computer: ${parts.join('; ')}.` : 'Latch found no copy of it on this computer (keychain, git credential files).';
  return local.problems.length > 0 ? `${removed} Not everything could be removed: ${local.problems.join(' ')}` : removed;
}

export function summaryOf(report: LeakReport): string {
  const { local } = report;
  const removedAny = local.keychain.length + local.passwordsForgotten.length + local.gitCredentials.length + local.savedByGit.length > 0;
  const andLocal = local.problems.length > 0
    ? ' Some copies on this computer could not be removed; see below.'
    : removedAny
      ? ' Its copies on this computer are gone.'
      : '';
  switch (report.host.outcome) {
    case 'revoked':
      return `Revoked at the host: it no longer works.${andLocal}`;
    case 'dead':
      return `It already no longer works anywhere.${andLocal}`;
    case 'by-hand':
      return `Latch cannot revoke it itself: revoke it by hand now, as described below.${andLocal}`;
    case 'change-password':
      return `This is an account password: change it on the server now.${andLocal}`;
    case 'not-found':
      return `Latch could not find whose token this is: ask its owner or a Bitbucket administrator to revoke it.${andLocal}`;
    case 'unknown':
      return `Latch does not know this secret: change or revoke it where it was issued.${andLocal}`;
    case 'needs-password':
      return 'Latch needs an account password before it can go on. Nothing was revoked and nothing on this computer was changed.';
    case 'failed':
      return 'Nothing was revoked and nothing on this computer was changed.';
  }
}
