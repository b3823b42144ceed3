// What a person does by hand about a Bitbucket Data Center secret Latch cannot revoke itself.
import type { Account } from '../../../../shared/domain';
import { HOSTS } from '../../../../shared/hosts';
import type { ByHand } from '../plugin';

const manageUrl = (server: string | undefined) => (server ? (HOSTS['bitbucket-datacenter'].manageUrl?.(server) ?? null) : null);

/** Only reached when the secret does not embed a readable token id. */
export function byHand(_recognition: unknown, _secret: string, seenAt: readonly string[], seen: string): ByHand {
  return {
    outcome: 'by-hand',
    sentence:
      'Latch cannot tell which token this is, so revoke it yourself: sign in to the Bitbucket server it works on, open Manage account → HTTP access tokens, ' +
      'and revoke it there (a project or repository token is under that project’s or repository’s settings).' +
      seen,
    manageUrl: manageUrl(seenAt[0]),
  };
}

export function notFoundByHand(tokenId: string, searched: readonly Account[], seen: string): string {
  return searched.length === 0
    ? `Latch cannot revoke token ${tokenId} without an account on its server. Sign in to the Bitbucket server it works on and revoke it under ` +
        `Manage account → HTTP access tokens, or ask that server's administrator to.${seen}`
    : `Token ${tokenId} may belong to another user, or to a project or repository. Ask its owner, or a Bitbucket administrator, ` +
        `to revoke it now.${seen}`;
}

export { manageUrl as dataCenterManageUrl };
