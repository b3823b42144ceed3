// Which URLs belong to the app. Pure functions, free of `electron`, so tests run them directly.
// A build's renderer is latch://app/index.html (see app-protocol.ts); file:// is never ours.

/**
 * True when `url` is the renderer document: the same host and path for latch: (a build), the same
 * origin and entry path for http(s) (the dev server). Query and fragment are ignored.
 */
export function isRendererUrl(url: string, rendererUrl: string): boolean {
  const actual = parse(url);
  const expected = parse(rendererUrl);
  if (!actual || !expected || actual.protocol !== expected.protocol) return false;
  if (actual.protocol === 'latch:') return sameLatchHost(actual, expected) && actual.pathname === expected.pathname;
  if (actual.protocol === 'http:' || actual.protocol === 'https:') {
    return actual.origin === expected.origin && entryPath(actual) === entryPath(expected);
  }
  return false;
}

/**
 * True for requests the window may make: its own bundled files (latch://app/ for a build, the dev
 * server's origin in development), inline data: images and the developer tools. Nothing remote, and
 * no file:// at all.
 */
export function isAppResource(url: string, rendererUrl: string): boolean {
  const actual = parse(url);
  const expected = parse(rendererUrl);
  if (!actual || !expected) return false;
  if (actual.protocol === 'data:' || actual.protocol === 'devtools:') return true;
  if (expected.protocol === 'latch:') {
    // The protocol handler refuses paths outside the renderer's directory; this only keeps the host.
    return actual.protocol === 'latch:' && sameLatchHost(actual, expected);
  }
  if (expected.protocol !== 'http:' && expected.protocol !== 'https:') return false;
  if (actual.protocol === 'ws:' || actual.protocol === 'wss:') {
    // The dev server's hot-reload socket.
    return actual.host === expected.host;
  }
  return actual.origin === expected.origin;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

// latch: is not a special scheme to the WHATWG parser, so its URLs have no origin to compare; the
// host (and no user or password) is what makes one ours.
function sameLatchHost(actual: URL, expected: URL): boolean {
  return actual.host === expected.host && !actual.username && !actual.password;
}

function entryPath(url: URL): string {
  return url.pathname.replace(/\/index\.html$/, '/');
}
