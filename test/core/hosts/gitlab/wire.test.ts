// Reading GitLab's error bodies: its {"message"} as a string or as field → messages, Grape's {"error"},
// OAuth's errors, and any token-looking text cut out before a person sees it.
import { describe, expect, it } from 'vitest';
import { complaintOf, toHostToken } from '../../../../electron/core/hosts/gitlab/wire';

describe('complaintOf', () => {
  it('reads a string message without GitLab\'s status prefix', () => {
    expect(complaintOf({ message: '400 Bad request - Expires at must be before 2027-11-01' }).text).toBe('Expires at must be before 2027-11-01');
  });

  it('reads a message object of field → messages', () => {
    expect(complaintOf({ message: { expires_at: ['must be before 2027-11-01'], name: ['is too long'] } }).text).toBe(
      'expires at must be before 2027-11-01; name is too long',
    );
  });

  it('reads Grape\'s error and OAuth\'s scope list', () => {
    expect(complaintOf({ error: 'name is missing' }).text).toBe('name is missing');
    expect(complaintOf({ error: 'insufficient_scope', error_description: 'higher privileges', scope: 'api read_api' })).toMatchObject({
      error: 'insufficient_scope',
      scopes: ['api', 'read_api'],
    });
  });

  it('cuts tokens and control characters out of host words, and keeps them short', () => {
    const text = complaintOf({ message: 'token glpat-abcdefghijklmnopqrst.01.0z11111is is bad\n\u0007' }).text;
    expect(text).toBe('token [a token] is bad');
    expect(complaintOf({ message: 'x'.repeat(1000) }).text).toHaveLength(300);
  });

  it('says nothing for bodies it does not know', () => {
    expect(complaintOf('Retry later\n')).toMatchObject({ text: '', error: null });
    expect(complaintOf(undefined).text).toBe('');
  });
});

describe('toHostToken', () => {
  it('turns ids into strings and the expiry day into its first moment in UTC', () => {
    expect(
      toHostToken({ id: 42, name: 'n', scopes: ['api'], created_at: '2023-08-01T15:00:00.000Z', expires_at: '2023-08-15', last_used_at: null }, { kind: 'user' }),
    ).toEqual({ id: '42', name: 'n', scopes: ['api'], createdAt: '2023-08-01T15:00:00.000Z', expiresAt: '2023-08-15T00:00:00.000Z', lastUsedAt: null, owner: { kind: 'user' } });
  });
});
