// Recognising a secret someone pasted (for leak response): which host issued it and, where the format
// allows, which token it is. The formats themselves are declared by each host's table entry; this only
// tries them in order. Pure string work; the secret is never stored or echoed back.
import { HOST_KINDS, HOSTS, type HostKind, type SecretFormat } from './hosts';

/** A format's kind from a host entry (e.g. 'bitbucket-datacenter', 'atlassian-api-token'), or 'unknown'. */
export type SecretKind = string;

export interface SecretRecognition {
  kind: SecretKind;
  /** The host that issues secrets of this kind; null when unknown. */
  host: HostKind | null;
  /** The host's token id where the secret embeds it (Bitbucket Data Center). */
  tokenId: string | null;
  /** No longer opens anything anywhere (Bitbucket Cloud app passwords since 2026-06-09). */
  dead: boolean;
  /** What it is, in words safe to show. */
  description: string;
}

// Prefix formats first, in table order; shapes without a prefix last, since other secrets can look alike.
const FORMATS: ReadonlyArray<[HostKind, SecretFormat]> = HOST_KINDS.flatMap((host) =>
  HOSTS[host].secretFormats.map((format): [HostKind, SecretFormat] => [host, format]),
).sort(([, a], [, b]) => Number(a.shapeOnly ?? false) - Number(b.shapeOnly ?? false));

export function recognizeSecret(input: string): SecretRecognition {
  const secret = input.trim();
  for (const [host, format] of FORMATS) {
    if (!format.matches(secret)) continue;
    const tokenId = format.tokenId?.(secret) ?? null;
    return { kind: format.kind, host, tokenId, dead: format.dead ?? false, description: format.describe(secret, tokenId) };
  }
  return { kind: 'unknown', host: null, tokenId: null, dead: false, description: 'not a kind of token Latch knows' };
}

