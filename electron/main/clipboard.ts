// The core's clipboard port over Electron's clipboard (plain text only).
//
// Electron's clipboard reads and writes are asynchronous, while the core's port asks synchronously
// "does the clipboard still hold what Latch put there?" before clearing. So reads answer with what
// Latch itself last wrote, and clear() checks the real clipboard before emptying it: whatever the
// person copied since is left alone. `settled()` lets quit wait for a pending clear.
import { clipboard } from 'electron';
import type { ClipboardPort } from '../core/ports';

export interface ElectronClipboardPort extends ClipboardPort {
  /** Resolves once every clipboard write and clear started so far has finished. */
  settled(): Promise<void>;
}

export function createElectronClipboard(): ElectronClipboardPort {
  let lastWritten: string | null = null;
  let pending: Promise<unknown> = Promise.resolve();
  const track = (work: Promise<unknown>) => {
    pending = Promise.allSettled([pending, work]);
  };

  return {
    readText: () => lastWritten ?? '',
    writeText(text) {
      lastWritten = text;
      track(clipboard.writeText(text));
    },
    clear() {
      const expected = lastWritten;
      lastWritten = null;
      if (expected === null) return;
      track(
        clipboard.readText().then((current) => {
          if (current === expected) clipboard.clear();
        }),
      );
    },
    settled: () => pending.then(() => undefined),
  };
}
