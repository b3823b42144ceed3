// The rules a pasted API token follows, the same in the form and in the core: its expiry date within
// what the host allows (UTC days, a day of slack for time zones), the email, the secret's kind. A fixed
// clock late in the UTC day makes the day edges exact.
import { describe, expect, it } from 'vitest';
import { HOSTS } from '../../shared/hosts';
import { addDays, emailProblem, expiryBounds, expiryProblem, nameProblem, secretProblem, utcDay } from '../../shared/browser-token';

const NOW = Date.parse('2026-11-27T22:30:00.000Z');
const CLOUD = HOSTS['bitbucket-cloud'];
const check = (value: string | null) => expiryProblem(value, CLOUD, NOW);

describe('the expiry date', () => {
  it('may be today up to a year and a day ahead, in UTC days', () => {
    expect(utcDay(NOW)).toBe('2026-11-27');
    expect(expiryBounds(NOW, 365)).toEqual({ min: '2026-11-27', max: '2027-11-28' });
    expect(expiryBounds(NOW, null)).toEqual({ min: '2026-11-27', max: null });
    for (const day of ['2026-11-27', '2027-03-31', '2027-11-28']) expect(check(day), day).toBeNull();
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('is required where tokens always expire, and may be left out where they need not', () => {
    expect(check(null)).toBe('Bitbucket Cloud API tokens always expire: enter the expiry date the page showed when you created the token.');
    expect(check('')).toBe(check(null));
    expect(expiryProblem(null, HOSTS['bitbucket-datacenter'], NOW)).toBeNull();
  });

  it('is refused once its day is over, beyond the host\'s limit, or when it is no real date', () => {
    expect(check('2026-11-26')).toMatch(/^That token expired on 2026-11-26; create a new one at id\.atlassian\.com/);
    expect(check('2027-11-29')).toMatch(/^Bitbucket Cloud tokens live at most 365 days, so 2027-11-29 cannot be/);
    for (const day of ['2027-02-29', '2026-13-01', '2026-00-10', '2026-1-5', '27/03/2027', 'soon']) {
      expect(check(day), day).toBe('The expiry date is not a real date: enter it as YYYY-MM-DD, for example 2027-03-31.');
    }
  });
});

describe('the secret and the email', () => {
  it('asks for a token, takes the whitespace a copy adds, and never repeats what was pasted', () => {
    expect(secretProblem('')).toBe('Paste the API token.');
    expect(secretProblem(' \n')).toBe('Paste the API token.');
    expect(secretProblem('  ATATT3xFfGF0abc\n')).toBeNull();
    expect(secretProblem('ATATT3xFfGF0abc\nsecond')).toBe('An API token has no spaces or line breaks: paste only the token.');
  });

  it('names the kinds Latch cannot keep instead of sending them', () => {
    const appPassword = secretProblem('ATBBq7Yc9dEaF0example');
    expect(appPassword).toContain('app passwords stopped working on 2026-06-09');
    expect(appPassword).not.toContain('ATBB');
    expect(secretProblem('ATCTT3xFfGF0abc')).toContain('access token');
  });

  it('wants the Atlassian account email, not a username', () => {
    expect(emailProblem(' ')).toBe('Enter your Atlassian account email.');
    expect(emailProblem('alice')).toMatch(/^Enter your Atlassian account email \(the one you sign in to id\.atlassian\.com with\)/);
    expect(emailProblem('alice@localhost')).not.toBeNull();
    expect(emailProblem(' alice@example.com\n')).toBeNull();
  });
});

describe('the name', () => {
  const secret = 'ATATT3xFfGF0T4kqZq1nB8xW2pLr0Vd9eYhJc6mQ';

  it('is never the token pasted into the wrong field, since the name is saved and shown', () => {
    for (const name of [secret, ` ${secret}\n`, `laptop ${secret}`, 'ATATT3xFfGF0SomethingElseEntirely']) {
      const problem = nameProblem(name, secret);
      expect(problem, name).toMatch(/^That looks like the token itself\./);
      expect(problem).not.toContain('ATATT');
    }
  });

  it('takes the names people give tokens, including ones that start like a host prefix', () => {
    for (const name of ['git on this computer', 'Sourcetree on the work laptop', 'glass-runner', 'ATM kiosk deploys']) {
      expect(nameProblem(name, secret), name).toBeNull();
    }
  });
});
