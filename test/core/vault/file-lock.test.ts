// The index lock: a lock that could not be written (a full disk) is not left behind to block every
// other process, a release removes only its own lock, and no keychain call is made while holding it
// (a keychain may stop to ask for its password, and every other Latch process would wait).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireFileLock } from '../../../electron/core/vault/file-lock';
import { createIndexStore } from '../../../electron/core/vault/index-store';
import type { Keychain } from '../../../electron/core/vault/types';
import { caught } from '../caught';
import { createHarness, type Harness } from '../services/harness';
import { FakeHost } from '../services/fake-host';
import { createCore } from '../../../electron/core';
import { tempHome } from './temp-home';

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

/** A tiny tmpfs (as root), filled to the last byte: a real full disk. Null where mounting is not allowed. */
function fullDisk(): { dir: string; unmount: () => void } | null {
  const dir = mkdtempSync(join(tmpdir(), 'latch-full-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', dir]);
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  try {
    writeFileSync(join(dir, 'filler'), Buffer.alloc(1024 * 1024));
  } catch {
    // ENOSPC: the disk is now full, which is the point.
  }
  return {
    dir,
    unmount: () => {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('a lock that cannot be written', () => {
  const disk = fullDisk();

  it.runIf(disk !== null)('is removed when the disk is full, and the update says so', async () => {
    try {
      const error = await caught(createIndexStore(disk!.dir).update((data) => {
        data.settings.unlockMinutes = 5;
      }));
      expect(error.message).toMatch(/the disk is full/);
      expect(existsSync(join(disk!.dir, 'index.json.lock'))).toBe(false);
    } finally {
      disk!.unmount();
    }
  });

  it('is removed when writing it fails, so the next process is not kept waiting', async () => {
    const full = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const failing = createIndexStore(home, { lock: { write: async () => Promise.reject(full) } });
    expect((await caught(failing.update(() => undefined))).message).toMatch(/lock file .* could not be written \(the disk is full\)/);
    expect(existsSync(join(home, 'index.json.lock'))).toBe(false);
    await createIndexStore(home, { lock: { waitMs: 100 } }).update((data) => {
      data.settings.unlockMinutes = 5;
    });
  });
});

describe('the lock value', () => {
  it('carries a value unique to the lock', async () => {
    mkdirSync(home, { recursive: true });
    const lock = join(home, 'index.json.lock');
    const release = await acquireFileLock(lock);
    const first = JSON.parse(readFileSync(lock, 'utf8')) as { id: string };
    await release();
    const releaseAgain = await acquireFileLock(lock);
    const second = JSON.parse(readFileSync(lock, 'utf8')) as { id: string };
    await releaseAgain();
    expect(first.id).toMatch(/^[0-9a-f]{24}$/);
    expect(second.id).not.toBe(first.id);
  });

  it('keeps another process\'s lock when a holder that was taken over releases late', async () => {
    mkdirSync(home, { recursive: true });
    const lock = join(home, 'index.json.lock');
    const release = await acquireFileLock(lock);
    // Meanwhile another process judged it stale, took it over and holds its own lock.
    const theirs = JSON.stringify({ pid: process.pid, at: Date.now(), id: 'theirs' });
    writeFileSync(lock, theirs);
    await release();
    expect(readFileSync(lock, 'utf8')).toBe(theirs);
  });
});

describe('while holding the lock', () => {
  let h: Harness;
  let host: FakeHost;
  beforeEach(() => {
    host = new FakeHost();
    host.addUser('alice', 'correct horse battery staple', 'alice');
    h = createHarness({ host });
  });
  afterEach(() => h.close());

  it('no keychain call is made when an account and its secrets are removed', async () => {
    const alice = await h.core.accounts.add({ host: 'bitbucket-datacenter', baseUrl: 'https://bitbucket.example.com', username: 'alice', password: 'correct horse battery staple', rememberPassword: true });
    await h.core.tokens.create({ accountId: alice.id, name: 'one', scopes: ['PROJECT_READ', 'REPO_READ'], expiryDays: null, owner: { kind: 'user' }, store: true });
    const lock = join(h.home, 'index.json.lock');
    const underLock: string[] = [];
    const watch = (name: string) => {
      if (existsSync(lock)) underLock.push(name);
    };
    const watched: Keychain = {
      get: (key) => (watch('get'), h.realKeychain.get(key)),
      set: (key, secret) => (watch('set'), h.realKeychain.set(key, secret)),
      delete: (key) => (watch('delete'), h.realKeychain.delete(key)),
    };
    const app = createCore({ home: h.home, keychain: watched, clipboard: h.clipboard, adapterFor: () => host });
    await app.accounts.remove(alice.id);
    await app.dispose();
    expect(underLock).toEqual([]);
    expect(h.keychainKeys()).toEqual([]);
  });
});
