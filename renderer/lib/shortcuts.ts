// The keyboard shortcuts: one list, read by the key handler and by the shortcuts help, so what the
// help says is what the keys do. "Mod" is ⌘ on macOS and Ctrl elsewhere.
export type ShortcutAction = 'search' | 'new-token' | 'refresh' | 'filter' | 'settings' | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** The key as KeyboardEvent.key reports it (lower case for letters). */
  key: string;
  mod: boolean;
  /** What it does, for the help. */
  words: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'search', key: 'k', mod: true, words: 'Search every account: names, hosts, token ids and permissions' },
  { action: 'new-token', key: 'n', mod: true, words: 'New token for the account shown' },
  { action: 'refresh', key: 'r', mod: true, words: 'Refresh the token list' },
  { action: 'filter', key: 'f', mod: true, words: 'Filter the token list by name' },
  { action: 'settings', key: ',', mod: true, words: 'Settings' },
  { action: 'help', key: '?', mod: false, words: 'These shortcuts' },
];

export const isMac = (platform: string): boolean => /mac/i.test(platform);

/** "Ctrl+K", "⌘K", "?": how the help writes a shortcut on this platform. */
export function keyLabel(shortcut: Shortcut, mac: boolean): string {
  const key = shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key;
  if (!shortcut.mod) return key;
  return mac ? `⌘${key}` : `Ctrl+${key}`;
}

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The key was pressed in a text field: a plain key there is typing, not a shortcut. */
  inField: boolean;
}

/** The shortcut a key press means, or null. */
export function shortcutFor(press: KeyPress, mac: boolean): ShortcutAction | null {
  if (press.altKey) return null;
  const mod = mac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  const found = SHORTCUTS.find((shortcut) => shortcut.key === key && shortcut.mod === mod);
  if (!found) return null;
  if (!found.mod && press.inField) return null;
  return found.action;
}
