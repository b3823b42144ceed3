// The date field of the forms where a person pastes a Bitbucket Cloud API token, and how a kept
// token's expiry reads in the table. The paste rules themselves: test/shared/pasted-token.test.ts.
import { describe, expect, it } from 'vitest';
import { HOSTS } from '../../shared/hosts';
import { addDays, endOfDay as endOf, expiryProblem, utcDay } from '../../shared/browser-token';
import { expiryBadge, expiryDateBounds, tokenPageHost } from '../../renderer/lib/browser-token';

// Late evening UTC, so a day computed in any other zone would show up as off by one.
const NOW = Date.parse('2026-11-27T22:30:00.000Z');
const CLOUD = HOSTS['bitbucket-cloud'];
const check = (value: string) => expiryProblem(value, CLOUD, NOW);

describe('the "Expires on" field', () => {
  it('offers today up to the host’s longest lifetime, in UTC days', () => {
    expect(utcDay(NOW)).toBe('2026-11-27');
    expect(expiryDateBounds(NOW, 365, '2026-11-27')).toEqual({ min: '2026-11-27', max: '2027-11-27' });
    expect(expiryDateBounds(NOW, null, '2026-11-27')).toEqual({ min: '2026-11-27', max: null });
    // Already tomorrow where the person is (east of UTC): their page counts the year from there.
    expect(expiryDateBounds(NOW, 365, '2026-11-28')).toEqual({ min: '2026-11-27', max: '2027-11-28' });
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('offers only dates the shared rule accepts', () => {
    const { min, max } = expiryDateBounds(NOW, 365, '2026-11-28');
    expect(check(min)).toBeNull();
    expect(check(max!)).toBeNull();
    expect(check(addDays(min, -1))).not.toBeNull();
  });
});

describe('the expiry badge of a kept token', () => {
  it('says nothing while more than two weeks are left, or when it never expires', () => {
    expect(expiryBadge(null, NOW)).toBeNull();
    expect(expiryBadge(endOf('2026-12-12'), NOW)).toBeNull();
  });

  it('warns in the last two weeks, counting calendar days', () => {
    expect(expiryBadge(endOf('2026-12-11'), NOW)).toEqual({ tone: 'warning', text: 'Expires in 14 days' });
    expect(expiryBadge(endOf('2026-11-29'), NOW)).toEqual({ tone: 'warning', text: 'Expires in 2 days' });
    expect(expiryBadge(endOf('2026-11-28'), NOW)).toEqual({ tone: 'warning', text: 'Expires tomorrow' });
    expect(expiryBadge(endOf('2026-11-27'), NOW)).toEqual({ tone: 'warning', text: 'Expires today' });
  });

  it('says "Expired" once the day is over', () => {
    expect(expiryBadge(endOf('2026-11-26'), NOW)).toEqual({ tone: 'danger', text: 'Expired' });
    expect(expiryBadge(endOf('2026-11-27'), Date.parse(endOf('2026-11-27')))).toEqual({ tone: 'danger', text: 'Expired' });
  });
});

it('names the page where Cloud tokens are made and revoked, and none for a host on many servers', () => {
  expect(tokenPageHost(CLOUD)).toBe('id.atlassian.com');
  expect(tokenPageHost(HOSTS['bitbucket-datacenter'])).toBeNull();
});
