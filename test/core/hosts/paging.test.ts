// The paging budget every adapter reads lists under: a total of items, a total time, and markers that
// move forward. A clock the test moves stands in for a slow server.
import { describe, expect, it } from 'vitest';
import { PageBudget, PASSWORD_PAGE_LIMITS } from '../../../electron/core/hosts/paging';
import { LatchError } from '../../../shared/result';

describe('PageBudget', () => {
  it('stops once the pages together took longer than the time budget', () => {
    let now = 1_000;
    const budget = new PageBudget('GitLab', 'the token list', { maxItems: 1_000_000, maxMs: 60_000, maxPages: 100 }, () => now);
    now += 30_000;
    budget.took(100);
    now += 31_000;
    expect(() => budget.took(100)).toThrow(/GitLab took longer than 60 seconds to send the token list/);
  });

  it('stops past the item budget, counted over every page', () => {
    const budget = new PageBudget('Gitea', 'the token list', { maxItems: 250, maxMs: 60_000, maxPages: 100 });
    budget.took(100);
    budget.took(100);
    expect(() => budget.took(100)).toThrow(LatchError);
  });

  it('stops after its page budget: a list signed with the password reads five pages at most', () => {
    const budget = new PageBudget('Bitbucket', 'the token list', PASSWORD_PAGE_LIMITS);
    for (let page = 1; page < 5; page += 1) budget.took(25);
    expect(() => budget.took(25)).toThrow(/more pages of the token list than Latch will read \(5\)/);
  });

  it('takes a marker that moves forward and refuses one that stays, goes back or is not a number', () => {
    const budget = new PageBudget('Bitbucket', 'the token list');
    expect(budget.forward(0, 25)).toBe(25);
    expect(() => budget.forward(25, 25)).toThrow(/does not move forward/);
    expect(() => budget.forward(25, 3)).toThrow(/does not move forward/);
    expect(() => budget.forward(25, Number.NaN)).toThrow(/does not move forward/);
  });
});
