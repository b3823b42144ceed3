// Hardening that does not depend on our own window: every webContents and the default session.
import { app, type Session, type WebContents } from 'electron';
import { isAppResource, isRendererUrl } from './urls';

/** Call before the app is ready. */
export function hardenApp(rendererUrl: string): void {
  // Every renderer sandboxed, whatever its webPreferences say.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardContents(contents, rendererUrl));
}

/**
 * No navigation away from the renderer, no new windows, no <webview>. Applied to every webContents,
 * including any we did not create ourselves.
 */
function guardContents(contents: WebContents, rendererUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isRendererUrl(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The Content-Security-Policy header on every response, every permission denied, nothing remote loaded. */
export function hardenSession(session: Session, rendererUrl: string, csp: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // USB, HID and serial devices have a grant of their own that the two handlers above do not cover.
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAppResource(details.url, rendererUrl) }));
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Replace, never merge: a second, looser policy from anywhere else must not survive.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
}
