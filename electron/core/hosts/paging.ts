// The one budget every adapter reads pages under. A server whose paging never ends (a bug, or one that
// wants to keep Latch busy) must not hold a command for ever or fill memory: reading stops at a total
// number of items and a total time, and each next-page marker must move forward.
import { LatchError } from '../../../shared/result';

export interface PageLimits {
  /** Far beyond any real token or user list (hosts cap a person at a few hundred tokens). */
  maxItems: number;
  /** For the whole list, over every page; each page also has the HTTP client's own deadline. */
  maxMs: number;
  /** Pages in one list; where each page carries the account password, this is how often it crosses the wire. */
  maxPages: number;
}

export const PAGE_LIMITS: PageLimits = { maxItems: 20_000, maxMs: 120_000, maxPages: 1_000 };

/**
 * Lists signed with the account password (Bitbucket Data Center, Gitea) send it with every page, so they
 * read a handful of pages at most: Data Center caps a person at 100 tokens an owner, which four pages of
 * its smallest page size hold, and Gitea pages hold 50 or more.
 */
export const PASSWORD_PAGE_LIMITS: PageLimits = { ...PAGE_LIMITS, maxPages: 5 };

export class PageBudget {
  private items = 0;
  private pages = 0;
  private readonly started: number;

  constructor(
    /** The host as a person knows it ("Bitbucket", "GitLab", "Gitea"). */
    private readonly host: string,
    /** What is being read, for the sentence ("the token list"). */
    private readonly what: string,
    private readonly limits: PageLimits = PAGE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** Counts one page's items; throws once the list has gone past the item or time budget. */
  took(count: number): void {
    this.items += count;
    this.pages += 1;
    if (this.pages >= this.limits.maxPages) {
      throw new LatchError('host-error', `${this.host} kept sending more pages of ${this.what} than Latch will read (${this.limits.maxPages}), so Latch stopped.`);
    }
    if (this.items > this.limits.maxItems) {
      throw new LatchError('host-error', `${this.host} kept sending more of ${this.what} than Latch will read (over ${this.limits.maxItems} items), so Latch stopped.`);
    }
    if (this.now() - this.started > this.limits.maxMs) {
      throw new LatchError('host-error', `${this.host} took longer than ${Math.round(this.limits.maxMs / 1000)} seconds to send ${this.what}, so Latch stopped reading it.`);
    }
  }

  /** The next page marker, checked to move forward: one that stays or goes back would loop for ever. */
  forward(current: number, next: number): number {
    if (!Number.isSafeInteger(next) || next <= current) {
      throw new LatchError('host-error', `${this.host} sent ${this.what} with a next page that does not move forward, so Latch stopped reading it.`);
    }
    return next;
  }
}
