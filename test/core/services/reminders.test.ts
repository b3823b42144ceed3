// Expiry reminders with a clock: the core decides what to notify and when, once per token and moment,
// remembered on disk across restarts (a new core on the same home); the tray's count and menu lines.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core';
import { createRemindersService, REMIND_DAYS_BEFORE } from '../../../electron/core/services/reminders';
import { testAccount, testToken } from '../vault/fixtures';
import { createHarness, type Harness } from './harness';

const DAY = 86_400_000;
let clock = Date.parse('2026-12-01T09:00:00Z');
let h: Harness;

beforeEach(async () => {
  clock = Date.parse('2026-12-01T09:00:00Z');
  h = createHarness({ now: () => clock });
  await h.core.store.update((data) => {
    data.accounts.push(testAccount());
    data.storedTokens.push(
      testToken('acc-1', '000000000001', { name: 'laptop', expiresAt: '2026-12-06T12:00:00.000Z' }),
      testToken('acc-1', '000000000002', { name: 'ci', expiresAt: null }),
      testToken('acc-1', '000000000003', { name: 'old', rejectedAt: '2026-11-30T00:00:00.000Z' }),
    );
  });
});
afterEach(() => h.close());

const titles = async () => (await h.core.reminders.check()).notify.map((reminder) => reminder.title);

describe('expiry reminders', () => {
  it(`notifies ${REMIND_DAYS_BEFORE} days before and on the day, each once`, async () => {
    // Five days before: nothing yet, but the tray counts it (and the rejected one).
    expect(await titles()).toEqual([]);
    const early = await h.core.reminders.check();
    expect(early.attention.count).toBe(2);
    expect(early.attention.items.map((item) => item.label)).toEqual([
      'laptop (alice on bitbucket.example.com): expires in 5 days',
      'old (alice on bitbucket.example.com): rejected by the host',
    ]);
    expect(early.attention.tooltip).toBe('Latch: 2 tokens need attention');

    clock += 2 * DAY; // 3 days before
    const soon = (await h.core.reminders.check()).notify;
    expect(soon.map((reminder) => [reminder.title, reminder.body])).toEqual([
      ['“laptop” expires in 3 days', 'The token git uses for alice on bitbucket.example.com stops working in 3 days. Open Latch to replace it.'],
    ]);
    expect(await titles()).toEqual([]);
    clock += DAY;
    expect(await titles()).toEqual([]);

    clock = Date.parse('2026-12-06T08:00:00Z'); // the day itself, before the moment
    expect(await titles()).toEqual(['“laptop” expires today']);
    expect(await titles()).toEqual([]);

    clock = Date.parse('2026-12-06T13:00:00Z'); // expired: no more reminders, still counted
    expect(await titles()).toEqual([]);
    expect((await h.core.reminders.check()).attention.items[0]!.label).toBe('laptop (alice on bitbucket.example.com): expired');
  });

  it('remembers across a restart what it already showed', async () => {
    clock = Date.parse('2026-12-04T09:00:00Z');
    expect(await titles()).toEqual(['“laptop” expires in 2 days']);
    const again = createRemindersService({ store: createCore({ home: h.home, keychain: h.keychain, clipboard: h.clipboard, now: () => clock }).store, now: () => clock });
    expect((await again.check()).notify).toEqual([]);
  });

  it('forgets what it showed for a token no longer kept, and a token made again is reminded afresh', async () => {
    clock = Date.parse('2026-12-04T09:00:00Z');
    expect(await titles()).toHaveLength(1);
    await h.core.store.update((data) => {
      data.storedTokens = data.storedTokens.filter((token) => token.tokenId !== '000000000001');
    });
    await h.core.reminders.check();
    const data = await h.core.store.read();
    expect(data.remindersShown).toEqual([]);
  });

  it('counts nothing when every token is fine', async () => {
    await h.core.store.update((data) => {
      data.storedTokens = data.storedTokens.filter((token) => token.tokenId === '000000000002');
    });
    expect((await h.core.reminders.check()).attention).toEqual({ count: 0, items: [], summary: 'Every token is fine', tooltip: 'Latch: every token is fine' });
  });
});
