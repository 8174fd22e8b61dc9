import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberExport } from '../../src/domain/privacy.js';
import { createStores, type OpenDatabase, type Stores } from '../../src/store/index.js';
import { MemoryClock } from '../support/clock.js';
import { playConsole } from '../support/console-session.js';
import { openMemoryDatabase } from '../support/databases.js';

describe('console: /privacy export and delete', () => {
  let database: OpenDatabase;
  let stores: Stores;
  let exportDir: string;
  const clock = new MemoryClock('2026-11-30T12:00:00+09:00');

  beforeAll(async () => {
    database = await openMemoryDatabase();
    stores = createStores(database.db);
    exportDir = await mkdtemp(join(tmpdir(), 'kenshu-exports-'));
  });
  afterAll(async () => {
    await database?.close();
    await rm(exportDir, { recursive: true, force: true });
  });

  it('writes the export under the export directory and prints its path; Confirm erases', async () => {
    const blocks = await playConsole({ stores, clock, locale: 'en', exportDir }, [
      '/as hana',
      '/deliver new client:"Hana Client" title:"hana-title" marketplace:direct delivered:2026-11-20',
      '/privacy export',
    ]);
    const exported = blocks.at(-1);
    const path = /File saved: (\S+)/.exec(exported!)![1]!;
    expect(path).toBe(join(exportDir, 'kenshu-privacy-export-20261130.json'));
    const data = JSON.parse(await readFile(path, 'utf8')) as MemberExport;
    expect(data.profile.displayName).toBe('hana');
    expect(data.deliveries.map((d) => d.title)).toEqual(['hana-title']);
    // A second export on the same day replaces the file of the first.
    const [asked, erased, after] = (await playConsole({ stores, clock, locale: 'en', exportDir }, ['/as hana', '/privacy delete', '/press Confirm and erase', '/privacy export'])).slice(-3);
    expect(asked).toContain('Erase your data from Kenshu?');
    expect(asked).toContain('[Confirm and erase]');
    expect(erased).toContain('Your data is erased');
    const again = JSON.parse(await readFile(/File saved: (\S+)/.exec(after!)![1]!, 'utf8')) as MemberExport;
    expect(again.deliveries).toEqual([]);
  });
});
