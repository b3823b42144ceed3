// Every zod schema: the rules a value follows wherever it comes from (a form, an IPC call, the CLI,
// index.json), each written once with the sentence a person is shown. Main refuses any IPC input
// that does not parse with its channel's schema (shared/contract.ts names which one).
import { z } from 'zod';
import { HOST_KINDS, type AddAccountInput, type CreateTokenRequest, type BrowserToken, type Settings, type TokenOwner } from './domain';
import { MAX_EXPIRY_DAYS } from './expiry';
import { TOKEN_ID_PATTERN } from './token-id';
import { NAMESPACE_PATH_PATTERN, PROJECT_KEY_PATTERN } from './owners';

type Same<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;

/**
 * `schema`, typed by its domain type once tsc has checked that it takes and answers exactly `T`. A
 * field added to the type and not the schema, or the other way round, fails the build ("Expected 2
 * arguments"), so a domain type and its schema cannot drift apart.
 */
export const exactly =
  <T>() =>
  <S extends z.ZodType>(
    schema: S,
    ..._drift: Same<z.input<S>, T> extends true ? (Same<z.output<S>, T> extends true ? [] : [never]) : [never]
  ): z.ZodType<T, T> =>
    schema as z.ZodType<T, T>;

const id = z.string().min(1).max(200);
const tokenId = z.string().regex(TOKEN_ID_PATTERN);
const secret = z.string().min(1).max(4096);
const baseUrl = z.string().min(1).max(2048);
/** A one-time code from an authenticator app, for the one host call it goes with. */
const otp = z.string().max(16).optional();
// A Bitbucket project key or a GitLab project path; which of the two a host takes is checked by the
// service against the host table (`ownerProblem`), so a Bitbucket key never gets a slash.
const projectKey = z.string().refine((key) => PROJECT_KEY_PATTERN.test(key) || NAMESPACE_PATH_PATTERN.test(key));
const groupPath = z.string().regex(NAMESPACE_PATH_PATTERN);

export const ownerSchema = exactly<TokenOwner>()(
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('user') }).strict(),
    z.object({ kind: z.literal('project'), projectKey }).strict(),
    z.object({ kind: z.literal('repository'), projectKey, repoSlug: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/) }).strict(),
    z.object({ kind: z.literal('group'), groupPath }).strict(),
  ]),
);

export const TOKEN_NAME_MAX_LENGTH = 255;

/** A token's name as it is saved: trimmed, not empty, at most TOKEN_NAME_MAX_LENGTH characters. */
export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the token a name.')
  .max(TOKEN_NAME_MAX_LENGTH, `Token names can be at most ${TOKEN_NAME_MAX_LENGTH} characters.`);

/** The name as it is saved (trimmed), or the sentence saying what is wrong with it: for the form, the core and the CLI. */
export function checkTokenName(name: unknown): { ok: true; name: string } | { ok: false; problem: string } {
  const parsed = tokenNameSchema.safeParse(name);
  return parsed.success ? { ok: true, name: parsed.data } : { ok: false, problem: parsed.error.issues[0]?.message ?? 'Give the token a name.' };
}

/** Days until a new token expires, when it expires at all: a whole number in this range. */
export const EXPIRY_DAYS = { min: 1, max: MAX_EXPIRY_DAYS } as const;
/** The rule in words, for sentences: "--expiry-days takes …". */
export const EXPIRY_DAYS_WORDS = `a whole number of days from ${EXPIRY_DAYS.min} to ${EXPIRY_DAYS.max}`;
const EXPIRY_DAYS_SENTENCE = `The expiry must be ${EXPIRY_DAYS_WORDS}, or none.`;

export const expiryDaysSchema = z
  .number()
  .int(EXPIRY_DAYS_SENTENCE)
  .min(EXPIRY_DAYS.min, EXPIRY_DAYS_SENTENCE)
  .max(EXPIRY_DAYS.max, EXPIRY_DAYS_SENTENCE);

/** The sentence saying why `days` is no expiry Latch can ask a host for, or null when it is one (null itself: never expires). */
export function expiryDaysProblem(days: number | null): string | null {
  return expiryDaysSchema.nullable().safeParse(days).success ? null : EXPIRY_DAYS_SENTENCE;
}

/** The sentence for a username left empty (or only spaces), or null when one was typed: for the form and the core. */
export function missingUsername(username: string): string | null {
  return username.trim() === '' ? 'Enter your username.' : null;
}

/** How long a password typed into Latch is kept in memory, in minutes. */
export const UNLOCK_MINUTES = { min: 1, max: 480 } as const;
const UNLOCK_MINUTES_SENTENCE = `Enter a whole number of minutes from ${UNLOCK_MINUTES.min} to ${UNLOCK_MINUTES.max}.`;

