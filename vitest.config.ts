import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Processes, not worker threads: threads start test files quicker, but a test that sets
    // process.env.TZ changes nothing in a worker thread (its env is a copy), so it would pass
    // without testing anything.
    pool: 'forks',
    // Two cores: PGlite and child-process suites are CPU-bound; a third worker made them slower
    // (and pushed the two-scheduler suite past its timeout).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
