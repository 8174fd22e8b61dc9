import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

/** The project's migrations folder. */
const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * A copy of the migrations folder as it was before `tag`: its journal stops at the migration
 * before, so a database migrated from it is what an install made by the previous version holds.
 * The caller removes the folder.
 */
async function migrationsBefore(tag: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kenshu-migrations-'));
  await cp(MIGRATIONS, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  if (at < 1) throw new Error(`no migration ${tag} with one before it`);
  journal.entries = journal.entries.slice(0, at);
  await writeFile(journalPath, JSON.stringify(journal));
  return dir;
}

/**
 * An install made by the version before `tag`, holding `seed` (SQL), upgraded to the current
 * migrations: the embedded database to read the outcome from.
 */
export async function upgradedFrom(tag: string, seed: string): Promise<PGlite> {
  const before = await migrationsBefore(tag);
  try {
    const client = new PGlite({ extensions: { pg_trgm } });
    await client.waitReady;
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: before });
    await client.exec(seed);
    await migrate(db, { migrationsFolder: MIGRATIONS });
    return client;
  } finally {
    await rm(before, { recursive: true, force: true });
  }
}
