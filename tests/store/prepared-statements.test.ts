import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/index.js';
import { members } from '../../src/store/schema.js';
import { createPostgresDatabase, TEST_DATABASE_URL } from '../support/databases.js';

/** The statements prepared on the pool's one connection whose text mentions `marker`. */
async function preparedWith(database: Awaited<ReturnType<typeof openDatabase>>, marker: string): Promise<number> {
  const result = await database.db.execute(sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%${marker}%`} and statement not like '%pg_prepared_statements%'`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
  return Number(rows[0]?.n ?? 0);
}

describe.skipIf(!TEST_DATABASE_URL)('statements on PostgreSQL', () => {
  it('are prepared once per connection, also those drizzle was not told to prepare and those in a transaction', async () => {
    const created = await createPostgresDatabase();
    // One connection, so every statement below meets the same server session.
    const database = await openDatabase({ databaseUrl: created.url, poolSize: 1 });
    try {
      const find = (id: number) => database.db.select({ id: members.id }).from(members).where(eq(members.id, id));
      expect(await find(1)).toEqual([]);
      expect(await find(2)).toEqual([]);
      expect(await preparedWith(database, 'from "members" where "members"."id"')).toBe(1);

      await database.db.transaction(async (tx) => {
        await tx.execute(sql`select ${'in a transaction'}::text as said`);
        await tx.execute(sql`select ${'again'}::text as said`);
      });
      expect(await preparedWith(database, '::text as said')).toBe(1);
    } finally {
      await database.close();
      await created.drop();
    }
  });
});
