import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // one PostgreSQL server for the run, started only when a test asks for it (test/helpers/pg.ts)
    globalSetup: ['./test/helpers/pg-global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
