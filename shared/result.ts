// Results, not exceptions, cross every boundary (IPC, CLI). Each failure carries a code
// a program can branch on and a sentence a person can read. Neither ever holds a secret.

export type ErrorCode =
  | 'validation' // the input was refused before anything was sent
  | 'auth' // the host rejected the credentials (401)
  | 'otp-required' // the host wants a (new) one-time code with the password; the password itself may be right
  | 'forbidden' // the credentials are fine but lack a permission (403)
  | 'not-found' // the host says the user, project, repository or token does not exist
  | 'conflict' // e.g. the host's token limit, a duplicate name
  | 'rate-limited' // 429 and the retries ran out
  | 'host-error' // 5xx or a response that does not match the host's published shape
  | 'network' // the host could not be reached
  | 'timeout' // the host did not answer in time
  | 'tls' // certificate problems; never "fixed" by turning verification off
  | 'insecure-url' // plain http:// to a non-loopback host
  | 'unsupported' // the host cannot do this by API
  | 'locked' // the account password is needed and not held
  | 'keychain-unavailable' // no OS keychain (or it is locked)
  | 'keychain' // another keychain failure
  | 'corrupt-data' // the metadata index could not be read; it was kept aside
  | 'forbidden-sender' // an IPC call from somewhere other than our own window
  | 'internal';

export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Failure => ({ ok: false, code, message });

/** A failure raised inside core; turned into a `Failure` at the boundary by `toFailure`. */
export class LatchError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LatchError';
  }
}

export function toFailure(error: unknown): Failure {
  if (error instanceof LatchError) return fail(error.code, error.message);
  // Anything else is a bug; its message may carry data we did not choose to show, so say nothing specific.
  return fail('internal', 'Something unexpected went wrong inside Latch. Nothing was changed.');
}
