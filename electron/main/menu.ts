// The application menu. Electron's default one carries Reload, Force Reload and Toggle Developer Tools:
// a reload while a new secret is on screen would lose the only view of it, and developer tools have no
// place in a credential manager. macOS needs an Edit menu for copy and paste to work in text fields;
// elsewhere Chromium handles those keys with no menu at all.
import { Menu } from 'electron';

export function installMenu(platform: NodeJS.Platform = process.platform): void {
  Menu.setApplicationMenu(
    platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]) : null,
  );
}
