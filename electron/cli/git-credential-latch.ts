// `git-credential-latch get|store|erase|capability`: the program git starts for every fetch and push on a
// host set up with `latch setup-git`. This bundle holds only the `get` path; the index store that
// `store` and `erase` write through (with zod) and the host check `erase` makes are separate files,
// loaded only when needed.
import { readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readsInput, runHelper, type IndexUpdater } from '../core/credential/helper';
import { MAX_REQUEST_BYTES } from '../core/credential/protocol';
import { createOsKeychain } from '../core/vault/keychain';
import { latchHome } from '../core/vault/paths';
import { printable } from '../../shared/terminal-text';
import type { HelperCheckModule } from './helper-check';
import type { HelperStoreModule } from './helper-store';

/** Reads stdin up to the blank line that ends a request, EOF, or just past the size limit. */
function readRequest(): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  let previous = -1; // last byte of the previous chunk, to see a blank line split across chunks
  const buffer = Buffer.alloc(65_536);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EOF') break; // Windows pipes report EOF this way
      throw error;
    }
    if (n === 0) break;
    const chunk = Buffer.from(buffer.subarray(0, n));
    chunks.push(chunk);
    total += n;
    if (total > MAX_REQUEST_BYTES || endsRequest(chunk, previous, total === n)) break;
    previous = chunk[n - 1]!;
  }
  return Buffer.concat(chunks);
}

/** True when `chunk` holds the empty line that ends a request (LF LF, LF CR LF, or a leading newline). */
function endsRequest(chunk: Buffer, previous: number, first: boolean): boolean {
  for (let i = 0; i < chunk.length; i += 1) {
    if (chunk[i] !== 0x0a) continue;
    const before = i > 0 ? chunk[i - 1] : previous;
    const beforeThat = i > 1 ? chunk[i - 2] : i === 1 ? previous : -1;
    if ((first && i === 0) || before === 0x0a || (before === 0x0d && (beforeThat === 0x0a || (first && i === 1)))) return true;
  }
  return false;
}

async function main(): Promise<void> {
  const operation = process.argv[2];
  const input = readsInput(operation) ? readRequest() : new Uint8Array();
  const home = latchHome();
  const outcome = await runHelper(operation, input, {
    home,
    keychain: createOsKeychain(),
    openStore: (): IndexUpdater => {
      // A separate bundle beside this one (scripts/build-cli.mjs), loaded at run time so `get` never
      // pays for it; a static import would pull it into this bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(join(__dirname, 'helper-store.js')) as HelperStoreModule;
      return module.createIndexStore(home);
    },
    checkToken: (account, secret) => {
      // The host code and HTTP client, likewise a separate bundle only `erase` and keeping from git load.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(join(__dirname, 'helper-check.js')) as HelperCheckModule;
      return module.checkToken(account, secret);
    },
  });
  if (outcome.stdout) writeSync(1, outcome.stdout);
  if (outcome.stderr.length > 0) writeSync(2, `${outcome.stderr.map(printable).join('\n')}\n`);
  process.exitCode = outcome.exitCode;
}

main().catch(() => {
  // Nothing about the failure is printed: it could carry data nobody chose to show.
  writeSync(2, 'git-credential-latch: something unexpected went wrong; nothing was changed.\n');
  process.exitCode = 1;
});
