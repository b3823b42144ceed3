// Whether a pasted string is a GitHub token, which kind, and whether it was copied whole, without
// asking GitHub (hosts-next.md §3.5). GitHub's 40-character tokens carry a checksum: a type prefix,
// 30 base62 characters, then the CRC-32 of those 30 characters written in base62 (0-9, A-Z, a-z) as
// six characters, zero-padded. A typo almost always breaks it, so Latch can say so before any network
// call and before a wrong secret reaches the keychain. Pure string work; the secret is never quoted back.
import { crc32 } from './crc32';

export type GitHubSecretKind = 'classic' | 'fine-grained' | 'oauth' | 'user-to-server' | 'refresh' | 'installation';

const PREFIXES: ReadonlyArray<readonly [string, GitHubSecretKind]> = [
  ['github_pat_', 'fine-grained'],
  ['ghp_', 'classic'],
  ['gho_', 'oauth'],
  ['ghu_', 'user-to-server'],
  ['ghr_', 'refresh'],
  ['ghs_', 'installation'],
];

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Prefix (4) + 30 random characters + 6 checksum characters. */
const CHECKSUMMED_LENGTH = 40;
const ENTROPY_LENGTH = 30;
/** github_pat_ + 22 characters + "_" + 59 characters. Its checksum scheme, if any, is not published: length only. */
const FINE_GRAINED_LENGTH = 93;
/** GitHub's own examples show refresh tokens of 80 characters; their layout is not published, so only the characters are checked. */
const LONG_REFRESH_LENGTH = 80;

/** What the prefix says the token is; null when it has none of GitHub's prefixes. Whether the rest holds up is githubSecretProblem's question. */
export function githubSecretKind(secret: string): GitHubSecretKind | null {
  const text = secret.trim();
  return PREFIXES.find(([prefix]) => text.startsWith(prefix))?.[1] ?? null;
}

/** The six base62 characters GitHub appends to these 30: the CRC-32 of them, most significant digit first. */
function checksum(entropy: string): string {
  let n = crc32(entropy);
  let out = '';
  while (n > 0) {
    out = BASE62[n % 62]! + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(6, '0');
}

const RETYPE = 'copy it again from where you saved it, whole.';

function lengthProblem(prefix: string, lengths: number[], actual: number): string {
  return `A GitHub token beginning with ${prefix} is ${lengths.join(' or ')} characters long and this one has ${actual}: ${RETYPE}`;
}

/**
 * The sentence to show when `secret` cannot be a GitHub token as pasted, or null when it can.
 * Surrounding whitespace is the copy's, not the token's, and is ignored.
 */
export function githubSecretProblem(secret: string): string | null {
  const text = secret.trim();
  if (text === '') return 'Paste the GitHub token.';
  if (/\s/.test(text)) return 'A GitHub token has no spaces or line breaks: paste only the token.';
  const kind = githubSecretKind(text);
  if (kind === null) return 'That is not a GitHub token: GitHub tokens begin with ghp_, github_pat_, gho_, ghu_, ghs_ or ghr_.';

  const prefix = PREFIXES.find(([, k]) => k === kind)![0];
  const body = text.slice(prefix.length);
  const allowed = kind === 'fine-grained' ? /^[A-Za-z0-9_]*$/ : /^[A-Za-z0-9]*$/;
  if (!allowed.test(body)) return `That GitHub token has a character GitHub never puts in one: ${RETYPE}`;

  if (kind === 'fine-grained') {
    return text.length === FINE_GRAINED_LENGTH ? null : lengthProblem(prefix, [FINE_GRAINED_LENGTH], text.length);
  }
  if (kind === 'refresh' && text.length === LONG_REFRESH_LENGTH) return null;
  if (text.length !== CHECKSUMMED_LENGTH) {
    return lengthProblem(prefix, kind === 'refresh' ? [CHECKSUMMED_LENGTH, LONG_REFRESH_LENGTH] : [CHECKSUMMED_LENGTH], text.length);
  }
  if (checksum(body.slice(0, ENTROPY_LENGTH)) !== body.slice(ENTROPY_LENGTH)) {
    return 'That GitHub token has a typo: its last six characters do not match the rest.';
  }
  return null;
}
