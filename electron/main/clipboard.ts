// The core's clipboard port over Electron's clipboard: plain text, marked concealed for clipboard
// managers (concealed-clipboard.ts), and Linux's PRIMARY selection for the reveal to clear too.
import { clipboard, ClipboardItem } from 'electron';
import type { ClipboardPort } from '../core/ports';
import { concealedClipboard } from './concealed-clipboard';

export const electronClipboard: ClipboardPort = concealedClipboard(clipboard, ClipboardItem);
