// The browser tests: `npm run test:e2e` (needs Debian's chromium; `npm test` does not).
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: resolve(import.meta.dirname, '..', '..'),
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'threads',
    // One browser at a time is plenty on a two-core machine.
    fileParallelism: false,
  },
});
