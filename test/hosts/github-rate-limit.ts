// GitHub's rate-limit bookkeeping, for the simulator: calls per client in an hour that starts with the
// client's first call, and the x-ratelimit-* headers GitHub sends with each answer.

const HOUR_MS = 3_600_000;

export interface Hit {
  /** Calls in this hour, this one included. */
  used: number;
  /** When the hour is over (epoch ms). */
  resetAt: number;
}

export class HourlyCounter {
  private readonly windows = new Map<string, { start: number; used: number }>();
  constructor(private readonly now: () => number) {}

  hit(key: string): Hit {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now >= window.start + HOUR_MS) {
      window = { start: now, used: 0 };
      this.windows.set(key, window);
    }
    window.used += 1;
    return { used: window.used, resetAt: window.start + HOUR_MS };
  }
}

/** x-ratelimit-limit, -remaining, -used and -reset (epoch seconds), as GitHub names them. */
export function rateHeaders(hit: Hit, limit: number): Record<string, string> {
  return {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(Math.max(0, limit - hit.used)),
    'x-ratelimit-used': String(Math.min(hit.used, limit)),
    'x-ratelimit-reset': String(Math.ceil(hit.resetAt / 1000)),
  };
}
