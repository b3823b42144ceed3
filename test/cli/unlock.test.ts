// `latch account unlock`: the password checked with the host and held in the keychain for a while, so
// a script's commands do not each ask; never in a file; ended by its time, `account lock` or removal.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createOsKeychain } from '../../electron/core/vault/keychain';
import { keychainKeys } from '../../electron/core/vault/types';
import { heldUnlock, holdUnlock } from '../../electron/cli/unlock';
import { filesContaining } from '../e2e/support/canary';
import { cliWorld, expectRefusal, PASSWORD } from './fixture';

const w = cliWorld();

describe('latch account unlock', () => {
  it('holds the password for later commands in the keychain only, until latch account lock', async () => {
    const id = await w.addAlice(false);
    w.sim.seedTokens('alice', 2);
    expectRefusal(await w.run(['token', 'list', '--account', 'Alice']), 1);

    const unlocked = await w.run(['account', 'unlock', 'Alice', '--minutes', '5', '--password-stdin', '--json'], `${PASSWORD}\n`);
    expect(unlocked.code, unlocked.stderr).toBe(0);
    const until = Date.parse((JSON.parse(unlocked.stdout) as { unlockedUntil: string }).unlockedUntil);
    expect(until - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(5 * 60_000);

    for (let i = 0; i < 2; i += 1) {
      const listed = await w.run(['token', 'list', '--account', 'Alice', '--json']);
      expect(listed.code, listed.stderr).toBe(0);
      expect(JSON.parse(listed.stdout)).toHaveLength(2);
    }
    // Canary: the password is in no file on disk, LATCH_HOME and HOME included.
    expect(filesContaining(w.home.dir, PASSWORD)).toEqual([]);
    expect(await createOsKeychain().get(keychainKeys.cliUnlock(id))).toContain(PASSWORD);

    expect((await w.run(['account', 'lock', 'Alice'])).code).toBe(0);
    expectRefusal(await w.run(['token', 'list', '--account', 'Alice']), 1);
    expect(await createOsKeychain().get(keychainKeys.cliUnlock(id))).toBeNull();
  });

  it('holds nothing for a password the host refuses, and refuses bad minutes as a usage error', async () => {
    const id = await w.addAlice(false);
    expectRefusal(await w.run(['account', 'unlock', 'Alice', '--password-stdin'], 'wrong\n'), 1);
    expect(await createOsKeychain().get(keychainKeys.cliUnlock(id))).toBeNull();
    for (const minutes of ['0', '-5', 'soon']) expectRefusal(await w.run(['account', 'unlock', 'Alice', '--minutes', minutes, '--password-stdin'], `${PASSWORD}\n`), 2);
    expect(await createOsKeychain().get(keychainKeys.cliUnlock(id))).toBeNull();
  });

  it('is deleted with the account', async () => {
    const id = await w.addAlice(false);
    expect((await w.run(['account', 'unlock', 'Alice', '--password-stdin'], `${PASSWORD}\n`)).code).toBe(0);
    expect((await w.run(['account', 'remove', 'Alice', '--yes'])).code).toBe(0);
    expect(await createOsKeychain().get(keychainKeys.cliUnlock(id))).toBeNull();
  });
});

describe('the unlock window', () => {
  it('ends at its time: an expired one is not used, and is deleted', async () => {
    const keychain = createOsKeychain({ service: `Latch-test-${randomUUID()}` });
    const account = { id: randomUUID() };
    await holdUnlock(keychain, account, 'pw', Date.now() + 60_000);
    expect(await heldUnlock(keychain, account)).toMatchObject({ password: 'pw' });
    expect(await heldUnlock(keychain, account, Date.now() + 61_000)).toBeNull();
    expect(await keychain.get(keychainKeys.cliUnlock(account.id))).toBeNull();
  });
});
