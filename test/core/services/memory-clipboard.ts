// The clipboard port with a text clipboard's behaviour, in memory (Electron's clipboard needs Electron).
import type { ClipboardPort } from '../../../electron/core/ports';

export class MemoryClipboard implements ClipboardPort {
  text = '';
  clears = 0;
  readText(): string {
    return this.text;
  }
  writeText(text: string): void {
    this.text = text;
  }
  clear(): void {
    this.text = '';
    this.clears += 1;
  }
}
