// What a person does by hand where Latch cannot revoke a secret itself: which page, which menu. The
// words are each host's own (electron/core/hosts/<host>/leak.ts). No network call is made for any of these.
import type { SecretRecognition } from '../../../shared/secret-formats';
import { HOST_PLUGINS, type ByHand } from '../hosts';

/**
 * For a secret that is not one Latch can revoke. `seenAt` are the hosts git's credential-store files
 * would have sent it to (e.g. https://gitlab.example.com): the best hint of where it works.
 */
export function byHandGuidance(recognition: SecretRecognition, secret: string, seenAt: readonly string[]): ByHand {
  const seen = seenAt.length > 0 ? ` git had it saved for ${seenAt.join(', ')}.` : '';
  if (recognition.host !== null) return HOST_PLUGINS[recognition.host].byHand(recognition, secret, seenAt, seen);
  return {
    outcome: 'unknown',
    sentence: 'Latch does not recognise this secret and holds no copy of it, so it cannot tell where it works. Change or revoke it where it was issued.' + seen,
    manageUrl: null,
  };
}
