// The checks Latch makes on a pasted token before asking the host: the expiry date's range for a host
// whose tokens always expire, the email, the secret's kind. A fixed clock makes the day edges exact.
import { describe, expect, it } from 'vitest';
import { HOSTS } from '../../../shared/hosts';
import { checkEmail, checkExpiresOn, checkBrowserToken, checkSecret, browserHostToken } from '../../../electron/core/services/browser-token-checks';

const cloud = HOSTS['bitbucket-cloud'];
const NOW = Date.parse('2026-12-01T22:30:00.000Z');

describe('the expiry date of a pasted token', () => {
  it('is the end of that day, UTC, from today to 366 days ahead (one day of slack for time zones)', () => {
    expect(checkExpiresOn('2026-12-01', cloud, NOW)).toBe('2026-12-01T23:59:59.000Z');
    expect(checkExpiresOn('2027-12-02', cloud, NOW)).toBe('2027-12-02T23:59:59.000Z');
    expect(() => checkExpiresOn('2027-12-03', cloud, NOW)).toThrow('Bitbucket Cloud tokens live at most 365 days, so 2027-12-03 cannot be');
  });

  it('is refused once its day is over, or when it is no real date', () => {
    expect(() => checkExpiresOn('2026-11-30', cloud, NOW)).toThrow('That token expired on 2026-11-30;');
    expect(() => checkExpiresOn('2026-12-01', cloud, Date.parse('2026-12-02T00:00:00.000Z'))).toThrow('expired on');
    for (const date of ['2027-02-29', '2026-13-01', '2026-00-10', '2026-1-5', 'soon']) {
      expect(() => checkExpiresOn(date, cloud, NOW), date).toThrow(/not a real date/);
    }
    expect(checkExpiresOn('2027-02-28', cloud, NOW)).toBe('2027-02-28T23:59:59.000Z');
  });

  it('may be left out only where the host lets tokens live for ever', () => {
    expect(() => checkExpiresOn(null, cloud, NOW)).toThrow('Bitbucket Cloud API tokens always expire');
    expect(checkExpiresOn(null, HOSTS['bitbucket-datacenter'], NOW)).toBeNull();
  });
});

describe('the rest of a paste', () => {
  it('takes a trimmed email and refuses a username', () => {
    expect(checkEmail('  ana@example.com\n')).toBe('ana@example.com');
    expect(() => checkEmail('ana-dev')).toThrow('Atlassian account email');
    expect(() => checkEmail(' ')).toThrow('Enter your Atlassian account email.');
  });

  it('trims the secret and names kinds Latch cannot keep without quoting them', () => {
    expect(checkSecret(' ATATT3xFfGF0abc=12345678 \n')).toBe('ATATT3xFfGF0abc=12345678');
    const appPassword = `ATBB${'k'.repeat(28)}`;
    expect(() => checkSecret(appPassword)).toThrow('app passwords stopped working');
    expect(() => checkSecret(appPassword)).not.toThrow(appPassword);
    expect(() => checkSecret('ATCTT3xFfGF0abc')).toThrow('access token');
    expect(() => checkSecret('\n')).toThrow('Paste the API token.');
  });

  it('refuses the token as its own name, before anything is saved or sent', () => {
    const secret = 'ATATT3xFfGF0T4kqZq1nB8xW2pLr0Vd9eYhJc6mQ';
    expect(() => checkBrowserToken({ name: secret, secret, expiresOn: '2027-01-01' }, cloud, NOW)).toThrow(/^That looks like the token itself\./);
    expect(checkBrowserToken({ name: ' laptop ', secret: ` ${secret}\n`, expiresOn: '2027-01-01' }, cloud, NOW)).toEqual({
      name: 'laptop',
      secret,
      expiresAt: '2027-01-01T23:59:59.000Z',
    });
  });

  it('gets a local id in the form token ids take, a fresh one each time', () => {
    const paste = { name: 'n', secret: 's', expiresAt: '2027-01-01T23:59:59.000Z' };
    const a = browserHostToken(paste, NOW);
    expect(a).toEqual({ id: expect.stringMatching(/^pasted-[0-9a-f]{12}$/), name: 'n', scopes: [], createdAt: '2026-12-01T22:30:00.000Z', expiresAt: paste.expiresAt, lastUsedAt: null, owner: { kind: 'user' } });
    expect(browserHostToken(paste, NOW).id).not.toBe(a.id);
  });
});
