// The unlock window: an account password held in this process's memory for a few minutes, so a
// person types it once per sitting instead of once per request. It is never written anywhere.
// Beside it, a one-time code given for the next host call of an account (Gitea, Forgejo): taken by
// that one call, since the servers accept each code once, and dropped unused after a short while.
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
  /** Holds a one-time code for the account's next host call; replaces any earlier one. */
  giveCode(accountId: string, code: string): void;
  /** The code held for the account, taken: a second call gets null. */
  takeCode(accountId: string): string | null;
}

/** A code is good for about a minute and a half (its 30-second step and one either side); no longer worth holding. */
const CODE_MS = 90_000;

interface Held {
  password: string;
  until: number;
  timer: ReturnType<typeof setTimeout>;
}

export function createSession(options: { now?: () => number } = {}): Session {
  const now = options.now ?? Date.now;
  const held = new Map<string, Held>();
  const codes = new Map<string, { code: string; until: number }>();

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
      codes.clear();
    },
    giveCode(accountId, code) {
      codes.set(accountId, { code, until: now() + CODE_MS });
    },
    takeCode(accountId) {
      const entry = codes.get(accountId);
      codes.delete(accountId);
      return entry && now() < entry.until ? entry.code : null;
    },
  };
}
