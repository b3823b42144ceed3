// scripts/make-icons.mjs: every app icon, drawn by Chromium from packaging/icon.svg, at the sizes the
// packages name in electron-builder.config.cjs (Linux PNGs, Windows .ico, macOS .icns).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../cli/built';

const out = mkdtempSync(join(tmpdir(), 'latch-icons-'));
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

beforeAll(() => {
  execFileSync(process.execPath, [join(REPO, 'scripts', 'make-icons.mjs'), out], { stdio: 'pipe', timeout: 60_000 });
}, 90_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the app icons', () => {
  it('are PNGs at every size a Linux desktop asks for', () => {
    for (const size of SIZES) {
      const png = readFileSync(join(out, 'png', `${size}x${size}.png`));
      expect(pngSize(png)).toEqual([size, size]);
    }
  });

  it('holds seven PNG images from 16 to 256 pixels in the Windows .ico', () => {
    const ico = readFileSync(join(out, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 7]);
    const sizes = [];
    for (let i = 0; i < 7; i += 1) {
      const at = 6 + 16 * i;
      const image = ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8));
      const [width] = pngSize(image);
      expect(ico.readUInt8(at) || 256).toBe(width);
      sizes.push(width);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('holds PNG entries up to 1024 pixels in the macOS .icns, with the length it declares', () => {
    const icns = readFileSync(join(out, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const entries: Record<string, number> = {};
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      entries[icns.subarray(at, at + 4).toString('latin1')] = pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)))[0];
    }
    expect(entries).toMatchObject({ icp4: 16, icp5: 32, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic14: 512 });
  });
});
