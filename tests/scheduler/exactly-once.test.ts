import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NudgeStore } from '../../src/domain/ports.js';
import { NudgeScheduler } from '../../src/scheduler/nudge-scheduler.js';
import { createStores, openDatabase, type OpenDatabase, type Stores } from '../../src/store/index.js';
import { deliveries } from '../../src/store/schema.js';
import { MemoryClock } from '../support/clock.js';
import { silentLogger } from '../support/commands.js';
import { testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { newDelivery } from '../support/delivery-records.js';
import { tickThroughDueTimes } from '../support/due-times.js';
import { emptyDatabase } from '../support/empty-database.js';
import { RecordingNotifier, type RecordingNotifierOptions } from '../support/recording-notifier.js';
import { addReport, emptyReport } from './due-nudges.js';

const TZ = 'Asia/Tokyo';
/** Thursday 12:00 in Tokyo: the CrowdWorks deliveries of newDelivery have their first stage due. */
const NOW = new Date('2026-11-05T03:00:00.000Z');
const DUE = new Date('2026-11-04T03:00:00.000Z');
const LEASE_MS = 15_000;
/** Each send takes this long on the platform. */
const SEND_MS = 1_000;
/** Deliveries claimed per round: a round takes 10 s to send, and a tick of three 30 s, two leases. */
const BATCH = 10;

/**
 * A scheduler must send each nudge once by itself: the platform's idempotency key is the last
 * line of defence, not the first. The notifiers here have none, so a second send is a second
 * message.
 */
describe.each(testDatabaseKinds)('each nudge goes out once, also when a tick runs long, on $name', (kind) => {
  let database: TestDatabase;
  let stores: Stores;
  let clock: MemoryClock;
  let communityId: number;

  beforeAll(async () => {
    database = await kind.open();
    stores = createStores(database.db);
  });
  afterAll(async () => {
    await database?.destroy();
  });
  beforeEach(async () => {
    await emptyDatabase(database.db);
    clock = new MemoryClock(NOW);
    communityId = (await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: 'g', name: 'Writers' })).id;
  });

  /** `count` deliveries due at DUE, each of its own writer. */
  async function dueDeliveries(count: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const writer = await stores.members.ensureMember({ platform: 'discord', platformUserId: `w-${i}`, displayName: `Writer ${i}` });
      ids.push((await stores.deliveries.record(newDelivery(writer.id, communityId, { nextNudgeAt: DUE }), NOW)).id);
    }
    return ids;
  }

  function scheduler(nudges: NudgeStore, notifier: RecordingNotifier, options: { batchSize?: number; concurrency?: number } = {}): NudgeScheduler {
    return new NudgeScheduler({
      nudges,
      members: stores.members,
      notifiers: { discord: notifier },
      clock,
      logger: silentLogger,
      defaultTimezone: TZ,
      defaultLocale: 'ja',
      leaseMs: LEASE_MS,
      ...options,
    });
  }

  const notifier = (options: RecordingNotifierOptions) => new RecordingNotifier('discord', clock, { dedupeKeys: false, ...options });

  it('sends nothing twice when a tick outlasts its lease and a second instance ticks meanwhile', { timeout: 60_000 }, async () => {
    const ids = await dueDeliveries(3 * BATCH);
    // The second instance, as another process would be: on PostgreSQL a connection pool of its own.
    const second: OpenDatabase | undefined = database.url ? await openDatabase({ databaseUrl: database.url }) : undefined;
    try {
      let sends = 0;
      const total = emptyReport();
      const platform = notifier({
        async beforeSend() {
          clock.advance(SEND_MS);
          // The second instance's cron fires during the first's third round, claimed 20 s into
          // its tick (past a lease counted from the tick's start), while the first is mid-send;
          // the first's send completes only after the second's tick.
          if (++sends === 2 * BATCH + 2) addReport(total, await b.tick());
        },
      });
      const a = scheduler(stores.nudges, platform, { batchSize: BATCH, concurrency: 1 });
      const b = scheduler(second ? createStores(second.db).nudges : stores.nudges, platform, { batchSize: BATCH, concurrency: 1 });

      addReport(total, await a.tick());
      expect(sends).toBeGreaterThan(2 * BATCH + 2);
      // Whatever either gave up (a claim that ran out before its send) comes back later.
      await tickThroughDueTimes({ db: database.db, clock, scheduler: a, minStepMs: LEASE_MS }, new Date(NOW.getTime() + 60 * 60_000));

      const perKey = new Map<string, number>();
      for (const m of platform.messages) perKey.set(m.key, (perKey.get(m.key) ?? 0) + 1);
      expect([...perKey].filter(([, n]) => n > 1)).toEqual([]);
      expect(platform.messages).toHaveLength(ids.length);
      expect(total.errors).toBe(0);
      const rows = await database.db.select({ claimToken: deliveries.claimToken, lastStage: deliveries.lastStage }).from(deliveries);
      expect(rows.filter((r) => r.claimToken !== null || r.lastStage === 0)).toEqual([]);
    } finally {
      await second?.close();
    }
  });

  /** The store as the scheduler sees it, with `meanwhile` run on each batch right after it is claimed. */
  function afterClaim(meanwhile: (ids: number[]) => Promise<void>): NudgeStore {
    const store = stores.nudges;
    return {
      claimDue: async (...args) => {
        const batch = await store.claimDue(...args);
        await meanwhile(batch.map((c) => c.delivery.id));
        return batch;
      },
      claim: (...args) => store.claim(...args),
      load: (...args) => store.load(...args),
      begin: (...args) => store.begin(...args),
      finish: (...args) => store.finish(...args),
      countFailure: (...args) => store.countFailure(...args),
      release: (...args) => store.release(...args),
      history: (...args) => store.history(...args),
    };
  }

  it('sends no nudge for a delivery the writer marked paid between the claim and the send', async () => {
    const [id] = await dueDeliveries(1);
    const platform = notifier({});
    const paid = afterClaim(async (ids) => {
      for (const claimed of ids) await stores.deliveries.changeStatus({ id: claimed, from: 'awaiting_review', to: 'paid', at: clock.now(), nextNudgeAt: null });
    });
    const report = await scheduler(paid, platform).tick();
    expect(platform.messages).toEqual([]);
    expect(report).toMatchObject({ claimed: 1, sent: 0, notSent: 1, errors: 0 });
    expect(await stores.nudges.history(id!)).toEqual([]);
    expect(await stores.deliveries.findById(id!)).toMatchObject({ status: 'paid', lastStage: 0, nextNudgeAt: null });
  });

  it('sends no nudge for a delivery paid under a claim that is still held', async () => {
    const [id] = await dueDeliveries(1);
    const platform = notifier({});
    // A change that does not let go of the claim: the delivery's own state must stop the send.
    const paid = afterClaim(async (ids) => {
      for (const claimed of ids) await database.db.update(deliveries).set({ status: 'paid', paidAt: clock.now() }).where(eq(deliveries.id, claimed));
    });
    const report = await scheduler(paid, platform).tick();
    expect(platform.messages).toEqual([]);
    expect(report).toMatchObject({ claimed: 1, sent: 0, notSent: 1 });
    expect(await stores.nudges.history(id!)).toEqual([]);
  });

  it('begins a nudge only when its platform takes it: one paid while the sends before it wait is not sent', async () => {
    const ids = await dueDeliveries(4);
    let first: string | undefined;
    // One send at a time on this platform; while the first is out, the writer pays the others.
    const platform = notifier({
      maxInFlight: 1,
      beforeSend: async (key) => {
        if (first) return;
        first = key;
        for (const id of ids) if (!key.startsWith(`kn${id.toString(36)}s`)) await stores.deliveries.changeStatus({ id, from: 'awaiting_review', to: 'paid', at: clock.now(), nextNudgeAt: null });
      },
    });
    const report = await scheduler(stores.nudges, platform, { concurrency: 10 }).tick();
    expect(platform.messages.map((m) => m.key)).toEqual([first]);
    expect(report).toMatchObject({ claimed: 4, sent: 1, notSent: 3, errors: 0 });
    expect(platform.mostInFlight).toBe(1);
  });

  it('hands a platform no more sends at once than it takes, and one without a limit as many as the scheduler works on', async () => {
    await dueDeliveries(12);
    const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
    const paced = notifier({ maxInFlight: 3, beforeSend: slow });
    expect(await scheduler(stores.nudges, paced, { concurrency: 8 }).tick()).toMatchObject({ claimed: 12, sent: 12, errors: 0 });
    expect(paced.mostInFlight).toBe(3);

    await emptyDatabase(database.db);
    communityId = (await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: 'g', name: 'Writers' })).id;
    await dueDeliveries(12);
    const open = notifier({ beforeSend: slow });
    expect(await scheduler(stores.nudges, open, { concurrency: 8 }).tick()).toMatchObject({ claimed: 12, sent: 12, errors: 0 });
    expect(open.mostInFlight).toBe(8);
  });

  it('claims the next round while the last sends of a round are still out, and still stops at a short round', async () => {
    const ids = await dueDeliveries(10);
    let claims = 0;
    const claimsAtSend: number[] = [];
    const platform = notifier({ beforeSend: () => void claimsAtSend.push(claims) });
    const counted: NudgeStore = { ...afterClaim(async () => undefined), claimDue: (...args) => (claims++, stores.nudges.claimDue(...args)) };
    const report = await scheduler(counted, platform, { batchSize: 4, concurrency: 1 }).tick();
    // The first round's last send goes out with the second round's claim already made.
    expect(claimsAtSend[3]).toBe(2);
    expect(claims).toBe(3);
    expect(report).toMatchObject({ claimed: 10, sent: 10, errors: 0 });
    expect(new Set(platform.messages.map((m) => m.key)).size).toBe(ids.length);
  });

  it('sends what it claimed before a claim failed, then fails the tick; the rest come next time', async () => {
    await dueDeliveries(8);
    let claims = 0;
    const platform = notifier({});
    const failing: NudgeStore = {
      ...afterClaim(async () => undefined),
      claimDue: async (...args) => {
        if (++claims === 2) throw new Error('connection lost');
        return stores.nudges.claimDue(...args);
      },
    };
    await expect(scheduler(failing, platform, { batchSize: 4, concurrency: 2 }).tick()).rejects.toThrow('connection lost');
    expect(platform.messages).toHaveLength(4);
    expect(await scheduler(stores.nudges, platform, { batchSize: 4, concurrency: 2 }).tick()).toMatchObject({ claimed: 4, sent: 4, errors: 0 });
    expect(new Set(platform.messages.map((m) => m.key)).size).toBe(8);
  });
});
