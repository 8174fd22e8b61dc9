import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Community } from '../../src/domain/member.js';
import type { Notifier, SendOutcome } from '../../src/domain/notifier.js';
import type { CommunitySettingsPatch } from '../../src/domain/ports.js';
import type { Reply } from '../../src/domain/reply.js';
import { digestReply } from '../../src/presenters/digest.js';
import { DigestScheduler, type DigestSchedulerDeps } from '../../src/scheduler/digest-scheduler.js';
import { createStores, PgDigestStore, type Stores } from '../../src/store/index.js';
import { communities } from '../../src/store/schema.js';
import { MemoryClock } from '../support/clock.js';
import { silentLogger } from '../support/commands.js';
import { testDatabaseKinds, type TestDatabase } from '../support/databases.js';

const MINUTE = 60_000;
const LEASE_MS = 5 * MINUTE;

interface Post {
  channelId: string;
  key: string;
  by: string;
}

/** Every post that reached a channel, by which instance; never deduplicated by key. */
function channelLog() {
  const posts: Post[] = [];
  const notifier = (by: string, before?: (channelId: string) => Promise<void>): Notifier => ({
    platform: 'discord',
    dm: () => Promise.reject(new Error('a digest is never a DM')),
    async post(channelId: string, _userId: string | null, _message: Reply, key: string): Promise<SendOutcome> {
      await before?.(channelId);
      posts.push({ channelId, key, by });
      return { kind: 'sent', ref: `m${posts.length}` };
    },
  });
  return { posts, notifier };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.each(testDatabaseKinds)('digest claims on $name', (kind) => {
  let database: TestDatabase;
  let stores: Stores;
  let owner: number;
  let serial = 0;

  beforeAll(async () => {
    database = await kind.open();
    stores = createStores(database.db);
    owner = (await stores.members.ensureMember({ platform: 'discord', platformUserId: 'owner', displayName: 'Owner' })).id;
  });

  afterAll(async () => {
    await database?.destroy();
  });

  async function community(clock: MemoryClock, patch: CommunitySettingsPatch): Promise<Community> {
    const created = await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: `dc-${++serial}`, name: `Writers ${serial}` });
    const { community: changed } = await stores.communities.changeSettings(created.id, { patch }, { actorId: owner, at: clock.now(), defaultTimezone: 'Asia/Tokyo' });
    return changed;
  }

  async function nextDigestAt(id: number): Promise<Date | null | undefined> {
    const [row] = await database.db.select({ next: communities.nextDigestAt }).from(communities).where(eq(communities.id, id));
    return row?.next;
  }

  function scheduler(clock: MemoryClock, deps: Pick<DigestSchedulerDeps, 'notifiers' | 'composeDigest'>): DigestScheduler {
    return new DigestScheduler({ digests: new PgDigestStore(database.db), clock, logger: silentLogger, defaultTimezone: 'Asia/Tokyo', defaultLocale: 'en', leaseMs: LEASE_MS, batchSize: 10, ...deps });
  }

  const compose: DigestSchedulerDeps['composeDigest'] = (c, period, locale) => Promise.resolve(digestReply(c, period, locale));

  it('a round that outlasts its lease does not post what another instance took meanwhile', async () => {
    const clock = new MemoryClock('2026-11-25T00:00:00Z');
    const [first, second, taken] = [
      await community(clock, { modChannelId: `mods-first-${serial + 1}` }),
      await community(clock, { modChannelId: `mods-second-${serial + 1}` }),
      await community(clock, { modChannelId: `mods-taken-${serial + 1}` }),
    ];
    const due = (await nextDigestAt(first.id))!;
    clock.set(due);

    const { posts, notifier } = channelLog();
    // B is in the middle of posting `taken` (begun, not yet recorded) when A reaches it.
    const bPosting = deferred();
    const bMayFinish = deferred();
    const b = scheduler(clock, {
      notifiers: {
        discord: notifier('B', async () => {
          bPosting.resolve();
          await bMayFinish.promise;
        }),
      },
      composeDigest: compose,
    });
    let bTick: Promise<unknown> | undefined;
    const a = scheduler(clock, {
      notifiers: { discord: notifier('A') },
      composeDigest: async (c, period, locale, now) => {
        // Each digest takes three minutes: the round of three outlasts the five-minute lease.
        if (c.id !== taken.id) clock.set(new Date(clock.now().getTime() + 3 * MINUTE));
        if (c.id === second.id) {
          bTick = b.tick();
          await bPosting.promise;
        }
        return compose(c, period, locale, now);
      },
    });

    const aReport = await a.tick();
    bMayFinish.resolve();
    const bReport = await bTick!;

    const by = (c: Community | undefined) => posts.filter((p) => p.channelId === c!.modChannelId).map((p) => p.by);
    expect([by(first), by(second), by(taken)]).toEqual([['A'], ['A'], ['B']]);
    expect(aReport).toMatchObject({ claimed: 3, sent: 2, notPosted: 1, errors: 0 });
    expect(bReport).toMatchObject({ claimed: 1, sent: 1, notPosted: 0, errors: 0 });
    const [record] = await new PgDigestStore(database.db).history(taken.id);
    expect({ state: record?.state, starts: record?.starts }).toEqual({ state: 'sent', starts: 1 });
  });

  it('a channel changed between the claim and the post gets nothing from that claim; the new schedule stands', async () => {
    const clock = new MemoryClock('2026-11-25T00:00:00Z');
    const first = await community(clock, { modChannelId: `mods-first-${serial}` });
    const moving = await community(clock, { modChannelId: `mods-old-${serial}` });
    const oldChannel = moving.modChannelId!;
    const due = (await nextDigestAt(first.id))!;
    clock.set(due);

    const { posts, notifier } = channelLog();
    let movedTo: string | undefined;
    const a = scheduler(clock, {
      notifiers: { discord: notifier('A') },
      composeDigest: async (c, period, locale, now) => {
        if (c.id === first.id) {
          // While the first digest is composed, the second community's moderators move theirs.
          movedTo = `mods-new-${serial}`;
          await stores.communities.changeSettings(moving.id, { patch: { modChannelId: movedTo } }, { actorId: owner, at: clock.now(), defaultTimezone: 'Asia/Tokyo' });
        }
        return compose(c, period, locale, now);
      },
    });

    const report = await a.tick();
    expect(report).toMatchObject({ claimed: 2, sent: 1, notPosted: 1 });
    expect(posts.map((p) => p.channelId)).toEqual([first.modChannelId]);
    expect(posts.some((p) => p.channelId === oldChannel)).toBe(false);
    expect(await new PgDigestStore(database.db).history(moving.id)).toEqual([]);
    // The settings change scheduled the next Monday 09:00 for the new channel; the claim left it alone.
    expect(await nextDigestAt(moving.id)).toEqual(new Date(due.getTime() + 7 * 24 * 60 * MINUTE));
    const [row] = await database.db.select({ token: communities.digestClaimToken, channel: communities.modChannelId }).from(communities).where(eq(communities.id, moving.id));
    expect(row).toEqual({ token: null, channel: movedTo });
  });

  it('a tick run for an earlier time still holds its claims for a full lease from now', async () => {
    const clock = new MemoryClock('2026-11-25T00:00:00Z');
    const c = await community(clock, { modChannelId: `mods-lease-${serial}` });
    const due = (await nextDigestAt(c.id))!;
    // Asked to run for the due time twenty minutes late (a tick that waited behind a long one).
    clock.set(new Date(due.getTime() + 20 * MINUTE));
    let heldUntil: Date | null | undefined;
    const { notifier } = channelLog();
    const a = scheduler(clock, {
      notifiers: {
        discord: {
          ...notifier('A'),
          post: async (...args) => {
            heldUntil = await nextDigestAt(c.id);
            return notifier('A').post(...args);
          },
        },
      },
      composeDigest: compose,
    });
    expect(await a.tick(due)).toMatchObject({ claimed: 1, sent: 1 });
    expect(heldUntil).toEqual(new Date(clock.now().getTime() + LEASE_MS));
  });
});
