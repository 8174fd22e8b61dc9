import { sql } from 'drizzle-orm';
import type { Database } from '../../src/store/index.js';

/** postgres.js returns the rows themselves, PGlite an object holding them. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/**
 * Empties every table of the application's schema and restarts its ids, leaving the migrated
 * schema in place: a test that shares one database per file starts from what a freshly migrated
 * database holds (migrations seed no rows), at a small fraction of the cost of opening another.
 */
export async function emptyDatabase(db: Database): Promise<void> {
  const tables = rowsOf<{ name: string }>(await db.execute(sql`select quote_ident(tablename) as name from pg_tables where schemaname = 'public'`));
  if (tables.length === 0) return;
  await db.execute(sql.raw(`truncate table ${tables.map((t) => `public.${t.name}`).join(', ')} restart identity cascade`));
}
