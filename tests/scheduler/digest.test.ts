import { eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.js';
import { digestKey } from '../../src/domain/digest.js';
import type { Community, Locale } from '../../src/domain/member.js';
import type { Notifier, SendOptions, SendOutcome } from '../../src/domain/notifier.js';
import type { CommunitySettingsPatch } from '../../src/domain/ports.js';
import type { Reply } from '../../src/domain/reply.js';
import { composeDigest, digestReply } from '../../src/presenters/digest.js';
import { DigestScheduler } from '../../src/scheduler/digest-scheduler.js';
import { createStores, PgDigestStore, type Stores } from '../../src/store/index.js';
import { communities } from '../../src/store/schema.js';
import { MemoryClock } from '../support/clock.js';
import { replyText, silentLogger } from '../support/commands.js';
import { testDatabaseKinds, type TestDatabase } from '../support/databases.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface Post {
  channelId: string;
  key: string;
  message: Reply;
  at: Date;
  retry: boolean;
}

/**
 * A moderators' channel as the scheduler reaches it, recording every call. It never deduplicates
 * by key: a week posted twice shows as two posts.
 */
class ChannelRecorder implements Notifier {
  readonly platform = 'discord' as const;
  readonly calls: Post[] = [];
  readonly posts: Post[] = [];
  readonly gone = new Set<string>();
  /** Channels answering `transient` this many more times. */
  readonly failNext = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  dm(): Promise<SendOutcome> {
    throw new Error('a digest is never a DM');
  }

  post(channelId: string, userId: string | null, message: Reply, key: string, options: SendOptions = {}): Promise<SendOutcome> {
    expect(userId).toBeNull();
    const post = { channelId, key, message, at: this.clock.now(), retry: options.retry === true };
    this.calls.push(post);
    if (this.gone.has(channelId)) return Promise.resolve({ kind: 'unreachable', reason: '10003 Unknown Channel' });
    const failures = this.failNext.get(channelId) ?? 0;
    if (failures > 0) {
      this.failNext.set(channelId, failures - 1);
      return Promise.resolve({ kind: 'transient', reason: 'HTTP 503' });
    }
    this.posts.push(post);
    return Promise.resolve({ kind: 'sent', ref: `m${this.posts.length}` });
  }

  postsTo(channelId: string): Post[] {
    return this.posts.filter((p) => p.channelId === channelId);
  }

  callsTo(channelId: string): Post[] {
    return this.calls.filter((p) => p.channelId === channelId);
  }
}

