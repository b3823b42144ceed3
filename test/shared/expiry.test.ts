import { describe, expect, it } from 'vitest';
import { describeExpiry, expiresAt, isExpired } from '../../shared/expiry';

describe('expiry math', () => {
  it('adds whole days to the creation time', () => {
    expect(expiresAt('2026-11-01T10:00:00.000Z', 30)).toBe('2026-12-01T10:00:00.000Z');
  });
  it('has no expiry without days or a creation time', () => {
    expect(expiresAt('2026-11-01T10:00:00.000Z', null)).toBeNull();
    expect(expiresAt(null, 30)).toBeNull();
  });
  it('describes what is left in words', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(describeExpiry(null, now)).toBe('never');
    expect(describeExpiry('2026-11-27T11:00:00Z', now)).toBe('expired');
    expect(describeExpiry('2026-11-28T11:00:00Z', now)).toBe('in 1 day');
    expect(describeExpiry('2026-12-07T12:00:00Z', now)).toBe('in 10 days');
    expect(isExpired('2026-11-27T11:00:00Z', now)).toBe(true);
    expect(isExpired(null, now)).toBe(false);
  });
});

describe('one day count for one date', () => {
  it('says the same number of days in the table, the badge and the reminders, whatever the time of day', async () => {
    const { daysLeft, expiryBadge } = await import('../../shared/expiry');
    const expires = '2026-12-08T23:59:59.000Z';
    for (const now of [Date.parse('2026-12-01T00:30:00Z'), Date.parse('2026-12-01T12:00:00Z'), Date.parse('2026-12-01T23:30:00Z')]) {
      expect(daysLeft(expires, now)).toBe(7);
      expect(describeExpiry(expires, now)).toBe('in 7 days');
      expect(expiryBadge(expires, now)).toEqual({ tone: 'warning', text: 'Expires in 7 days' });
    }
    expect(describeExpiry(expires, Date.parse('2026-12-08T10:00:00Z'))).toBe('today');
  });
});
