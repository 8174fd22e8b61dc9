import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEscrow, MARKETPLACES, type Escrow, type Marketplace } from '../../src/domain/marketplace.js';
import { nextNudgeAt, nudgeKey } from '../../src/domain/nudge-plan.js';
import { reminderSettingsOf } from '../../src/domain/reminders.js';
import { NudgeScheduler, type TickReport } from '../../src/scheduler/nudge-scheduler.js';
import { createStores, openDatabase, type OpenDatabase } from '../../src/store/index.js';
import { toMember } from '../../src/store/pg-member-store.js';
import { clients, communities, deliveries, members } from '../../src/store/schema.js';
import { FakeDmPlatform } from '../fakes/fake-dm-platform.js';
import { HttpDmNotifier } from '../fakes/http-dm-notifier.js';
import { MemoryClock } from '../support/clock.js';
import { createPostgresDatabase, TEST_DATABASE_URL } from '../support/databases.js';
import { addReport, dueNudge, emptyReport, readOutcome, type DueNudge } from './due-nudges.js';

const DAY = 24 * 60 * 60 * 1000;
const TZ = 'Asia/Tokyo';
const NOW = new Date('2026-11-26T03:00:00.000Z');
const DELIVERIES = 3_000;
const WRITERS = 40;
/** Days since delivery: past stage 1 on every marketplace, half a day off any stage's day. */
const AGES_DAYS = [3.5, 7.5, 8.5, 15.5, 21.5, 50.5];

const silent = pino({ level: 'silent' });

