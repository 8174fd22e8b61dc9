import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, longest first. Two workers share the files in order, so a long
 * file started last keeps one worker busy while the other has nothing left. Vitest orders by the
 * durations of the previous run, but that cache lives in node_modules (gone after `npm ci`) and
 * remembers only the files of the last run, so without this a long file may start last.
 */
const LONGEST_FIRST = [
  'tests/scheduler/crash.test.ts',
  'tests/scheduler/two-schedulers.test.ts',
  'tests/commands/mod-report.test.ts',
  'tests/commands/access.test.ts',
  'tests/commands/mod-review.test.ts',
  'tests/adapters/console.test.ts',
  'tests/store/store-contract.test.ts',
  'tests/i18n/nudge-parity.test.ts',
  'tests/scheduler/ladder-walk.test.ts',
  'tests/scheduler/digest.test.ts',
  'tests/store/privacy.test.ts',
  'tests/adapters/discord/discord-e2e.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FIRST.findIndex((path) => file.moduleId.endsWith(`/${path}`));
      return at === -1 ? LONGEST_FIRST.length : at;
    };
    // Array.prototype.sort is stable: the rest keep the order Vitest gave them.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/**
 * Files that need modules of their own: one replaces a module with vi.mock, which a module
 * already loaded by an earlier file in the same process would not see; the adapters' suites
 * start real discord.js and Bolt clients against fakes, and one of them (a Discord end-to-end
 * test) waited in vain for an answer when it ran after other files in a shared process.
 */
const OWN_MODULES = ['tests/presenters/mod-report-chart-failure.test.ts', 'tests/adapters/**/*.test.ts'];

export default defineConfig({
  test: {
    // Files share their worker's loaded modules (isolate: false), except OWN_MODULES: loading
    // the program's modules for every file anew was about a quarter of the suite's time (Vitest
    // counted 104 s of imports in a 268 s run). Every file still starts from its own database, and
    // a file that changes a global (process.env.TZ, fake timers) puts it back when it is done.
    projects: [
      // (include is set in each project: a project's arrays add to the root's, not replace them)
      { extends: true, test: { name: 'shared', include: ['tests/**/*.test.ts'], exclude: OWN_MODULES, isolate: false } },
      { extends: true, test: { name: 'own-modules', include: OWN_MODULES } },
    ],
    globalSetup: ['tests/support/global-setup.ts'],
    // Processes, not worker threads: threads start test files quicker, but a test that sets
    // process.env.TZ changes nothing in a worker thread (its env is a copy), so it would pass
    // without testing anything.
    pool: 'forks',
    // Two cores: PGlite and child-process suites are CPU-bound; a third worker made them slower
    // (and pushed the two-scheduler suite past its timeout).
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    // Every embedded database compiles PostgreSQL's WebAssembly, by default twice: at once with
    // V8's baseline compiler, then again, optimized, on background threads. Tests run too few
    // queries to gain from the second; without it, opening one takes about a quarter less CPU and
    // the PGlite suites finish about 15 % sooner. (What the code does is the same either way.)
    execArgv: ['--liftoff-only'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
