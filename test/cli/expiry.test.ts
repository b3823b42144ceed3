// One default expiry: a token made with the CLI lives 90 days unless told otherwise, as in the app;
// `--expiry-days none` makes one that never expires, with a warning; the help says so.
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPIRY_DAYS } from '../../shared/expiry';
import { cliWorld, expectRefusal } from './fixture';

const w = cliWorld();
const DAY = 86_400_000;
const create = (...more: string[]) =>
  w.run(['token', 'create', '--account', 'Alice', '--name', 'ci', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--json', ...more]);

describe('latch token create expiry', () => {
  it('defaults to 90 days, like the app', async () => {
    expect(DEFAULT_EXPIRY_DAYS).toBe(90);
    await w.addAlice();
    const before = Date.now();
    const result = await create();
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const { token } = JSON.parse(result.stdout) as { token: { expiresAt: string } };
    const days = (Date.parse(token.expiresAt) - before) / DAY;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);
    expect(w.sim.tokens()[0]!.expiryDays).toBe(90);
  });

  it('makes a token that never expires with --expiry-days none, and warns', async () => {
    await w.addAlice();
    const result = await create('--expiry-days', 'none');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { token: { expiresAt: string | null } }).token.expiresAt).toBeNull();
    expect(result.stderr).toMatch(/^Warning: this token never expires/);
  });

  it('refuses 0, -5 and other non-days as usage errors before asking the host', async () => {
    await w.addAlice();
    w.sim.requests.length = 0;
    for (const days of ['0', '-5', 'never', '3651']) {
      const result = await create('--expiry-days', days);
      expectRefusal(result, 2);
      expect(result.stderr).toBe('latch: --expiry-days takes a whole number of days from 1 to 3650, or none.\n');
    }
    expect(w.sim.requests).toEqual([]);
  });

  it('says the default in --help', async () => {
    expect((await w.run(['token', 'create', '--help'])).stdout).toContain('90 days unless given');
  });
});
