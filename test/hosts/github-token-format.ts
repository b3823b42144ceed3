// How the GitHub simulator makes secrets, in the layouts GitHub issues (hosts-next.md §3.5):
//   ghp_ / gho_ / ghu_ / ghr_ / ghs_  + 30 base62 characters + the CRC-32 of those 30 in base62
//                                       (0-9A-Za-z), six characters, zero-padded: 40 in all.
//   github_pat_ + 22 base62 + "_" + 59 base62: 93 in all.
// The checksum is computed with node's zlib CRC-32 on purpose, apart from the product's own, so that a
// wrong table or alphabet in the product cannot hide behind the same mistake here.
import { randomInt } from 'node:crypto';
import { crc32 } from 'node:zlib';

export type GitHubTokenKind = 'classic' | 'fine-grained' | 'oauth' | 'user-to-server' | 'refresh' | 'installation';

export const GITHUB_TOKEN_PREFIX: Record<GitHubTokenKind, string> = {
  classic: 'ghp_',
  'fine-grained': 'github_pat_',
  oauth: 'gho_',
  'user-to-server': 'ghu_',
  refresh: 'ghr_',
  installation: 'ghs_',
};

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += BASE62[randomInt(62)];
  return out;
}

/** The six-character checksum GitHub puts after the 30 random characters. */
export function githubChecksum(entropy: string): string {
  let n = crc32(Buffer.from(entropy, 'latin1'));
  let out = '';
  for (let i = 0; i < 6; i += 1) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** A fresh secret of this kind, in GitHub's layout, with a correct checksum where the layout has one. */
export function makeGitHubSecret(kind: GitHubTokenKind): string {
  if (kind === 'fine-grained') return `github_pat_${randomBase62(22)}_${randomBase62(59)}`;
  const entropy = randomBase62(30);
  return `${GITHUB_TOKEN_PREFIX[kind]}${entropy}${githubChecksum(entropy)}`;
}
