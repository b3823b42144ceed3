import { describe, expect, it } from 'vitest';
import { formatExpiry, formatLastUsed, formatScope, formatTimeLeft } from '../../renderer/lib/format';
import { currentLock, isLocked } from '../../renderer/lib/lock';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const minutes = (count: number) => new Date(NOW + count * 60_000).toISOString();

describe('what the sidebar says about an unlock window', () => {
  it('counts down in minutes and hours', () => {
    expect(formatTimeLeft(minutes(10), NOW)).toBe('10 min left');
    expect(formatTimeLeft(minutes(9.8), NOW)).toBe('10 min left');
    expect(formatTimeLeft(minutes(0.4), NOW)).toBe('less than a minute left');
    expect(formatTimeLeft(minutes(60), NOW)).toBe('1 h left');
    expect(formatTimeLeft(minutes(125), NOW)).toBe('2 h 5 min left');
  });

  it('treats a window that ran out as locked before main says so', () => {
    expect(currentLock({ lock: { state: 'unlocked', until: minutes(-1) } }, NOW)).toEqual({ state: 'locked' });
    expect(isLocked({ lock: { state: 'unlocked', until: minutes(1) } }, NOW)).toBe(false);
    expect(isLocked({ lock: { state: 'remembered' } }, NOW)).toBe(false);
    expect(isLocked({ lock: { state: 'locked' } }, NOW)).toBe(true);
  });
});

describe('what the token table says', () => {
  it('names permissions in words', () => {
    expect(formatScope('PROJECT_WRITE')).toBe('Project write');
    expect(formatScope('REPO_ADMIN')).toBe('Repository admin');
    expect(formatScope('read:repository')).toBe('read:repository');
  });

  it('says "Never" for no expiry and flags an expired token', () => {
    expect(formatExpiry(null, NOW)).toEqual({ primary: 'Never', secondary: null, expired: false });
    expect(formatExpiry(minutes(-60), NOW)).toMatchObject({ secondary: 'expired', expired: true });
    expect(formatExpiry(minutes(60 * 24 * 3), NOW)).toMatchObject({ secondary: 'in 3 days', expired: false });
  });

  it('says when a token was last used', () => {
    expect(formatLastUsed(null, NOW)).toBe('Never');
    expect(formatLastUsed(minutes(-5), NOW)).toBe('Today');
    expect(formatLastUsed(minutes(-60 * 24 * 1.5), NOW)).toBe('Yesterday');
    expect(formatLastUsed(minutes(-60 * 24 * 12), NOW)).toBe('12 days ago');
  });
});
