// Whether Latch has anything to give git for a protocol and host: the one place that decides, for
// `latch setup-git` (which refuses a host Latch cannot answer for) and `latch doctor` (which reports a
// configured host with nothing behind it). An account there counts, and so do git's own credentials
// Latch keeps for a host (imported, or kept from git).
import type { Account } from '../../../shared/domain';
import type { GitCredential } from '../vault/types';
import { targetOf, type GitTarget } from './setup';

export interface AnswerSources {
  accounts: readonly Pick<Account, 'baseUrl'>[];
  gitCredentials?: readonly Pick<GitCredential, 'protocol' | 'host'>[];
}

/** The protocol://host of every place Latch answers for, as git writes them. */
export function answeredTargets(sources: AnswerSources): GitTarget[] {
  const targets = new Map<string, GitTarget>();
  for (const credential of sources.gitCredentials ?? []) {
    if (credential.protocol !== 'http' && credential.protocol !== 'https') continue;
    const target: GitTarget = { protocol: credential.protocol, host: credential.host.toLowerCase() };
    targets.set(targetName(target), target);
  }
  for (const account of sources.accounts) {
    try {
      const target = targetOf(account);
      targets.set(targetName(target), target);
    } catch {
      // an address that does not parse answers for nothing
    }
  }
  return [...targets.values()];
}

/** Does Latch answer git for this protocol and host? */
export function latchAnswersFor(target: GitTarget, sources: AnswerSources): boolean {
  return answeredTargets(sources).some((known) => known.protocol === target.protocol && known.host === target.host.toLowerCase());
}

/** `https://bitbucket.example.com`: how doctor and setup-git name a target, protocol included. */
export function targetName(target: GitTarget): string {
  return `${target.protocol}://${target.host}`;
}
