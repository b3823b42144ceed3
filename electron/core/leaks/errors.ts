// Turning a caught error into something a person may read. Only Latch's own sentences pass: anything
// else is a bug whose message may carry data nobody chose to show, the secret included.
import { LatchError, type ErrorCode } from '../../../shared/result';

export function asLatchError(error: unknown): LatchError {
  return error instanceof LatchError ? error : new LatchError('internal', 'Something unexpected went wrong inside Latch.');
}

export function sentenceOf(error: unknown): string {
  return asLatchError(error).message;
}

/** Errors that come from this computer rather than from the host: the host may well have revoked. */
export const LOCAL_CODES: ReadonlySet<ErrorCode> = new Set(['keychain', 'keychain-unavailable', 'corrupt-data', 'internal']);

/** Trims what was pasted and refuses what cannot be one secret. Never quotes it. */
export function cleanSecret(input: string): string {
  const secret = input.trim();
  if (secret === '') throw new LatchError('validation', 'Paste the secret you believe leaked.');
  if (/[\r\n\0]/.test(secret)) throw new LatchError('validation', 'Paste one secret on its own: what was pasted spans several lines.');
  return secret;
}
