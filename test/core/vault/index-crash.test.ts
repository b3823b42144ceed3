// A Latch process killed (SIGKILL: no cleanup runs) after each step of an index write leaves the old
// index or the new one, never a broken or mixed one, and the next process goes on from there.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIndexStore, WRITE_STEPS, type WriteStep } from '../../../electron/core/vault/index-store';
import { DEFAULT_SETTINGS } from '../../../shared/domain';
import { bundle, childEnv } from './bundle';
import { testAccount } from './fixtures';
import { tempHome } from './temp-home';

let writer: string;
let home: string;
let cleanup: () => void;
beforeAll(async () => {
  writer = await bundle('test/core/vault/fixtures/paused-writer.ts');
});
beforeEach(() => {
  ({ home, cleanup } = tempHome());
  mkdirSync(home, { mode: 0o700 });
  const old = { version: 1, accounts: [testAccount({ id: 'a1', displayName: 'old' })], storedTokens: [], settings: { ...DEFAULT_SETTINGS, unlockMinutes: 5 } };
  writeFileSync(join(home, 'index.json'), `${JSON.stringify(old, null, 2)}\n`, { mode: 0o600 });
});
afterEach(() => cleanup());

/** Starts a writer that pauses after `step`, and kills it there with SIGKILL. */
function killAfter(step: WriteStep): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, home, step], { env: childEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
    let said = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      said += chunk;
      if (said.includes(`paused ${step}`)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the writer ended with ${code} before ${step}`))));
  });
}

describe('killed in the middle of an index write', () => {
  it.each(WRITE_STEPS.map((step, index) => [step, index] as const))('after %s: the old index or the new, whole', async (step, index) => {
    await killAfter(step);
    const data = await createIndexStore(home).read();
    const state = [data.settings.unlockMinutes, data.accounts[0]!.displayName];
    const renamed = index >= WRITE_STEPS.indexOf('renamed');
    expect(state).toEqual(renamed ? [42, 'new'] : [5, 'old']);

    // The next process takes over the dead writer's lock, clears its temp file and saves.
    await createIndexStore(home, { lock: { waitMs: 2000 } }).update((next) => {
      next.settings.unlockMinutes = 7;
    });
    expect((await createIndexStore(home).read()).settings.unlockMinutes).toBe(7);
    expect(readdirSync(home)).toEqual(['index.json']);
  });
});
