// The CLI must find the same directory the app uses, on every platform, without Electron.
import { describe, expect, it } from 'vitest';
import { latchHome } from '../../../electron/core/vault/paths';

describe('latchHome', () => {
  it('uses LATCH_HOME when set, made absolute', () => {
    expect(latchHome({ LATCH_HOME: '/srv/latch' }, 'linux', '/home/alice')).toBe('/srv/latch');
    // A relative one is given back as it is, for the store to refuse (home.test.ts).
    expect(latchHome({ LATCH_HOME: 'rel/dir' }, 'linux', '/home/alice')).toBe('rel/dir');
  });

  it('ignores an empty LATCH_HOME', () => {
    expect(latchHome({ LATCH_HOME: '  ' }, 'linux', '/home/alice')).toBe('/home/alice/.config/Latch');
  });

  it("matches Electron's userData on Linux, honouring an absolute XDG_CONFIG_HOME only", () => {
    expect(latchHome({}, 'linux', '/home/alice')).toBe('/home/alice/.config/Latch');
    expect(latchHome({ XDG_CONFIG_HOME: '/home/alice/cfg' }, 'linux', '/home/alice')).toBe('/home/alice/cfg/Latch');
    expect(latchHome({ XDG_CONFIG_HOME: 'cfg' }, 'linux', '/home/alice')).toBe('/home/alice/.config/Latch');
  });

  it("matches Electron's userData on macOS and Windows", () => {
    expect(latchHome({}, 'darwin', '/Users/alice')).toBe('/Users/alice/Library/Application Support/Latch');
    expect(latchHome({ APPDATA: 'C:\\Users\\alice\\AppData\\Roaming' }, 'win32', 'C:\\Users\\alice')).toBe('C:\\Users\\alice\\AppData\\Roaming\\Latch');
    expect(latchHome({}, 'win32', 'C:\\Users\\alice')).toBe('C:\\Users\\alice\\AppData\\Roaming\\Latch');
  });
});
