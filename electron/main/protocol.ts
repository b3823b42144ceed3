// Electron's side of latch://app/: the scheme's privileges (before ready) and the handler (after).
// What is served, and what is refused, lives in app-protocol.ts.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, createAppHandler } from './app-protocol';

/** Call before the app is ready: Chromium reads scheme privileges only at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: a real origin (latch://app) so 'self' in the CSP and relative asset paths mean what
      // they say; secure: a secure context like https. No fetch() into it and no cross-origin reads of it.
      privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false },
    },
  ]);
}

/** Call once the app is ready; `protocol.handle` serves the default session. */
export function serveApp(root: string, csp: string): void {
  protocol.handle(APP_SCHEME, createAppHandler({ root, csp, readFile }));
}
