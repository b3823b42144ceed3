// The shape of index.json, checked every time it is read: a file on disk is a trust boundary too.
// Objects are loose so fields added by a later Latch survive a rewrite by this one.
import { z } from 'zod';
import { DEFAULT_SETTINGS, HOST_KINDS } from '../../../shared/domain';
import { ownerSchema, unlockMinutesSchema } from '../../../shared/schemas';
import { keychainKeys, type IndexData } from './types';

const isoOrNull = z.string().nullable();

const accountSchema = z.looseObject({
  id: z.string().min(1),
  host: z.enum(HOST_KINDS),
  baseUrl: z.string().min(1),
  username: z.string().min(1),
  userSlug: z.string().min(1),
  displayName: z.string(),
  server: z.string().max(200).optional(),
  signIn: z.literal('api-token').optional(),
  rememberPassword: z.boolean(),
  isDefault: z.boolean(),
  createdAt: z.string(),
  readOnly: z.boolean().optional(),
});

const storedTokenSchema = z.looseObject({
  accountId: z.string().min(1),
  tokenId: z.string().min(1),
  name: z.string(),
  owner: ownerSchema,
  scopes: z.array(z.string()),
  gitUsername: z.string().nullable(),
  createdAt: isoOrNull,
  expiresAt: isoOrNull,
  lastUsedAt: isoOrNull,
  rejectedAt: isoOrNull,
  revokePendingAt: isoOrNull.optional(),
  refusal: z
    .object({ at: z.string(), path: z.string().nullable(), check: z.enum(['dead', 'alive', 'unsure']) })
    .nullable()
    .optional(),
  management: z.boolean().optional(),
  keychainKey: z.string().min(1),
  useForGit: z.boolean().optional(),
}).refine((token) => token.keychainKey === keychainKeys.token(token.accountId, token.tokenId), {
  // The key follows from the entry; any other would let the file point a reader at another secret.
  message: 'a stored token names a keychain entry that is not its own',
  path: ['keychainKey'],
});

const gitCredentialSchema = z.looseObject({
  protocol: z.string().min(1),
  host: z.string().min(1),
  path: z.string().nullable(),
  username: z.string(),
  passwordExpiryUtc: z.string().nullable(),
  keychainKey: z.string().min(1),
  refreshTokenKey: z.string().nullable(),
  source: z.string(),
  createdAt: z.string(),
  lastUsedAt: isoOrNull,
});

const settingsSchema = z.looseObject({
  keepCredentialsFromGit: z.boolean().default(DEFAULT_SETTINGS.keepCredentialsFromGit),
  unlockMinutes: unlockMinutesSchema.default(DEFAULT_SETTINGS.unlockMinutes),
});

const indexSchema = z.looseObject({
  version: z.literal(1),
  accounts: z.array(accountSchema),
  storedTokens: z.array(storedTokenSchema),
  gitCredentials: z.array(gitCredentialSchema).optional(),
  settings: settingsSchema.default({ ...DEFAULT_SETTINGS }),
  remindersShown: z.array(z.string()).optional(),
});

export function emptyIndex(): IndexData {
  return { version: 1, accounts: [], storedTokens: [], settings: { ...DEFAULT_SETTINGS } };
}

export type IndexCheck = { ok: true; data: IndexData } | { ok: false; reason: string; newerVersion: boolean };

/** Parses the file's text; says in a few words what is wrong when it cannot be used. */
export function checkIndex(text: string): IndexCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON', newerVersion: false };
  }
  const version = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined;
  if (typeof version === 'number' && version > 1) {
    return { ok: false, reason: `it was written by a newer version of Latch (format ${version})`, newerVersion: true };
  }
  const parsed = indexSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    if (issue?.code === 'custom') return { ok: false, reason: `${issue.message}${where}`, newerVersion: false };
    return { ok: false, reason: `its contents do not have the expected shape${where}`, newerVersion: false };
  }
  return { ok: true, data: parsed.data as IndexData };
}
