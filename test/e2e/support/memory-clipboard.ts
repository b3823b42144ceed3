// The clipboard port in memory, so the test can read what Copy put there and see it cleared.
import type { ClipboardPort } from '../../../electron/core/ports';

export class TestClipboard implements ClipboardPort {
  text = '';
  readText(): string {
    return this.text;
  }
  writeText(text: string): void {
    this.text = text;
  }
  clear(): void {
    this.text = '';
  }
}
