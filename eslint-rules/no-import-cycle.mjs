// latch/no-import-cycle: a module may not import, directly or through others, a module that imports it.
// Modules depend one way; what two of them both need goes into a third they both import.
//
// Follows every relative import and re-export (`import type` and `export type ... from` too, since a
// type-only cycle still ties two modules together), `import x = require()`, `require()` and `import()`.
// Package imports are not followed. The graph is kept for the whole ESLint process, so on the command
// line each file is read and scanned once per run however many files reach it (with TypeScript's import
// scanner, so comments and strings are never mistaken for imports). A file is scanned again when its
// size or modification time changed, which keeps an editor that keeps ESLint running up to date.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** @type {Map<string, { stamp: string, imports: { file: string, pos: number, end: number }[] }>} */
const graph = new Map();

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.jsx', '.mjs', '.cjs'];

function stampOf(file) {
  try {
    const stat = statSync(file, { throwIfNoEntry: false });
    return stat?.isFile() ? `${stat.mtimeMs}:${stat.size}` : null;
  } catch {
    return null;
  }
}

/** The file a relative specifier names, the way the bundlers resolve it; null when there is none. */
function resolveImport(from, specifier) {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => join(base, `index${ext}`))];
  // `./x.js` written for a TypeScript source `./x.ts`.
  const js = /\.(m|c)?jsx?$/.exec(base);
  if (js) {
    const stem = base.slice(0, -js[0].length);
    candidates.push(...['.ts', '.tsx', '.mts', '.cts'].map((ext) => stem + ext));
  }
  return candidates.find((candidate) => stampOf(candidate) !== null) ?? null;
}

/** The relative imports in `text` (the source of `file`), resolved, with where each is written. */
function scanImports(file, text) {
  const imports = [];
  for (const { fileName, pos, end } of ts.preProcessFile(text, true, true).importedFiles) {
    if (!fileName.startsWith('./') && !fileName.startsWith('../') && fileName !== '.' && fileName !== '..') continue;
    const target = resolveImport(file, fileName);
    if (target !== null) imports.push({ file: target, pos, end });
  }
  return imports;
}

/**
 * A file's imports from the cache, read again when the file changed; none when it cannot be read.
 * With `text` (what is being linted): those of that text, cached only when it is what the file holds.
 */
function importsOf(file, text) {
  const stamp = stampOf(file);
  const cached = stamp === null ? undefined : graph.get(file);
  if (cached && cached.stamp === stamp && (text === undefined || text === readText(file))) return cached.imports;
  const onDisk = stamp === null ? null : readText(file);
  if (text === undefined && onDisk === null) return [];
  const imports = scanImports(file, text ?? onDisk);
  if (onDisk !== null && (text === undefined || text === onDisk)) graph.set(file, { stamp, imports });
  return imports;
}

function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The shortest chain of imports from `start` back to `home`, as the files on it (start first), or null. */
function pathBack(start, home) {
  if (start === home) return [];
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i += 1) {
    const current = queue[i];
    for (const { file } of importsOf(current)) {
      if (file === home) {
        const chain = [current];
        for (let step = cameFrom.get(current); step !== null; step = cameFrom.get(step)) chain.unshift(step);
        return chain;
      }
      if (!cameFrom.has(file)) {
        cameFrom.set(file, current);
        queue.push(file);
      }
    }
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between modules, type-only imports included.' },
    schema: [],
    messages: {
      cycle: 'Import cycle: {{path}}. Modules must depend one way; move what both need into a module they both import.',
    },
  },
  create(context) {
    const home = resolve(context.filename);
    const { sourceCode } = context;
    const shown = (file) => relative(context.cwd, file).split(sep).join('/');
    return {
      Program() {
        // The text being linted, which may not be saved yet; every other file as it is on disk.
        const seen = new Set();
        for (const { file, pos, end } of importsOf(home, sourceCode.text)) {
          if (seen.has(file)) continue;
          seen.add(file);
          const chain = pathBack(file, home);
          if (chain === null) continue;
          context.report({
            loc: { start: sourceCode.getLocFromIndex(pos), end: sourceCode.getLocFromIndex(end) },
            messageId: 'cycle',
            data: { path: [home, ...chain, home].map(shown).join(' → ') },
          });
        }
      },
    };
  },
};
