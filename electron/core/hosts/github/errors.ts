// GitHub's answers to a token check (GET /user) and to revocation by secret (POST /credentials/revoke),
// as sentences a person can act on. `server` names the server in words ("GitHub", or "the GitHub
// Enterprise Server at git.example.com"). The secret is never quoted, and GitHub's own message is
// repeated only with anything token-like cut out.
import { LatchError } from '../../../../shared/result';
import type { HttpResponse } from '../../http/client';
import { waitWords } from '../wait-words';
import { githubMessage, isRateLimited, wireRetryAfterMs } from './wire';

function says(response: HttpResponse, secret: string): string {
  const said = githubMessage(response.json, secret);
  return said ? ` GitHub says: ${said}` : '';
}

function rateLimited(server: string, response: HttpResponse, now: number): LatchError {
  const wait = response.retryAfterMs ?? wireRetryAfterMs(response.headers, now);
  return new LatchError('rate-limited', `${capital(server)} is limiting how often it can be asked right now. ${waitWords(wait)}`);
}

function capital(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function unexpected(server: string, response: HttpResponse, secret: string): LatchError {
  if (response.status >= 500) {
    return new LatchError('host-error', `${capital(server)} had a problem of its own (HTTP ${response.status}). Try again later.`);
  }
  return new LatchError(
    'host-error',
    `${capital(server)} answered in a way Latch did not expect (HTTP ${response.status}).${says(response, secret)}`,
  );
}

/** A refusal of GET /user, asked with the token itself. */
export function userErrorFor(response: HttpResponse, server: string, secret: string, now: number = Date.now()): LatchError {
  const status = response.status;
  if (status === 401) {
    return new LatchError(
      'auth',
      `${capital(server)} refused this token: it is mistyped, has expired or was revoked. Create a new one and give it to Latch.`,
    );
  }
  if (isRateLimited(status, response.headers)) return rateLimited(server, response, now);
  if (status === 403) {
    return new LatchError(
      'forbidden',
      `${capital(server)} accepted this token but would not say whose it is.${says(response, secret)} ` +
        'If your organization uses single sign-on, authorize the token for it on the token page, then try again.',
    );
  }
  return unexpected(server, response, secret);
}

/** A refusal of POST /credentials/revoke that is not the Enterprise Server asking for credentials (the adapter retries that once). */
export function revokeErrorFor(response: HttpResponse, server: string, secret: string, now: number = Date.now()): LatchError {
  const status = response.status;
  if (isRateLimited(status, response.headers)) {
    const wait = response.retryAfterMs ?? wireRetryAfterMs(response.headers, now);
    return new LatchError(
      'rate-limited',
      `${capital(server)} takes only a few revocation requests an hour from one address, and this one has used them up. ` +
        `The token was not revoked yet. ${waitWords(wait)}`,
    );
  }
  if (status === 422) {
    return new LatchError(
      'validation',
      `${capital(server)} did not take the revocation request: it found it invalid, or too many were sent recently. ` +
        'The token was not revoked. Check that it is a whole GitHub token, or wait a while and try again.',
    );
  }
  if (status === 401 || status === 403) {
    return new LatchError(
      'forbidden',
      `${capital(server)} refused to revoke the token from Latch.${says(response, secret)} Revoke it yourself on the token page instead.`,
    );
  }
  return unexpected(server, response, secret);
}

/** GET /user answered 200 with something that is not a user. */
export function githubMalformed(server: string): LatchError {
  return new LatchError('host-error', `${capital(server)}'s answer to the token check did not say whose token it is. Check the server address.`);
}

/** An Enterprise Server without POST /credentials/revoke (older versions): 'unsupported', so the caller can offer the settings page. */
export function revokeEndpointMissing(server: string, tokensPage: string): LatchError {
  return new LatchError(
    'unsupported',
    `${capital(server)} cannot revoke a token from its secret alone: it is too old for that. ` +
      `If the token is yours, delete it at ${tokensPage}; if not, ask the server's administrators to revoke it.`,
  );
}

/** ghs_: an app's installation token, which no person's API call revokes. */
export function installationTokenRefused(): LatchError {
  return new LatchError(
    'validation',
    'That is a GitHub App installation token (ghs_): it stops working by itself within an hour of being made, and only the app that made it can revoke it sooner. ' +
      'Latch sent nothing to GitHub.',
  );
}
