import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup/fast-check.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and git tests are heavy; two cores are all CI has.
    maxWorkers: 2,
    // The browser e2e and real-git suites each own a keyring namespace and ports; file isolation keeps them apart.
    isolate: true,
  },
});
