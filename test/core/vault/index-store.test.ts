import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/domain';
import { LatchError } from '../../../shared/result';
import { createIndexStore } from '../../../electron/core/vault/index-store';
import { DEFAULT_SETTINGS } from '../../../shared/domain';
import { caught } from '../caught';
import { testAccount } from './fixtures';
import { tempHome } from './temp-home';

const account = (id: string): Account => testAccount({ id });

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

describe('index store', () => {
  it('starts empty with default settings when nothing was written yet, and writes nothing by reading', async () => {
    const store = createIndexStore(home);
    expect(await store.read()).toEqual({ version: 1, accounts: [], storedTokens: [], settings: DEFAULT_SETTINGS });
    expect(existsSync(join(home, 'index.json'))).toBe(false);
  });

  it('writes what an update made, readable by a second store (another process sees it)', async () => {
    await createIndexStore(home).update((data) => {
      data.accounts.push(account('a1'));
    });
    const again = await createIndexStore(home).read();
    expect(again.accounts.map((a) => a.id)).toEqual(['a1']);
  });

  it('keeps the directory private (0700) and the file readable only by its owner (0600)', async () => {
    await createIndexStore(home).update((data) => {
      data.accounts.push(account('a1'));
    });
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, 'index.json')).mode & 0o777).toBe(0o600);
  });

  it('leaves no temporary file behind after writing', async () => {
    const store = createIndexStore(home);
    for (let i = 0; i < 5; i += 1) {
      await store.update((data) => {
        data.accounts.push(account(`a${i}`));
      });
    }
    expect(readdirSync(home).sort()).toEqual(['index.json']);
  });

  it('does not write when an update throws', async () => {
    const store = createIndexStore(home);
    await store.update((data) => {
      data.accounts.push(account('a1'));
    });
    const before = readFileSync(join(home, 'index.json'), 'utf8');
    await expect(
      store.update((data) => {
        data.accounts.length = 0;
        throw new LatchError('validation', 'no');
      }),
    ).rejects.toThrow('no');
    expect(readFileSync(join(home, 'index.json'), 'utf8')).toBe(before);
  });

  it('survives a crash in the middle of a write: the old file stays whole and the leftover is cleaned up', async () => {
    const store = createIndexStore(home);
    await store.update((data) => {
      data.accounts.push(account('a1'));
    });
    // What a writer that died between creating its temp file and renaming it leaves behind.
    writeFileSync(join(home, 'index.json.tmp-99999-deadbeef'), '{"version":1,"accounts":[{"id":"half');
    expect((await store.read()).accounts.map((a) => a.id)).toEqual(['a1']);
    await store.update((data) => {
      data.accounts.push(account('a2'));
    });
    expect(readdirSync(home).sort()).toEqual(['index.json']);
    expect((await store.read()).accounts.map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('runs concurrent updates one after the other, losing none', async () => {
    const store = createIndexStore(home);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        store.update(async (data) => {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          data.accounts.push(account(`a${i}`));
        }),
      ),
    );
    expect((await store.read()).accounts).toHaveLength(25);
  });

  it('serialises two stores on the same file through the lock file too', async () => {
    const one = createIndexStore(home);
    const two = createIndexStore(home);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? one : two).update((data) => {
          data.accounts.push(account(`a${i}`));
        }),
      ),
    );
    expect((await one.read()).accounts).toHaveLength(20);
    expect(existsSync(join(home, 'index.json.lock'))).toBe(false);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'index.json.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, at: Date.now() }));
    await createIndexStore(home, { lock: { waitMs: 500 } }).update((data) => {
      data.accounts.push(account('a1'));
    });
    expect((await createIndexStore(home).read()).accounts).toHaveLength(1);
  });

  it('waits for a live lock and then says plainly that another process is saving', async () => {
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'index.json.lock'), JSON.stringify({ pid: process.pid, at: Date.now() }));
    const error = await caught(createIndexStore(home, { lock: { waitMs: 150 } }).update(() => undefined));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/Another Latch process is saving/);
  });

  describe('a file it cannot read', () => {
    const writeIndex = (text: string) => {
      mkdirSync(home, { recursive: true });
      writeFileSync(join(home, 'index.json'), text, { mode: 0o600 });
    };

    it('keeps corrupt JSON aside, byte for byte, and says where', async () => {
      const damaged = '{"version":1,"accounts":[{"id":"a1", "user';
      writeIndex(damaged);
      const error = await caught(createIndexStore(home, { now: () => Date.UTC(2026, 4, 6, 7, 8, 9) }).read());
      expect(error.code).toBe('corrupt-data');
      const kept = join(home, 'index.json.corrupt-2026-05-06T07-08-09-000Z');
      expect(error.message).toContain(kept);
      expect(error.message).toContain('not valid JSON');
      expect(readFileSync(kept, 'utf8')).toBe(damaged);
      expect(existsSync(join(home, 'index.json'))).toBe(false);
    });

    it('treats a file of the wrong shape the same way', async () => {
      writeIndex(JSON.stringify({ version: 1, accounts: [{ id: 'a1' }], storedTokens: [], settings: DEFAULT_SETTINGS }));
      const error = await caught(createIndexStore(home).read());
      expect(error.code).toBe('corrupt-data');
      expect(error.message).toMatch(/expected shape at accounts\.0/);
      expect(readdirSync(home).filter((name) => name.startsWith('index.json.corrupt-'))).toHaveLength(1);
    });

    it('refuses to save anything afterwards, so the kept copy is never silently replaced by an empty list', async () => {
      writeIndex('not json');
      const store = createIndexStore(home);
      await expect(store.read()).rejects.toMatchObject({ code: 'corrupt-data' });
      const later = await caught(store.update((data) => void data.accounts.push(account('a1'))));
      expect(later.code).toBe('corrupt-data');
      expect(later.message).toMatch(/will not save anything until you decide/);
      expect(existsSync(join(home, 'index.json'))).toBe(false);
    });

    it('goes on once the person moved the kept file away', async () => {
      writeIndex('not json');
      const store = createIndexStore(home);
      const error = await caught(store.read());
      const kept = /kept at (\S+?); /.exec(error.message)?.[1];
      expect(kept).toBeDefined();
      const { renameSync } = await import('node:fs');
      renameSync(kept!, `${home}/../moved-away.json`);
      expect((await store.read()).accounts).toEqual([]);
    });

    it('starts fresh only when asked, keeping the old file', async () => {
      writeIndex('not json');
      const store = createIndexStore(home);
      await expect(store.read()).rejects.toMatchObject({ code: 'corrupt-data' });
      await store.startFresh();
      expect((await store.read()).accounts).toEqual([]);
      const kept = readdirSync(home).filter((name) => name.startsWith('index.json.corrupt-'));
      expect(kept).toHaveLength(1);
      expect(readFileSync(join(home, kept[0]!), 'utf8')).toBe('not json');
    });

    it('leaves a file from a newer Latch where it is and says to update', async () => {
      writeIndex(JSON.stringify({ version: 2, accounts: 'something new' }));
      const error = await caught(createIndexStore(home).read());
      expect(error.code).toBe('unsupported');
      expect(error.message).toMatch(/newer version of Latch/);
      expect(readdirSync(home)).toEqual(['index.json']);
    });
  });

  it('keeps fields it does not know (written by a later Latch) when it rewrites the file', async () => {
    mkdirSync(home, { recursive: true });
    writeFileSync(
      join(home, 'index.json'),
      JSON.stringify({ version: 1, accounts: [{ ...account('a1'), avatar: 'x.png' }], storedTokens: [], settings: DEFAULT_SETTINGS, future: [1] }),
    );
    await createIndexStore(home).update((data) => {
      data.settings.unlockMinutes = 5;
    });
    const written = JSON.parse(readFileSync(join(home, 'index.json'), 'utf8'));
    expect(written.future).toEqual([1]);
    expect(written.accounts[0].avatar).toBe('x.png');
    expect(written.settings.unlockMinutes).toBe(5);
  });
});