describe.runIf(TEST_DATABASE_URL)('two schedulers on one database (PostgreSQL)', () => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let seeding: OpenDatabase;
  let fake: FakeDmPlatform;
  const expected = new Map<number, { due: DueNudge; userId: string }>();

  beforeAll(async () => {
    created = await createPostgresDatabase();
    seeding = await openDatabase({ databaseUrl: created.url });
    const db = seeding.db;
    await db.transaction(async (tx) => {
      const [community] = await tx.insert(communities).values({ platform: 'discord', platformCommunityId: 'g-1', name: 'Writers' }).returning();
      const [client] = await tx.insert(clients).values({ key: 'name:acme', displayName: 'Acme Media', normalizedName: 'acme' }).returning();
      // No quiet hours, so every due stage goes out at once.
      const writers = await tx
        .insert(members)
        .values(Array.from({ length: WRITERS }, (_, w) => ({ platform: 'discord', platformUserId: `writer-${w + 1}`, displayName: `Writer ${w + 1}`, quietStartMinute: null, quietEndMinute: null })))
        .returning();
      const rows = Array.from({ length: DELIVERIES }, (_, i) => {
        const writer = writers[i % WRITERS]!;
        const marketplace = MARKETPLACES[i % MARKETPLACES.length]!;
        const deliveredAt = new Date(NOW.getTime() - AGES_DAYS[Math.floor(i / MARKETPLACES.length) % AGES_DAYS.length]! * DAY);
        const escrow = defaultEscrow(marketplace);
        const plan = { marketplace, escrow, status: 'awaiting_review' as const, deliveredAt, reminders: 'active' as const, snoozedUntil: null, dueAt: null, lastStage: 0, lastNudgeAt: null };
        return {
          writerId: writer.id,
          communityId: community!.id,
          number: Math.floor(i / WRITERS) + 1,
          clientId: client!.id,
          title: `記事 ${i + 1}`,
          marketplace,
          amount: 5_000,
          deliveredAt,
          escrow,
          nextNudgeAt: nextNudgeAt(plan, reminderSettingsOf(toMember(writer), TZ)),
          createdAt: NOW,
          updatedAt: NOW,
        };
      });
      for (let i = 0; i < rows.length; i += 1_000) {
        const inserted = await tx.insert(deliveries).values(rows.slice(i, i + 1_000)).returning();
        for (const d of inserted) {
          const due = dueNudge({ marketplace: d.marketplace as Marketplace, escrow: d.escrow as Escrow, status: 'awaiting_review', deliveredAt: d.deliveredAt }, NOW);
          if (!due) throw new Error(`delivery ${d.id} has nothing due`);
          expected.set(d.id, { due, userId: writers.find((w) => w.id === d.writerId)!.platformUserId });
        }
      }
    });
    fake = await FakeDmPlatform.start({ delayBeforeMs: () => Math.random() * 2, delayAfterMs: () => Math.random() * 2 });
  }, 60_000);

  afterAll(async () => {
    await fake?.close();
    await seeding?.close();
    await created?.drop();
  });

  it('sends each of thousands of due nudges once between them, and both take a share', { timeout: 60_000 }, async () => {
    // Two instances as two bot processes would be: each its own connection pool and notifier.
    const instances = await Promise.all(
      ['a', 'b'].map(async () => {
        const database = await openDatabase({ databaseUrl: created.url });
        const stores = createStores(database.db);
        const scheduler = new NudgeScheduler({
          nudges: stores.nudges,
          members: stores.members,
          notifiers: { discord: new HttpDmNotifier('discord', fake.url) },
          clock: new MemoryClock(NOW),
          logger: silent,
          defaultTimezone: TZ,
          defaultLocale: 'ja',
          leaseMs: 60_000,
        });
        return { database, scheduler };
      }),
    );

    /** Ticks until a tick claims nothing, as the cron would, minute after minute. */
    async function drain(scheduler: NudgeScheduler): Promise<TickReport & { ticks: number }> {
      const total = emptyReport();
      for (let ticks = 1; ; ticks++) {
        const report = await scheduler.tick();
        addReport(total, report);
        if (report.claimed === 0) return { ...total, ticks };
      }
    }

    const started = performance.now();
    let reports: (TickReport & { ticks: number })[];
    try {
      reports = await Promise.all(instances.map((i) => drain(i.scheduler)));
    } finally {
      await Promise.all(instances.map((i) => i.database.close()));
    }
    const elapsedMs = performance.now() - started;
    const [a, b] = reports as [TickReport & { ticks: number }, TickReport & { ticks: number }];
    if (process.env.KENSHU_TEST_STATS) console.info(`two schedulers: ${JSON.stringify({ a, b, messages: fake.messages.length, calls: fake.calls, replays: fake.replays, elapsedMs: Math.round(elapsedMs) })}`);

    // Each delivery was claimed by exactly one of them, and sent once: no retry, no replay.
    expect({ claimed: a.claimed + b.claimed, sent: a.sent + b.sent }).toEqual({ claimed: DELIVERIES, sent: DELIVERIES });
    expect([a, b].map((r) => ({ errors: r.errors, alreadyDone: r.alreadyDone, notSent: r.notSent, retrying: r.retrying, failed: r.failed, unreachable: r.unreachable, waiting: r.waiting }))).toEqual([
      { errors: 0, alreadyDone: 0, notSent: 0, retrying: 0, failed: 0, unreachable: 0, waiting: 0 },
      { errors: 0, alreadyDone: 0, notSent: 0, retrying: 0, failed: 0, unreachable: 0, waiting: 0 },
    ]);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);

    // The platform: one message per delivery, the highest due stage, to its writer; no key sent twice.
    expect(fake.messages).toHaveLength(DELIVERIES);
    expect(fake.calls).toBe(DELIVERIES);
    expect(fake.replays).toBe(0);
    const byKey = fake.messagesByKey();
    const wrong = [...expected].filter(([id, e]) => byKey.get(nudgeKey(id, e.due.stage))?.[0]?.userId !== e.userId).map(([id]) => id);
    expect(wrong).toEqual([]);

    // The records agree, and nothing is left claimed.
    const { deliveryRows, nudgesOf } = await readOutcome(seeding.db);
    const mismatched = deliveryRows.filter((d) => {
      const e = expected.get(d.id)!;
      const states = (nudgesOf.get(d.id) ?? []).map((n) => `${n.stage}:${n.state}`).join(',');
      const want = [...e.due.skipped.map((s) => `${s}:skipped`), `${e.due.stage}:sent`].join(',');
      return d.claimToken !== null || d.lastStage !== e.due.stage || states !== want;
    });
    expect(mismatched.map((d) => d.id)).toEqual([]);
  });
});
