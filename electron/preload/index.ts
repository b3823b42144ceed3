// The sandboxed preload: exposes `window.latch` and nothing else. Bundled as CommonJS with
// everything it imports from shared/ inlined, because a sandboxed preload can require only `electron`.
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'latch',
  buildBridge((channel, input) => ipcRenderer.invoke(channel, input)),
);
