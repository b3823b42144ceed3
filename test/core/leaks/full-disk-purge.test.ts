// A full disk while a leaked secret's lines are taken out of a git credential-store file: the file
// keeps every byte it had, git's lock file is not left behind, and the sentence says the disk is full.
// A tiny tmpfs (mounted as root), filled to the last byte, is the full disk.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeSecretFromStoreFile } from '../../../electron/core/leaks/git-credentials-file';
import { caught } from '../caught';

const SECRET = 'BBDC-MDEyMzQ1Njc4OTAxOix/XD3JWM30a7uPcI4xZ2nLnIia+w=';

function mountTiny(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'latch-full-purge-'));
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', dir]).status === 0) return dir;
  rmSync(dir, { recursive: true, force: true });
  return null;
}

describe('a full disk during a purge', () => {
  const disk = mountTiny();

  it.runIf(disk !== null)('changes nothing in the credential file and leaves no lock', async () => {
    const file = join(disk!, '.git-credentials');
    try {
      const others = Array.from({ length: 200 }, (_, i) => `https://user${i}:pw${i}@host${i}.example.com\n`).join('');
      const before = `${others}https://alice:${encodeURIComponent(SECRET)}@bitbucket.example.com\n`;
      writeFileSync(file, before, { mode: 0o600 });
      try {
        writeFileSync(join(disk!, 'filler'), Buffer.alloc(1024 * 1024));
      } catch {
        // ENOSPC: full now, as wanted.
      }
      const error = await caught(removeSecretFromStoreFile(file, SECRET));
      expect(error.message).toMatch(/disk is full/);
      expect(readFileSync(file, 'utf8')).toBe(before);
      expect(existsSync(`${file}.lock`)).toBe(false);
      expect(readdirSync(disk!).sort()).toEqual(['.git-credentials', 'filler']);
    } finally {
      spawnSync('umount', [disk!]);
      rmSync(disk!, { recursive: true, force: true });
    }
  });
});
