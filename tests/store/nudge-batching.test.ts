import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../src/domain/ladder.js';
import { type Database, type Stores } from '../../src/store/index.js';
import { PgNudgeStore } from '../../src/store/pg-nudge-store.js';
import { newDelivery } from '../support/delivery-records.js';
import { testDatabaseKinds, useStoreDatabase, type TestDatabase } from '../support/databases.js';

const NOW = new Date('2026-11-26T03:00:00.000Z');
const due = new Date('2026-11-05T00:00:00.000Z');
const lease = (at: Date) => new Date(at.getTime() + 60_000);

/** The database, counting the raw statements the nudge store sends through it. */
function counting(db: Database): { db: Database; statements: () => number } {
  let count = 0;
  const wrapped = new Proxy(db, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key !== 'execute' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        count++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { db: wrapped, statements: () => count };
}

describe.each(testDatabaseKinds)('nudge begins and finishes batched on $name', (kind) => {
  let database: TestDatabase;
  let stores: Stores;
  let communityId: number;
  let userSeq = 0;

  useStoreDatabase(kind, (suite) => ({ database, stores, communityId } = suite));

  /** `count` fresh deliveries due at `due`, claimed together; their ids and the claim's token. */
  async function claimed(count: number): Promise<{ ids: number[]; claimToken: string }> {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const writer = (await stores.members.ensureMember({ platform: 'discord', platformUserId: `b${++userSeq}`, displayName: `W${userSeq}` })).id;
      ids.push((await stores.deliveries.record(newDelivery(writer, communityId, { nextNudgeAt: due }), NOW)).id);
    }
    const claim = await stores.nudges.claim(due, 1000, lease(due));
    expect(claim.deliveryIds).toEqual(expect.arrayContaining(ids));
    const others = claim.deliveryIds.filter((id) => !ids.includes(id));
    for (const id of others) await stores.nudges.release({ deliveryId: id, claimToken: claim.claimToken, nextNudgeAt: null });
    return { ids, claimToken: claim.claimToken };
  }

  const nextNudgeAtOf = async (id: number) => (await stores.deliveries.findById(id))!.nextNudgeAt;

  it('checks every row of one begin statement on its own terms and answers each its own record', async () => {
    const { ids, claimToken } = await claimed(7);
    const [fresh, foreign, paused, passed, finished, restarted, expired] = ids as [number, number, number, number, number, number, number];
    await database.db.execute(sql`update deliveries set reminders = 'paused' where id = ${paused}`);
    await database.db.execute(sql`update deliveries set last_stage = 2 where id = ${passed}`);
    const store = new PgNudgeStore(database.db);
    const input = (deliveryId: number, over: { claimToken?: string; heldAt?: Date } = {}) => ({
      deliveryId,
      claimToken: over.claimToken ?? claimToken,
      stage: 2 as Stage,
      key: `k${deliveryId}`,
      at: due,
      heldAt: over.heldAt ?? due,
      leaseUntil: lease(NOW),
    });
    // An earlier run finished one stage and died before moving on; another died mid-send.
    await store.begin(input(finished));
    await database.db.execute(sql`update nudges set state = 'sent', sent_at = ${due.toISOString()}::timestamptz where delivery_id = ${finished}`);
    await store.begin(input(restarted));

    const counted = counting(database.db);
    const batched = new PgNudgeStore(counted.db);
    const results = await Promise.all([
      batched.begin(input(fresh)),
      batched.begin(input(foreign, { claimToken: 'someone-else' })),
      batched.begin(input(paused)),
      batched.begin(input(passed)),
      batched.begin(input(finished)),
      batched.begin(input(restarted)),
      batched.begin(input(expired, { heldAt: lease(due) })),
    ]);
    expect(counted.statements()).toBe(1);
    expect(results.map((r) => r && [r.state, r.starts, r.stage])).toEqual([
      ['sending', 1, 2],
      undefined,
      undefined,
      undefined,
      ['sent', 1, 2],
      ['sending', 2, 2],
      undefined,
    ]);
    expect(results[4]!.sentAt).toEqual(due);
    expect(results[0]!.createdAt).toEqual(due);
    // Only the held rows renewed their claim; the others were left exactly as they were.
    for (const id of [fresh, finished, restarted]) expect(await nextNudgeAtOf(id)).toEqual(lease(NOW));
    for (const id of [foreign, paused, passed, expired]) expect(await nextNudgeAtOf(id)).toEqual(lease(due));
    for (const id of [foreign, paused, passed, expired]) expect(await stores.nudges.history(id)).toEqual([]);
  });

  it('never puts one delivery twice in a statement: a second begin sees the first', async () => {
    const { ids, claimToken } = await claimed(1);
    const counted = counting(database.db);
    const store = new PgNudgeStore(counted.db);
    const begin = () => store.begin({ deliveryId: ids[0]!, claimToken, stage: 1, key: 'k', at: due, heldAt: due, leaseUntil: lease(NOW) });
    const [first, second] = await Promise.all([begin(), begin()]);
    expect([first?.starts, second?.starts]).toEqual([1, 2]);
    expect(counted.statements()).toBe(2);
  });

  it('finishes a batch in one statement, each nudge with its own delivery, a writer\'s newer plan standing', async () => {
    const { ids, claimToken } = await claimed(3);
    const [sent, unreachable, changed] = ids as [number, number, number];
    const store = new PgNudgeStore(database.db);
    for (const id of ids) await store.begin({ deliveryId: id, claimToken, stage: 1, key: `k${id}`, at: due, heldAt: due, leaseUntil: lease(NOW) });
    await stores.deliveries.changeStatus({ id: changed, from: 'awaiting_review', to: 'accepted', at: due, nextNudgeAt: null });
    const next = new Date('2026-11-09T00:00:00.000Z');
    const counted = counting(database.db);
    const batched = new PgNudgeStore(counted.db);
    const finish = (deliveryId: number, state: 'sent' | 'unreachable', extra: { messageRef?: string; error?: string } = {}) =>
      batched.finish({ deliveryId, claimToken, stage: 1, state, channel: state === 'sent' ? 'dm' : null, at: due, nextNudgeAt: next, ...extra });
    await Promise.all([finish(sent, 'sent', { messageRef: 'm1' }), finish(unreachable, 'unreachable', { error: 'DMs closed' }), finish(changed, 'sent')]);
    expect(counted.statements()).toBe(1);

    const rows = await database.db.execute(sql`select delivery_id, state, channel, message_ref, last_error, sent_at is not null as has_sent_at from nudges where delivery_id in (${sent}, ${unreachable}, ${changed}) order by delivery_id`);
    const records = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Record<string, unknown>[];
    expect(records.map((r) => [Number(r.delivery_id), r.state, r.channel, r.message_ref, r.last_error, r.has_sent_at])).toEqual([
      [sent, 'sent', 'dm', 'm1', null, true],
      [unreachable, 'unreachable', null, null, 'DMs closed', false],
      [changed, 'sent', 'dm', null, null, true],
    ]);
    expect(await stores.deliveries.findById(sent)).toMatchObject({ lastStage: 1, lastNudgeAt: due, nextNudgeAt: next });
    expect(await stores.deliveries.findById(unreachable)).toMatchObject({ lastStage: 1, lastNudgeAt: due, nextNudgeAt: next });
    expect(await stores.deliveries.findById(changed)).toMatchObject({ status: 'accepted', lastStage: 1, nextNudgeAt: null });
  });

  it('writes nothing of a finish batch that fails: no record closed without its delivery moved on', async () => {
    const { ids, claimToken } = await claimed(2);
    const store = new PgNudgeStore(database.db);
    for (const id of ids) await store.begin({ deliveryId: id, claimToken, stage: 1, key: `k${id}`, at: due, heldAt: due, leaseUntil: lease(NOW) });
    const finish = (deliveryId: number, state: 'sent') => store.finish({ deliveryId, claimToken, stage: 1, state, channel: 'dm', at: due, nextNudgeAt: null });
    // A state the records' check refuses fails the statement, and with it the batch.
    const results = await Promise.allSettled([finish(ids[0]!, 'sent'), finish(ids[1]!, 'bogus' as 'sent')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    for (const id of ids) {
      expect((await stores.nudges.history(id)).map((h) => h.state)).toEqual(['sending']);
      expect(await stores.deliveries.findById(id)).toMatchObject({ lastStage: 0, lastNudgeAt: null, nextNudgeAt: lease(NOW) });
    }
  });
});
