// The keyring daemon killed (SIGKILL) while Latch stores a new token's secret: the token is either
// stored whole (keychain entry and index entry) or not at all, and when not, Latch says so, in words
// that fit (the keychain stopped answering, not "there is no keychain"), and hands the secret over
// once. The scenario runs in a keyring of its own (scripts/with-keyring.sh), so no other test's
// keyring dies with it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BitbucketDataCenterSimulator } from '../hosts/bitbucket-datacenter';
import { bundle, childEnv, REPO } from '../core/vault/bundle';

const PASSWORD = 'correct horse battery staple';
let scenario: string;
let abortSet: string;
let sim: BitbucketDataCenterSimulator;
let baseUrl: string;
let home: string;

beforeAll(async () => {
  scenario = await bundle('test/integration/fixtures/keyring-crash-create.ts');
  abortSet = await bundle('test/integration/fixtures/keyring-abort-set.ts');
});
beforeEach(async () => {
  sim = new BitbucketDataCenterSimulator();
  ({ baseUrl } = await sim.start());
  sim.addUser({ username: 'Alice', password: PASSWORD, slug: 'alice' });
  home = mkdtempSync(join(tmpdir(), 'latch-crash-'));
});
afterEach(async () => {
  await sim.stop();
  rmSync(home, { recursive: true, force: true });
});

function runScenario(entry = scenario, args = [join(home, 'latch'), baseUrl, PASSWORD]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = childEnv();
  delete env.LATCH_KEYRING_READY;
  delete env.LATCH_KEYRING_LOG;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(REPO, 'scripts/with-keyring.sh'), process.execPath, entry, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.runIf(process.platform === 'linux')('the keyring daemon killed in the middle of a create', () => {
  it('stores the token whole or not at all, and says which', async () => {
    const result = await runScenario();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const outcome = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(outcome.killed).toBe(true);
    if (outcome.stored) {
      expect(outcome).toMatchObject({ inIndex: true, keychainHoldsSecret: true, storeError: null });
    } else {
      expect(outcome).toMatchObject({ inIndex: false, keychainEmpty: true, secretHandedOver: true });
      expect(outcome.storeError).toMatch(/could not keep its secret in the keychain\. The keychain stopped answering in the middle/);
      expect(outcome.storeError).not.toMatch(/found no keychain/);
    }
  }, 60_000);

  // The crash the bus reports at once ("disconnected without replying"), unlike a hang: the write is
  // asked again, the bus starts the daemon again, and the secret is kept, with no error to the caller.
  it('keeps a secret whose write was cut short by the daemon crashing', async () => {
    const result = await runScenario(abortSet, []);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toEqual({ crashed: true, error: null, held: 'the secret' });
  }, 60_000);
});
