// A whole core for a test: its own LATCH_HOME, the real keychain under a service name of its own,
// an in-memory clipboard, and either the in-test host or a real adapter over HTTP.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../../electron/core';
import { createOsKeychain } from '../../../electron/core/vault/keychain';
import type { Keychain } from '../../../electron/core/vault/types';
import { LatchError } from '../../../shared/result';
import { tempHome } from '../vault/temp-home';
import { FakeHost } from './fake-host';
import { MemoryClipboard } from './memory-clipboard';

export interface Harness {
  core: Core;
  home: string;
  keychain: Keychain;
  /** What the keychain really holds, read without any failure injected. */
  realKeychain: Keychain;
  clipboard: MemoryClipboard;
  faults: KeychainFaults;
  /** Every entry the keychain holds under this harness's service name (asked of the Secret Service directly). */
  keychainKeys(): string[];
  /** index.json as text ('' when not written yet): what a secret must never be part of. */
  indexText(): string;
  close(): Promise<void>;
}

export interface KeychainFaults {
  set: boolean;
  delete: boolean;
}

/**
 * The real keychain with failures switched on by a test, the way a locked keychain fails. Only
 * for the paths that must cope with the keychain refusing halfway through an action.
 */
function withFaults(real: Keychain, faults: KeychainFaults): Keychain {
  const locked = () => new LatchError('keychain-unavailable', 'The keychain is locked. Unlock it, then try again.');
  return {
    get: (key) => real.get(key),
    set: async (key, secret) => {
      if (faults.set) throw locked();
      return real.set(key, secret);
    },
    delete: async (key) => {
      if (faults.delete) throw locked();
      return real.delete(key);
    },
  };
}

export function createHarness(options: Partial<CoreOptions> & { host?: FakeHost } = {}): Harness {
  const { home, cleanup } = tempHome();
  const service = `Latch-test-${randomUUID()}`;
  const realKeychain = createOsKeychain({ service });
  const faults: KeychainFaults = { set: false, delete: false };
  const keychain = withFaults(realKeychain, faults);
  const clipboard = new MemoryClipboard();
  const { host, ...coreOptions } = options;
  const core = createCore({
    home,
    keychain,
    clipboard,
    ...(host ? { adapterFor: () => host } : {}),
    ...coreOptions,
  });
  return {
    core,
    home,
    keychain,
    realKeychain,
    clipboard,
    faults,
    // secret-tool prints the attributes on stderr.
    keychainKeys: () =>
      spawnSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8' })
        .stderr.split('\n')
        .filter((line) => line.startsWith('attribute.username = '))
        .map((line) => line.slice('attribute.username = '.length))
        .sort(),
    indexText: () => (existsSync(join(home, 'index.json')) ? readFileSync(join(home, 'index.json'), 'utf8') : ''),
    async close() {
      await core.dispose();
      cleanup();
    },
  };
}