/** The local time a post went out, as the community reads it. */
const local = (at: Date, timezone: string) => DateTime.fromJSDate(at, { zone: timezone }).toFormat('cccc HH:mm');
/** The week a post reports on, from its key (`dg<id>w<yyyymmdd>`). */
const weekOf = (key: string) => key.replace(/^dg\d+w(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');

describe.each(testDatabaseKinds)('the weekly digest on $name', (kind) => {
  let database: TestDatabase;
  let stores: Stores;
  let clock: MemoryClock;
  let channels: ChannelRecorder;
  let schedulers: DigestScheduler[];
  let owner: number;
  let serial = 0;

  beforeAll(async () => {
    database = await kind.open();
    stores = createStores(database.db);
    clock = new MemoryClock('2026-11-25T00:00:00Z');
    channels = new ChannelRecorder(clock);
    owner = (await stores.members.ensureMember({ platform: 'discord', platformUserId: 'owner', displayName: 'Owner' })).id;
    // Two instances on one database, as two Kenshu processes would be.
    schedulers = [0, 1].map(
      () =>
        new DigestScheduler({
          digests: new PgDigestStore(database.db),
          notifiers: { discord: channels },
          composeDigest: (community, period, locale) => Promise.resolve(digestReply(community, period, locale)),
          clock,
          logger: silentLogger,
          defaultTimezone: 'Asia/Tokyo',
          defaultLocale: 'ja',
          leaseMs: 5 * MINUTE,
        }),
    );
  });

  afterAll(async () => {
    await database?.destroy();
  });

  /** A community whose moderators set its digest up through /mod settings' store call, now. */
  async function community(patch: CommunitySettingsPatch): Promise<Community> {
    const created = await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: `g-${++serial}`, name: `Writers ${serial}` });
    const { community: changed } = await stores.communities.changeSettings(created.id, { patch }, { actorId: owner, at: clock.now(), defaultTimezone: 'Asia/Tokyo' });
    return changed;
  }

  async function nextDue(ids: number[]): Promise<Date | undefined> {
    const rows = await database.db.select({ next: communities.nextDigestAt }).from(communities).where(inArray(communities.id, ids));
    return rows
      .map((r) => r.next)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => a.getTime() - b.getTime())[0];
  }

  const tickBoth = (mode: 'together' | 'one-then-other') =>
    mode === 'together' ? Promise.all(schedulers.map((s) => s.tick())) : schedulers.reduce<Promise<unknown>>((p, s) => p.then(() => s.tick()), Promise.resolve());

  it('two schedulers over four weeks post exactly four digests per community, each at its own Monday 09:00', async () => {
    const tokyo = await community({ modChannelId: 'mods-tokyo' });
    const newYork = await community({ modChannelId: 'mods-ny', timezone: 'America/New_York', locale: 'en' });
    const quiet = await community({ fallbackChannelId: 'help' });
    const ids = [tokyo.id, newYork.id, quiet.id];
    const end = new Date('2026-12-22T00:00:00Z');

    let round = 0;
    for (let due = await nextDue(ids); due && due < end; due = await nextDue(ids)) {
      // Both at the due time (concurrently or one after the other), then both a little later.
      clock.set(due);
      await tickBoth(round++ % 2 ? 'together' : 'one-then-other');
      clock.set(new Date(due.getTime() + 7 * MINUTE));
      await tickBoth('together');
    }

    const tokyoPosts = channels.postsTo('mods-tokyo');
    const nyPosts = channels.postsTo('mods-ny');
    expect(tokyoPosts.map((p) => local(p.at, 'Asia/Tokyo'))).toEqual(Array(4).fill('Monday 09:00'));
    expect(nyPosts.map((p) => local(p.at, 'America/New_York'))).toEqual(Array(4).fill('Monday 09:00'));
    // 09:00 in Tokyo and in New York are fourteen hours apart.
    expect(tokyoPosts.map((p) => p.at.toISOString())).toEqual(['2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z', '2026-12-14T00:00:00.000Z', '2026-12-21T00:00:00.000Z']);
    expect(nyPosts.map((p) => p.at.toISOString())).toEqual(['2026-11-30T14:00:00.000Z', '2026-12-07T14:00:00.000Z', '2026-12-14T14:00:00.000Z', '2026-12-21T14:00:00.000Z']);
    const weeks = ['2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14'];
    expect(tokyoPosts.map((p) => p.key)).toEqual(weeks.map((w) => digestKey(tokyo.id, w)));
    expect(nyPosts.map((p) => p.key)).toEqual(weeks.map((w) => digestKey(newYork.id, w)));
    expect(channels.calls.filter((c) => c.channelId === 'help')).toEqual([]);

    // In each community's language, with the queue button that carries the key.
    expect(tokyoPosts[0]!.message.title).toBe('週次レポート 2026年11月23日(月)〜29日(日)');
    expect(nyPosts[0]!.message.title).toBe('Weekly report: Nov 23–29, 2026');
    expect(nyPosts[1]!.message.title).toBe('Weekly report: Nov 30 – Dec 6, 2026');
    expect(nyPosts[0]!.message.buttons).toEqual([{ action: 'queue', deliveryId: 1, label: 'Open the review queue', style: 'secondary' }]);

    const digests = new PgDigestStore(database.db);
    expect((await digests.history(tokyo.id)).map((r) => [r.weekStart, r.state, r.starts, r.channelId])).toEqual(weeks.map((w) => [w, 'sent', 1, 'mods-tokyo']));
    expect((await digests.history(quiet.id))).toEqual([]);
    const [row] = await database.db.select().from(communities).where(eq(communities.id, tokyo.id));
    expect({ next: row?.nextDigestAt?.toISOString(), claim: row?.digestClaimToken }).toEqual({ next: '2026-12-28T00:00:00.000Z', claim: null });
  });

  it('a channel set before digests existed is scheduled for the next Monday 09:00, not posted at once', async () => {
    clock.set('2026-12-23T03:00:00Z');
    const created = await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: `g-${++serial}`, name: 'Old community' });
    await stores.communities.updateSettings(created.id, { modChannelId: 'mods-old' });
    await tickBoth('together');
    expect(await nextDue([created.id])).toEqual(new Date('2026-12-28T00:00:00Z'));
    expect(channels.callsTo('mods-old')).toEqual([]);
  });

  it('clearing the channel stops the digest; a new channel starts with next Monday', async () => {
    const c = await community({ modChannelId: 'mods-moving' });
    const { community: cleared } = await stores.communities.changeSettings(c.id, { patch: { modChannelId: null } }, { actorId: owner, at: clock.now(), defaultTimezone: 'Asia/Tokyo' });
    expect(cleared.modChannelId).toBeNull();
    expect(await nextDue([c.id])).toBeUndefined();
    clock.set('2026-12-28T05:00:00Z');
    await tickBoth('together');
    expect(channels.callsTo('mods-moving')).toEqual([]);
    // Set again on a Monday at 14:00 in Tokyo: this week's digest there has gone, the next is a
    // week away; in Berlin it is 06:00, and the digest comes this morning.
    await stores.communities.changeSettings(c.id, { patch: { modChannelId: 'mods-moving' } }, { actorId: owner, at: clock.now(), defaultTimezone: 'Asia/Tokyo' });
    expect(await nextDue([c.id])).toEqual(new Date('2027-01-04T00:00:00Z'));
    await stores.communities.changeSettings(c.id, { patch: { timezone: 'Europe/Berlin' } }, { actorId: owner, at: clock.now(), defaultTimezone: 'Asia/Tokyo' });
    expect(await nextDue([c.id])).toEqual(new Date('2026-12-28T08:00:00Z'));
  });

  it('a channel Kenshu cannot post to is recorded as unreachable and not retried until next week', async () => {
    const c = await community({ modChannelId: 'mods-gone' });
    channels.gone.add('mods-gone');
    const due = (await nextDue([c.id]))!;
    clock.set(due);
    await tickBoth('together');
    for (const later of [10 * MINUTE, 2 * 60 * MINUTE, DAY]) {
      clock.set(new Date(due.getTime() + later));
      await tickBoth('together');
    }
    expect(channels.callsTo('mods-gone')).toHaveLength(1);
    const [record] = await new PgDigestStore(database.db).history(c.id);
    expect({ state: record?.state, error: record?.lastError }).toEqual({ state: 'unreachable', error: '10003 Unknown Channel' });
    expect(await nextDue([c.id])).toEqual(new Date(due.getTime() + 7 * DAY));
  });

  it('a transient failure is retried later, and the digest is posted once', async () => {
    const c = await community({ modChannelId: 'mods-flaky', locale: 'en' });
    channels.failNext.set('mods-flaky', 2);
    const due = (await nextDue([c.id]))!;
    for (const after of [0, 30_000, MINUTE, 3 * MINUTE, 6 * MINUTE, 30 * MINUTE]) {
      clock.set(new Date(due.getTime() + after));
      await tickBoth('together');
    }
    expect(channels.callsTo('mods-flaky').map((p) => [p.at.getTime() - due.getTime(), p.retry])).toEqual([
      [0, false],
      [MINUTE, true],
      [6 * MINUTE, true],
    ]);
    expect(channels.postsTo('mods-flaky')).toHaveLength(1);
    const [record] = await new PgDigestStore(database.db).history(c.id);
    expect({ state: record?.state, starts: record?.starts }).toEqual({ state: 'sent', starts: 3 });
    expect(await nextDue([c.id])).toEqual(new Date(due.getTime() + 7 * DAY));
  });

  it('after three weeks down, one tick posts one digest: the latest week', async () => {
    const c = await community({ modChannelId: 'mods-down', timezone: 'America/New_York' });
    const due = (await nextDue([c.id]))!;
    // Down for that Monday and the two after it; back on the third, after 09:00.
    clock.set(new Date(due.getTime() + 3 * 7 * DAY + 5 * 60 * MINUTE));
    await tickBoth('together');
    await tickBoth('one-then-other');
    const posts = channels.postsTo('mods-down');
    expect(posts).toHaveLength(1);
    const latestMonday = DateTime.fromJSDate(due, { zone: 'America/New_York' }).plus({ weeks: 3 });
    expect(weekOf(posts[0]!.key)).toBe(latestMonday.minus({ weeks: 1 }).toISODate());
    expect(await nextDue([c.id])).toEqual(latestMonday.plus({ weeks: 1 }).toJSDate());
  });

  it('posts the week’s report with its chart, in the community’s language', async () => {
    const c = await community({ modChannelId: 'mods-report', locale: 'en' });
    const poster = new DigestScheduler({ digests: new PgDigestStore(database.db), notifiers: { discord: channels }, composeDigest: composeDigest(stores), clock, logger: silentLogger, defaultTimezone: 'Asia/Tokyo', defaultLocale: 'ja' });
    clock.set((await nextDue([c.id]))!);
    await poster.tick();
    const [post] = channels.postsTo('mods-report');
    const week = weekOf(post!.key);
    expect(post!.message.title).toMatch(/^Weekly report: /);
    // The same report /mod report gives: its figures under the digest's title, and its chart.
    expect(replyText(post!.message)).toContain('Deliveries');
    expect(post!.message.files?.map((f) => f.name)).toEqual([`kenshu-report-${week}.png`]);
    expect(post!.message.buttons?.map((b) => b.action)).toEqual(['queue']);
    expect(post!.message.ephemeral).toBe(false);
  });

  it('speaks the community language in the digest it composes', () => {
    const period = { kind: 'week' as const, start: new Date('2026-12-27T15:00:00Z'), end: new Date('2027-01-03T15:00:00Z'), timezone: 'Asia/Tokyo' };
    const titles = (['ja', 'en'] as Locale[]).map((locale) => digestReply({ id: 1 }, period, locale).title);
    expect(titles).toEqual(['週次レポート 2026年12月28日(月)〜2027年1月3日(日)', 'Weekly report: Dec 28, 2026 – Jan 3, 2027']);
  });
});
