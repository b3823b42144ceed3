// Secrets as GitLab makes them, for the GitLab simulator. Kept apart from the product's own check
// (electron/core/hosts/gitlab/secret-format.ts) on purpose: this side uses node's zlib CRC32 and
// Buffer, the product side its own code, so a shared mistake cannot make both agree.
//
// Routable tokens (GitLab's Authn::TokenField::Generator::RoutableToken, the default for personal,
// project and group tokens since 2025):
//   <prefix><base64url(16 random bytes ‖ routing payload ‖ 1 byte payload size)>.<version>.<length><crc>
// where the routing payload is sorted `key:value` lines with integer values in base36 (`o` the
// organization, `u` the user, `c` the cell when cells are on), the version is "01", the length is the
// base64 part's length in base36 padded to 2, and the CRC is CRC32 of everything before it
// (prefix included) in base36 padded to 7. Legacy tokens are the prefix and 20 url-safe characters.
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const PERSONAL_PREFIX = 'glpat-';

/** A routable secret carrying `routing` (e.g. `{ o: 1, u: 42 }`). */
export function routableSecret(prefix: string, routing: Record<string, number>): string {
  const payload = Object.keys(routing)
    .sort()
    .map((key) => `${key}:${routing[key]!.toString(36)}`)
    .join('\n');
  const encodable = Buffer.concat([randomBytes(16), Buffer.from(payload, 'utf8'), Buffer.from([payload.length])]);
  const base64 = encodable.toString('base64url');
  const encoded = `${prefix}${base64}.01.${base64.length.toString(36).padStart(2, '0')}`;
  return `${encoded}${crc32(encoded).toString(36).padStart(7, '0')}`;
}

/** The pre-2025 form: the prefix and Devise.friendly_token (20 url-safe characters, with l, I, O, 0 replaced). */
export function legacySecret(prefix: string): string {
  const body = randomBytes(15)
    .toString('base64url')
    .replace(/[lIO0]/g, (c) => ({ l: 's', I: 'x', O: 'y', '0': 'z' })[c]!);
  return `${prefix}${body}`;
}
