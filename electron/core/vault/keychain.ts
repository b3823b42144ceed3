// The OS keychain through @napi-rs/keyring: Secret Service on Linux, Keychain on macOS, Credential
// Manager on Windows. On Linux the store is pinned to the Secret Service: left to itself the library
// falls back to the kernel keyring, which forgets everything at reboot. There is never a plaintext fallback.
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import { LatchError } from '../../../shared/result';
import { KeychainStoppedError } from './keychain-stopped';
import { oneAtATime } from './one-at-a-time';
import type { Keychain } from './types';

const KEYCHAIN_SERVICE = 'Latch';

const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

// Every call opens its own Secret Service session, and gnome-keyring-daemon is known to abort on a burst
// of sessions opened at once (upstream: an assertion on a client record not yet set up for the caller's
// first request). The person's keyring then restarts locked. So this process asks one thing at a time:
// each call takes milliseconds, and nothing Latch does needs them in parallel.
const serial = oneAtATime();

export interface OsKeychainOptions {
  /** The service name entries are filed under; tests use their own. */
  service?: string;
  platform?: NodeJS.Platform;
}

export function createOsKeychain(options: OsKeychainOptions = {}): Keychain {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const platform = options.platform ?? process.platform;

  // The constructor already talks to D-Bus on Linux and throws there, so it sits inside the guard too.
  // A keychain that stopped answering mid-call (its daemon crashed, e.g. under a burst of other
  // processes' sessions, and was started again) is asked once more: every call here is idempotent.
  const withEntry = <T>(key: string, action: (entry: AsyncEntry) => Promise<T>): Promise<T> =>
    serial(async () => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await action(new AsyncEntry(service, key, ENTRY_OPTIONS));
        } catch (error) {
          const failure = keychainError(error, platform);
          if (!(failure instanceof KeychainStoppedError) || attempt >= 2) throw failure;
        }
      }
    });

  return {
    get: (key) => withEntry(key, (entry) => entry.getPassword()).then((value) => value ?? null),
    set: (key, secret) => withEntry(key, (entry) => entry.setPassword(secret)),
    delete: (key) => withEntry(key, (entry) => entry.deleteCredential()),
  };
}

/**
 * Turns the library's errors into sentences a person can act on. The library's own text is only
 * inspected, never passed on: it names platform internals, and nothing from a keychain call may
 * reach a log or a screen unchosen.
 */
export function keychainError(error: unknown, platform: NodeJS.Platform = process.platform): LatchError {
  const text = error instanceof Error ? `${error.message} ${causeText(error)}` : String(error);

  // The service was there and went away mid-call: not "no keychain", and worth asking again. A daemon
  // that hangs ends in a timeout ("Did not receive a reply"); one that crashes ends at once, with the
  // bus saying the recipient disconnected without replying.
  if (/Did not receive a reply|NoReply|disconnected from message bus without replying/i.test(text)) return new KeychainStoppedError();
  if (/DBus error|org\.freedesktop\.DBus\.Error|ServiceUnknown|autolaunch|Failed to connect to socket/i.test(text)) {
    return new LatchError('keychain-unavailable', noKeychainSentence(platform));
  }
  if (/prompt was dismissed|locked|interaction is not allowed|no result found|Couldn't access platform storage/i.test(text)) {
    return new LatchError('keychain-unavailable', lockedSentence(platform));
  }
  if (/too long|TooLong/i.test(text)) {
    return new LatchError('keychain', 'The keychain refused the secret because it is too long to store.');
  }
  if (/Ambiguous/i.test(text)) {
    return new LatchError(
      'keychain',
      'The keychain holds more than one entry for this item under the "Latch" service. Remove the duplicates in your keychain app, then try again.',
    );
  }
  return new LatchError('keychain', 'The keychain could not complete the request. Check that it is running and unlocked, then try again.');
}

function causeText(error: Error): string {
  const parts: string[] = [];
  let cause: unknown = error.cause;
  for (let depth = 0; cause instanceof Error && depth < 5; depth += 1) {
    parts.push(cause.message);
    cause = cause.cause;
  }
  return parts.join(' ');
}

function noKeychainSentence(platform: NodeJS.Platform): string {
  if (platform === 'linux') {
    return (
      'Latch found no keychain to keep secrets in: no Secret Service answers on this desktop session. ' +
      'Install and run GNOME Keyring (the gnome-keyring package), or turn on Secret Service integration in KeePassXC, then try again. ' +
      'Latch never keeps secrets in plain files instead.'
    );
  }
  return 'Latch could not reach the system keychain. Sign in to a desktop session so the keychain is available, then try again. Latch never keeps secrets in plain files instead.';
}

function lockedSentence(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'The macOS keychain is locked. Unlock it (for example in Keychain Access), then try again.';
    case 'win32':
      return 'Windows Credential Manager could not be opened. Sign in to your Windows session, then try again.';
    default:
      return (
        'The keychain is locked (or has no default keyring yet). Unlock it in your keyring app (for example GNOME Passwords and Keys, ' +
        'or by unlocking the KeePassXC database), then try again.'
      );
  }
}
