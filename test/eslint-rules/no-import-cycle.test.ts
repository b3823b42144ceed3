// latch/no-import-cycle run by ESLint itself over small trees of files in a temp directory.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import noImportCycle from '../../eslint-rules/no-import-cycle.mjs';

const ADVICE = 'Modules must depend one way; move what both need into a module they both import.';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'latch-lint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser as Linter.Parser },
    plugins: { latch: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'latch/no-import-cycle': 'error' },
  },
];

/** Every problem reported, as `file:line:column rule message`, files in name order. */
async function lint(): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config });
  const results = await eslint.lintFiles(['.']);
  return results
    .sort((a, b) => a.filePath.localeCompare(b.filePath))
    .flatMap((result) =>
      result.messages.map((m) => `${result.filePath.slice(dir.length + 1)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`),
    );
}

describe('latch/no-import-cycle', () => {
  it('reports a cycle of two files in each of them, at the import that starts it, naming the rule and the path', async () => {
    write({
      'a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'b.ts': "import { a } from './a';\nexport const b = () => a;\n",
    });
    expect(await lint()).toEqual([
      `a.ts:1:19 latch/no-import-cycle Import cycle: a.ts → b.ts → a.ts. ${ADVICE}`,
      `b.ts:1:19 latch/no-import-cycle Import cycle: b.ts → a.ts → b.ts. ${ADVICE}`,
    ]);
  });

  it('reports a cycle of three files, across folders, with the whole path', async () => {
    write({
      'a.ts': "import { b } from './lib/b';\nexport const a = 1 + b;\n",
      'lib/b.ts': "import { c } from '../c';\nexport const b = c;\n",
      'c.ts': "import { a } from './a';\nexport const c = a;\n",
    });
    expect(await lint()).toEqual([
      `a.ts:1:19 latch/no-import-cycle Import cycle: a.ts → lib/b.ts → c.ts → a.ts. ${ADVICE}`,
      `c.ts:1:19 latch/no-import-cycle Import cycle: c.ts → a.ts → lib/b.ts → c.ts. ${ADVICE}`,
      `lib/b.ts:1:19 latch/no-import-cycle Import cycle: lib/b.ts → c.ts → a.ts → lib/b.ts. ${ADVICE}`,
    ]);
  });

  it('counts type-only imports and re-exports: a cycle of types ties the modules together too', async () => {
    write({
      'target.ts': "import type { Chain } from './chain';\nexport interface Target { chain: Chain }\n",
      'chain.ts': "export type { Target } from './target';\nexport interface Chain { links: string[] }\n",
    });
    expect(await lint()).toEqual([
      `chain.ts:1:29 latch/no-import-cycle Import cycle: chain.ts → target.ts → chain.ts. ${ADVICE}`,
      `target.ts:1:28 latch/no-import-cycle Import cycle: target.ts → chain.ts → target.ts. ${ADVICE}`,
    ]);
  });

  it('follows a folder index and a .js specifier for a TypeScript file', async () => {
    write({
      'a.ts': "import { b } from './lib';\nexport const a = b;\n",
      'lib/index.ts': "export { b } from './b.js';\n",
      'lib/b.ts': "import { a } from '../a';\nexport const b = () => a;\n",
    });
    expect((await lint()).map((line) => line.split(' ')[0])).toEqual(['a.ts:1:19', 'lib/b.ts:1:19', 'lib/index.ts:1:19']);
  });

  it('reports nothing for a tree that depends one way, shared modules and package imports included', async () => {
    write({
      'main.ts': "import { setup } from './git/setup';\nimport { chain } from './git/helper-chain';\nexport const run = () => [setup, chain];\n",
      'git/setup.ts': "import { chain } from './helper-chain';\nimport type { Target } from './target';\nexport const setup = (t: Target) => chain(t);\n",
      'git/helper-chain.ts': "import type { Target } from './target';\nimport { join } from 'node:path';\nexport const chain = (t: Target) => join(t.host);\n",
      'git/target.ts': "export interface Target { host: string }\n",
    });
    expect(await lint()).toEqual([]);
  });

  it('is not fooled by imports written in comments or strings', async () => {
    write({
      'a.ts': "// import { b } from './b';\nexport const a = \"import { b } from './b'\";\n",
      'b.ts': "import { a } from './a';\nexport const b = a;\n",
    });
    expect(await lint()).toEqual([]);
  });

  it('sees a file that changed since the last run in the same process', async () => {
    write({
      'a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'b.ts': "import { a } from './a';\nexport const b = () => a;\n",
    });
    expect(await lint()).toHaveLength(2);
    write({ 'b.ts': 'export const b = () => 1;\n' });
    expect(await lint()).toEqual([]);
  });
});
