// The core's clipboard port over Electron's clipboard, plain text only. Electron 45 answers reads and
// writes with promises, which the port accepts, so nothing here needs to remember what was copied.
import { clipboard } from 'electron';
import type { ClipboardPort } from '../core/ports';

export const electronClipboard: ClipboardPort = {
  readText: () => clipboard.readText(),
  writeText: (text) => clipboard.writeText(text),
  clear: () => clipboard.clear(),
};
