// A throwaway LATCH_HOME per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempHome(): { home: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'latch-home-'));
  // A subdirectory that does not exist yet, so the store has to create it (with its mode).
  const home = join(root, 'Latch');
  return { home, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
