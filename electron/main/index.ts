// The Electron process: lifecycle, the one window, IPC registration. Everything with logic lives in
// electron/core (which never imports electron); this layer only hands it Electron's objects.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { createGitSetup } from '../core/git/setup';
import { createCliTools, createCore, createOsKeychain, latchHome } from '../core/index';
import { APP_ENTRY_URL } from './app-protocol';
import { electronClipboard } from './clipboard';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './csp';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { startReminders } from './reminders';
import { registerAppScheme, serveApp } from './protocol';
import { hardenApp, hardenSession } from './security';
import { createSenderCheck } from './sender';
import { createMainWindow } from './window';

// Before anything asks for a path: the name decides app.getPath('userData'), which is the directory
// latchHome() computes for the CLI, so the app and the CLI share one index.
app.setName('Latch');
app.setPath('userData', join(app.getPath('appData'), 'Latch'));

// electron-vite sets this only under `electron-vite dev`; an empty value counts as unset.
const devServerUrl = (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) || undefined;
// A build is served from latch://app/ (see app-protocol.ts), never from file://.
const rendererUrl = devServerUrl ?? APP_ENTRY_URL;
const csp = devServerUrl ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;

if (!app.requestSingleInstanceLock()) {
  // Another Latch is running; it focuses its window (below) and this one leaves.
  app.quit();
} else {
  start();
}

function start(): void {
  hardenApp(rendererUrl);
  // Scheme privileges count only when given before ready; registered in development too, where
  // nothing is served from it.
  registerAppScheme();
  let window: BrowserWindow | null = null;

  const core = createCore({
    home: latchHome(process.env),
    keychain: createOsKeychain(),
    clipboard: electronClipboard,
    git: createGitSetup(),
    // The core hands over only https:// token pages it built itself (shared/hosts.ts managePageUrl).
    opener: { openExternal: (url) => shell.openExternal(url) },
    // The launchers live in the installed app's resources; `electron .` from a checkout has none.
    cliTools: createCliTools({ resources: app.isPackaged ? process.resourcesPath : null, home: homedir() }),
    // Import's "Choose folders…": the system's own chooser, attached to Latch's window.
    folderPicker: {
      pickFolders: async () => {
        const options = { title: 'Folders with git repositories', properties: ['openDirectory', 'multiSelections'] as Array<'openDirectory' | 'multiSelections'> };
        const chosen = window && !window.isDestroyed() ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return chosen.canceled ? [] : chosen.filePaths;
      },
    },
  });
  const isTrusted = createSenderCheck(() => (window && !window.isDestroyed() ? window.webContents.mainFrame : null), rendererUrl);

  const openWindow = () => {
    // Its webContents is guarded by hardenApp's 'web-contents-created' listener, like every other.
    window = createMainWindow(join(__dirname, '../preload/index.js'), !app.isPackaged);
    window.on('closed', () => {
      window = null;
    });
    void window.loadURL(rendererUrl);
  };

  const showWindow = () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  };
  let stopReminders = () => {};

  app.on('second-instance', showWindow);

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, rendererUrl, csp);
    installMenu();
    if (!devServerUrl) serveApp(join(__dirname, '../renderer'), csp);
    registerIpc(ipcMain, core.dispatch, isTrusted);
    openWindow();
    stopReminders = startReminders(core.reminders, showWindow);
    app.on('activate', () => {
      if (!window) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Clears a secret Latch put on the clipboard and forgets held passwords before the process ends.
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed) return;
    disposed = true;
    event.preventDefault();
    stopReminders();
    void core
      .dispose()
      .catch(() => undefined)
      .finally(() => app.quit());
  });
}
