import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/store/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'kenshu-pglite');

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, empty embedded database, dumped: see `openMemoryDatabase`. */
    pgliteSnapshot: string;
  }
}

/**
 * Creating an embedded database cluster costs seconds of CPU; copying one already migrated costs
 * about a quarter of that. Made once per state of the migrations and of PGlite, before the tests.
 */
export default async function setup(project: TestProject): Promise<void> {
  const migrations = (await readdir(join(ROOT, 'drizzle'), { recursive: true })).filter((f) => f.endsWith('.sql') || f.endsWith('.json')).sort();
  const hash = createHash('sha256');
  hash.update(await readFile(join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json')));
  for (const file of migrations) hash.update(`\0${file}\0`).update(await readFile(join(ROOT, 'drizzle', file)));
  const path = join(CACHE, `${hash.digest('hex').slice(0, 16)}.tar`);
  if (!(await stat(path).catch(() => undefined))) {
    const database = await openDatabase({ memory: true });
    const dump = await database.dump!();
    await database.close();
    await mkdir(CACHE, { recursive: true });
    const partial = `${path}.${process.pid}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, path);
  }
  project.provide('pgliteSnapshot', path);
}
