import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './electron/main/csp';

/**
 * `electron-vite dev` serves the renderer with hot reload, which needs an inline preamble script and a
 * websocket: only then is the page's CSP meta tag swapped for the development policy. Builds keep the
 * strict policy, and must: the meta tag has to match what main sends as a header.
 */
function devContentSecurityPolicy(): Plugin {
  return {
    name: 'latch-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
      // The keychain binding is a native module: load it from node_modules, never bundle it.
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot be ES modules and may not require npm code at runtime.
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') }, output: { format: 'cjs' } },
      externalizeDeps: false,
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    // Relative asset paths: the built page is served from latch://app/ (electron/main/app-protocol.ts).
    base: './',
    plugins: [react(), devContentSecurityPolicy()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
