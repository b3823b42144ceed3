// Recognising a secret someone pasted (for leak response): which host issued it and, where the format
// allows, which token it is. Pure string work; the secret is never stored or echoed back.

export type SecretKind =
  | 'bitbucket-datacenter'
  | 'bitbucket-cloud-app-password'
  | 'atlassian-api-token'
  | 'bitbucket-cloud-access-token'
  | 'github'
  | 'gitlab'
  | 'gitea'
  | 'unknown';

export interface SecretRecognition {
  kind: SecretKind;
  /** The host's token id where the secret embeds it (Bitbucket Data Center). */
  tokenId: string | null;
  /** App passwords stopped working on 2026-06-09. */
  dead: boolean;
}

function base64Decode(text: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  try {
    return typeof atob === 'function' ? atob(text) : null;
  } catch {
    return null;
  }
}

/** Bitbucket Data Center secrets are `BBDC-` + base64 of `<12-digit id>:<random bytes>` (older ones lack the prefix). */
export function bitbucketDataCenterTokenId(secret: string): string | null {
  const body = secret.startsWith('BBDC-') ? secret.slice(5) : secret;
  const decoded = base64Decode(body);
  const match = decoded ? /^(\d{12}):/.exec(decoded) : null;
  return match ? match[1]! : null;
}

export function recognizeSecret(input: string): SecretRecognition {
  const secret = input.trim();
  const unknown: SecretRecognition = { kind: 'unknown', tokenId: null, dead: false };
  if (secret.startsWith('BBDC-')) return { kind: 'bitbucket-datacenter', tokenId: bitbucketDataCenterTokenId(secret), dead: false };
  if (secret.startsWith('ATBB')) return { kind: 'bitbucket-cloud-app-password', tokenId: null, dead: true };
  if (secret.startsWith('ATATT')) return { kind: 'atlassian-api-token', tokenId: null, dead: false };
  if (secret.startsWith('ATCTT')) return { kind: 'bitbucket-cloud-access-token', tokenId: null, dead: false };
  if (/^(ghp_|github_pat_|gho_|ghu_|ghs_|ghr_)/.test(secret)) return { kind: 'github', tokenId: null, dead: false };
  if (/^gl[a-z]{1,4}-/.test(secret)) return { kind: 'gitlab', tokenId: null, dead: false };
  const legacyId = bitbucketDataCenterTokenId(secret);
  if (legacyId) return { kind: 'bitbucket-datacenter', tokenId: legacyId, dead: false };
  if (/^[0-9a-f]{40}$/.test(secret)) return { kind: 'gitea', tokenId: null, dead: false };
  return unknown;
}
