// The rules written once in shared/schemas.ts, which the forms, the core, the IPC schemas and the CLI
// all apply: each answers the same sentence wherever it is checked.
import { describe, expect, it } from 'vitest';
import {
  checkTokenName,
  createTokenSchema,
  EXPIRY_DAYS,
  expiryDaysProblem,
  leakSchema,
  missingUsername,
  settingsChangeSchema,
  TOKEN_NAME_MAX_LENGTH,
  UNLOCK_MINUTES,
  unlockMinutesProblem,
} from '../../shared/schemas';

const request = { accountId: 'a1', name: 'ci', scopes: ['REPO_READ'], expiryDays: 30, owner: { kind: 'user' }, store: false };

describe('the expiry-days rule', () => {
  it('takes whole days from 1 to 3650, or none', () => {
    expect(EXPIRY_DAYS).toEqual({ min: 1, max: 3650 });
    for (const days of [1, 90, 3650, null]) expect(expiryDaysProblem(days)).toBeNull();
  });

  it('refuses anything else with one sentence, which the IPC schema gives too', () => {
    const sentence = 'The expiry must be a whole number of days from 1 to 3650, or none.';
    for (const days of [0, -1, 3651, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(expiryDaysProblem(days)).toBe(sentence);
    const parsed = createTokenSchema.safeParse({ ...request, expiryDays: 3651 });
    expect(parsed.success ? null : parsed.error.issues[0]?.message).toBe(sentence);
    expect(createTokenSchema.safeParse({ ...request, expiryDays: null }).success).toBe(true);
  });
});

describe('the token name rule', () => {
  it('answers the name as saved, trimmed', () => {
    expect(checkTokenName('  laptop git ')).toEqual({ ok: true, name: 'laptop git' });
    expect(checkTokenName('x'.repeat(TOKEN_NAME_MAX_LENGTH))).toMatchObject({ ok: true });
  });

  it('refuses an empty or too long name with its sentence', () => {
    for (const name of ['', '   ', undefined]) expect(checkTokenName(name)).toMatchObject({ ok: false });
    expect(checkTokenName(' ')).toEqual({ ok: false, problem: 'Give the token a name.' });
    expect(checkTokenName('x'.repeat(TOKEN_NAME_MAX_LENGTH + 1))).toEqual({ ok: false, problem: 'Token names can be at most 255 characters.' });
  });
});

describe('the unlock window rule', () => {
  it('takes whole minutes from 1 to 480, in the form, the core and the settings:set schema alike', () => {
    expect(UNLOCK_MINUTES).toEqual({ min: 1, max: 480 });
    for (const minutes of [1, 10, 480]) expect(unlockMinutesProblem(minutes)).toBeNull();
    for (const minutes of [0, 481, 2.5, Number.NaN]) expect(unlockMinutesProblem(minutes)).toBe('Enter a whole number of minutes from 1 to 480.');
    const parsed = settingsChangeSchema.safeParse({ unlockMinutes: 481 });
    expect(parsed.success ? null : parsed.error.issues[0]?.message).toBe('Enter a whole number of minutes from 1 to 480.');
  });
});

describe('the username rule', () => {
  it('refuses a username of nothing but spaces', () => {
    expect(missingUsername('  ')).toBe('Enter your username.');
    expect(missingUsername(' alice ')).toBeNull();
  });
});

describe('the leak response input', () => {
  const secret = 'a'.repeat(40);
  it('takes a one-time code for one account, with the token the last report found', () => {
    expect(leakSchema.safeParse({ secret }).success).toBe(true);
    expect(leakSchema.safeParse({ secret, otp: { accountId: 'acc-1', code: '123456' } }).success).toBe(true);
    expect(leakSchema.safeParse({ secret, otp: { accountId: 'acc-1', code: '123456', token: { id: '7', name: 'ci' } } }).success).toBe(true);
  });

  it('refuses a code without its account, an empty code, and anything else', () => {
    expect(leakSchema.safeParse({ secret, otp: { code: '123456' } }).success).toBe(false);
    expect(leakSchema.safeParse({ secret, otp: { accountId: 'acc-1', code: '' } }).success).toBe(false);
    expect(leakSchema.safeParse({ secret, otp: { accountId: 'acc-1', code: '123456', password: 'x' } }).success).toBe(false);
    expect(leakSchema.safeParse({ secret, otp: { accountId: 'acc-1', code: '123456', token: { id: '7' } } }).success).toBe(false);
  });
});

describe('owners by host: GitLab paths for GitLab only', () => {
  it('takes group/sub/project paths and groups on GitLab, and keeps Bitbucket to project keys', async () => {
    const { ownerProblem } = await import('../../shared/hosts');
    const { ownerSchema } = await import('../../shared/schemas');
    expect(ownerProblem('gitlab', { kind: 'project', projectKey: 'acme/tools/app' })).toBeNull();
    expect(ownerProblem('gitlab', { kind: 'group', groupPath: 'acme/tools' })).toBeNull();
    expect(ownerProblem('gitlab', { kind: 'group', groupPath: 'acme//x' })).toMatch(/full path/);
    expect(ownerProblem('gitlab', { kind: 'repository', projectKey: 'a', repoSlug: 'b' })).toMatch(/no repository tokens/);
    expect(ownerProblem('bitbucket-datacenter', { kind: 'project', projectKey: 'PROJ' })).toBeNull();
    expect(ownerProblem('bitbucket-datacenter', { kind: 'project', projectKey: 'acme/app' })).toMatch(/no slash/);
    expect(ownerProblem('bitbucket-datacenter', { kind: 'group', groupPath: 'acme' })).toMatch(/no group tokens/);
    expect(ownerSchema.safeParse({ kind: 'group', groupPath: 'acme/tools' }).success).toBe(true);
    expect(ownerSchema.safeParse({ kind: 'project', projectKey: 'acme/../x' }).success).toBe(false);
    expect(ownerSchema.safeParse({ kind: 'project', projectKey: 'a b' }).success).toBe(false);
    expect(ownerSchema.safeParse({ kind: 'group', groupPath: '/acme' }).success).toBe(false);
  });
});
