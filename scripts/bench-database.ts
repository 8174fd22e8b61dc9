import { randomBytes } from 'node:crypto';
import postgres, { type Sql } from 'postgres';
import { openDatabase, type OpenDatabase } from '../src/store/index.js';

/** A throwaway database for one benchmark run, created beside the server's others and dropped after. */
export interface BenchDatabase {
  name: string;
  url: string;
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  // Generated from hex digits only, never from input, so it is safe to splice into DDL.
  const name = `kenshu_bench_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export async function dropBenchDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** What a benchmark's main shares with the signal handler: whether it was interrupted, and how to clean up. */
export interface BenchRun {
  interrupted: boolean;
  cleanup?: () => Promise<void>;
}

/**
 * Runs a benchmark's main to the end and exits: 0 when done, 1 on an error, 130 when stopped by
 * SIGINT or SIGTERM — after dropping its database either way. `label` prefixes expected errors.
 */
export function runBench(label: string, main: (run: BenchRun) => Promise<void>, isExpected: (error: unknown) => error is Error): void {
  const run: BenchRun = { interrupted: false };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      run.interrupted = true;
      console.log(`\n${signal}: stopping and dropping the benchmark database…`);
      void (run.cleanup?.() ?? Promise.resolve())
        .catch((error: unknown) => console.error('could not drop the benchmark database:', error))
        .finally(() => process.exit(130));
    });
  }
  main(run).then(
    () => process.exit(0),
    (error: unknown) => {
      if (run.interrupted) return; // the signal handler finishes up and exits
      console.error(isExpected(error) ? `${label}: ${error.message}` : error);
      process.exit(1);
    },
  );
}

/** A benchmark's own database, migrated, with Kenshu's connection (`bench`) and a raw one (`sql`). */
export interface OwnBenchDatabase {
  created: BenchDatabase;
  bench: OpenDatabase;
  sql: Sql;
}

/**
 * Creates a database of the run's own on `serverUrl`, runs the migrations and opens both
 * connections. When the run ends or is stopped, `session.cleanup` closes them and drops the
 * database, or keeps it and says so with BENCH_KEEP_DATABASE=1.
 */
export async function ownBenchDatabase(session: BenchRun, serverUrl: string, log: (line: string) => void): Promise<OwnBenchDatabase> {
  const keep = process.env.BENCH_KEEP_DATABASE === '1';
  const created = await createBenchDatabase(serverUrl);
  const opened: { sql?: Sql; bench?: OpenDatabase } = {};
  let cleaning: Promise<void> | undefined;
  session.cleanup = () =>
    (cleaning ??= (async () => {
      const timeout = session.interrupted ? 1 : 5;
      await opened.bench?.close().catch(() => undefined);
      await opened.sql?.end({ timeout }).catch(() => undefined);
      if (keep && !session.interrupted) {
        log(`kept database ${created.name} (BENCH_KEEP_DATABASE=1): drop it with  drop database ${created.name};`);
        return;
      }
      await dropBenchDatabase(serverUrl, created.name);
      log(`dropped database ${created.name}`);
    })());
  const bench = (opened.bench = await openDatabase({ databaseUrl: created.url }));
  const sql = (opened.sql = postgres(created.url, { max: 1, onnotice: () => {}, connect_timeout: 10 }));
  return { created, bench, sql };
}
