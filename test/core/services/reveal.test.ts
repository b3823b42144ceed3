import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedToken } from '../../../shared/domain';
import { createRevealService, type RevealService } from '../../../electron/core/services/reveal';
import { MemoryClipboard } from './memory-clipboard';

const created = (secret: string): CreatedToken => ({
  token: { id: '012345678901', name: 'ci', scopes: ['REPO_READ'], createdAt: null, expiresAt: null, lastUsedAt: null, owner: { kind: 'user' }, stored: false, rejected: false, onHost: true },
  secret,
  gitUsername: 'alice',
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let reveal: RevealService | null = null;
afterEach(async () => {
  await reveal?.dispose();
});

describe('the reveal', () => {
  it('copies the held secret and clears the clipboard after the delay', async () => {
    const clipboard = new MemoryClipboard();
    reveal = createRevealService({ clipboard, clearAfterMs: 60 });
    const id = reveal.hold(created('BBDC-secret-1'));
    expect(await reveal.copy(id)).toEqual({ clearAfterSeconds: 0 });
    expect(clipboard.text).toBe('BBDC-secret-1');
    await wait(100);
    expect(clipboard.text).toBe('');
  });

  it('says 30 seconds by default', async () => {
    reveal = createRevealService({ clipboard: new MemoryClipboard() });
    expect(await reveal.copy(reveal.hold(created('s')))).toEqual({ clearAfterSeconds: 30 });
  });

  it('leaves the clipboard alone when the person copied something else since', async () => {
    const clipboard = new MemoryClipboard();
    reveal = createRevealService({ clipboard, clearAfterMs: 60 });
    await reveal.copy(reveal.hold(created('BBDC-secret-2')));
    clipboard.writeText('my own notes');
    await wait(100);
    expect(clipboard.text).toBe('my own notes');
    expect(clipboard.clears).toBe(0);
  });

  it('still clears a copied secret after the panel closed, and forgets the secret on close', async () => {
    const clipboard = new MemoryClipboard();
    reveal = createRevealService({ clipboard, clearAfterMs: 60 });
    const id = reveal.hold(created('BBDC-secret-3'));
    await reveal.copy(id);
    reveal.close(id);
    expect(reveal.isOpen(id)).toBe(false);
    await expect(reveal.copy(id)).rejects.toThrow(/no longer holds this secret/);
    await wait(100);
    expect(clipboard.text).toBe('');
  });

  it('clears the clipboard on quit if it still holds the secret, and forgets every reveal', async () => {
    const clipboard = new MemoryClipboard();
    reveal = createRevealService({ clipboard, clearAfterMs: 60_000 });
    const id = reveal.hold(created('BBDC-secret-4'));
    const other = reveal.hold(created('BBDC-secret-5'));
    await reveal.copy(id);
    await reveal.dispose();
    expect(clipboard.text).toBe('');
    expect(reveal.isOpen(id)).toBe(false);
    expect(reveal.isOpen(other)).toBe(false);
  });

  it('does not clear on quit what the person copied after the secret', async () => {
    const clipboard = new MemoryClipboard();
    reveal = createRevealService({ clipboard, clearAfterMs: 60_000 });
    await reveal.copy(reveal.hold(created('BBDC-secret-6')));
    clipboard.writeText('something else');
    await reveal.dispose();
    expect(clipboard.text).toBe('something else');
  });

  it('forgets a reveal nobody closed after a while', async () => {
    reveal = createRevealService({ clipboard: new MemoryClipboard(), expireAfterMs: 40 });
    const id = reveal.hold(created('BBDC-secret-7'));
    expect(reveal.isOpen(id)).toBe(true);
    await wait(80);
    expect(reveal.isOpen(id)).toBe(false);
  });

  it('gives every reveal its own unguessable id', () => {
    reveal = createRevealService({ clipboard: new MemoryClipboard() });
    const ids = new Set(Array.from({ length: 50 }, () => reveal!.hold(created('s'))));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('works with a clipboard whose reads and writes are asynchronous, as Electron 45\'s are', async () => {
    const memory = new MemoryClipboard();
    const later = <T>(value: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(value()), 2));
    const clipboard = {
      readText: () => later(() => memory.readText()),
      writeText: (text: string) => later(() => memory.writeText(text)),
      clear: () => later(() => memory.clear()),
    };
    reveal = createRevealService({ clipboard, clearAfterMs: 40 });
    await reveal.copy(reveal.hold(created('BBDC-secret-8')));
    expect(memory.text).toBe('BBDC-secret-8');
    await wait(100);
    expect(memory.text).toBe('');
    await reveal.copy(reveal.hold(created('BBDC-secret-9')));
    await reveal.dispose();
    expect(memory.text).toBe('');
  });
});

describe('the PRIMARY selection and a clipboard that cannot be read', () => {
  it('clears the selection too when it holds the secret, and only then', async () => {
    const clipboard = new MemoryClipboard();
    const primary = new MemoryClipboard();
    reveal = createRevealService({ clipboard: Object.assign(clipboard, { selection: primary }), clearAfterMs: 40 });
    await reveal.copy(reveal.hold(created('BBDC-secret-primary')));
    primary.writeText('BBDC-secret-primary');
    await wait(100);
    expect([clipboard.text, primary.text, primary.clears]).toEqual(['', '', 1]);

    await reveal.copy(reveal.hold(created('BBDC-secret-primary')));
    primary.writeText('selected by the person');
    await reveal.dispose();
    expect([clipboard.text, primary.text, primary.clears]).toEqual(['', 'selected by the person', 1]);
  });

  it('still clears a clipboard whose content cannot be read back', async () => {
    const memory = new MemoryClipboard();
    const clipboard = {
      readText: (): string => {
        throw new Error('no answer from the clipboard owner');
      },
      writeText: (text: string) => memory.writeText(text),
      clear: () => memory.clear(),
    };
    reveal = createRevealService({ clipboard, clearAfterMs: 40 });
    await reveal.copy(reveal.hold(created('BBDC-secret-unreadable')));
    await wait(100);
    expect(memory.text).toBe('');
    expect(memory.clears).toBe(1);
  });
});
