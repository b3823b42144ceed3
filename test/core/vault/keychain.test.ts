// The real OS keychain: gnome-keyring's Secret Service on a private D-Bus session (scripts/with-keyring.sh).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOsKeychain } from '../../../electron/core/vault/keychain';
import { bundle, childEnv } from './bundle';

const keychain = createOsKeychain({ service: `Latch-test-${randomUUID()}` });
const SECRET = `BBDC-${randomUUID()}`;

describe('the OS keychain', () => {
  it('stores, reads back and deletes a secret', async () => {
    const key = `token:${randomUUID()}:000123456789`;
    await keychain.set(key, SECRET);
    expect(await keychain.get(key)).toBe(SECRET);
    expect(await keychain.delete(key)).toBe(true);
    expect(await keychain.get(key)).toBeNull();
  });

  it('answers a burst of calls made at once, each with its own secret', async () => {
    const keys = Array.from({ length: 30 }, (_, index) => `token:${randomUUID()}:${String(index).padStart(12, '0')}`);
    await Promise.all(keys.map((key, index) => keychain.set(key, `${SECRET}-${index}`)));
    expect(await Promise.all(keys.map((key) => keychain.get(key)))).toEqual(keys.map((_, index) => `${SECRET}-${index}`));
    expect(await Promise.all(keys.map((key) => keychain.delete(key)))).toEqual(keys.map(() => true));
  });

  it('keeps unicode exactly', async () => {
    const key = `account:${randomUUID()}:password`;
    const password = 'pässwörd ✓ 密码 🔑 \u00e9\u0301';
    await keychain.set(key, password);
    expect(await keychain.get(key)).toBe(password);
    await keychain.delete(key);
  });

  it('answers null for an entry that does not exist, and false when deleting it', async () => {
    expect(await keychain.get(`missing:${randomUUID()}`)).toBeNull();
    expect(await keychain.delete(`missing:${randomUUID()}`)).toBe(false);
  });

  it('replaces a secret stored again under the same key', async () => {
    const key = `account:${randomUUID()}:password`;
    await keychain.set(key, 'first');
    await keychain.set(key, 'second');
    expect(await keychain.get(key)).toBe('second');
    await keychain.delete(key);
  });

  it('files entries in the Secret Service under the service name, where other tools can see them', async () => {
    const service = `Latch-test-${randomUUID()}`;
    const key = `token:${randomUUID()}:1`;
    await createOsKeychain({ service }).set(key, SECRET);
    // secret-tool is the Secret Service's own command-line client: proof this is not a private store.
    const found = execFileSync('secret-tool', ['lookup', 'service', service, 'username', key], { encoding: 'utf8' });
    expect(found).toBe(SECRET);
    await createOsKeychain({ service }).delete(key);
  });
});

describe('without a usable keychain', () => {
  let probe: string;
  beforeAll(async () => {
    probe = await bundle('test/core/vault/fixtures/keychain-probe.ts');
  });

  const runProbe = (command: string, args: string[], env: NodeJS.ProcessEnv) => {
    const result = spawnSync(command, args, { env: childEnv(env), encoding: 'utf8', timeout: 30_000 });
    const line = result.stdout.trim().split('\n').pop() ?? '';
    return { parsed: JSON.parse(line) as { ok: boolean; latch: boolean; code: string | null; message: string }, stderr: result.stderr };
  };

  it('says there is no keychain and how to get one when no D-Bus session answers, and never stores in plaintext', () => {
    const { parsed } = runProbe(process.execPath, [probe, SECRET], { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/latch-bus' });
    expect(parsed.ok).toBe(false);
    expect(parsed.code).toBe('keychain-unavailable');
    expect(parsed.message).toMatch(/no keychain/i);
    expect(parsed.message).toMatch(/gnome-keyring/);
    expect(parsed.message).toMatch(/KeePassXC/);
    expect(parsed.message).not.toContain(SECRET);
    expect(parsed.message).not.toMatch(/DBus|dbus|socket/);
  });

  it('says the keychain is locked and to unlock it when the login keyring is locked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'latch-locked-'));
    mkdirSync(join(dir, 'run'), { mode: 0o700 });
    // A session of its own, so locking it does not disturb the other tests' keyring.
    const script = [
      'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
      'dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets ' +
        'org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null',
      'exec "$@"',
    ].join('; ');
    const { parsed } = runProbe('dbus-run-session', ['--', 'bash', '-c', script, '_', process.execPath, probe, SECRET], {
      HOME: dir,
      XDG_DATA_HOME: join(dir, 'share'),
      XDG_RUNTIME_DIR: join(dir, 'run'),
      DISPLAY: '',
    });
    expect(parsed.ok).toBe(false);
    expect(parsed.code).toBe('keychain-unavailable');
    expect(parsed.message).toMatch(/locked/);
    expect(parsed.message).toMatch(/Unlock it/);
    expect(parsed.message).not.toContain(SECRET);
  });
});
