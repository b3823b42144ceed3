// latch://app/: the files of the built renderer and nothing else, each with its type and the CSP.
// The handler runs over a real directory on disk with the real fs.readFile, as main passes it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, contentTypeOf, createAppHandler, resolveAppPath } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';

// A renderer directory with a secret next to it, which no URL may reach.
const base = mkdtempSync(join(tmpdir(), 'latch-app-protocol-'));
const root = join(base, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
writeFileSync(join(base, 'secret.txt'), 'not for the page');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const handler = createAppHandler({ root, csp: CONTENT_SECURITY_POLICY, readFile });
const get = (url: string, method = 'GET') => handler({ url, method });

describe('latch://app/ serves the built renderer', () => {
  it('answers the entry page and its assets with the right content type and the CSP', async () => {
    expect(APP_ENTRY_URL).toBe('latch://app/index.html');
    const page = await get(APP_ENTRY_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<div id="root">');
    const cases: Array<[string, string]> = [
      ['latch://app/assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['latch://app/assets/index-abc.css', 'text/css; charset=utf-8'],
      ['latch://app/assets/logo.svg', 'image/svg+xml'],
    ];
    for (const [url, type] of cases) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(type);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
    expect(await (await get('latch://app/assets/index-abc.js?v=1#x')).text()).toBe('console.log(1)');
  });

  it('knows the types a page needs and never lets the browser guess one', () => {
    expect(contentTypeOf('/a/INDEX.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/a/b.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/a/b.woff2')).toBe('font/woff2');
    expect(contentTypeOf('/a/b.png')).toBe('image/png');
    expect(contentTypeOf('/a/b.unknown')).toBe('application/octet-stream');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(APP_ENTRY_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get(APP_ENTRY_URL, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('latch://app/ refuses everything else', () => {
  // Each of these would name the secret next to the renderer, or a file elsewhere, if resolved naively.
  const outside = [
    'latch://app/..%2fsecret.txt',
    'latch://app/assets/..%2F..%2Fsecret.txt',
    'latch://app/%2e%2e%2fsecret.txt',
    'latch://app/..%5csecret.txt',
    'latch://app/%2fetc%2fpasswd',
    'latch://app/assets%00/index-abc.js',
    'latch://app/%E0%A4%A',
  ];

  it('refuses paths that leave the renderer directory, however they are spelled', async () => {
    // Even a readFile that would hand out anything gets no chance: the path is refused before it.
    const asked: string[] = [];
    const permissive = createAppHandler({ root, csp: CONTENT_SECURITY_POLICY, readFile: async (path) => (asked.push(path), new Uint8Array([1])) });
    for (const url of outside) {
      expect(resolveAppPath(root, url), url).toBeNull();
      const response = await permissive({ url, method: 'GET' });
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
    }
    expect(asked).toEqual([]);
    // Plain dot segments are folded by the URL parser (as Chromium does) and land back inside.
    expect(resolveAppPath(root, 'latch://app/assets/../index.html')).toBe(join(root, 'index.html'));
    expect((await get('latch://app/../../secret.txt')).status).toBe(404);
  });

  it('refuses other hosts, users, ports, schemes and the bare directory', async () => {
    for (const url of [
      'latch://evil/index.html',
      'latch://app.evil/index.html',
      'latch://user@app/index.html',
      'latch://app:8080/index.html',
      'file:///etc/passwd',
      'https://app/index.html',
      'latch://app/',
      'latch://app/assets/',
      'latch://app//index.html',
      'not a url',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('content-type'), url).toBe('text/plain; charset=utf-8');
    }
  });

  it('answers a missing file with 404 and no file system detail', async () => {
    const response = await get('latch://app/assets/missing.js');
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).toBe('Not found');
    expect(text).not.toContain(root);
  });
});
