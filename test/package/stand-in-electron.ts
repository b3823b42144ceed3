// A stand-in for Electron's Linux distribution, for electron-builder's `electronDist`: the real
// program cannot be downloaded here. Its `electron` is a shell script that carries Electron's fuse
// sentinel and wire (so @electron/fuses flips it like the real binary) and, in Node mode
// (ELECTRON_RUN_AS_NODE=1), runs this Node with its arguments, as the real binary runs its own Node.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellQuote } from '../../electron/core/git/helper-command';

/** @electron/fuses' marker; the wire follows it: version, length, then one byte per fuse. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults for the eight V1 fuses, in @electron/fuses' order (RunAsNode first): all but RunAsNode must be flipped by the build. */
const DEFAULT_WIRE = '10110001';

export function makeStandInElectron(dir: string, nodePath: string = process.execPath): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(join(dir, 'chrome-sandbox'), '');
  const wire = `${SENTINEL}\x01${String.fromCharCode(DEFAULT_WIRE.length)}${DEFAULT_WIRE}`;
  const script = [
    '#!/bin/sh',
    `# fuses: ${wire}`,
    'if [ "$ELECTRON_RUN_AS_NODE" = 1 ]; then',
    `  exec ${shellQuote(nodePath)} "$@"`,
    'fi',
    'echo "This stand-in for Electron runs only in Node mode (ELECTRON_RUN_AS_NODE=1)." >&2',
    'exit 3',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'electron'), script, 'latin1');
  chmodSync(join(dir, 'electron'), 0o755);
  return dir;
}
