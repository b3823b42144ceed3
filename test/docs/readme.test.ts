// The README a new user reads first: every screenshot the docs hold is shown, the Node.js versions it
// names are the ones the project asks for, and the setup steps it gives exist.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';

const ROOT = resolve(__dirname, '../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('shows every screenshot in docs/screenshots', () => {
    const shots = readdirSync(join(ROOT, 'docs', 'screenshots')).filter((name) => name.endsWith('.png'));
    expect(shots.length).toBeGreaterThan(0);
    expect(shots.filter((name) => !readme.includes(`](docs/screenshots/${name})`))).toEqual([]);
  });

  it("names the Node.js the tests need (package.json engines) and the one Electron's installer asks for", () => {
    const engines = /^>=(\d+\.\d+)$/.exec(pkg.engines.node)![1]!;
    expect(readme).toContain(`Node.js ${engines} or later`);
    expect(readme).toContain('Node.js 22.12 or later to install and run the app');
  });

  it('says how to put both commands on PATH from a checkout, what moving it breaks, and what the benchmark row needs', () => {
    expect(Object.keys(pkg.bin).sort()).toEqual(['git-credential-latch', 'latch']);
    for (const bin of Object.values(pkg.bin)) expect(readme).toContain(`$PWD/${bin}`);
    expect(readme).toContain('npm run build:cli');
    expect(pkg.scripts['build:cli']).toBeDefined();
    expect(readme).toMatch(/Moving or deleting the checkout breaks those lines/);
    expect(readme).toContain('libsecret-1-dev');
  });
});
