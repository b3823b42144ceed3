// How the keyring library's failures reach a person: a sentence to act on, never the library's own text.
import { describe, expect, it } from 'vitest';
import { keychainError } from '../../../electron/core/vault/keychain';

const platformError = (message: string, cause?: string) =>
  Object.assign(new Error(message), cause ? { cause: new Error(cause) } : {});

describe('keychain errors', () => {
  it('maps a missing D-Bus session on Linux to keychain-unavailable with what to install', () => {
    const error = keychainError(
      platformError('Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead'),
      'linux',
    );
    expect(error.code).toBe('keychain-unavailable');
    expect(error.message).toMatch(/GNOME Keyring.*KeePassXC/);
    expect(error.message).toMatch(/never keeps secrets in plain files/);
  });

  it('looks into the cause chain, where the library puts the D-Bus detail', () => {
    const error = keychainError(platformError('Platform failure', 'org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided'), 'linux');
    expect(error.code).toBe('keychain-unavailable');
  });

  it('maps a dismissed unlock prompt to "locked, unlock it"', () => {
    const error = keychainError(platformError("Couldn't access platform storage: Secret Service: unlock prompt was dismissed"), 'linux');
    expect(error.code).toBe('keychain-unavailable');
    expect(error.message).toMatch(/^The keychain is locked/);
  });

  it('says the keychain stopped answering, not that there is none, when its daemon died mid-call', () => {
    const error = keychainError(platformError('Platform failure: DBus error: Did not receive a reply. Possible causes include: the remote application did not send a reply'), 'linux');
    expect(error).toMatchObject({ code: 'keychain-unavailable', name: 'KeychainStoppedError' });
    expect(error.message).toMatch(/stopped answering in the middle/);
  });

  it('says the same when the daemon crashed mid-call, which the bus reports at once', () => {
    const error = keychainError(platformError('Platform failure: DBus error: Message recipient disconnected from message bus without replying'), 'linux');
    expect(error).toMatchObject({ code: 'keychain-unavailable', name: 'KeychainStoppedError' });
  });

  it('names the macOS keychain on macOS', () => {
    const error = keychainError(platformError("Couldn't access platform storage: User interaction is not allowed."), 'darwin');
    expect(error.message).toMatch(/macOS keychain is locked/);
  });

  it('says nothing specific about failures it does not know, and never passes their text on', () => {
    const error = keychainError(platformError('Platform failure: weird thing with secret hunter2'), 'linux');
    expect(error.code).toBe('keychain');
    expect(error.message).not.toContain('hunter2');
  });
});
