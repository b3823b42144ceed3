// The clipboard port main hands the core, over a stand-in for Electron 45's clipboard that behaves as
// it does: `write` replaces every format at once, `writeText` replaces them with plain text, and on
// Linux `selection` is the PRIMARY selection. With the reveal service on top, as main wires them.
import { describe, expect, it, vi } from 'vitest';
import { concealedClipboard, concealedFormats, osFormat, type ElectronLikeClipboard } from '../../electron/main/concealed-clipboard';
import { createRevealService } from '../../electron/core/services/reveal';

class StandInItem {
  constructor(readonly items: Record<string, string | Blob>) {}
}

class StandInClipboard implements ElectronLikeClipboard {
  formats = new Map<string, string | Blob>();
  refuseRaw = false;
  failRead = false;
  primary = { text: '', clears: 0 };
  readonly selection: ElectronLikeClipboard['selection'];
  constructor(linux: boolean) {
    this.selection = linux
      ? {
          readText: async () => this.primary.text,
          clear: () => {
            this.primary.text = '';
            this.primary.clears += 1;
          },
        }
      : undefined;
  }
  async readText(): Promise<string> {
    if (this.failRead) throw new Error('the clipboard owner did not answer');
    const text = this.formats.get('text/plain');
    return typeof text === 'string' ? text : '';
  }
  async writeText(text: string): Promise<void> {
    this.formats = new Map([['text/plain', text]]);
  }
  async write(items: unknown[]): Promise<void> {
    const item = items[0] as StandInItem;
    if (this.refuseRaw && Object.keys(item.items).some((type) => type.startsWith('electron application/osclipboard'))) {
      throw new Error('raw formats are not supported here');
    }
    this.formats = new Map(Object.entries(item.items));
  }
  clear(): void {
    this.formats = new Map();
  }
}

const SECRET = 'BBDC-clipboard-canary-7f3a9c';
const bytes = async (value: string | Blob | undefined) => (value instanceof Blob ? [...new Uint8Array(await value.arrayBuffer())] : value);

describe('copying a secret', () => {
  it('marks it concealed on Windows: kept out of clipboard history, cloud clipboard and monitors', async () => {
    const board = new StandInClipboard(false);
    await concealedClipboard(board, StandInItem, 'win32').writeText(SECRET);
    expect(board.formats.get('text/plain')).toBe(SECRET);
    expect(await bytes(board.formats.get(osFormat('CanIncludeInClipboardHistory')))).toEqual([0, 0, 0, 0]);
    expect(await bytes(board.formats.get(osFormat('CanUploadToCloudClipboard')))).toEqual([0, 0, 0, 0]);
    expect(board.formats.has(osFormat('ExcludeClipboardContentFromMonitorProcessing'))).toBe(true);
  });

  it('marks it concealed on macOS (nspasteboard.org) and for KDE Klipper on Linux', async () => {
    const mac = new StandInClipboard(false);
    await concealedClipboard(mac, StandInItem, 'darwin').writeText(SECRET);
    expect([...mac.formats.keys()].sort()).toEqual(['electron application/osclipboard;format="org.nspasteboard.ConcealedType"', 'text/plain']);
    const linux = new StandInClipboard(true);
    await concealedClipboard(linux, StandInItem, 'linux').writeText(SECRET);
    expect(linux.formats.get(osFormat('x-kde-passwordManagerHint'))).toBe('secret');
    expect(linux.formats.get('text/plain')).toBe(SECRET);
  });

  it('still copies the text where the clipboard refuses the markers', async () => {
    const board = new StandInClipboard(true);
    board.refuseRaw = true;
    await concealedClipboard(board, StandInItem, 'linux').writeText(SECRET);
    expect([...board.formats.entries()]).toEqual([['text/plain', SECRET]]);
    expect(concealedFormats('freebsd')).toEqual({});
  });
});

describe('clearing it again', () => {
  it('clears the clipboard and the PRIMARY selection when each still holds the secret', async () => {
    const board = new StandInClipboard(true);
    const reveal = createRevealService({ clipboard: concealedClipboard(board, StandInItem, 'linux'), clearAfterMs: 20 });
    const id = reveal.hold({ token: {} as never, secret: SECRET, gitUsername: null });
    await reveal.copy(id);
    board.primary.text = SECRET; // selected on screen by hand
    await vi.waitFor(() => expect(board.formats.size).toBe(0), { timeout: 5000 });
    expect(board.primary).toEqual({ text: '', clears: 1 });
  });

  it("leaves a PRIMARY selection that is the person's own text alone", async () => {
    const board = new StandInClipboard(true);
    const reveal = createRevealService({ clipboard: concealedClipboard(board, StandInItem, 'linux'), clearAfterMs: 60_000 });
    await reveal.copy(reveal.hold({ token: {} as never, secret: SECRET, gitUsername: null }));
    board.primary.text = 'my own words';
    await reveal.dispose();
    expect(board.formats.size).toBe(0);
    expect(board.primary).toEqual({ text: 'my own words', clears: 0 });
  });

  it('clears even when the clipboard cannot be read back', async () => {
    const board = new StandInClipboard(false);
    const reveal = createRevealService({ clipboard: concealedClipboard(board, StandInItem, 'darwin'), clearAfterMs: 60_000 });
    await reveal.copy(reveal.hold({ token: {} as never, secret: SECRET, gitUsername: null }));
    board.failRead = true;
    await reveal.dispose();
    expect(board.formats.size).toBe(0);
  });
});
