// Bitbucket Cloud's error answers to the API-token check, as sentences a person can act on. A 401
// there says the email and token do not go together; a 403 says the token lacks the scope Latch needs.
import { LatchError } from '../../../../shared/result';
import type { HttpResponse } from '../../http/client';
import { cloudMessage } from './wire';
import { waitWords } from '../wait-words';

export const READ_USER_SCOPE = 'read:user:bitbucket';

/** `email` is what the person typed as their Atlassian account email; never the token. */
export function cloudErrorFor(response: HttpResponse, email: string): LatchError {
  const status = response.status;
  if (status === 401) {
    return new LatchError(
      'auth',
      `Bitbucket Cloud refused this API token for ${email}. Check that ${email} is your Atlassian account email, ` +
        'and that the token is an API token with scopes for Bitbucket that has not expired or been revoked.',
    );
  }
  if (status === 403) {
    return new LatchError(
      'forbidden',
      `This API token lacks the scope ${READ_USER_SCOPE}, which Latch needs to check whose token it is. ` +
        'Create one that includes it at id.atlassian.com.',
    );
  }
  if (status === 429) {
    return new LatchError('rate-limited', `Bitbucket Cloud is limiting how often it can be asked right now. ${waitWords(response.retryAfterMs)}`);
  }
  if (status >= 500) {
    return new LatchError('host-error', `Bitbucket Cloud had a problem of its own (HTTP ${status}). Try again later.`);
  }
  const said = cloudMessage(response.json);
  return new LatchError(
    'host-error',
    `Bitbucket Cloud answered in a way Latch did not expect (HTTP ${status}).${said ? ` Bitbucket says: ${said}` : ''}`,
  );
}

export function cloudMalformed(): LatchError {
  return new LatchError('host-error', "Bitbucket Cloud's answer to the token check did not say whose token it is. Check the server address.");
}
