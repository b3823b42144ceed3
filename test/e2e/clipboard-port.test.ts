// Electron main's clipboard port: the core asks synchronously, Electron answers asynchronously.
import { describe, expect, it } from 'vitest';
import { createClipboardPort, type AsyncClipboard } from '../../electron/main/clipboard-port';

/** A system clipboard with Electron's asynchronous shape; others may copy to it at any time. */
function systemClipboard() {
  const state = { text: '', clears: 0 };
  const clipboard: AsyncClipboard = {
    readText: async () => state.text,
    writeText: async (text) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      state.text = text;
    },
    clear: () => {
      state.text = '';
      state.clears += 1;
    },
  };
  return { state, clipboard };
}

describe('the clipboard port over Electron’s clipboard', () => {
  it('clears the secret Latch copied, even right after the copy', async () => {
    const { state, clipboard } = systemClipboard();
    const port = createClipboardPort(clipboard);
    port.writeText('BBDC-secret');
    expect(port.readText()).toBe('BBDC-secret');
    port.clear();
    await port.settled();
    expect(state.text).toBe('');
    expect(state.clears).toBe(1);
  });

  it('leaves alone whatever the person copied since', async () => {
    const { state, clipboard } = systemClipboard();
    const port = createClipboardPort(clipboard);
    port.writeText('BBDC-secret');
    await port.settled();
    state.text = 'something the person copied';
    port.clear();
    await port.settled();
    expect(state.text).toBe('something the person copied');
    expect(state.clears).toBe(0);
  });

  it('answers reads with nothing once cleared, so the core never clears twice', async () => {
    const { state, clipboard } = systemClipboard();
    const port = createClipboardPort(clipboard);
    expect(port.readText()).toBe('');
    port.writeText('BBDC-secret');
    port.clear();
    port.clear();
    await port.settled();
    expect(port.readText()).toBe('');
    expect(state.clears).toBe(1);
  });
});
