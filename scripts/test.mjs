// `npm test`: builds what the tests exercise, runs every suite once, and ends with the one plain
// line CI reads: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
      // CI shows only the end of the output: name every failure here, one line each.
      if (test.status === 'failed') console.log(`failed: ${file.name.slice(process.cwd().length + 1)} > ${test.fullName}`);
    }
  }
  // A suite that failed to load has no tests to count, but it is still a failure, and named like one.
  for (const file of results.testResults) {
    if (file.status !== 'failed' || file.assertionResults.length > 0) continue;
    failed += 1;
    const why = String(file.message ?? '').split('\n').find((line) => line.trim() !== '') ?? 'it did not load';
    console.log(`failed: ${file.name.slice(process.cwd().length + 1)} (the whole suite: ${why.trim()})`);
  }
} catch {
  failed += 1;
  console.log('The test run produced no report.');
}
rmSync(dir, { recursive: true, force: true });
reportKeyringRestarts();
if (status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);

/** scripts/with-keyring.sh logs each start of the private keyring daemon; more than one is worth knowing. */
function reportKeyringRestarts() {
  const log = process.env.LATCH_KEYRING_LOG;
  if (!log || !existsSync(log)) return;
  const starts = readFileSync(log, 'utf8').split('\n').filter((line) => line.includes('keyring daemon started'));
  if (starts.length > 1) {
    console.log(`note: the private test keyring daemon stopped during the run and was started again (${starts.length} starts in all):`);
    console.log(readFileSync(log, 'utf8').trimEnd());
  }
}
