// Which URLs belong to the app. Pure functions, free of `electron`, so tests run them directly.

/**
 * True when `url` is the bundled renderer document: the same file for file:// (a build), the same
 * origin and entry path for http(s) (the dev server). Query and fragment are ignored.
 */
export function isRendererUrl(url: string, rendererUrl: string): boolean {
  const actual = parse(url);
  const expected = parse(rendererUrl);
  if (!actual || !expected || actual.protocol !== expected.protocol) return false;
  if (actual.protocol === 'file:') return actual.host === expected.host && actual.pathname === expected.pathname;
  if (actual.protocol === 'http:' || actual.protocol === 'https:') {
    return actual.origin === expected.origin && entryPath(actual) === entryPath(expected);
  }
  return false;
}

/**
 * True for requests the window may make: its own bundled files (the renderer's directory for a build,
 * the dev server's origin in development), inline data: images and the developer tools. Nothing remote.
 */
export function isAppResource(url: string, rendererUrl: string): boolean {
  const actual = parse(url);
  const expected = parse(rendererUrl);
  if (!actual || !expected) return false;
  if (actual.protocol === 'data:' || actual.protocol === 'devtools:') return true;
  if (expected.protocol === 'file:') {
    const dir = expected.pathname.slice(0, expected.pathname.lastIndexOf('/') + 1);
    return actual.protocol === 'file:' && actual.host === expected.host && actual.pathname.startsWith(dir) && !actual.pathname.includes('/../');
  }
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

function entryPath(url: URL): string {
  return url.pathname.replace(/\/index\.html$/, '/');
}
