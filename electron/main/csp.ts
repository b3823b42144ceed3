// The renderer's Content Security Policy. The same string goes into renderer/index.html as a meta tag
// and onto every response as a header (belt and braces: a header also covers documents the meta tag
// cannot, e.g. an error page). No network at all from the renderer: everything goes through IPC.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'none'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `electron-vite dev` serves the renderer with hot reload: an inline preamble script and a websocket
 * back to the dev server. Used only when the app runs from the dev server, never in a build.
 */
export const DEV_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
