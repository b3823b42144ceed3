// What a pasted GitLab secret is, and whether it survived being copied, without asking the server.
// Pure string work (no Node, no DOM), so the CLI, the helper and the renderer's checks agree.
//
// GitLab names every secret it issues by a prefix (doc/security/tokens "Token prefixes"). Personal,
// project, group and impersonation tokens share glpat-. Since 2025 they are "routable":
//   glpat-<base64url payload>.<2-char version>.<2-char base36 length><7-char base36 CRC32>
// and the CRC32 covers everything before it, prefix included, so a changed, lost or doubled character
// is caught offline. An earlier form left out the version (`<payload>.<length><crc>`). Legacy tokens
// are glpat- and 20 url-safe characters, with nothing to check but their length.

export type GitLabSecretKind =
  | 'personal-access-token'
  | 'oauth-application-secret'
  | 'deploy-token'
  | 'runner-token'
  | 'ci-job-token'
  | 'trigger-token'
  | 'feed-token'
  | 'incoming-mail-token'
  | 'agent-token'
  | 'workspace-token'
  | 'scim-token'
  | 'feature-flag-client-token';

/** Longest first, so glrtr- is not read as glrt-. */
const PREFIXES: ReadonlyArray<readonly [string, GitLabSecretKind]> = [
  ['glffct-', 'feature-flag-client-token'],
  ['glagent-', 'agent-token'],
  ['glsoat-', 'scim-token'],
  ['glimt-', 'incoming-mail-token'],
  ['glcbt-', 'ci-job-token'],
  ['glptt-', 'trigger-token'],
  ['glpat-', 'personal-access-token'],
  ['gloas-', 'oauth-application-secret'],
  ['glrtr-', 'runner-token'],
  ['glrt-', 'runner-token'],
  ['gldt-', 'deploy-token'],
  ['glft-', 'feed-token'],
  ['glwt-', 'workspace-token'],
];

/** A person's words for each kind, for messages. */
export const GITLAB_SECRET_LABELS: Readonly<Record<GitLabSecretKind, string>> = {
  'personal-access-token': 'personal, project or group access token',
  'oauth-application-secret': 'OAuth application secret',
  'deploy-token': 'deploy token',
  'runner-token': 'runner token',
  'ci-job-token': 'CI/CD job token',
  'trigger-token': 'pipeline trigger token',
  'feed-token': 'feed token',
  'incoming-mail-token': 'incoming email token',
  'agent-token': 'Kubernetes agent token',
  'workspace-token': 'workspace token',
  'scim-token': 'SCIM token',
  'feature-flag-client-token': 'feature flag client token',
};

const LEGACY_PERSONAL_LENGTH = 20;
// The routable tail: payload, then version and length (or only length, in the first form), then CRC.
const ROUTABLE = /^([A-Za-z0-9_-]+)\.(?:([0-9a-z]{2})\.)?([0-9a-z]{2})([0-9a-z]{7})$/;

function prefixOf(secret: string): readonly [string, GitLabSecretKind] | undefined {
  return PREFIXES.find(([prefix]) => secret.startsWith(prefix));
}

/** Which kind of GitLab secret this is by its prefix, or null when it has none of GitLab's. */
export function gitlabSecretKind(secret: string): GitLabSecretKind | null {
  return prefixOf(secret)?.[1] ?? null;
}

/**
 * A sentence saying what is wrong with a GitLab secret as pasted, or null when nothing is.
 * A routable token's checksum is checked; a legacy personal token's length. Other kinds pass when
 * they are made of the characters GitLab uses, as their formats carry nothing more to check.
 */
export function gitlabSecretProblem(secret: string): string | null {
  if (secret === '') return 'The token is empty.';
  if (/\s/.test(secret)) return 'The token contains spaces or line breaks; GitLab tokens have none, so something else was copied with it.';
  const known = prefixOf(secret);
  if (!known) return 'This is not a GitLab token: GitLab tokens begin with glpat- (or another gl…- prefix).';
  const [prefix, kind] = known;
  const body = secret.slice(prefix.length);
  if (!/^[A-Za-z0-9_.-]+$/.test(body)) return `The ${GITLAB_SECRET_LABELS[kind]} contains a character GitLab tokens never have.`;

  const routable = ROUTABLE.exec(body);
  if (routable) {
    const [, payload, , length, crc] = routable as unknown as [string, string, string | undefined, string, string];
    if (crc32(new TextEncoder().encode(secret.slice(0, -7))).toString(36).padStart(7, '0') === crc) return null;
    const missing = Number.parseInt(length, 36) - payload.length;
    if (missing > 0) return `The token is ${plural(missing, 'character')} short: part of it was lost when it was copied.`;
    if (missing < 0) return `The token has ${plural(-missing, 'character')} too many: something was added to it when it was copied.`;
    return 'The token does not match its own checksum: a character was changed when it was copied.';
  }
  if (body.includes('.')) return `The end of this ${GITLAB_SECRET_LABELS[kind]} is damaged: it should end in a dot and its checksum.`;
  if (kind === 'personal-access-token' && body.length !== LEGACY_PERSONAL_LENGTH) {
    return `A glpat- token is either 20 characters after glpat- or the longer kind ending in a checksum; this one has ${body.length}.`;
  }
  return null;
}

/**
 * The routing payload of a routable token with a good checksum: `o` the organization, `u` the user
 * who owns it (a project or group token's bot user), `c` the cell. Null for any other secret.
 */
export function gitlabRoutingPayload(secret: string): Record<string, number> | null {
  const known = prefixOf(secret);
  if (!known || gitlabSecretProblem(secret) !== null) return null;
  const routable = ROUTABLE.exec(secret.slice(known[0].length));
  const bytes = routable ? base64UrlBytes(routable[1]!) : null;
  // 16 random bytes, the payload, and one byte giving the payload's size.
  if (!bytes || bytes.length < 17 || bytes[bytes.length - 1] !== bytes.length - 17) return null;
  const text = String.fromCharCode(...bytes.subarray(16, -1));
  const fields: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^([a-z]):([0-9a-z]+)$/.exec(line);
    if (!match) return null;
    fields[match[1]!] = Number.parseInt(match[2]!, 36);
  }
  return fields;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64UrlBytes(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = BASE64URL.indexOf(char);
    if (value < 0) return null;
    buffer = ((buffer << 6) | value) & 0xffff; // never more than 14 bits are pending
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, as zlib and Ruby's Zlib.crc32 compute it), unsigned. */
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
