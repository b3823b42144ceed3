// What Latch checks before it sends anything to Gitea or Forgejo: the one-time code's form, that a
// token id is sent in decimal and nothing else, that a new token's name cannot be mistaken for an id,
// and that only the user's own tokens are asked for. Source: shared reference hosts-next.md §1.3–§1.4.
import type { TokenOwner } from '../../../../shared/domain';
import { LatchError } from '../../../../shared/result';
import type { HostCredentials } from '../adapter';

export function basicAuth(credentials: HostCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}

/** The code as the servers read it: six digits (spaces a person typed between them removed), or null when none was given. */
export function oneTimeCode(otp: string | undefined): string | null {
  if (otp === undefined) return null;
  const code = otp.replace(/\s+/g, '');
  if (code === '') return null;
  if (!/^\d{6}$/.test(code)) {
    throw new LatchError('validation', 'A one-time code is the six digits your authenticator app shows; recovery codes do not work here.');
  }
  return code;
}

const INT64_MAX = 2n ** 63n - 1n;

/**
 * A token id as the delete path must carry it: a positive decimal integer. The servers read the path
 * with Go's base-0 parser (0x1f is 31, 017 is 15) and anything that does not parse as a token name,
 * so any other form could delete a different token.
 */
export function decimalId(tokenId: string): string {
  if (!/^[1-9]\d{0,18}$/.test(tokenId) || BigInt(tokenId) > INT64_MAX) {
    // Not quoted: a secret pasted where the id belongs must not be printed back.
    throw new LatchError('validation', 'That is not a Gitea or Forgejo token id: those are whole numbers, as the token list shows them.');
  }
  return tokenId;
}

/** Go's integer literals in any base, with a sign and digit separators: what the servers read as an id. */
const GO_INTEGER = /^[+-]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\d[\d_]*)$/;

/** A name the servers would read as a token id when deleting by name: refused, so every token stays deletable by name too. */
export function refuseNumericName(name: string): void {
  if (GO_INTEGER.test(name)) {
    throw new LatchError('validation', 'Gitea and Forgejo read a token name made only of a number as a token id. Give the token a name with letters in it.');
  }
}

export function refuseOtherOwners(owner: TokenOwner): void {
  if (owner.kind !== 'user') throw new LatchError('unsupported', 'Gitea and Forgejo tokens belong to a user: Latch manages only your own.');
}
