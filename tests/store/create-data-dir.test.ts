import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createDataDir, openDatabase } from '../../src/store/database.js';

it('makes a new DATA_DIR whole even over what an interrupted first start left, and it opens', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'kenshu-create-'));
  try {
    // An earlier first start that died while writing, and one that died while moving files in.
    await mkdir(join(dataDir, '.kenshu-creating', 'base'), { recursive: true });
    await writeFile(join(dataDir, '.kenshu-creating', 'base', 'junk'), 'half');
    await mkdir(join(dataDir, 'base'));
    await writeFile(join(dataDir, 'base', 'junk'), 'half');

    await createDataDir(dataDir);
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
}, 60_000);
