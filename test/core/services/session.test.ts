import { describe, expect, it, vi } from 'vitest';
import { createSession } from '../../../electron/core/services/session';

describe('the unlock window', () => {
  it('holds a password for the given minutes, then forgets it', () => {
    let now = 1_000_000;
    const session = createSession({ now: () => now });
    session.hold('a1', 'pw', 10);
    expect(session.password('a1')).toBe('pw');
    expect(session.until('a1')).toBe(1_000_000 + 10 * 60_000);
    now += 10 * 60_000 - 1;
    expect(session.password('a1')).toBe('pw');
    now += 1;
    expect(session.password('a1')).toBeNull();
    expect(session.until('a1')).toBeNull();
    session.lockAll();
  });

  it('locks one account without touching another', () => {
    const session = createSession();
    session.hold('a1', 'one', 10);
    session.hold('a2', 'two', 10);
    session.lock('a1');
    expect(session.password('a1')).toBeNull();
    expect(session.password('a2')).toBe('two');
    session.lockAll();
    expect(session.password('a2')).toBeNull();
  });

  it('restarts the window when the password is given again', () => {
    let now = 0;
    const session = createSession({ now: () => now });
    session.hold('a1', 'old', 10);
    now = 5 * 60_000;
    session.hold('a1', 'new', 10);
    now = 12 * 60_000;
    expect(session.password('a1')).toBe('new');
    session.lockAll();
  });

  it('drops the password by timer even when nobody asks in between', () => {
    vi.useFakeTimers();
    try {
      // The injected clock stands still, so only the timer can end the window here.
      const session = createSession({ now: () => 0 });
      session.hold('a1', 'pw', 1);
      vi.advanceTimersByTime(59_999);
      expect(session.password('a1')).toBe('pw');
      vi.advanceTimersByTime(1);
      expect(session.password('a1')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a one-time code for the next call', () => {
  it('is taken once, by the account it was given for', () => {
    const session = createSession();
    session.giveCode('a1', '123456');
    expect(session.takeCode('a2')).toBeNull();
    expect(session.takeCode('a1')).toBe('123456');
    expect(session.takeCode('a1')).toBeNull();
  });

  it('is dropped unused after a minute and a half, and with every password', () => {
    let now = 0;
    const session = createSession({ now: () => now });
    session.giveCode('a1', '111111');
    now = 90_000;
    expect(session.takeCode('a1')).toBeNull();
    session.giveCode('a1', '222222');
    session.lockAll();
    expect(session.takeCode('a1')).toBeNull();
  });
});
