// Runs the REAL preload bundle in the page, before the renderer's scripts, with `require('electron')`
// answered by a tiny stand-in for what the preload uses: contextBridge.exposeInMainWorld and
// ipcRenderer.invoke. invoke goes to a Playwright binding that calls the real main-process handlers.
import { readFileSync } from 'node:fs';

export const IPC_BINDING = '__latchIpc';

export function preloadInitScript(preloadBundle: string): string {
  const source = readFileSync(preloadBundle, 'utf8');
  return `(() => {
  const electron = {
    contextBridge: {
      exposeInMainWorld(key, api) {
        Object.defineProperty(window, key, { value: api, enumerable: true, configurable: false, writable: false });
      },
    },
    ipcRenderer: {
      // Like Electron, the call crosses a process boundary: the input is copied, the answer is plain data.
      invoke: (channel, input) => window[${JSON.stringify(IPC_BINDING)}](channel, input === undefined ? undefined : structuredClone(input)),
    },
  };
  const require = (name) => {
    if (name === 'electron') return electron;
    throw new Error('A sandboxed preload can require only electron, not ' + name);
  };
  const module = { exports: {} };
  (function (exports, require, module, __filename, __dirname) {
${source}
  })(module.exports, require, module, 'index.js', '.');
})();`;
}
