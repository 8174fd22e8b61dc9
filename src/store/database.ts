import { spawn } from 'node:child_process';
import { DEFAULT_POOL_SIZE } from './pool-size.js';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Logger } from 'pino';
import postgres from 'postgres';
import lockfile from 'proper-lockfile';
import type { PGlite, QueryOptions, Transaction } from '@electric-sql/pglite';
import { createPglite, MIGRATIONS_FOLDER } from './embedded-database.js';
import { PgliteStatements } from './pglite-statements.js';
import * as schema from './schema.js';

/** Either driver, seen through the one interface the stores are written against. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface OpenDatabase {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Answers when the database does; used by the health check. */
  ping(): Promise<void>;
  /** The embedded database's files as one archive, to open a copy from (`snapshot`); PGlite only. */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}


/**
 * Seconds to open a connection. Short, so that a PostgreSQL that accepts connections and never
 * answers fails an interaction in time for the platform's 3 s, as the store calls' deadline does.
 */
const CONNECT_TIMEOUT_S = 2;

/** Any fixed number: it names the lock that keeps two starting instances from migrating at once. */
const MIGRATION_LOCK_ID = 4_242_001;

/**
 * PostgreSQL by URL; the embedded database in a directory; or an embedded database in memory,
 * fresh or a copy of an earlier one's `dump()` (which skips creating a database cluster).
 */
export type DatabaseTarget = { databaseUrl: string; poolSize?: number } | { dataDir: string; lock?: DataDirLockOptions } | { memory: true; snapshot?: Blob };

interface DataDirLockOptions {
  /**
   * How long the lock of a process that died without releasing it (kill -9, power loss) keeps
   * the next start waiting: the holder refreshes it every half of this. At least 2,000 ms.
   */
  staleMs: number;
  /**
   * How long a start waits for a held lock before it gives up; long enough for a dead holder's
   * lock to go stale. By default the stale time rounded up to whole seconds, plus two seconds.
   */
  waitMs?: number;
  /** How often a waiting start tries the lock again. By default every 1,000 ms. */
  retryMs?: number;
}

/**
 * `createDataDir` in a child process that exits before the bot opens DATA_DIR. The child is plain
 * JavaScript run by Node.js alone, from the sources as from the build: none of this process's
 * options go to it (under `npm start` they load tsx, which adds about 70 MiB to a process).
 */
async function createDataDirInChild(dataDir: string, logger?: Logger): Promise<void> {
  const script = fileURLToPath(new URL('./create-data-dir.js', import.meta.url));
  const args = [...CREATE_DATA_DIR_FLAGS, script, dataDir];
  logger?.info({ dataDir }, 'creating the embedded database in DATA_DIR');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  });
  if (code !== 0) throw new Error(`creating the embedded database in ${dataDir} failed (${signal ?? `exit code ${code}`}): ${stderr.trim()}`);
}

/**
 * Node.js options of the child that creates the database: baseline-compiled WebAssembly only (it
 * runs for seconds, and optimised code costs memory), and a garbage collector it can call, to let
 * initdb's memory go before it migrates.
 */
export const CREATE_DATA_DIR_FLAGS = ['--liftoff-only', '--expose-gc'];

const DATA_DIR_LOCK: DataDirLockOptions = { staleMs: 10_000 };
const LOCK_RETRY_MS = 1_000;

/** Another running Kenshu holds the embedded database's directory. */
export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(`DATA_DIR ${dataDir} is in use by another running Kenshu. Stop it first, or give this one its own DATA_DIR (or DATABASE_URL to share a PostgreSQL).`);
    this.name = 'DataDirInUseError';
  }
}

/**
 * Embedded PostgreSQL has no server to arbitrate: two processes opening one directory would both
 * write to it and corrupt it. A lock in the directory keeps out a second Kenshu (in another
 * container sharing the volume too); the lock of one that was killed goes stale, and the next
 * start waits that out and takes over.
 */
