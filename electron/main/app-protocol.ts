// Serves the built renderer from latch://app/ instead of file://, so the window has an origin of its
// own and cannot read any other file on disk by URL. Free of `electron`: tests call the handler directly.
import { extname, isAbsolute, relative, resolve } from 'node:path';

export const APP_SCHEME = 'latch';
export const APP_HOST = 'app';
/** What the window loads in a build. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The parts of a fetch Request the handler reads; Electron's protocol.handle passes a real one. */
export interface AppRequest {
  readonly url: string;
  readonly method: string;
}

// Module scripts are refused unless served as JavaScript, so the type is not a nicety. With nosniff
// (below) the browser never guesses one either.
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that `url` names, or null when it names nothing there: another scheme or host,
 * a port or user, an empty path, or any segment that is `.`/`..` or hides a separator once decoded.
 * Chromium already folds plain `..` away; the encoded forms are what this refuses.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username || parsed.password) return null;
  const segments: string[] = [];
  for (const raw of parsed.pathname.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) return null;
  const base = resolve(root);
  const path = resolve(base, ...segments);
  // The segment rules above already keep the path inside; this says so once more in path terms.
  const inside = relative(base, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return path;
}

/**
 * The protocol handler: files under `root` with their content type, 404 for anything else, and the
 * CSP on every answer, errors included, because session.webRequest's header hook may not see
 * responses of a custom protocol.
 */
export function createAppHandler(options: { root: string; csp: string; readFile: (path: string) => Promise<Uint8Array> }) {
  const headers = (extra: Record<string, string>) => ({
    'Content-Security-Policy': options.csp,
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  const refuse = (status: number, text: string) => new Response(text, { status, headers: headers({ 'Content-Type': 'text/plain; charset=utf-8' }) });

  return async (request: AppRequest): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const path = resolveAppPath(options.root, request.url);
    if (!path) return refuse(404, 'Not found');
    let body: Uint8Array;
    try {
      body = await options.readFile(path);
    } catch {
      // Missing, a directory, unreadable: all the same to the page, and no file system detail leaks out.
      return refuse(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: headers({ 'Content-Type': contentTypeOf(path) }),
    });
  };
}
