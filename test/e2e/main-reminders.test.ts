// The built main bundle's expiry reminders, under Node with stand-ins for Electron's Tray and
// Notification (support/main-host.mjs): with a token expiring in two days and one the host rejected,
// main shows one notification and a tray count with a menu to open Latch; started again on the same
// data, it does not repeat the notification.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAccount, testToken } from '../core/vault/fixtures';
import { ensureBuilt, MAIN_BUNDLE } from './support/build';

const DAY = 86_400_000;
const home = mkdtempSync(join(tmpdir(), 'latch-main-reminders-'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON reports read field by field below
const runMain = (): any =>
  JSON.parse(
    execFileSync(process.execPath, [join(__dirname, 'support', 'main-host.mjs'), MAIN_BUNDLE], {
      env: { ...process.env, LATCH_HOME: home, ELECTRON_RENDERER_URL: '' },
      encoding: 'utf8',
      timeout: 30_000,
    }),
  );

describe('expiry reminders in the built main process', () => {
  beforeAll(async () => {
    await ensureBuilt();
    // Two days from now at noon UTC, so "in 2 days" holds whatever the hour the test runs.
    const today = Math.floor(Date.now() / DAY) * DAY;
    const expiresAt = new Date(today + 2 * DAY + DAY / 2).toISOString();
    writeFileSync(
      join(home, 'index.json'),
      JSON.stringify({
        version: 1,
        accounts: [testAccount()],
        storedTokens: [
          testToken('acc-1', '000000000001', { name: 'laptop', expiresAt }),
          testToken('acc-1', '000000000002', { name: 'old ci', rejectedAt: new Date(today - DAY).toISOString() }),
          testToken('acc-1', '000000000003', { name: 'fine', expiresAt: new Date(today + 90 * DAY).toISOString() }),
        ],
        settings: { keepCredentialsFromGit: false, unlockMinutes: 10 },
      }),
    );
  }, 180_000);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('notifies once, counts the tokens needing attention in the tray, and opens Latch from there', () => {
    const first = runMain();
    expect(first.notifications).toEqual([
      { title: '“laptop” expires in 2 days', body: 'The token git uses for alice on bitbucket.example.com stops working in 2 days. Open Latch to replace it.' },
    ]);
    expect(first.tray).toMatchObject({ tooltip: 'Latch: 2 tokens need attention', title: '2' });
    expect(first.tray.menu).toEqual([
      '2 tokens need attention',
      'laptop (alice on bitbucket.example.com): expires in 2 days',
      'old ci (alice on bitbucket.example.com): rejected by the host',
      '---',
      'Open Latch',
    ]);
    // "Open Latch" and a click on the notification each bring the window forward.
    expect(first.trayOpens).toBe(2);

    const second = runMain();
    expect(second.notifications).toEqual([]);
    expect(second.tray.title).toBe('2');
  });
});
