// The one window. Every web preference that matters is spelled out rather than left to defaults.
import { BrowserWindow, nativeTheme } from 'electron';

export function createMainWindow(preload: string, devTools: boolean): BrowserWindow {
  const window = new BrowserWindow({
    width: 1160,
    height: 740,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'Latch',
    // Matches the renderer's background so the window does not flash white in dark mode.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d21' : '#f6f7f9',
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools,
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}
