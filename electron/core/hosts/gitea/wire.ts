// Gitea's and Forgejo's wire format, checked with zod and turned into domain types. Token ids are
// numbers; created_at and last_used_at exist only on newer servers (Gitea 1.27, Forgejo 16 without
// last_used_at); the create answer carries the secret in `sha1`, and servers before Gitea 1.22.3
// answer it with `scopes: null` (shared reference hosts-next.md §1.4).
import { z } from 'zod';
import type { TokenOwner } from '../../../../shared/domain';
import type { HostToken } from '../adapter';

/** What Gitea and Forgejo issue: 20 random bytes in lowercase hex. */
export const SECRET_SHAPE = /^[0-9a-f]{40}$/;

/** Go writes a time it never set as year 1; that is no date at all. */
const GO_ZERO_TIME = /^0001-01-01/;

const wireDate = z.string().refine((text) => !Number.isNaN(Date.parse(text)));

/** A database id: a positive integer JavaScript holds exactly. */
const wireId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const wireToken = z.object({
  id: wireId,
  name: z.string().min(1),
  token_last_eight: z.string().nullish(),
  scopes: z.array(z.string()).nullish(),
  created_at: wireDate.nullish(),
  last_used_at: wireDate.nullish(),
});
export type WireToken = z.infer<typeof wireToken>;

export const wireTokenList = z.array(wireToken);

export const wireCreatedToken = wireToken.extend({ sha1: z.string() });

/** GET /api/v1/token (Gitea ≥ 1.27): the calling token and whose it is. */
export const wireCurrentToken = z.object({
  id: wireId,
  name: z.string(),
  scopes: z.array(z.string()).nullish(),
  user: z.object({ login: z.string().min(1) }),
});

export const wireUser = z.object({
  login: z.string().min(1),
  full_name: z.string().nullish(),
});

export const wireVersion = z.object({ version: z.string().min(1).max(200) });

export const wireApiSettings = z.object({ max_response_items: z.number().int().positive().nullish() });

const wireError = z.object({ message: z.string().nullish(), errors: z.array(z.string()).nullish() });

function toIso(value: string | null | undefined): string | null {
  if (value === null || value === undefined || GO_ZERO_TIME.test(value)) return null;
  return new Date(Date.parse(value)).toISOString();
}

export function toHostToken(wire: WireToken, owner: TokenOwner): HostToken {
  const createdAt = toIso(wire.created_at);
  const touched = toIso(wire.last_used_at);
  return {
    // Always the decimal form: it is what a delete sends back, and the server reads other forms as other ids.
    id: String(wire.id),
    name: wire.name,
    // Tokens made before scopes existed (or by servers before 1.22.3 without any) have none.
    scopes: wire.scopes ?? [],
    createdAt,
    // Gitea and Forgejo tokens never expire.
    expiresAt: null,
    // Gitea reports the row's update time, which is the creation time until the token is first used.
    lastUsedAt: touched !== null && touched !== createdAt ? touched : null,
    owner,
  };
}

/** The last eight characters the server shows of each token (and finds it by). */
export function lastEight(wire: WireToken): string | null {
  return wire.token_last_eight ?? null;
}

/**
 * The server's own message, fit to show a person: only from the `{message}` envelope, with control
 * characters gone, anything shaped like a token secret or equal to one of `secrets` hidden, and cut short.
 */
export function hostMessage(body: unknown, secrets: readonly string[] = []): string | null {
  const parsed = wireError.safeParse(body);
  if (!parsed.success) return null;
  let text = (parsed.data.message ?? '').replace(/\p{Cc}+/gu, ' ').trim();
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('…');
  text = text.replace(/[0-9a-fA-F]{40}/g, '…');
  if (text === '') return null;
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
