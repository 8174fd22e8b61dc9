import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Processes, not worker threads: threads start test files quicker, but a test that sets
    // process.env.TZ changes nothing in a worker thread (its env is a copy), so it would pass
    // without testing anything.
    pool: 'forks',
    // Two cores: PGlite and child-process suites are CPU-bound; a third worker made them slower
    // (and pushed the two-scheduler suite past its timeout).
    maxWorkers: 2,
    // Every embedded database compiles PostgreSQL's WebAssembly, by default twice: at once with
    // V8's baseline compiler, then again, optimized, on background threads. Tests run too few
    // queries to gain from the second; without it, opening one takes about a quarter less CPU and
    // the PGlite suites finish about 15 % sooner. (What the code does is the same either way.)
    execArgv: ['--liftoff-only'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
