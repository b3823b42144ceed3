// The leak dialog in real headless Chromium, over the real core: the real keychain (private
// gnome-keyring), the Data Center simulator on 127.0.0.1 and git credential files in a temp HOME.
// `window.latch` is built by the preload's own bridge code over a binding to core.dispatch.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView, CreatedToken } from '../../shared/domain';
import { CONFIRM_TEXT } from '../../renderer/views/leak/LeakDialog';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { createHarness, type Harness } from '../core/services/harness';

const PASSWORD = 'correct horse battery staple';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/**
 * Installed before React loads: records every committed root, so a test can search all component
 * state, props and refs for a string — what React dev tools would show anyone looking.
 */
const REACT_STATE_PROBE = `(() => {
  const roots = new Set();
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, isDisabled: false, renderers: new Map(),
    inject(renderer) { const id = this.renderers.size + 1; this.renderers.set(id, renderer); return id; },
    onCommitFiberRoot(_id, root) { roots.add(root); },
    onCommitFiberUnmount() {}, onPostCommitFiberRoot() {}, checkDCE() {},
  };
  const SKIP = new Set(['return', 'child', 'sibling', 'alternate', 'stateNode', '_owner', '_store', 'dependencies', 'updateQueue']);
  window.__reactStateHolds = (needle) => {
    const seen = new Set();
    const holds = (value, depth) => {
      if (typeof value === 'string') return value.includes(needle);
      if (!value || typeof value !== 'object' || depth > 12 || seen.has(value) || value instanceof Node) return false;
      seen.add(value);
      return Object.keys(value).some((key) => !SKIP.has(key) && holds(value[key], depth + 1));
    };
    const walk = (fiber) => {
      for (let node = fiber; node; node = node.sibling) {
        if (holds(node.memoizedProps, 0) || holds(node.memoizedState, 0)) return true;
        if (node.child && walk(node.child)) return true;
      }
      return false;
    };
    return [...roots].some((root) => walk(root.current));
  };
})();`;

let bundle: { js: string; css: string };
let browser: Browser;

