// `npm test`: builds what the tests exercise, runs every suite once, and ends with the one plain
// line CI reads: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', env: process.env }).status ?? 1;

let failedSteps = 0;
for (const [label, command, args] of [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '.']],
  ['build', 'npx', ['electron-vite', 'build']],
  ['build-cli', 'node', ['scripts/build-cli.mjs']],
]) {
  console.log(`\n== ${label}`);
  if (run(command, args) !== 0) {
    console.log(`${label} failed`);
    failedSteps += 1;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'latch-results-'));
const report = join(dir, 'vitest.json');
console.log('\n== tests');
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);

let passed = 0;
let failed = failedSteps;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests + results.numTodoTests;
  // Say plainly what did not run and why (the skipped tests' names carry the reason).
  for (const file of results.testResults) {
    for (const test of file.assertionResults) {
      if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo') console.log(`skipped: ${test.fullName}`);
    }
  }
  // A suite that failed to load has no tests to count, but it is still a failure.
  failed += results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
} catch {
  failed += 1;
  console.log('The test run produced no report.');
}
rmSync(dir, { recursive: true, force: true });
if (status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
