// Input validation for every IPC channel: main refuses anything that does not parse.
import { z } from 'zod';
import { HOST_KINDS } from './domain';
import { MAX_EXPIRY_DAYS } from './expiry';
import type { ChannelName } from './ipc';
import { TOKEN_ID_PATTERN } from './token-id';

const id = z.string().min(1).max(200);
const empty = z.object({}).strict();
const tokenId = z.string().regex(TOKEN_ID_PATTERN);

export const ownerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user') }).strict(),
  z.object({ kind: z.literal('project'), projectKey: z.string().regex(/^[A-Za-z0-9_~-]{1,128}$/) }).strict(),
  z
    .object({
      kind: z.literal('repository'),
      projectKey: z.string().regex(/^[A-Za-z0-9_~-]{1,128}$/),
      repoSlug: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/),
    })
    .strict(),
]);

export const tokenNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the token a name.')
  .max(255, 'Token names can be at most 255 characters.');

/** A calendar date as the host's page shows it; the service checks it is within the host's range. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the expiry date as YYYY-MM-DD.');

export const pastedTokenSchema = z
  .object({ name: tokenNameSchema, secret: z.string().min(1).max(4096), expiresOn: isoDate.nullable() })
  .strict();

export const IPC_SCHEMAS: Record<ChannelName, z.ZodType> = {
  'accounts:list': empty,
  'accounts:add': z.union([
    z
      .object({
        host: z.enum(HOST_KINDS),
        baseUrl: z.string().min(1).max(2048),
        username: z.string().min(1).max(255),
        password: z.string().min(1).max(4096),
        rememberPassword: z.boolean(),
        otp: z.string().max(16).optional(),
      })
      .strict(),
    z
      .object({
        host: z.literal('bitbucket-cloud'),
        baseUrl: z.string().min(1).max(2048),
        email: z.string().min(1).max(255),
        token: pastedTokenSchema,
      })
      .strict(),
  ]),
  'accounts:remove': z.object({ accountId: id }).strict(),
  'accounts:unlock': z.object({ accountId: id, password: z.string().min(1).max(4096) }).strict(),
  'accounts:lock': z.object({ accountId: id }).strict(),
  'accounts:setDefault': z.object({ accountId: id }).strict(),
  'accounts:startFresh': empty,
  'tokens:list': z.object({ accountId: id, owner: ownerSchema }).strict(),
  'tokens:create': z
    .object({
      accountId: id,
      name: tokenNameSchema,
      scopes: z.array(z.string().max(64)).min(1).max(10),
      expiryDays: z.number().int().min(1).max(MAX_EXPIRY_DAYS).nullable(),
      owner: ownerSchema,
      store: z.boolean(),
    })
    .strict(),
  'tokens:revoke': z.object({ accountId: id, tokenId, owner: ownerSchema }).strict(),
  'tokens:forget': z.object({ accountId: id, tokenId }).strict(),
  'tokens:keep': z.object({ accountId: id, token: pastedTokenSchema }).strict(),
  'reveal:copy': z.object({ revealId: id }).strict(),
  'reveal:close': z.object({ revealId: id }).strict(),
  'git:status': z.object({ accountId: id }).strict(),
  'git:setup': z.object({ accountId: id }).strict(),
  'git:undo': z.object({ accountId: id }).strict(),
  'settings:get': empty,
  'settings:set': z
    .object({ keepCredentialsFromGit: z.boolean().optional(), unlockMinutes: z.number().int().min(1).max(480).optional() })
    .strict(),
  // The service trims and checks it further; the dispatcher never quotes it back.
  'hosts:openManagePage': z.union([
    z.object({ accountId: id }).strict(),
    z.object({ host: z.enum(HOST_KINDS), baseUrl: z.string().max(2048).nullable() }).strict(),
  ]),
  'leaks:respond': z.object({ secret: z.string().min(1).max(4096) }).strict(),
};
