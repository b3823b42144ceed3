// The tray (menu-bar) icon and the desktop notifications for tokens expiring or rejected. Thin: the
// core decides what to show and when, and remembers what it showed (electron/core/services/reminders.ts);
// this only hands it to Electron, at start and every hour after.
import { Menu, nativeImage, Notification, Tray } from 'electron';
import type { RemindersService } from '../core/services/reminders';

const CHECK_EVERY_MS = 60 * 60_000;
// A 16×16 padlock, drawn inline (the app ships no image files); a template image on macOS.
const ICON = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAALklEQVR4nGNgoDYwMDD4jw/TzwBixYeTAYQCj2Bg0sQAYuQGuQEDH4gU5QliAQC0Cr4nFIFE9gAAAABJRU5ErkJggg==';

/** Starts the tray and the hourly check; answers how to stop both (on quit). */
export function startReminders(reminders: RemindersService, openLatch: () => void, everyMs = CHECK_EVERY_MS): () => void {
  const image = nativeImage.createFromDataURL(ICON);
  image.setTemplateImage(true);
  const tray = new Tray(image);
  tray.on('click', openLatch);

  const refresh = async () => {
    const { notify, attention } = await reminders.check();
    if (Notification.isSupported()) {
      for (const reminder of notify) {
        const notification = new Notification({ title: reminder.title, body: reminder.body });
        notification.on('click', openLatch);
        notification.show();
      }
    }
    tray.setToolTip(attention.tooltip);
    // macOS shows the count beside the icon; elsewhere the tooltip and the menu say it.
    tray.setTitle(attention.count > 0 ? String(attention.count) : '');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: attention.summary, enabled: false },
        ...attention.items.map((item) => ({ label: item.label, click: openLatch })),
        { type: 'separator' },
        { label: 'Open Latch', click: openLatch },
      ]),
    );
  };

  // A failed check (the index unreadable meanwhile) is tried again at the next hour.
  void refresh().catch(() => undefined);
  const timer = setInterval(() => void refresh().catch(() => undefined), everyMs);
  return () => {
    clearInterval(timer);
    tray.destroy();
  };
}
