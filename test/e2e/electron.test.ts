// The same scenario in the real Electron app through Playwright's `_electron`, when an Electron
// program is installed. Since Electron 42 the npm package downloads its program on first
// `require('electron')`; that is never triggered here: presence is checked on disk only.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createOsKeychain } from '../../electron/core/vault/keychain';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { bitbucketDataCenterTokenId } from '../../shared/hosts/bitbucket-datacenter';
import { ensureBuilt, ROOT } from './support/build';
import { filesContaining } from './support/canary';
import { addAccount, closeReveal, copySecret, createToken, pageText, revokeToken } from './support/steps';

function electronProgram(): string | null {
  const dir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const program = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(program) ? program : null;
}

const program = electronProgram();
// Electron needs a display on Linux (run the tests under xvfb-run on a headless machine).
const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const title = !program
  ? 'runs the scenario in the Electron app — SKIPPED: no Electron program on this machine (node_modules/electron/dist is missing; `npx install-electron` fetches it)'
  : !display
    ? 'runs the scenario in the Electron app — SKIPPED: Electron is installed but there is no display (run the tests under xvfb-run)'
    : 'runs add account → create → copy → clear → close → listed → revoke in the Electron app';

describe('Latch as the Electron app', () => {
  it.skipIf(!program || !display)(
    title,
    async () => {
      await ensureBuilt();
      const home = mkdtempSync(join(tmpdir(), 'latch-electron-home-'));
      const sim = new BitbucketDataCenterSimulator();
      const { baseUrl } = await sim.start();
      const password = `pw ${randomBytes(6).toString('hex')}`;
      sim.addUser({ username: 'carol', password, displayName: 'Carol Example' });
      const env = { ...process.env, LATCH_HOME: home } as Record<string, string>;
      delete env.ELECTRON_RENDERER_URL;
      const app = await _electron.launch({
        executablePath: program!,
        // Electron refuses to start as root without it (CI containers run as root).
        args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT],
        env,
      });
      try {
        const page = await app.firstWindow();
        const logs: string[] = [];
        page.on('console', (message) => logs.push(message.text()));

        // The window is locked down as main says: no Node in the page, no new windows, no navigating away.
        const rendererUrl = page.url();
        expect(rendererUrl).toBe('latch://app/index.html');
        expect(await page.evaluate(() => [typeof (window as unknown as { require?: unknown }).require, typeof (window as unknown as { process?: unknown }).process])).toEqual([
          'undefined',
          'undefined',
        ]);
        expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
        await page.evaluate(() => {
          window.location.href = 'https://example.com/';
        });
        await page.waitForTimeout(500);
        expect(page.url()).toBe(rendererUrl);
        expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

        await addAccount(page, { baseUrl, username: 'carol', password, displayName: 'Carol Example' });
        const name = 'Electron scenario token';
        const secret = await createToken(page, name);
        expect(secret).toMatch(/^BBDC-/);
        const tokenId = bitbucketDataCenterTokenId(secret);
        expect(sim.tokens().some((token) => token.id === tokenId)).toBe(true);

        const status = await copySecret(page);
        const seconds = Number(/clears in (\d+) s/.exec(status)?.[1]);
        const clipboardText = () => app.evaluate(async ({ clipboard }) => String(await clipboard.readText()));
        expect(await clipboardText()).toBe(secret);
        await expect.poll(clipboardText, { timeout: (seconds + 10) * 1000, interval: 500 }).toBe('');

        await closeReveal(page, name);
        expect(await pageText(page)).not.toContain(secret);
        const row = page.getByRole('row', { name: new RegExp(name) });
        expect(await row.getByText('In keychain').isVisible()).toBe(true);
        const index = JSON.parse(readFileSync(join(home, 'index.json'), 'utf8')) as { storedTokens: Array<{ tokenId: string; keychainKey: string }> };
        const stored = index.storedTokens.find((entry) => entry.tokenId === tokenId)!;
        const keychain = createOsKeychain();
        expect(await keychain.get(stored.keychainKey)).toBe(secret);

        await revokeToken(page, name);
        expect(sim.tokens().some((token) => token.id === tokenId)).toBe(false);
        expect(await keychain.get(stored.keychainKey)).toBeNull();

        await app.close();
        expect(filesContaining(home, secret)).toEqual([]);
        expect(filesContaining(home, password)).toEqual([]);
        expect(logs.join('\n')).not.toContain(secret);
      } finally {
        await app.close().catch(() => undefined);
        await sim.stop();
        rmSync(home, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
