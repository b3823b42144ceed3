// GitLab's wire format (REST v4), checked with zod and turned into domain types. Ids are numbers on
// the wire and strings in Latch; expiry dates are days that end at 00:00 UTC (hosts-next.md §2.5).
import { z } from 'zod';
import type { TokenOwner } from '../../../../shared/domain';
import type { HostToken } from '../adapter';

const isoDateTime = z.string().refine((text) => !Number.isNaN(Date.parse(text)));
/** YYYY-MM-DD: the day at whose first moment (UTC) the token stops working. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** API::Entities::PersonalAccessToken, and the ResourceAccessToken fields projects and groups add. */
export const wireToken = z.object({
  id: z.number().int().nonnegative(),
  name: z.string(),
  revoked: z.boolean().nullish(),
  active: z.boolean().nullish(),
  created_at: isoDateTime.nullish(),
  scopes: z.array(z.string()).nullish(),
  user_id: z.number().int().nullish(),
  last_used_at: isoDateTime.nullish(),
  expires_at: day.nullish(),
  access_level: z.number().int().nullish(),
});
export type WireToken = z.infer<typeof wireToken>;

export const wireTokenList = z.array(wireToken);

/** Create and rotate answers: the token once, in `token`. */
export const wireNewToken = wireToken.extend({ token: z.string().min(1) });

/** GET /user (UserPublic) and GET /users/:id, the fields Latch reads. */
export const wireUser = z.object({
  id: z.number().int(),
  username: z.string().min(1),
  name: z.string().nullish(),
  bot: z.boolean().nullish(),
});
export type WireUser = z.infer<typeof wireUser>;

/** The end of an expiry day as ISO: GitLab tokens stop at 00:00 UTC on `expires_at`. */
export function expiryInstant(expiresAt: string | null | undefined): string | null {
  return expiresAt ? `${expiresAt}T00:00:00.000Z` : null;
}

function toIso(value: string | null | undefined): string | null {
  return value ? new Date(Date.parse(value)).toISOString() : null;
}

export function toHostToken(wire: WireToken, owner: TokenOwner): HostToken {
  return {
    id: String(wire.id),
    name: wire.name,
    scopes: wire.scopes ?? [],
    createdAt: toIso(wire.created_at),
    expiresAt: expiryInstant(wire.expires_at),
    lastUsedAt: toIso(wire.last_used_at),
    owner,
    ...(owner.kind !== 'user' && typeof wire.access_level === 'number' ? { accessLevel: wire.access_level } : {}),
  };
}

const wireError = z.object({
  message: z.unknown().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
  scope: z.string().optional(),
});

/** What an error body says: GitLab's {"message"} (a string or a field → messages object), Grape's {"error"}, or OAuth's. */
export interface HostComplaint {
  /** The host's own words, cleaned: "Expires at must be before 2027-11-01". Empty when it said nothing readable. */
  text: string;
  /** OAuth error code: invalid_token, insufficient_scope. */
  error: string | null;
  description: string | null;
  /** The scopes an insufficient_scope answer names (any one would do). */
  scopes: string[];
}

/** Any GitLab token in a host message is cut out before the message is shown. */
const SECRET_LIKE = /\bgl[a-z]{1,7}-[A-Za-z0-9_.-]{8,}/g;

export function cleanHostText(text: string): string {
  const clean = text
    .replace(SECRET_LIKE, '[a token]')
    // GitLab prefixes its own status: "400 Bad request - reason", "404 Project Not Found".
    .replace(/^\d{3} Bad request - /i, '')
    .split('')
    .map((char) => (char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f ? ' ' : char))
    .join('')
    .trim();
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}

function messageWords(message: unknown): string {
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.filter((item) => typeof item === 'string').join(' ');
  if (message && typeof message === 'object') {
    // {"expires_at": ["must be before 2027-11-01"]} → "expires at must be before 2027-11-01"
    return Object.entries(message as Record<string, unknown>)
      .map(([field, value]) => `${field.replace(/_/g, ' ')} ${messageWords(value)}`.trim())
      .join('; ');
  }
  return '';
}

export function complaintOf(body: unknown): HostComplaint {
  const parsed = wireError.safeParse(body);
  if (!parsed.success) return { text: '', error: null, description: null, scopes: [] };
  const { message, error, error_description: description, scope } = parsed.data;
  const words = message !== undefined ? messageWords(message) : (error ?? '');
  return {
    text: cleanHostText(words),
    error: error ?? null,
    description: description ? cleanHostText(description) : null,
    scopes: scope ? scope.split(/\s+/).filter((item) => item !== '') : [],
  };
}
