// What a person does by hand about what may be a Gitea or Forgejo token.
import { HOSTS } from '../../../../shared/hosts';
import type { ByHand } from '../plugin';

export function byHand(_recognition: unknown, _secret: string, seenAt: readonly string[], seen: string): ByHand {
  const server = seenAt[0];
  return {
    outcome: 'by-hand',
    sentence:
      'Latch cannot revoke Gitea or Forgejo tokens yet, so if this is one, revoke it yourself now under Settings → Applications on the server it works on.' +
      seen,
    manageUrl: server ? (HOSTS.gitea.manageUrl?.(server) ?? null) : null,
  };
}
