// What a person does by hand about what may be a Gitea or Forgejo token that Latch could not revoke
// itself: one of no account Latch has, or one it looked for among its accounts' tokens and did not find.
import { describeAccount, type Account } from '../../../../shared/domain';
import { HOSTS } from '../../../../shared/hosts';
import type { ByHand } from '../plugin';

const REVOKE = 'revoke it now under Settings → Applications on the server it works on, or ask its owner or the server\'s administrator to.';

/** Reached when Latch has no Gitea or Forgejo account to look in: the secret was sent nowhere. */
export function byHand(_recognition: unknown, _secret: string, seenAt: readonly string[], seen: string): ByHand {
  const server = seenAt[0];
  return {
    outcome: 'by-hand',
    sentence: `Latch holds no copy of it and has no Gitea or Forgejo account to look for it in. If it is a Gitea or Forgejo token, ${REVOKE}` + seen,
    manageUrl: server ? (HOSTS.gitea.manageUrl?.(server) ?? null) : null,
  };
}

export function notFoundBySecret(searched: readonly Account[], seen: string): string {
  const where = searched.length > 0 ? ` (${searched.map(describeAccount).join(', ')})` : '';
  return `None of your Gitea or Forgejo accounts${where} has this token. If it is a Gitea or Forgejo token, it is someone else's or another server's: ${REVOKE}${seen}`;
}

/**
 * A token Latch keeps for an account with a security key (no password in Latch) on a server that cannot
 * delete a token given only the token (Forgejo, Gitea before 1.27): the person deletes it in the browser.
 */
export function revokeHeldByHand(name: string, account: Account, manageUrl: string | null): string {
  return (
    `${account.server ?? 'This server'} cannot delete a token given only the token, and Latch has no password for ${describeAccount(account)} (it has a security key or passkey), ` +
    `so delete "${name}" yourself now${manageUrl ? ` at ${manageUrl}` : ' under Settings → Applications'}.`
  );
}
