import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createStores, openDatabase, type OpenDatabase, type Stores } from '../../src/store/index.js';

/**
 * The databases a store suite runs against: embedded PGlite always, and the PostgreSQL named by
 * TEST_DATABASE_URL when it is set. Each PostgreSQL suite gets a database of its own, created
 * fresh and dropped afterwards, so suites can run side by side.
 */
export interface TestDatabaseKind {
  name: 'pglite' | 'postgres';
  open(): Promise<TestDatabase>;
}

export interface TestDatabase extends OpenDatabase {
  /** For a child process: `{ DATABASE_URL }` for PostgreSQL; nothing for PGlite. */
  url?: string;
  destroy(): Promise<void>;
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

let snapshot: Promise<Blob> | undefined;

/**
 * An empty embedded database in memory, with the schema migrated: a copy of the one the global
 * setup made (tests/support/global-setup.ts), which opens in a fraction of the time.
 */
export async function openMemoryDatabase(): Promise<OpenDatabase> {
  return openDatabase({ memory: true, snapshot: await migratedSnapshot() });
}

function migratedSnapshot(): Promise<Blob> {
  snapshot ??= readFile(inject('pgliteSnapshot')).then((bytes) => new Blob([bytes]));
  return snapshot;
}

/**
 * Makes `dir` an embedded database directory holding an empty, migrated database, as the first
 * start of Kenshu would, for a test whose subject is not that first start.
 */
export async function seedDataDir(dir: string): Promise<void> {
  const client = new PGlite({ dataDir: dir, loadDataDir: await migratedSnapshot(), extensions: { pg_trgm } });
  await client.waitReady;
  await client.close();
}

/** A fresh, empty PostgreSQL database on the test server; returns its URL and a dropper. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `kenshu_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  // The name is generated above from hex digits only, never from input.
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export const testDatabaseKinds: TestDatabaseKind[] = [
  {
    name: 'pglite',
    async open() {
      const db = await openMemoryDatabase();
      return { ...db, destroy: () => db.close() };
    },
  },
  ...(TEST_DATABASE_URL
    ? [
        {
          name: 'postgres' as const,
          async open(): Promise<TestDatabase> {
            const created = await createPostgresDatabase();
            const db = await openDatabase({ databaseUrl: created.url });
            return {
              ...db,
              url: created.url,
              async destroy() {
                await db.close();
                await created.drop();
              },
            };
          },
        },
      ]
    : []),
];

/** What a store suite works with: its database, the stores over it, and its one community. */
export interface StoreSuite {
  database: TestDatabase;
  stores: Stores;
  communityId: number;
}

/**
 * Opens `kind`'s database for the enclosing describe block, with the stores over it and one
 * Discord community (`g1`, "Writers"), hands them to `ready` before the block's tests, and
 * destroys the database after them.
 */
export function useStoreDatabase(kind: TestDatabaseKind, ready: (suite: StoreSuite) => void): void {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await kind.open();
    const stores = createStores(database.db);
    const communityId = (await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: 'g1', name: 'Writers' })).id;
    ready({ database, stores, communityId });
  });
  afterAll(async () => {
    await database?.destroy();
  });
}
