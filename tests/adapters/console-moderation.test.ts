import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../src/store/index.js';
import { MemoryClock } from '../support/clock.js';
import { playConsole } from '../support/console-session.js';
import { openMemoryDatabase } from '../support/databases.js';
import type { OpenDatabase } from '../../src/store/index.js';

/** The review queue in the console, where the first member owns the community and moderates it. */
describe('console: /mod queue and its buttons', () => {
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

  it('pages with Next, approves with /press, tells the reporter, and rejects with the command', async () => {
    // Recorded on the day they were delivered; reported ten days later, past the first reminder.
    const now = clock.now();
    clock.set('2026-11-20T12:00:00+09:00');
    await playConsole({ stores, clock, locale: 'en', exportDir }, Array.from({ length: 11 }, (_, i) => [`/as reporter${i + 1}`, `/deliver new client:crowdworks:55${i + 10} title:Draft marketplace:crowdworks delivered:2026-11-20`]).flat());
    clock.set(now);
    const filing = Array.from({ length: 11 }, (_, i) => [`/as reporter${i + 1}`, `/client flag client:crowdworks:55${i + 10} reason:unpaid delivery:1 note:"only for mods ${i + 1}"`]).flat();
    const blocks = await playConsole({ stores, clock, locale: 'en', exportDir }, [...filing, '/as writer', '/mod queue', '/press Next page', '/press Approve #11', '/mod reject 1 reason:"Add the dates"', '/as reporter2', '/mod approve 2']);
    const [queue, next, approved, rejected, , member] = blocks.slice(-6);
    expect(blocks[2]).toContain('Report #1 filed');
    expect(queue).toContain('11 reports are waiting for review');
    expect(queue).toContain('Report #1: Unpaid');
    expect(queue).toContain('Note: only for mods 1');
    expect(queue).not.toContain('reporter1');
    expect(queue).toContain('[Next page]');
    expect(next).toContain('Page 2 of 2');
    expect(next).toContain('Report #11: Unpaid');
    expect(approved).toContain('[DM] → reporter11');
    expect(approved).toContain('Your report #11 was approved');
    expect(approved).toContain('Report #11 approved');
    expect(rejected).toContain('[DM] → reporter1');
    expect(rejected).toContain('Reason: Add the dates');
    expect(rejected).toContain('Report #1 rejected');
    expect(member).toContain("Only this community's moderators can do that.");
    expect((await stores.reports.pending((await stores.communities.findCommunity('console', 'local'))!.id, 0, 20)).total).toBe(9);
  });

  it('removes an approved report, records the client\'s reply, merges and unmerges, names a moderator, and keeps the audit log', async () => {
    const blocks = await playConsole({ stores, clock, locale: 'en', exportDir }, [
      '/as writer',
      '/mod remove 11 reason:"Settled with the client"',
      '/mod reply client:crowdworks:5520 text:"We paid on 12/1."',
      '/as viewer',
      '/client lookup crowdworks:5520',
      '/as writer',
      '/mod merge client:crowdworks:5512 into:crowdworks:5513',
      '/mod unmerge client:crowdworks:5512',
      '/mod settings add_moderator:reporter3',
      '/as reporter3',
      '/mod approve 3',
      '/mod audit',
    ]);
    const [, , removed, replied, , lookup, , merged, unmerged, added, , approvedByListed, audit] = blocks;
    expect(removed).toContain('[DM] → reporter11');
    expect(removed).toContain('Report #11 removed');
    expect(replied).toContain('Reply of crowdworks:5520 recorded');
    expect(lookup).toContain('We paid on 12/1.');
    expect(merged).toContain('crowdworks:5512 now follows crowdworks:5513');
    expect(unmerged).toContain('crowdworks:5512 stands on its own again');
    expect(added).toContain('Saved: add_moderator');
    // A member the owner listed moderates from then on.
    expect(approvedByListed).toContain('Report #3 approved');
    for (const action of ['removed a report', "recorded the client's reply", 'merged a client', 'undid a merge', 'added a moderator', 'approved a report']) {
      expect(audit).toContain(action);
    }
    expect(audit).toContain('reporter3 approved a report');
    // Times in the log read as the moderator's own, not as stored.
    expect(audit).toContain('expiresAt: Tue, Nov 30, 2027');
    expect(audit).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
  });
});

