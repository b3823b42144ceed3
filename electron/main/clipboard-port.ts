// The core's clipboard port over an asynchronous system clipboard (Electron's), free of `electron`
// imports so it is tested directly.
//
// Electron's clipboard reads and writes are asynchronous, while the core's port asks synchronously
// "does the clipboard still hold what Latch put there?" before clearing. So reads answer with what
// Latch itself last wrote, and clear() checks the real clipboard before emptying it: whatever the
// person copied since is left alone. `settled()` lets quit wait for a pending clear.
import type { ClipboardPort } from '../core/ports';

export interface AsyncClipboard {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
  clear(): void;
}

export interface SettlingClipboardPort extends ClipboardPort {
  /** Resolves once every clipboard write and clear started so far has finished. */
  settled(): Promise<void>;
}

export function createClipboardPort(clipboard: AsyncClipboard): SettlingClipboardPort {
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
      // Runs after the write that put it there, so a quick copy-then-clear cannot race.
      track(
        pending.then(async () => {
          if ((await clipboard.readText()) === expected) clipboard.clear();
        }),
      );
    },
    settled: () => pending.then(() => undefined),
  };
}
