import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, openDatabase, type OpenDatabase } from '../../src/store/index.js';
import { compiledPath } from '../support/compiled-program.js';
import { seedDataDir } from '../support/databases.js';

/**
 * The shortest stale time the lock allows, a wait just past it, and quick retries, so the tests
 * wait seconds, not tens of seconds.
 */
const lock = { staleMs: 2_000, waitMs: 2_500, retryMs: 100 };

describe('one Kenshu per embedded database directory', () => {
  let dataDir: string;
  const opened: OpenDatabase[] = [];

  // One directory for the file, holding a migrated database already: creating one takes
  // seconds, and the lock works the same either way.
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kenshu-lock-'));
    await seedDataDir(dataDir);
  });
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close().catch(() => undefined);
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a second opening while the first is open, and allows it once the first is closed', async () => {
    const first = await openDatabase({ dataDir, lock });
    opened.push(first);
    const started = Date.now();
    const second = openDatabase({ dataDir, lock });
    await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(second).rejects.toThrow(`DATA_DIR ${dataDir} is in use by another running Kenshu`);
    // It waited for the lock to go stale first, in case its holder had died.
    expect(Date.now() - started).toBeGreaterThanOrEqual(lock.staleMs);
    await opened.pop()!.close();
    opened.push(await openDatabase({ dataDir, lock }));
  });

  it('takes over, with the data, from a Kenshu killed while it held the directory', async () => {
    // The holder runs compiled (see compiledPath): it starts in a third of the time tsx takes.
    const child = spawn(process.execPath, [await compiledPath('tests/store/hold-data-dir.ts'), dataDir, String(lock.staleMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ready = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('holding')) resolve(chunk.toString());
      });
      child.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
    });
    expect(ready).toContain('holding');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const database = await openDatabase({ dataDir, lock });
    opened.push(database);
    const member = await database.db.query.members.findFirst({ where: (m, { eq }) => eq(m.platformUserId, 'held-by-the-killed-one') });
    expect(member?.displayName).toBe('Killed holder');
  });
});