export const unlockMinutesSchema = z
  .number()
  .int(UNLOCK_MINUTES_SENTENCE)
  .min(UNLOCK_MINUTES.min, UNLOCK_MINUTES_SENTENCE)
  .max(UNLOCK_MINUTES.max, UNLOCK_MINUTES_SENTENCE);

/** The sentence saying why `minutes` cannot be the unlock window, or null when it can: for the settings form and the core. */
export function unlockMinutesProblem(minutes: number): string | null {
  return unlockMinutesSchema.safeParse(minutes).success ? null : UNLOCK_MINUTES_SENTENCE;
}

/** A calendar date as the host's page shows it; the service checks it is within the host's range. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the expiry date as YYYY-MM-DD.');

export const browserTokenSchema = exactly<BrowserToken>()(z.object({ name: tokenNameSchema, secret, expiresOn: isoDate.nullable() }).strict());

// The input of each IPC channel, in the order of the contract.

export const emptySchema = z.object({}).strict();
export const accountIdSchema = z.object({ accountId: id }).strict();

export const addAccountSchema = exactly<AddAccountInput>()(
  z.union([
    z
      .object({
        host: z.enum(HOST_KINDS),
        baseUrl,
        username: z.string().min(1).max(255),
        password: secret,
        rememberPassword: z.boolean(),
        otp,
      })
      .strict(),
    z
      .object({
        host: z.enum(HOST_KINDS),
        baseUrl,
        email: z.string().min(1).max(255).nullable(),
        username: z.string().min(1).max(255).optional(),
        token: browserTokenSchema,
      })
      .strict(),
  ]),
);

export const unlockAccountSchema = z.object({ accountId: id, password: secret, otp }).strict();

export const listTokensSchema = z.object({ accountId: id, owner: ownerSchema, otp }).strict();

export const createTokenSchema = exactly<CreateTokenRequest>()(
  z
    .object({
      accountId: id,
      name: tokenNameSchema,
      scopes: z.array(z.string().max(64)).min(1).max(10),
      expiryDays: expiryDaysSchema.nullable(),
      owner: ownerSchema,
      store: z.boolean(),
      otp,
      accessLevel: z.number().int().min(0).max(100).optional(),
    })
    .strict(),
);

export const revokeTokenSchema = z.object({ accountId: id, tokenId, owner: ownerSchema, otp }).strict();
export const removeTokenSchema = z.object({ accountId: id, tokenId }).strict();
export const rotateTokenSchema = z.object({ accountId: id, tokenId, owner: ownerSchema, expiryDays: expiryDaysSchema.nullable() }).strict();
export const replaceTokenSchema = z.object({ accountId: id, tokenId, owner: ownerSchema, otp }).strict();
/** "Use for git": a stored token of the account, or null to let Latch choose again. */
export const useForGitSchema = z.object({ accountId: id, tokenId: tokenId.nullable() }).strict();
export const addTokenSchema = z.object({ accountId: id, token: browserTokenSchema }).strict();

export const revealIdSchema = z.object({ revealId: id }).strict();

export const settingsChangeSchema = exactly<Partial<Settings>>()(
  z.object({ keepCredentialsFromGit: z.boolean().optional(), unlockMinutes: unlockMinutesSchema.optional() }).strict(),
);

// The service trims and checks it further; the dispatcher never quotes it back.
// `newToken`: the host's page where a token is made, prefilled with this name (GitHub), instead of its token list.
const newTokenPageSchema = z.object({ kind: z.enum(['classic', 'fine-grained']), name: z.string().max(TOKEN_NAME_MAX_LENGTH) }).strict().optional();
export const managePageSchema = z.union([
  z.object({ accountId: id, newToken: newTokenPageSchema }).strict(),
  z.object({ host: z.enum(HOST_KINDS), baseUrl: z.string().max(2048).nullable(), newToken: newTokenPageSchema }).strict(),
]);

export const leakSchema = z
  .object({
    secret,
    // A one-time code for the account the last report named (Gitea, Forgejo with two-factor sign-in).
    otp: z.object({ accountId: id, code: z.string().min(1).max(16), token: z.object({ id: tokenId, name: tokenNameSchema }).strict().optional() }).strict().optional(),
  })
  .strict();

/** Git credentials to remove, by the ids `credentials:list` gave them. */
export const removeCredentialsSchema = z.object({ ids: z.array(z.string().min(1).max(4096)).min(1).max(1000) }).strict();

/** Folders the person picked: repositories, or folders holding them one level down. */
const importFolders = z.array(z.string().min(1).max(4096)).max(100);
export const importScanSchema = z.object({ folders: importFolders, check: z.boolean() }).strict();
/** The findings to move in, by the ids a scan gave them; dead ones are removed only with removeDead. */
export const importMoveSchema = z
  .object({ folders: importFolders, check: z.boolean(), ids: z.array(z.string().regex(/^[0-9a-f]{16}$/)).min(1).max(1000), removeDead: z.boolean() })
  .strict();
