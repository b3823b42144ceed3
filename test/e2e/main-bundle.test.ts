// The built Electron main bundle, run under Node with stand-ins for Electron's own objects (see
// support/main-host.mjs): the window it opens, the hardening it applies, the IPC it registers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/channels';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { ensureBuilt, MAIN_BUNDLE } from './support/build';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON report read field by field below
let report: any;
const home = mkdtempSync(join(tmpdir(), 'latch-main-home-'));

describe('the built Electron main process', () => {
  beforeAll(async () => {
    await ensureBuilt();
    const output = execFileSync(process.execPath, [join(__dirname, 'support', 'main-host.mjs'), MAIN_BUNDLE], {
      env: { ...process.env, LATCH_HOME: home, ELECTRON_RENDERER_URL: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    report = JSON.parse(output);
  }, 180_000);

  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('replaces the default menu, whose Reload would lose a secret on screen and whose tools open DevTools', () => {
    // null, not undefined: set, and set to no menu at all (Linux and Windows need none for copy and paste).
    expect(report.menu).toBeNull();
  });

  it('is named Latch and keeps its data where the CLI looks', () => {
    expect(report.name).toBe('Latch');
    expect(report.paths.userData).toBe('/home/someone/.config/Latch');
  });

  it('opens one sandboxed, isolated window on the bundled renderer with the bundled preload', () => {
    expect(report.sandboxEverywhere).toBe(true);
    expect(report.windows).toHaveLength(1);
    const prefs = report.windows[0].webPreferences;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false });
    expect(prefs.preload).toMatch(/out[\\/]preload[\\/]index\.js$/);
    expect(report.loaded).toBe('latch://app/index.html');
  });

  it('serves the renderer from its own privileged latch: scheme, never file://', () => {
    // Privileges count only when registered before ready; the handler can only go on after it.
    expect(report.schemes).toEqual([
      { scheme: 'latch', privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false }, beforeReady: true },
    ]);
    expect(report.handled).toEqual([{ scheme: 'latch', afterReady: true }]);
    expect(report.rendererUrl).toBe('latch://app/index.html');
    expect(report.served.page).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', csp: CONTENT_SECURITY_POLICY, isTheRenderer: true });
    expect(report.served.script).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', csp: CONTENT_SECURITY_POLICY });
    expect(report.served.outside).toMatchObject({ status: 404, csp: CONTENT_SECURITY_POLICY });
    expect(report.served.otherHost).toMatchObject({ status: 404, csp: CONTENT_SECURITY_POLICY });
  });

  it('refuses navigation away, redirects, webviews and new windows', () => {
    expect(report.navigation).toEqual({ away: true, reload: false, redirect: true, webview: true, windowOpen: { action: 'deny' } });
  });

  it('denies every permission and every remote request, and replaces any CSP with its own', () => {
    expect(report.permissions).toEqual({ request: false, check: false, device: false });
    expect(report.requests).toEqual({ remote: true, ownAsset: false, file: true });
    expect(report.headers).toEqual({ 'X-Kept': ['yes'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('handles every contract channel, answering Results, and only for its own window’s main frame', () => {
    expect([...report.channels].sort()).toEqual([...CHANNELS].sort());
    expect(report.ipc.trusted).toEqual({ ok: true, value: [] });
    expect(report.ipc.iframe).toMatchObject({ ok: false, code: 'forbidden-sender' });
    expect(report.ipc.noFrame).toMatchObject({ ok: false, code: 'forbidden-sender' });
    expect(report.ipc.badInput).toMatchObject({ ok: false, code: 'validation' });
  });

  it('opens a host\'s token page in the system browser, and nothing but an https page it built itself', () => {
    expect(report.ipc.openCloud).toEqual({ ok: true, value: null });
    expect(report.ipc.openPlainHttp).toMatchObject({ ok: false, code: 'insecure-url' });
    expect(report.ipc.openBoth).toMatchObject({ ok: false, code: 'validation' });
    expect(report.opened).toEqual(['https://id.atlassian.com/manage-profile/security/api-tokens']);
  });

  it('focuses its window when started again, and cleans up before quitting', () => {
    expect(report.focused).toBe(1);
    expect(report.quit).toEqual({ prevented: true, quitsAfterCleanup: 1 });
    expect(report.tray.destroyed).toBe(true);
  });

  it('puts an icon in the tray that says all is well when no token needs attention, with a way to open Latch', () => {
    expect(report.tray).toMatchObject({ tooltip: 'Latch: every token is fine', title: '', template: true });
    expect(report.tray.image).toMatch(/^data:image\/png;base64,/);
    expect(report.tray.menu).toEqual(['Every token is fine', '---', 'Open Latch']);
    expect(report.notifications).toEqual([]);
    expect(report.trayOpens).toBe(1);
  });

  it('started while another Latch runs, opens no window and leaves at once (the running one is focused)', () => {
    const second = JSON.parse(
      execFileSync(process.execPath, [join(__dirname, 'support', 'main-host.mjs'), MAIN_BUNDLE], {
        env: { ...process.env, LATCH_HOME: home, ELECTRON_RENDERER_URL: '', LATCH_STAND_IN_RUNNING: '1' },
        encoding: 'utf8',
        timeout: 30_000,
      }),
    );
    expect(second).toEqual({ windows: 0, quits: 1, channels: [] });
  });

  it('offers the command line tools only from an installed app, and says what to do from a checkout', () => {
    expect(report.ipc.cliTools).toMatchObject({ ok: true, value: { available: false, installed: false } });
    expect(report.ipc.cliTools.value.note).toContain('npm link');
  });
});
