// The core's clipboard port over Electron's clipboard (plain text only); the rules live in clipboard-port.ts.
import { clipboard } from 'electron';
import { createClipboardPort, type SettlingClipboardPort } from './clipboard-port';

export function createElectronClipboard(): SettlingClipboardPort {
  return createClipboardPort(clipboard);
}
