import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/index.js';
import { createPostgresDatabase, TEST_DATABASE_URL } from '../support/databases.js';

describe.skipIf(!TEST_DATABASE_URL)('the PostgreSQL pool', () => {
  it('keeps at most DATABASE_POOL_SIZE connections open, however many calls wait', async () => {
    const created = await createPostgresDatabase();
    const database = await openDatabase({ databaseUrl: created.url, poolSize: 3 });
    try {
      // Eight slow calls at once: three run, five wait for a connection.
      // (drizzle runs a query when it is awaited: Promise.resolve starts each now.)
      const calls = Array.from({ length: 8 }, () => Promise.resolve(database.db.execute(sql`select pg_sleep(0.3)`)));
      await new Promise((resolve) => setTimeout(resolve, 150));
      const name = decodeURIComponent(new URL(created.url).pathname.slice(1));
      const watcher = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => undefined });
      try {
        const rows = await watcher<{ state: string }[]>`select state from pg_stat_activity where datname = ${name} and application_name = 'kenshu'`;
        expect(rows).toHaveLength(3);
      } finally {
        await watcher.end();
      }
      await Promise.all(calls);
    } finally {
      await database.close();
      await created.drop();
    }
  });
});
