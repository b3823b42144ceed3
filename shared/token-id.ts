// What a token id looks like, and the one mistake worth catching early: a secret typed where the id
// goes would be sent in a URL path (into the host's access logs) and echoed back in messages.
import { recognizeSecret } from './secret-formats';

/** Data Center's 12 digits, other hosts' numbers or short slugs. */
export const TOKEN_ID_PATTERN = /^[0-9A-Za-z_-]{1,64}$/;

/** A sentence saying why this is not a token id (never quoting it), or null when it is one. */
export function tokenIdProblem(text: string): string | null {
  if (recognizeSecret(text).kind !== 'unknown') {
    return 'That is a token\'s secret, not its id; it was not sent anywhere. To revoke a secret that leaked, run: latch leak';
  }
  if (!TOKEN_ID_PATTERN.test(text)) return 'TOKEN_ID is the id `latch token list` shows (for Bitbucket Data Center, 12 digits).';
  return null;
}