async function lockDataDir(dataDir: string, options: DataDirLockOptions, logger?: Logger): Promise<() => Promise<void>> {
  const lockfilePath = join(dataDir, 'kenshu.lock');
  const settings = { lockfilePath, realpath: false, stale: options.staleMs, update: Math.floor(options.staleMs / 2) };
  const waitMs = options.waitMs ?? (Math.ceil(options.staleMs / 1000) + 2) * 1000;
  const retryMs = options.retryMs ?? LOCK_RETRY_MS;
  if (await lockfile.check(dataDir, settings)) {
    logger?.warn({ dataDir }, `DATA_DIR is locked; waiting up to ${Math.ceil(waitMs / 1000)} s in case the Kenshu that held it has stopped`);
  }
  try {
    return await lockfile.lock(dataDir, {
      ...settings,
      retries: { retries: Math.ceil(waitMs / retryMs), factor: 1, minTimeout: retryMs, maxTimeout: retryMs },
      onCompromised: (error) => {
        // Someone else may be writing the directory now: stop before this process writes again.
        logger?.fatal({ err: error, dataDir }, 'lost the lock on DATA_DIR; stopping');
        process.stderr.write(`Kenshu stopped: lost the lock on DATA_DIR ${dataDir} (${error.message})\n`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ELOCKED') throw new DataDirInUseError(dataDir);
    throw error;
  }
}

/**
 * Opens the database and brings its schema up to date. Migrations run in one transaction, so a
 * crash part-way leaves the previous schema and the next start simply runs them again.
 */
export async function openDatabase(target: DatabaseTarget, logger?: Logger): Promise<OpenDatabase> {
  if ('databaseUrl' in target) return openPostgres(target.databaseUrl, target.poolSize ?? DEFAULT_POOL_SIZE, logger);
  let unlock = () => Promise.resolve();
  if ('dataDir' in target) {
    await mkdir(target.dataDir, { recursive: true });
    unlock = await lockDataDir(target.dataDir, target.lock ?? DATA_DIR_LOCK, logger);
  }
  try {
    if ('dataDir' in target && !existsSync(join(target.dataDir, 'PG_VERSION'))) await createDataDirInChild(target.dataDir, logger);
    const client = createPglite({
      ...('dataDir' in target ? { dataDir: target.dataDir } : {}),
      ...('snapshot' in target && target.snapshot ? { loadDataDir: target.snapshot } : {}),
    });
    await client.waitReady;
    const db = drizzlePglite(yieldingBetweenQueries(throughNamedStatements(client)), { schema });
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      db,
      driver: 'pglite',
      ping: async () => {
        await client.query('select 1');
      },
      dump: () => client.dumpDataDir('none'),
      close: async () => {
        try {
          await client.close();
        } finally {
          await unlock();
        }
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

/**
 * PGlite runs each query on this thread. Its queue hands the database from one waiting query to
 * the next without returning to the event loop, so a burst of commands would hold back the
 * acknowledgements of interactions that arrive meanwhile. So each query (inside a transaction
 * too) waits for its turn, and turns are handed out one per turn of the event loop: between two
 * queries, pending I/O runs. (Each query waiting for a turn of its own would not do: a burst's
 * waits all end in the same turn, which then runs every one of its queries back to back.)
 */
function yieldingBetweenQueries<T extends object>(client: T): T {
  let last = Promise.resolve();
  const turn = (): Promise<void> => (last = last.then(() => new Promise<void>((resolve) => setImmediate(resolve))));
  return proxyClient(client, ['transaction'], (key, method) =>
    key === 'query' || key === 'transaction'
      ? async (...args: unknown[]) => {
          await turn();
          return method(...args);
        }
      : undefined,
  );
}

/**
 * PGlite running each statement with parameters as a named statement, made once per text
 * (src/store/pglite-statements.ts says why), in and out of transactions.
 */
export function throughNamedStatements(client: PGlite): PGlite {
  const statements = new PgliteStatements(client);
  return proxyClient(client, ['transaction'], (key, _method, object) => {
    if (key !== 'query') return undefined;
    return object === client
      ? (text: string, params?: unknown[], options?: QueryOptions) => statements.query(text, params, options)
      : (text: string, params?: unknown[], options?: QueryOptions) => statements.inTransaction(object as Transaction, text, params, options);
  });
}

type Method = (...args: never[]) => unknown;

/**
 * A database client whose methods `override` may replace: it gets each method, bound to its
 * object, and the object. The methods named in `handingOutClients` take a callback as their last
 * argument and hand it a client of their own (a transaction's): that client is proxied the same
 * way, so the override applies inside transactions too. The rest stay as they are.
 */
function proxyClient<T extends object>(
  client: T,
  handingOutClients: readonly string[],
  override: (key: string | symbol, method: (...args: unknown[]) => unknown, object: object) => Method | undefined,
): T {
  const wrap = <C extends object>(target: C): C =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value: unknown = Reflect.get(object, key, receiver);
        if (typeof value !== 'function') return value;
        const own = value as (...args: unknown[]) => unknown;
        const method =
          typeof key === 'string' && handingOutClients.includes(key)
            ? (...args: unknown[]) => {
                const callback = args.at(-1) as (tx: object) => unknown;
                return own.apply(object, [...args.slice(0, -1), (tx: object) => callback(wrap(tx))]);
              }
            : own.bind(object);
        return override(key, method, object) ?? method;
      },
    });
  return wrap(client);
}

/**
 * drizzle asks postgres.js for an unnamed statement whenever it was not told to prepare one, and
 * postgres.js then sends every query with parameters twice over: once to learn the parameters'
 * types (Parse, Describe), and once more to run it. Prepared, a statement is described once per
 * connection and from then on goes in one round trip, parsed and planned once by the server. So
 * every statement is prepared. Their number stays small: a store's statement has one text, values
 * go as parameters, and only a few rare ones (a privacy export's list of deliveries, a report's
 * reporters) vary with a list's length, one statement per length. postgres.js forgets them with
 * the connection, which it replaces after 30 to 60 minutes.
 */
function preparingEveryStatement(client: postgres.Sql): postgres.Sql {
  // A transaction's and a savepoint's own client prepares its statements too.
  return proxyClient(client, ['begin', 'savepoint'], (key, method) =>
    key === 'unsafe' ? (query: string, parameters?: unknown[], options?: object) => method(query, parameters, { ...options, prepare: true }) : undefined,
  );
}

async function openPostgres(url: string, poolSize: number, logger?: Logger): Promise<OpenDatabase> {
  const onnotice = (notice: postgres.Notice) => logger?.debug({ notice: notice.message }, 'postgres notice');
  // A single connection, so the advisory lock and the migration run on the same session.
  const migrator = postgres(url, { max: 1, onnotice, connect_timeout: 10 });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(drizzlePostgres(migrator), { migrationsFolder: MIGRATIONS_FOLDER });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await migrator.end({ timeout: 5 });
  }

  // Short interactive queries: a parallel worker costs more to start than it saves, and on a
  // small machine it competes with the bot itself.
  const client = postgres(url, { max: poolSize, onnotice, connect_timeout: CONNECT_TIMEOUT_S, connection: { application_name: 'kenshu', max_parallel_workers_per_gather: 0 } });
  const db = drizzlePostgres(preparingEveryStatement(client), { schema });
  return {
    db,
    driver: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.end({ timeout: 5 }),
  };
}
