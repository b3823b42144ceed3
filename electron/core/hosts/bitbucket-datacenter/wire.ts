// Bitbucket Data Center's wire format, checked with zod and turned into domain types. Real servers
// differ from the published spec (createdDate is epoch ms, not a date-time string), so both are accepted.
import { z } from 'zod';
import type { TokenOwner } from '../../../../shared/domain';
import { expiresAt } from '../../../../shared/expiry';
import type { HostToken } from '../adapter';

/** Epoch milliseconds (what servers send) or an ISO date-time (what the spec says). */
const wireDate = z.union([z.number(), z.string().refine((text) => !Number.isNaN(Date.parse(text)))]);

export const wireToken = z.object({
  // Ids are 12-digit strings that may begin with 0: a number here would already have lost digits.
  id: z.string().min(1),
  name: z.string(),
  createdDate: wireDate.nullish(),
  lastAuthenticated: wireDate.nullish(),
  expiryDays: z.number().int().nullish(),
  permissions: z.array(z.string()).nullish(),
});
export type WireToken = z.infer<typeof wireToken>;

export const wireRawToken = wireToken.extend({ token: z.string().min(1) });

export const wireTokenPage = z.object({
  values: z.array(wireToken),
  isLastPage: z.boolean(),
  start: z.number().int().nullish(),
  nextPageStart: z.number().int().nullish(),
});

const wireUser = z.object({
  name: z.string(),
  slug: z.string().min(1),
  displayName: z.string().nullish(),
  emailAddress: z.string().nullish(),
});

export const wireUserPage = z.object({
  values: z.array(wireUser),
  isLastPage: z.boolean(),
  nextPageStart: z.number().int().nullish(),
});

const wireErrors = z.object({
  errors: z.array(z.object({ message: z.string().nullish(), context: z.string().nullish() })),
});

function toIso(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return new Date(typeof value === 'number' ? value : Date.parse(value)).toISOString();
}

export function toHostToken(wire: WireToken, owner: TokenOwner): HostToken {
  const createdAt = toIso(wire.createdDate);
  return {
    id: wire.id,
    name: wire.name,
    scopes: wire.permissions ?? [],
    createdAt,
    expiresAt: expiresAt(createdAt, wire.expiryDays ?? null),
    lastUsedAt: toIso(wire.lastAuthenticated),
    owner,
  };
}

/** The host's own error sentences, if the body carries the `{errors:[{message}]}` envelope. */
export function hostMessages(body: unknown): string[] {
  const parsed = wireErrors.safeParse(body);
  if (!parsed.success) return [];
  return parsed.data.errors
    .map((error) => (error.message ?? '').trim())
    .filter((message) => message !== '')
    // A host message is shown to the person as-is; keep a runaway one from flooding the screen.
    .map((message) => (message.length > 300 ? `${message.slice(0, 297)}...` : message));
}
