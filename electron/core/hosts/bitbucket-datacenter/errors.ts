// Bitbucket Data Center's error answers, as sentences a person can act on. The host's own messages
// (e.g. "maximum number of tokens") are passed on because they say exactly what to change.
import type { TokenOwner } from '../../../../shared/domain';
import { LatchError } from '../../../../shared/result';
import type { HttpResponse } from '../../http/client';
import { SignInChallengeError } from '../adapter';
import { printable } from '../../../../shared/terminal-text';
import { hostMessages } from './wire';
import { waitWords } from '../wait-words';

/** What the request was about, for "could not find …" sentences. */
export interface Subject {
  userSlug?: string;
  owner?: TokenOwner;
  tokenId?: string;
}

function ownerWords(subject: Subject): string {
  const owner = subject.owner;
  if (!owner || owner.kind === 'user') return subject.userSlug ? `the user "${subject.userSlug}"` : 'that user';
  if (owner.kind === 'project') return `the project "${owner.projectKey}"`;
  if (owner.kind === 'group') return `the group "${owner.groupPath}"`;
  return `the repository "${owner.projectKey}/${owner.repoSlug}"`;
}

function withHostWords(sentence: string, messages: string[]): string {
  return messages.length === 0 ? sentence : `${sentence} Bitbucket says: ${messages.join(' ')}`;
}

const TOKEN_LIMIT = /maximum number of/i;

export function errorFor(response: HttpResponse, subject: Subject): LatchError {
  // The host's words go into one sentence on one line, without any control sequence.
  const messages = hostMessages(response.json).map((message) => printable(message).trim());
  const status = response.status;
  if (status === 400) {
    const text = messages.length > 0 ? messages.join(' ') : 'Bitbucket refused the request as invalid.';
    // The token limit is not a typing mistake: an old token has to go first.
    if (messages.some((message) => TOKEN_LIMIT.test(message))) {
      return new LatchError('conflict', `${text} Revoke a token you no longer use, then try again.`);
    }
    return new LatchError('validation', text);
  }
  if (status === 401) {
    // Data Center's CAPTCHA after repeated failures arrives as a header on the 401.
    const denied = response.headers['x-authentication-denied-reason'];
    if (typeof denied === 'string' && /captcha/i.test(denied)) {
      return new SignInChallengeError('Bitbucket wants a CAPTCHA after failed sign-ins: sign in once in your browser, then try again here.');
    }
    const owner = subject.owner;
    if (owner && owner.kind !== 'user') {
      return new LatchError('auth', `Bitbucket rejected the username or password, or your account may not manage tokens of ${ownerWords(subject)}.`);
    }
    return new LatchError('auth', 'Bitbucket rejected the username or password.');
  }
  if (status === 403) {
    return new LatchError('forbidden', withHostWords('Your Bitbucket account is not allowed to do this.', messages));
  }
  if (status === 404) {
    const missing = subject.tokenId ? `the token ${subject.tokenId} of ${ownerWords(subject)}` : ownerWords(subject);
    return new LatchError('not-found', withHostWords(`Bitbucket could not find ${missing}.`, messages));
  }
  if (status === 429) {
    return new LatchError('rate-limited', `Bitbucket is limiting how often it can be asked right now. ${waitWords(response.retryAfterMs)}`);
  }
  if (status >= 500) {
    return new LatchError('host-error', `Bitbucket had a problem of its own (HTTP ${status}). Try again later; if it keeps happening, tell the server's administrator.`);
  }
  return new LatchError('host-error', `Bitbucket answered in a way Latch did not expect (HTTP ${status}).`);
}

export function malformed(what: string): LatchError {
  return new LatchError('host-error', `Bitbucket's answer to ${what} did not look like a Bitbucket Data Center answer. Check the server address.`);
}
