// What a person does by hand about a Bitbucket Cloud or Atlassian secret: Atlassian has no API to revoke any of them.
import type { Account } from '../../../../shared/domain';
import { HOSTS } from '../../../../shared/hosts';
import type { SecretRecognition } from '../../../../shared/secret-formats';
import type { ByHand } from '../plugin';

export function byHand(recognition: SecretRecognition, _secret: string, _seenAt: readonly string[], seen: string): ByHand {
  switch (recognition.kind) {
    case 'bitbucket-cloud-app-password':
      return {
        outcome: 'dead',
        sentence:
          'Bitbucket Cloud app passwords stopped working on 9 June 2026, so this one no longer opens anything and there is nothing left to revoke. ' +
          'Use an Atlassian API token with scopes where you still need access.',
        manageUrl: null,
      };
    case 'atlassian-api-token':
      return {
        outcome: 'by-hand',
        sentence:
          'Atlassian has no API to revoke API tokens, so revoke it yourself now: sign in at id.atlassian.com, open Security → API tokens, and revoke it there.',
        manageUrl: HOSTS['bitbucket-cloud'].manageUrl?.('') ?? null,
      };
    default:
      return {
        outcome: 'by-hand',
        sentence:
          'Bitbucket Cloud has no API to revoke access tokens, so revoke it yourself now: in Bitbucket, open the settings of the repository, ' +
          'project or workspace it belongs to, then Access tokens, and revoke it there.' +
          seen,
        manageUrl: null,
      };
  }
}

/** An Atlassian API token: only its owner can revoke it, signed in at id.atlassian.com. */
export function revokeHeldByHand(name: string, account: Account, url: string | null): string {
  return (
    `Atlassian has no API to revoke API tokens, so revoke "${name}" yourself now: sign in at id.atlassian.com as ${account.username}, ` +
    `open Security → API tokens${url ? ` (${url})` : ''} and revoke it there. Until then it still works for anyone who has it.`
  );
}
