// The rules of the forms where a person pastes a Bitbucket Cloud API token, and how a kept token's
// expiry reads in the table.
import { describe, expect, it } from 'vitest';
import { HOST_CAPABILITIES } from '../../shared/hosts';
import {
  addDays,
  checkEmail,
  checkExpiresOn,
  checkPastedSecret,
  expiryBadge,
  expiryDateBounds,
  tokenPageHost,
  utcDay,
} from '../../renderer/lib/pasted-token';

// Late evening UTC, so a day computed in any other zone would show up as off by one.
const NOW = Date.parse('2026-11-27T22:30:00.000Z');
const CLOUD = HOST_CAPABILITIES['bitbucket-cloud'];
const check = (value: string) => checkExpiresOn(value, NOW, CLOUD.maxTokenDays, CLOUD.label, '2026-11-27');
/** As the core keeps it: the end of the chosen day, UTC. */
const endOf = (day: string) => `${day}T23:59:59.000Z`;

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

  it('accepts a date within a year, today included', () => {
    expect(check('2026-11-27')).toBeNull();
    expect(check('2027-03-31')).toBeNull();
    expect(check('2027-11-27')).toBeNull();
  });

  it('asks for the date, since Atlassian tokens always expire', () => {
    expect(check('')).toBe('Enter the expiry date the token page showed when you created the token.');
    // A host whose tokens may never expire lets it be left empty.
    expect(checkExpiresOn('', NOW, null, 'Somewhere', '2026-11-27')).toBeNull();
  });

  it('refuses a past date, one beyond the limit, and one that is no date', () => {
    expect(check('2026-11-26')).toBe('That date has passed, so the token no longer works. Create a new one and paste that.');
    expect(check('2027-11-28')).toMatch(/^Bitbucket Cloud tokens expire within 365 days: enter a date up to .*2027\.?$/);
    expect(check('2027-02-30')).toBe('Enter the expiry date as a date, for example 2027-03-31.');
    expect(check('27/03/2027')).toBe('Enter the expiry date as a date, for example 2027-03-31.');
  });
});

describe('the pasted secret and the email', () => {
  it('asks for a token, and never repeats what was pasted', () => {
    expect(checkPastedSecret('')).toBe('Paste the API token.');
    expect(checkPastedSecret('   ')).toBe('Paste the API token.');
    expect(checkPastedSecret('ATATT3xFfGF0abc')).toBeNull();
    expect(checkPastedSecret('  ATATT3xFfGF0abc\n')).toBeNull();
    const twoLines = checkPastedSecret('ATATT3xFfGF0abc\nsecond');
    expect(twoLines).toBe('An API token has no spaces or line breaks: paste only the token.');
  });

  it('says an app password no longer works, instead of sending it', () => {
    const message = checkPastedSecret('ATBBq7Yc9dEaF0example');
    expect(message).toContain('app passwords stopped working on 2026-06-09');
    expect(message).not.toContain('ATBB');
  });

  it('wants an email address', () => {
    expect(checkEmail('')).toBe('Enter the email address of your Atlassian account.');
    expect(checkEmail('alice')).toBe('Enter an email address, for example you@example.com.');
    expect(checkEmail(' alice@example.com ')).toBeNull();
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
  expect(tokenPageHost(HOST_CAPABILITIES['bitbucket-datacenter'])).toBeNull();
});
