// One plaintext credential found on this computer: what is shown (the finding, never the secret), the
// secret itself (kept in memory for the check and the move), and where it sits, so it can be removed.
import { createHash } from 'node:crypto';
import type { ImportFinding } from '../../../shared/imports';
import type { NetrcEntry } from './netrc';
import type { RemoteUrl } from './remote-urls';

export type Place =
  /** A credential-store file's line, by its text as read (the line git may have moved since). */
  | { kind: 'store-file'; file: string; text: string }
  | { kind: 'netrc'; file: string; entry: NetrcEntry }
  | { kind: 'remote'; remote: RemoteUrl };

export interface Found {
  finding: ImportFinding;
  secret: string;
  place: Place;
}

/** Names a finding by where it is and whose it is, never by its secret. */
export function findingId(parts: ReadonlyArray<string | number | null>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}
