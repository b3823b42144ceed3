// Bitbucket Cloud's wire format for the one call Latch makes (GET /2.0/user), checked with zod.
// The spec's `account` schema leaves `username` out; the real API sends it, and git's clone URLs carry it.
import { z } from 'zod';

export const wireCloudUser = z.object({
  username: z.string().min(1),
  display_name: z.string().nullish(),
  nickname: z.string().nullish(),
});

/** {"type":"error","error":{"message","detail"}}; detail is a string in the spec, an object on scope errors. */
const wireCloudError = z.object({
  type: z.literal('error'),
  error: z.object({ message: z.string().nullish(), detail: z.unknown().optional() }),
});

/** The host's own message, trimmed to a length a sentence can carry; null when the body is not its error envelope. */
export function cloudMessage(body: unknown): string | null {
  const parsed = wireCloudError.safeParse(body);
  const message = parsed.success ? (parsed.data.error.message ?? '').trim() : '';
  if (message === '') return null;
  return message.length > 300 ? `${message.slice(0, 297)}...` : message;
}
