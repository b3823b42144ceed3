// The unlock window: an account password held in this process's memory for a few minutes, so a
// person types it once per sitting instead of once per request. It is never written anywhere.
export interface Session {
  /** Holds the password for `minutes` from now; replaces any earlier one. */
  hold(accountId: string, password: string, minutes: number): void;
  /** The password while the window is open, else null. */
  password(accountId: string): string | null;
  /** When the window closes (ms since epoch), or null when locked. */
  until(accountId: string): number | null;
  lock(accountId: string): void;
  /** Forgets every password (on quit). */
  lockAll(): void;
}

interface Held {
  password: string;
  until: number;
  timer: ReturnType<typeof setTimeout>;
}

export function createSession(options: { now?: () => number } = {}): Session {
  const now = options.now ?? Date.now;
  const held = new Map<string, Held>();

  const lock = (accountId: string) => {
    const entry = held.get(accountId);
    if (!entry) return;
    clearTimeout(entry.timer);
    held.delete(accountId);
  };

  // The clock is checked on every read (so an injected clock decides); the timer only makes sure
  // the string is dropped even when nobody asks again.
  const current = (accountId: string): Held | null => {
    const entry = held.get(accountId);
    if (!entry) return null;
    if (now() >= entry.until) {
      lock(accountId);
      return null;
    }
    return entry;
  };

  return {
    hold(accountId, password, minutes) {
      lock(accountId);
      const ms = Math.max(1, minutes) * 60_000;
      const timer = setTimeout(() => lock(accountId), ms);
      timer.unref?.();
      held.set(accountId, { password, until: now() + ms, timer });
    },
    password: (accountId) => current(accountId)?.password ?? null,
    until: (accountId) => current(accountId)?.until ?? null,
    lock,
    lockAll() {
      for (const accountId of [...held.keys()]) lock(accountId);
    },
  };
}