beforeAll(async () => {
  const result = await build({
    entryPoints: [join(__dirname, 'leak-dialog-page.tsx')],
    bundle: true,
    write: false,
    outdir: join(tmpdir(), 'latch-leak-dialog-bundle'),
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const text = (ext: string) => result.outputFiles.find((file) => file.path.endsWith(ext))?.text ?? '';
  bundle = { js: text('.js'), css: text('.css') };
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

let sim: BitbucketDataCenterSimulator;
let serverHost: string;
let h: Harness;
let home: string;
let context: BrowserContext;
let page: Page;
let alice: AccountView;
let created: CreatedToken;

beforeEach(async () => {
  sim = new BitbucketDataCenterSimulator();
  const { baseUrl } = await sim.start();
  serverHost = new URL(baseUrl).host;
  sim.addUser({ username: 'Alice', password: PASSWORD, slug: 'alice' });
  home = mkdtempSync(join(tmpdir(), 'latch-leak-ui-'));
  h = createHarness({ requestTimeoutMs: 5_000, env: { HOME: home } });
  alice = await h.core.accounts.add({ host: 'bitbucket-datacenter', baseUrl, username: 'Alice', password: PASSWORD, rememberPassword: false });
  created = await h.core.tokens.create({ accountId: alice.id, name: 'laptop git', scopes: ['PROJECT_READ', 'REPO_WRITE'], expiryDays: 30, owner: { kind: 'user' }, store: true });
  writeFileSync(join(home, '.git-credentials'), `http://alice:${encodeURIComponent(created.secret)}@${serverHost}\nhttps://bob:x@other.example.com\n`, { mode: 0o600 });

  // No transitions: axe measures colours, and a button still fading into the new scheme would be measured mid-way.
  context = await browser.newContext({ reducedMotion: 'reduce' });
  page = await context.newPage();
  await page.exposeBinding('__latchIpc', (_source, channel: string, input: unknown) => h.core.dispatch(channel, input, true));
  await page.setContent(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Latch</title><style>${bundle.css}</style></head><body></body></html>`);
  await page.addScriptTag({ content: REACT_STATE_PROBE });
  await page.addScriptTag({ content: bundle.js });
  await page.getByRole('dialog', { name: 'Respond to a leaked secret' }).waitFor();
});

afterEach(async () => {
  await context?.close();
  await h.close();
  await sim.stop();
  rmSync(home, { recursive: true, force: true });
});

/** What a person or a script could read from the page: its markup and every field's value. */
const pageText = () =>
  page.evaluate(() => [document.documentElement.outerHTML, ...[...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value)].join('\n'));
const stateHolds = (needle: string) => page.evaluate((text) => (window as unknown as { __reactStateHolds(t: string): boolean }).__reactStateHolds(text), needle);

/** axe is slow here (seconds a run), so each step is checked in the scheme its colours are most at risk in. */
async function seriousViolations(schemes: Array<'light' | 'dark'>): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    for (const violation of results.violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') found.push(`${scheme}: ${violation.id} ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
  }
  return found;
}

async function pasteAndConfirm(secret: string) {
  await page.getByLabel('Leaked secret', { exact: true }).fill(secret);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText(CONFIRM_TEXT).waitFor();
}

describe('the leak dialog', () => {
  it('takes a pasted secret, asks for confirmation, revokes it, shows each step, and forgets the secret', async () => {
    const field = page.getByLabel('Leaked secret', { exact: true });
    expect(await field.getAttribute('type')).toBe('password');

    await pasteAndConfirm(created.secret);
    expect(await page.getByText(`Latch recognises this as a Bitbucket Data Center HTTP access token (token id ${created.token.id}).`).isVisible()).toBe(true);
    // Nothing happens before the person confirms.
    expect(sim.tokens()).toHaveLength(1);
    // Held (in a ref) until then: the probe finds it, so its later silence means something.
    expect(await stateHolds(created.secret)).toBe(true);
    expect(await pageText()).not.toContain(created.secret);
    expect(await seriousViolations(['light'])).toEqual([]);

    await page.getByRole('button', { name: 'Revoke and remove' }).click();
    const summary = page.getByRole('status').filter({ hasText: 'Revoked at the host' });
    await summary.waitFor();
    expect(await summary.textContent()).toBe('Revoked at the host: it no longer works. Its copies on this computer are gone.');
    const steps = page.getByRole('list', { name: 'What Latch did' }).locator(':scope > li');
    expect(await steps.allTextContents()).toEqual([
      `Done: RecognisedA Bitbucket Data Center HTTP access token (token id ${created.token.id}).`,
      expect.stringContaining(`Done: FoundLatch holds it in the keychain as token ${created.token.id} ("laptop git") of Alice on ${serverHost}.`),
      expect.stringContaining(`Done: At the hostRevoked at ${serverHost}`),
      `Done: On this computerRemoved:The keychain copy of token ${created.token.id} (“laptop git”) of Alice on ${serverHost}` +
        `Line 1 of ${join(home, '.git-credentials')} (git credentials for http://${serverHost})`,
    ]);
    expect(sim.tokens()).toEqual([]);
    expect(h.keychainKeys()).toEqual([]);
    expect(readFileSync(join(home, '.git-credentials'), 'utf8')).toBe('https://bob:x@other.example.com\n');

    expect(await pageText()).not.toContain(created.secret);
    expect(await stateHolds(created.secret)).toBe(false);
    expect(await seriousViolations(['light', 'dark'])).toEqual([]);

    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.evaluate(() => window.__closed)).toBe(true);
  });

  it('asks for the account password when the account is locked, then finishes', async () => {
    await h.core.accounts.lock(alice.id);
    await pasteAndConfirm(created.secret);
    await page.getByRole('button', { name: 'Revoke and remove' }).click();
    const password = page.getByLabel(`Password for Alice on ${serverHost}`);
    await password.waitFor();
    expect(await page.getByText('Nothing on this computer was changed, so you can run this again once the step at the host works.').isVisible()).toBe(true);
    expect(sim.tokens()).toHaveLength(1);
    expect(await seriousViolations(['dark'])).toEqual([]);

    await password.fill('not the password');
    await page.getByRole('button', { name: 'Unlock and revoke' }).click();
    await page.getByRole('alert').filter({ hasText: 'Bitbucket rejected the username or password.' }).waitFor();
    expect(sim.tokens()).toHaveLength(1);

    await password.fill(PASSWORD);
    await page.getByRole('button', { name: 'Unlock and revoke' }).click();
    await page.getByRole('status').filter({ hasText: 'Revoked at the host' }).waitFor();
    expect(sim.tokens()).toEqual([]);
    expect(await pageText()).not.toContain(created.secret);
    expect(await pageText()).not.toContain(PASSWORD);
    expect(await stateHolds(created.secret)).toBe(false);
  });

  it('forgets the secret and changes nothing when closed before confirming', async () => {
    await pasteAndConfirm(created.secret);
    await page.keyboard.press('Escape');
    await page.getByText('Closed').waitFor();
    expect(await page.evaluate(() => window.__closed)).toBe(false);
    expect(await stateHolds(created.secret)).toBe(false);
    expect(sim.tokens()).toHaveLength(1);
    expect(h.keychainKeys()).toHaveLength(1);
  });
});
