// Moving in never loses a credential: when the keychain refuses the write, or gives back something
// else than was written, the plaintext stays exactly as it was and nothing is left in the vault.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOsKeychain } from '../../../electron/core/vault/keychain';
import type { Keychain } from '../../../electron/core/vault/types';
import { createHarness, type Harness } from '../services/harness';

const SECRET = `canary-move-${randomUUID()}`;
let dir: string;
let h: Harness;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'latch-import-home-'));
  writeFileSync(join(dir, '.git-credentials'), `https://alice:${SECRET}@git.example.com\nhttps://bob:other@git.example.com\n`, { mode: 0o600 });
});
afterEach(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ ...process.env, HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), GIT_CONFIG_NOSYSTEM: '1' });

describe('moving a credential in', () => {
  it('leaves the file alone and keeps nothing when the keychain refuses the write', async () => {
    h = createHarness({ env: env() });
    h.faults.set = true;
    const before = readFileSync(join(dir, '.git-credentials'));
    const scan = await h.core.imports.move({});
    expect(scan.findings.map((f) => [f.status, f.reason])).toEqual([
      ['left', 'The keychain is locked. Unlock it, then try again.'],
      ['left', 'The keychain is locked. Unlock it, then try again.'],
    ]);
    expect(readFileSync(join(dir, '.git-credentials'))).toEqual(before);
    expect((await h.core.store.read()).gitCredentials ?? []).toEqual([]);
  });

  it('leaves the file alone and takes its write back when the keychain gives back something else', async () => {
    const real = createOsKeychain({ service: `Latch-test-${randomUUID()}` });
    const forgetful: Keychain = { ...real, get: async (key) => ((await real.get(key)) === null ? null : 'not what was written') };
    h = createHarness({ env: env(), keychain: forgetful });
    const before = readFileSync(join(dir, '.git-credentials'));
    const scan = await h.core.imports.move({});
    expect(scan.findings[0]).toMatchObject({
      status: 'left',
      reason: 'The keychain did not give the credential back as it was written, so Latch left it where it was.',
    });
    expect(readFileSync(join(dir, '.git-credentials'))).toEqual(before);
    expect((await h.core.store.read()).gitCredentials ?? []).toEqual([]);
    expect(await real.get('git:https://alice@git.example.com/')).toBeNull();
    expect(h.indexText()).not.toContain(SECRET);
  });

  it('moves only the findings asked for, by id', async () => {
    h = createHarness({ env: env() });
    const { findings } = await h.core.imports.scan({});
    const bob = findings.find((f) => f.username === 'bob')!;
    const scan = await h.core.imports.move({ ids: [bob.id] });
    expect(scan.findings.map((f) => [f.username, f.status])).toEqual([
      ['alice', 'unchecked'],
      ['bob', 'moved'],
    ]);
    expect(readFileSync(join(dir, '.git-credentials'), 'utf8')).toBe(`https://alice:${SECRET}@git.example.com\n`);
    await h.core.store.update(() => undefined);
    expect(h.indexText()).not.toContain(SECRET);
  });
});
