// Gitea's and Forgejo's error answers, as sentences a person can act on. A refused sign-in is told
// apart by the server's words where it gives them (Forgejo names a wrong, missing or reused one-time
// code; Gitea says "invalid username, password or token" for all of these and a wrong password alike).
// The server's own message is passed on only where it says what to change, with any secret cut out.
// Sources: shared reference hosts-next.md §1.3–§1.5; Gitea routers/api/v1/api.go, services/auth/basic.go;
// Forgejo services/auth/method/basic.go.
import { HOSTS } from '../../../../shared/hosts';
import { LatchError } from '../../../../shared/result';
import type { HttpResponse } from '../../http/client';
import { SecurityKeyError } from '../adapter';
import { waitWords } from '../wait-words';
import type { GiteaServer } from './version';
import { hostMessage } from './wire';

/** How the request was made, for telling its refusals apart. */
export interface Asked {
  server: GiteaServer;
  /** The server's address, for pointing to its token page. */
  baseUrl: string | null;
  /** A one-time code went with it. */
  otpSent: boolean;
  /** Everything secret the request carried (password, code, token), cut out of any message shown. */
  secrets: readonly string[];
}

/** What the request was about, for "could not find …" sentences. */
export interface Subject {
  userSlug?: string;
  tokenId?: string;
  tokenName?: string;
}

const WEBAUTHN = /webauthn|security key/i;
const OTP_REUSED = /reuse/i;
const OTP_INVALID = /\botp\b|passcode/i;
const NOT_BY_PASSWORD = /^(auth required|auth method not allowed)$/i;
const GITEA_ANY_REFUSAL = /invalid username, password or token/i;
const NAME_TAKEN = /name has been used/i;
const BAD_SCOPE = /invalid access token scope/i;
const NO_SCOPE = /must have a scope/i;
const NOT_SELF = /doer should be/i;
const SCOPE_NEEDED = /required scope\(s\)(?:, required=|: )\[([^\]]*)\]/i;
const NO_USER = /user (redirect )?does not exist|GetUserByName/i;

const manageWhere = (baseUrl: string | null) => {
  const url = baseUrl ? HOSTS.gitea.manageUrl?.(baseUrl) : null;
  return url ? `under Settings → Applications (${url})` : 'under Settings → Applications';
};

/** An account with a security key or passkey: the server takes its password from no program at all. */
export function securityKeyError(product: string, baseUrl: string | null): LatchError {
  return new SecurityKeyError(
    `${product} refuses the password of an account with a security key or passkey to every program, so Latch cannot manage this account's tokens. ` +
      `Create and delete them in your browser ${manageWhere(baseUrl)}.`,
  );
}

function refusedSignIn(response: HttpResponse, asked: Asked, said: string): LatchError {
  const p = asked.server.product;
  if (WEBAUTHN.test(said)) return securityKeyError(p, asked.baseUrl);
  // The client tried again after a broken connection, with the code the first try may have used up.
  if (asked.otpSent && response.attempts > 1) {
    return new LatchError(
      'otp-required',
      `The connection broke while ${p} was checking the one-time code, and a code works only once. Give the next code from your authenticator app and try again.`,
    );
  }
  if (OTP_REUSED.test(said)) {
    return new LatchError('otp-required', `${p} had already taken that one-time code, and each code works only once. Wait for the next code from your authenticator app and try again.`);
  }
  if (OTP_INVALID.test(said)) {
    return asked.otpSent
      ? new LatchError('otp-required', `${p} refused the one-time code. Give the code your authenticator app shows now; it changes every 30 seconds.`)
      : new LatchError('otp-required', `This ${p} account uses two-factor authentication: give the one-time code from your authenticator app as well.`);
  }
  if (NOT_BY_PASSWORD.test(said)) {
    return new LatchError('auth', `${p} accepted these credentials, but not for managing tokens: sign in with your account password, not an access token.`);
  }
  if (GITEA_ANY_REFUSAL.test(said)) {
    // Gitea says the same for a wrong password and for a missing, wrong or used one-time code.
    return asked.otpSent
      ? new LatchError(
          'otp-required',
          `${p} refused the password or the one-time code, and does not say which. A code works once, for about 30 seconds: try again with the next one, and if that is refused too, check the password.`,
        )
      : new LatchError(
          'otp-required',
          `${p} refused the sign-in: either the username or password is wrong, or the account uses two-factor authentication and needs a one-time code (${p} does not say which). ` +
            'Check the password, and give the code from your authenticator app if the account has two-factor authentication.',
        );
  }
  return new LatchError('auth', `${p} refused the username or password.`);
}

export function errorFor(response: HttpResponse, asked: Asked, subject: Subject): LatchError {
  const p = asked.server.product;
  const status = response.status;
  const said = hostMessage(response.json, asked.secrets);
  const theirWords = (sentence: string) => (said ? `${sentence} ${p} says: ${said}` : sentence);
  const user = subject.userSlug ? `"${subject.userSlug}"` : 'this user';
  if (status === 401) return refusedSignIn(response, asked, said ?? '');
  if (status === 400 || status === 422) {
    if (said && NAME_TAKEN.test(said)) {
      const name = subject.tokenName ? ` named "${subject.tokenName}"` : ' of that name';
      return new LatchError('conflict', `This account already has a token${name}, and ${p} wants each name once. Choose another name.`);
    }
    if (said && NO_SCOPE.test(said)) return new LatchError('validation', `Choose at least one scope: ${p} makes no token without one.`);
    if (said && BAD_SCOPE.test(said)) return new LatchError('validation', theirWords(`${p} does not know one of the scopes asked for.`));
    return new LatchError('validation', theirWords(`${p} refused the request as invalid.`));
  }
  if (status === 403) {
    if (said && NOT_SELF.test(said)) {
      return new LatchError('forbidden', `${p} does not let this account manage the tokens of ${user}: sign in as that user.`);
    }
    const scope = said ? SCOPE_NEEDED.exec(said) : null;
    if (scope) return new LatchError('forbidden', `${p} accepted the token, but its scopes do not allow this (it would need ${scope[1]}).`);
    return new LatchError('forbidden', theirWords(`${p} does not allow this account to do that.`));
  }
  if (status === 404) {
    if (response.json === undefined) return notGitea();
    if (subject.tokenId) return new LatchError('not-found', `${p} has no token with id ${subject.tokenId} for ${user}; it may have been deleted already.`);
    if (said && NO_USER.test(said)) {
      const email = subject.userSlug?.includes('@') ? ' Sign in with your username rather than your e-mail address.' : '';
      return new LatchError('not-found', `${p} has no user ${user}.${email}`);
    }
    return new LatchError('not-found', `${p} could not find what Latch asked for (HTTP 404). Check the server address.`);
  }
  if (status === 429) return new LatchError('rate-limited', `${p} is limiting how often it can be asked right now. ${waitWords(response.retryAfterMs)}`);
  if (status >= 500) {
    return new LatchError('host-error', `${p} had a problem of its own (HTTP ${status}). Try again later; if it keeps happening, tell the server's administrator.`);
  }
  return new LatchError('host-error', `${p} answered in a way Latch did not expect (HTTP ${status}).`);
}

/** An answer that is not what Gitea or Forgejo would send. */
export function malformed(product: string, what: string): LatchError {
  return new LatchError('host-error', `${product}'s answer to ${what} did not look like a Gitea or Forgejo answer. Check the server address.`);
}

/** The address answers, but not as Gitea or Forgejo do. */
export function notGitea(): LatchError {
  return new LatchError('host-error', 'No Gitea or Forgejo API answers at this address. Check the server address (the one you open in the browser, without /api/v1).');
}
