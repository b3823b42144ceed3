// The clipboard port over an Electron-shaped clipboard, with copied secrets marked concealed so that
// clipboard managers and the system's clipboard history leave them out: Windows'
// ExcludeClipboardContentFromMonitorProcessing and CanIncludeInClipboardHistory/CanUploadToCloudClipboard = 0,
// macOS's org.nspasteboard.ConcealedType, KDE's x-kde-passwordManagerHint = secret. Each goes as a raw
// OS format beside the text in one atomic `write`. No Electron import here, so tests pass a stand-in.
import type { ClipboardPort } from '../core/ports';

type Payload = string | Blob;

/** The parts of Electron 45's clipboard this uses. */
export interface ElectronLikeClipboard {
  readText(): Promise<string> | string;
  writeText(text: string): Promise<void> | void;
  write(items: unknown[]): Promise<void>;
  clear(): void;
  /** Linux: the PRIMARY selection; undefined elsewhere. */
  readonly selection?: { readText(): Promise<string> | string; clear(): void };
}

/** Electron's name for a raw format of the operating system's clipboard. */
export const osFormat = (name: string) => `electron application/osclipboard;format="${name}"`;

/** A DWORD 0, as Windows reads CanIncludeInClipboardHistory and CanUploadToCloudClipboard. */
const dwordZero = () => new Blob([new Uint8Array(4)]);

/** The markers that keep a secret out of clipboard managers and history, per platform. */
export function concealedFormats(platform: NodeJS.Platform): Record<string, Payload> {
  switch (platform) {
    case 'win32':
      return {
        [osFormat('ExcludeClipboardContentFromMonitorProcessing')]: new Blob([new Uint8Array(1)]),
        [osFormat('CanIncludeInClipboardHistory')]: dwordZero(),
        [osFormat('CanUploadToCloudClipboard')]: dwordZero(),
      };
    case 'darwin':
      return { [osFormat('org.nspasteboard.ConcealedType')]: '' };
    case 'linux':
      return { [osFormat('x-kde-passwordManagerHint')]: 'secret' };
    default:
      return {};
  }
}

export function concealedClipboard(
  clipboard: ElectronLikeClipboard,
  ClipboardItem: new (items: Record<string, Payload>) => unknown,
  platform: NodeJS.Platform = process.platform,
): ClipboardPort {
  const selection = clipboard.selection;
  return {
    readText: () => clipboard.readText(),
    async writeText(text) {
      const markers = concealedFormats(platform);
      if (Object.keys(markers).length === 0) return clipboard.writeText(text);
      try {
        await clipboard.write([new ClipboardItem({ 'text/plain': text, ...markers })]);
      } catch {
        // A clipboard that refuses the markers still gets the text the person asked to copy.
        await clipboard.writeText(text);
      }
    },
    clear: () => clipboard.clear(),
    ...(selection ? { selection: { readText: () => selection.readText(), clear: () => selection.clear() } } : {}),
  };
}
