// The Electron-free rules of electron/main: which URLs are the app, which IPC senders are trusted, how
// handlers are registered, and that the CSP in the page equals the header main sends.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/channels';
import { ok } from '../../shared/result';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { registerIpc } from '../../electron/main/ipc';
import { createSenderCheck, type FrameLike } from '../../electron/main/sender';
import { isAppResource, isRendererUrl } from '../../electron/main/urls';
import { OUT, ROOT } from '../e2e/support/build';

const BUILT = 'latch://app/index.html';
const DEV = 'http://localhost:5173';

describe('which URLs are the renderer', () => {
  it('accepts the bundled page itself, with or without query and fragment', () => {
    expect(isRendererUrl(BUILT, BUILT)).toBe(true);
    expect(isRendererUrl(`${BUILT}#/tokens`, BUILT)).toBe(true);
    expect(isRendererUrl(`${BUILT}?x=1`, BUILT)).toBe(true);
  });

  it('refuses any other file, scheme or origin', () => {
    expect(isRendererUrl('latch://app/other.html', BUILT)).toBe(false);
    expect(isRendererUrl('latch://evil/index.html', BUILT)).toBe(false);
    expect(isRendererUrl('latch://user@app/index.html', BUILT)).toBe(false);
    expect(isRendererUrl('https://app/index.html', BUILT)).toBe(false);
    // file:// is no longer the app in a build, not even the renderer's own file.
    expect(isRendererUrl('file:///opt/Latch/resources/app.asar/out/renderer/index.html', BUILT)).toBe(false);
    expect(isRendererUrl('about:blank', BUILT)).toBe(false);
    expect(isRendererUrl('not a url', BUILT)).toBe(false);
  });

  it('accepts the dev server entry and nothing else on other origins', () => {
    expect(isRendererUrl('http://localhost:5173/', DEV)).toBe(true);
    expect(isRendererUrl('http://localhost:5173/index.html', DEV)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isRendererUrl('http://localhost:5173/evil.html', DEV)).toBe(false);
    expect(isRendererUrl('http://localhost.evil.com:5173/', DEV)).toBe(false);
  });

  it('lets the window load its own files and inline images, nothing remote', () => {
    expect(isAppResource('latch://app/assets/index-abc.js', BUILT)).toBe(true);
    expect(isAppResource('data:image/png;base64,AAAA', BUILT)).toBe(true);
    expect(isAppResource('latch://other/assets/index-abc.js', BUILT)).toBe(false);
    expect(isAppResource('file:///opt/Latch/resources/app.asar/out/renderer/assets/index-abc.js', BUILT)).toBe(false);
    expect(isAppResource('file:///etc/passwd', BUILT)).toBe(false);
    expect(isAppResource('https://cdn.example.com/lib.js', BUILT)).toBe(false);
    expect(isAppResource('http://localhost:5173/@vite/client', DEV)).toBe(true);
    expect(isAppResource('ws://localhost:5173/', DEV)).toBe(true);
    expect(isAppResource('https://example.com/', DEV)).toBe(false);
  });
});

describe('which IPC senders are trusted', () => {
  const main: FrameLike = { url: BUILT, parent: null };
  const check = createSenderCheck(() => main, BUILT);

  it('trusts only our window’s main frame while it shows the renderer', () => {
    expect(check({ senderFrame: main })).toBe(true);
    expect(check({ senderFrame: null })).toBe(false);
    expect(check({ senderFrame: { url: BUILT, parent: main } })).toBe(false); // an iframe, even with our URL
    expect(check({ senderFrame: { url: BUILT, parent: null } })).toBe(false); // another window's frame
  });

  it('stops trusting the main frame once it shows anything else', () => {
    const navigated = { url: 'https://example.com/', parent: null };
    expect(createSenderCheck(() => navigated, BUILT)({ senderFrame: navigated })).toBe(false);
  });

  it('recognises a fresh wrapper of the same frame by its process and token', () => {
    const first = { url: BUILT, parent: null, processId: 7, frameToken: 'abc' };
    const again = { url: BUILT, parent: null, processId: 7, frameToken: 'abc' };
    const other = { url: BUILT, parent: null, processId: 7, frameToken: 'def' };
    const byToken = createSenderCheck(() => first, BUILT);
    expect(byToken({ senderFrame: again })).toBe(true);
    expect(byToken({ senderFrame: other })).toBe(false);
  });

  it('trusts nothing while there is no window', () => {
    expect(createSenderCheck(() => null, BUILT)({ senderFrame: main })).toBe(false);
  });
});

describe('registering the IPC handlers', () => {
  it('registers exactly the contract’s channels and passes each call’s input and sender verdict to dispatch', async () => {
    const handlers = new Map<string, (event: { trusted: boolean }, input: unknown) => Promise<unknown>>();
    const seen: unknown[] = [];
    const remove = registerIpc(
      { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: (channel) => void handlers.delete(channel) },
      async (channel, input, trusted) => {
        seen.push([channel, input, trusted]);
        return ok(null);
      },
      (event: { trusted: boolean }) => event.trusted,
    );
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    await handlers.get('tokens:list')!({ trusted: false }, { accountId: 'a' });
    await handlers.get('accounts:list')!({ trusted: true }, {});
    expect(seen).toEqual([
      ['tokens:list', { accountId: 'a' }, false],
      ['accounts:list', {}, true],
    ]);
    remove();
    expect(handlers.size).toBe(0);
  });
});

describe('the Content Security Policy', () => {
  const metaPolicy = (html: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];

  it('is the same in the page’s meta tag as in the header main sends', () => {
    expect(metaPolicy(readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8'))).toBe(CONTENT_SECURITY_POLICY);
    const built = join(OUT, 'renderer', 'index.html');
    if (existsSync(built)) expect(metaPolicy(readFileSync(built, 'utf8'))).toBe(CONTENT_SECURITY_POLICY);
  });

  it('allows no remote connection, inline script or inline style', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});
