// The app and the CLI are separate processes writing one index: neither may lose the other's change.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createIndexStore } from '../../../electron/core/vault/index-store';
import { bundle, childEnv } from './bundle';
import { tempHome } from './temp-home';

let writer: string;
let home: string;
let cleanup: () => void;
beforeAll(async () => {
  writer = await bundle('test/core/vault/fixtures/race-writer.ts');
});
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const run = (prefix: string, count: number) =>
  new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [writer, home, prefix, String(count)], { env: childEnv(), stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });

it('loses no update when three processes write the index at the same time', async () => {
  const codes = await Promise.all([run('app', 30), run('cli', 30), run('git', 30)]);
  expect(codes).toEqual([0, 0, 0]);
  const { accounts } = await createIndexStore(home).read();
  expect(accounts).toHaveLength(90);
  expect(new Set(accounts.map((a) => a.id)).size).toBe(90);
  expect(readdirSync(home)).toEqual(['index.json']);
});
