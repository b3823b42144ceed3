import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup/fast-check.ts'],
    testTimeout: 30_000,
    // expect.poll waits for what a person would see happen (a badge after an import, a row after a
    // refresh). Its default second is less than a keychain write and a git config write take on a busy
    // two-core machine; a poll that passes returns as soon as it does, so only a failure waits longer.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 60_000,
    // Browser and git tests are heavy; two cores are all CI has.
    maxWorkers: 2,
    // The browser e2e and real-git suites each own a keyring namespace and ports; file isolation keeps them apart.
    isolate: true,
  },
});
