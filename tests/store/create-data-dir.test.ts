import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { CREATE_DATA_DIR_FLAGS, openDatabase } from '../../src/store/database.js';

const SCRIPT = fileURLToPath(new URL('../../src/store/create-data-dir.js', import.meta.url));

it('makes a new DATA_DIR whole even over what an interrupted first start left, run by Node.js alone, and it opens', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'kenshu-create-'));
  try {
    // An earlier first start that died while writing, and one that died while moving files in.
    await mkdir(join(dataDir, '.kenshu-creating', 'base'), { recursive: true });
    await writeFile(join(dataDir, '.kenshu-creating', 'base', 'junk'), 'half');
    await mkdir(join(dataDir, 'base'));
    await writeFile(join(dataDir, 'base', 'junk'), 'half');

    // As the bot starts it, but with no TypeScript loader anywhere (none in NODE_OPTIONS either):
    // the child must not need one, from the sources as from the build.
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    await promisify(execFile)(process.execPath, [...CREATE_DATA_DIR_FLAGS, SCRIPT, dataDir], { env });
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dataDir, '.kenshu-creating'))).toBe(false);
    expect(existsSync(join(dataDir, 'base', 'junk'))).toBe(false);

    const database = await openDatabase({ dataDir });
    try {
      await database.ping();
      expect(await database.db.query.deliveries.findMany()).toEqual([]);
    } finally {
      await database.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}, 120_000);
