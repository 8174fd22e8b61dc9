import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandDeps, Reply, Role } from '../../src/commands/command.js';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import { parseClientIdentity } from '../../src/domain/client-identity.js';
import type { DeliveryStatus } from '../../src/domain/delivery.js';
import type { Escrow, Marketplace } from '../../src/domain/marketplace.js';
import type { Community, Locale } from '../../src/domain/member.js';
import { lastFullPeriod, type ModReport } from '../../src/domain/mod-report.js';
import type { FlagCategory, FlagState } from '../../src/domain/warning-list.js';
import { upsertClient } from '../../src/store/client-rows.js';
import { createStores } from '../../src/store/index.js';
import { auditLog, clientMerges, communities, deliveries, deliveryEvents, flags, nudges } from '../../src/store/schema.js';
import { MemoryClock } from '../support/clock.js';
import { replyText, silentLogger } from '../support/commands.js';
import { testDatabaseKinds, type TestDatabase } from '../support/databases.js';

/** Tuesday 1 December 2026, 10:00 in Tokyo: the last full week is 23-29 November, the last month November. */
const NOW = '2026-12-01T10:00:00+09:00';
const MOD: Role[] = ['moderator'];
const jst = (local: string) => new Date(`${local}+09:00`);

describe.each(testDatabaseKinds)('/mod report on $name', (kind) => {
  let database: TestDatabase;
  let deps: CommandDeps;
  const guilds: Record<string, Community> = {};
  const writers: Record<string, number> = {};
  let numberSeq = 0;

  async function community(guild: string): Promise<Community> {
    guilds[guild] ??= await deps.communities.ensureCommunity({ platform: 'discord', platformCommunityId: guild, name: guild });
    return guilds[guild];
  }

  async function writer(name: string): Promise<number> {
    writers[name] ??= (await deps.members.ensureMember({ platform: 'discord', platformUserId: name, displayName: name })).id;
    return writers[name];
  }

  /** A delivery as the writer recorded it at `recorded` (Tokyo time), with its outcomes and the reminders sent. */
  async function deliver(
    guild: string,
    who: string,
    d: {
      client?: string;
      clientName?: string;
      marketplace: Marketplace;
      escrow?: Escrow;
      recorded: string;
      status?: DeliveryStatus;
      events?: [kind: 'accepted' | 'paid' | 'cancelled', at: string][];
      nudges?: [stage: number, state: 'sent' | 'skipped' | 'failed', at: string][];
    },
  ): Promise<number> {
    const client = await upsertClient(database.db, parseClientIdentity(d.client ?? 'https://crowdworks.jp/public/employers/1'));
    const [row] = await database.db
      .insert(deliveries)
      .values({
        writerId: await writer(who),
        communityId: (await community(guild)).id,
        number: ++numberSeq,
        clientId: client.id,
        clientName: d.clientName ?? null,
        title: 'SEO記事',
        marketplace: d.marketplace,
        deliveredAt: jst(d.recorded),
        createdAt: jst(d.recorded),
        escrow: d.escrow ?? 'funded',
        status: d.status ?? 'awaiting_review',
      })
      .returning();
    for (const [eventKind, at] of d.events ?? []) await database.db.insert(deliveryEvents).values({ deliveryId: row!.id, kind: eventKind, at: jst(at) });
    for (const [stage, state, at] of d.nudges ?? []) await database.db.insert(nudges).values({ deliveryId: row!.id, stage, state, idempotencyKey: `k${row!.id}-${stage}`, sentAt: jst(at) });
    return row!.id;
  }

  /** A report filed at `filed`, and the moderators' decisions on it as the audit log dates them. */
  async function report(guild: string, who: string, client: string, category: FlagCategory, filed: string, state: FlagState, decisions: ['report.approve' | 'report.reject' | 'report.remove', string][] = []) {
    const c = await community(guild);
    const [{ lastFlagNumber }] = (await database.db.select({ lastFlagNumber: communities.lastFlagNumber }).from(communities).where(eq(communities.id, c.id))) as [{ lastFlagNumber: number }];
    const number = lastFlagNumber + 1;
    await database.db.update(communities).set({ lastFlagNumber: number }).where(eq(communities.id, c.id));
    const clientRow = await upsertClient(database.db, parseClientIdentity(client));
    await database.db.insert(flags).values({ clientId: clientRow.id, communityId: c.id, reporterId: await writer(who), number, category, state, createdAt: jst(filed) });
    for (const [action, at] of decisions) await database.db.insert(auditLog).values({ communityId: c.id, actorId: null, action, target: `report:${number}`, createdAt: jst(at) });
  }

  async function run(guild: string, raw: Record<string, unknown>, as: { locale?: Locale; roles?: Role[]; direct?: boolean } = {}): Promise<Reply> {
    const found = findCommand(['mod', 'report'])!;
    const member = await deps.members.ensureMember({ platform: 'discord', platformUserId: 'moderator', displayName: 'moderator' });
    const fresh = await deps.communities.ensureCommunity({ platform: 'discord', platformCommunityId: guild, name: guild });
    const ctx = { platform: 'discord' as const, community: fresh, member, locale: as.locale ?? 'en', timezone: 'Europe/London', roles: new Set(as.roles ?? MOD), direct: as.direct ?? false, deps };
    return executeCommand(found.command, raw, ctx, silentLogger);
  }

  const figures = async (guild: string, kindOf: 'week' | 'month', timezone = 'Asia/Tokyo'): Promise<ModReport> => {
    const c = await community(guild);
    return deps.modReports.report(c.id, lastFullPeriod(kindOf, new Date(NOW), timezone), new Date(NOW), c.minWriters);
  };

  beforeAll(async () => {
    database = await kind.open();
    deps = { ...createStores(database.db), clock: new MemoryClock(NOW), defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
    const acme = 'https://crowdworks.jp/public/employers/77';

    // The community reported on: three writers.
    await deliver('guild-1', 'w1', {
      client: acme,
      clientName: '*Acme* <Media>',
      marketplace: 'crowdworks',
      recorded: '2026-11-10T10:00:00',
      status: 'accepted',
      events: [['accepted', '2026-11-24T10:00:00']],
      // The follow-up was the last reminder sent; a skipped stage and one after the acceptance do not count.
      nudges: [
        [1, 'sent', '2026-11-17T10:00:00'],
        [2, 'sent', '2026-11-21T10:00:00'],
        [3, 'skipped', '2026-11-22T10:00:00'],
        [4, 'sent', '2026-11-25T10:00:00'],
      ],
    });
    await deliver('guild-1', 'w2', { marketplace: 'crowdworks', recorded: '2026-11-20T10:00:00', status: 'accepted', events: [['accepted', '2026-11-23T10:00:00']] });
    await deliver('guild-1', 'w3', {
      marketplace: 'crowdworks',
      recorded: '2026-11-20T10:00:00',
      status: 'accepted',
      events: [['accepted', '2026-11-27T10:00:00']],
      nudges: [[1, 'failed', '2026-11-25T10:00:00']],
    });
    // Recorded in the first half hour of November in Tokyo (still October in UTC); paid on Sunday 29 November at 23:30.
    await deliver('guild-1', 'w3', {
      client: '山田商事',
      marketplace: 'direct',
      escrow: 'unknown',
      recorded: '2026-11-01T00:30:00',
      status: 'paid',
      events: [
        ['accepted', '2026-11-20T10:00:00'],
        ['paid', '2026-11-29T23:30:00'],
      ],
      nudges: [[1, 'sent', '2026-11-08T10:00:00']],
    });
    // Sunday 23:30 in Tokyo: that week's; Monday 00:30: the next week's, still November's.
    await deliver('guild-1', 'w1', { marketplace: 'lancers', recorded: '2026-11-29T23:30:00' });
    await deliver('guild-1', 'w2', { marketplace: 'lancers', recorded: '2026-11-30T00:30:00' });
    await deliver('guild-1', 'w3', { marketplace: 'crowdworks', recorded: '2026-11-25T10:00:00', status: 'cancelled', events: [['cancelled', '2026-11-26T10:00:00']] });
    // October's, by half an hour.
    await deliver('guild-1', 'w1', { marketplace: 'crowdworks', recorded: '2026-10-31T23:30:00', status: 'cancelled', events: [['cancelled', '2026-10-31T23:45:00']] });
    // Overdue now: awaiting review well past their first reminder's day.
    await deliver('guild-1', 'w2', { marketplace: 'crowdworks', recorded: '2026-10-15T10:00:00' });
    await deliver('guild-1', 'w3', { marketplace: 'coconala', recorded: '2026-10-20T10:00:00' });

    // Reports: Acme twice (once under a profile merged into it here), one rejected, two pending, one approved then removed.
    const acmeAlias = 'https://crowdworks.jp/public/employers/78';
    const into = (await upsertClient(database.db, parseClientIdentity(acme))).id;
    const from = (await upsertClient(database.db, parseClientIdentity(acmeAlias))).id;
    await database.db.insert(clientMerges).values({ communityId: (await community('guild-1')).id, fromClientId: from, intoClientId: into });
    await report('guild-1', 'w2', acme, 'unpaid', '2026-11-24T09:00:00', 'approved', [['report.approve', '2026-11-25T09:00:00']]);
    await report('guild-1', 'w3', acmeAlias, 'late_acceptance', '2026-11-10T09:00:00', 'approved', [['report.approve', '2026-11-26T09:00:00']]);
    await report('guild-1', 'w1', '山田商事', 'scope_creep', '2026-11-26T09:00:00', 'rejected', [['report.reject', '2026-11-27T09:00:00']]);
    await report('guild-1', 'w1', 'https://crowdworks.jp/public/employers/5', 'unpaid', '2026-11-18T10:00:00', 'pending');
    await report('guild-1', 'w2', '山田商事', 'unpaid', '2026-11-28T09:00:00', 'pending');
    await report('guild-1', 'w3', 'https://crowdworks.jp/public/employers/6', 'unpaid', '2026-11-20T09:00:00', 'removed', [
      ['report.approve', '2026-11-24T09:00:00'],
      ['report.remove', '2026-11-28T09:00:00'],
    ]);

    // Another community, busy the same week: none of it may show in guild-1's report.
    for (const who of ['x1', 'x2', 'x3']) {
      await deliver('guild-2', who, { client: acme, clientName: 'Acme in guild-2', marketplace: 'crowdworks', recorded: '2026-11-24T10:00:00', status: 'accepted', events: [['accepted', '2026-11-25T10:00:00']] });
      await deliver('guild-2', who, { marketplace: 'crowdworks', recorded: '2026-10-01T10:00:00' });
    }
    await report('guild-2', 'x1', acme, 'abusive_communication', '2026-11-24T09:00:00', 'approved', [['report.approve', '2026-11-24T12:00:00']]);
    await report('guild-2', 'x2', acme, 'unpaid', '2026-11-01T09:00:00', 'pending');

    // A community of one writer: their figures are withheld; the review of reports is not.
    await deliver('guild-3', 'solo', { marketplace: 'crowdworks', recorded: '2026-11-24T10:00:00', status: 'accepted', events: [['accepted', '2026-11-26T10:00:00']] });
    await deliver('guild-3', 'solo', { marketplace: 'crowdworks', recorded: '2026-10-01T10:00:00' });
    await report('guild-3', 'solo', acme, 'unpaid', '2026-11-25T09:00:00', 'pending');
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('counts the last full week: Monday to Sunday in the community’s time zone, this community only', async () => {
    const r = await figures('guild-1', 'week');
    expect(r.period).toEqual({ kind: 'week', start: jst('2026-11-23T00:00:00'), end: jst('2026-11-30T00:00:00'), timezone: 'Asia/Tokyo' });
    expect(r.minWriters).toBe(2);
    // Recorded: Sunday 23:30 and the cancelled one; an acceptance of an escrowed CrowdWorks job is its payment too.
    expect(r.deliveries).toEqual({ writers: 3, counts: { recorded: 2, accepted: 3, paid: 4, cancelled: 1 }, overdueNow: { writers: 2, count: 2 } });
    expect(r.resolvedAfter).toEqual({
      writers: 3,
      byStage: [
        { stage: 0, accepted: 2, paid: 2 },
        { stage: 1, accepted: 0, paid: 1 },
        { stage: 2, accepted: 1, paid: 1 },
        { stage: 3, accepted: 0, paid: 0 },
        { stage: 4, accepted: 0, paid: 0 },
        { stage: 5, accepted: 0, paid: 0 },
        { stage: 6, accepted: 0, paid: 0 },
      ],
    });
    // CrowdWorks: 14, 3 and 7 days; the direct deal is one writer's, so withheld.
    expect(r.marketplaces).toEqual([
      { marketplace: 'crowdworks', writers: 3, acceptances: 3, payments: 3, medianDaysToAcceptance: 7, medianDaysToPayment: 7 },
      { marketplace: 'direct', writers: 1, acceptances: null, payments: null, medianDaysToAcceptance: null, medianDaysToPayment: null },
    ]);
    expect(r.reports).toEqual({ filed: 3, approved: 3, rejected: 1, removed: 1, pending: 2, oldestPendingSince: jst('2026-11-18T10:00:00') });
    // The merged profile's report counts under Acme; the approved-then-removed one is not news.
    expect(r.newlyReportedClients).toEqual([{ key: 'crowdworks:77', name: '*Acme* <Media>', categories: ['late_acceptance', 'unpaid'], approved: 2 }]);
  });

  it('gives the chart twelve calendar weeks ending with the period, withheld where fewer than two writers recorded', async () => {
    const r = await figures('guild-1', 'week');
    expect(r.weeks.map((w) => w.weekStart)).toEqual(['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    const byWeek = Object.fromEntries(r.weeks.map((w) => [w.weekStart, w]));
    expect(byWeek['2026-11-23']).toEqual({ weekStart: '2026-11-23', writers: 2, counts: { accepted: 0, paid: 0, cancelled: 1, open: 1 } });
    expect(byWeek['2026-11-16']).toEqual({ weekStart: '2026-11-16', writers: 2, counts: { accepted: 0, paid: 2, cancelled: 0, open: 0 } });
    expect(byWeek['2026-11-09']).toEqual({ weekStart: '2026-11-09', writers: 1, counts: null });
    expect(byWeek['2026-10-26']).toEqual({ weekStart: '2026-10-26', writers: 2, counts: { accepted: 0, paid: 1, cancelled: 1, open: 0 } });
    expect(byWeek['2026-10-19']).toEqual({ weekStart: '2026-10-19', writers: 1, counts: null });
    // A week nobody recorded anything is a true zero, not withheld.
    expect(byWeek['2026-09-07']).toEqual({ weekStart: '2026-09-07', writers: 0, counts: { accepted: 0, paid: 0, cancelled: 0, open: 0 } });
  });

  it('counts the last calendar month, its edges in the community’s time zone', async () => {
    const r = await figures('guild-1', 'month');
    expect(r.period).toMatchObject({ kind: 'month', start: jst('2026-11-01T00:00:00'), end: jst('2026-12-01T00:00:00') });
    // 1 November 00:30 and 30 November 00:30 are November's; 31 October 23:30 is not.
    expect(r.deliveries.counts).toEqual({ recorded: 7, accepted: 4, paid: 4, cancelled: 1 });
    expect(r.resolvedAfter.byStage!.slice(0, 3)).toEqual([
      { stage: 0, accepted: 2, paid: 2 },
      { stage: 1, accepted: 1, paid: 1 },
      { stage: 2, accepted: 1, paid: 1 },
    ]);
    expect(r.reports).toMatchObject({ filed: 6, approved: 3, rejected: 1, removed: 1, pending: 2 });
    // The month's chart ends with the week that holds 30 November.
    expect(r.weeks.at(-1)).toEqual({ weekStart: '2026-11-30', writers: 1, counts: null });

    // In UTC the same rows fall otherwise: 1 November 00:30 in Tokyo is still October there, 30 November 00:30 is November.
    const utc = await figures('guild-1', 'month', 'UTC');
    expect(utc.deliveries.counts).toEqual({ recorded: 6, accepted: 4, paid: 4, cancelled: 1 });
  });

  it('withholds the figures of a community with fewer writers than its threshold, and shows its reports', async () => {
    const r = await figures('guild-3', 'week');
    expect(r.deliveries).toEqual({ writers: 1, counts: null, overdueNow: { writers: 1, count: null } });
    expect(r.resolvedAfter).toEqual({ writers: 1, byStage: null });
    expect(r.marketplaces).toEqual([{ marketplace: 'crowdworks', writers: 1, acceptances: null, payments: null, medianDaysToAcceptance: null, medianDaysToPayment: null }]);
    expect(r.reports).toEqual({ filed: 1, approved: 0, rejected: 0, removed: 0, pending: 1, oldestPendingSince: jst('2026-11-25T09:00:00') });

    const en = replyText(await run('guild-3', {}));
    expect(en).toContain('Withheld: fewer than 2 writers contributed.');
    expect(en).toContain('Overdue now: withheld (fewer than 2 writers).');
    expect(en).toContain('CrowdWorks: withheld (fewer than 2 writers).');
    expect(en).toContain('Filed 1 · approved 0 · rejected 0 · removed 0');
    expect(en).not.toMatch(/Recorded \d/);
    const ja = replyText(await run('guild-3', {}, { locale: 'ja' }));
    expect(ja).toContain('ライター2人未満のため非表示');
    expect(ja).toContain('現在の期限超過: ライター2人未満のため非表示');
  });

  it('shows the figures once the threshold is met, and withholds them when the community raises it', async () => {
    const c = await community('guild-1');
    await deps.communities.updateSettings(c.id, { minWriters: 4 });
    try {
      const r = await deps.modReports.report(c.id, lastFullPeriod('week', new Date(NOW), 'Asia/Tokyo'), new Date(NOW), 4);
      expect(r.deliveries.counts).toBeNull();
      expect(r.resolvedAfter.byStage).toBeNull();
      expect(r.marketplaces.every((m) => m.medianDaysToAcceptance === null && m.acceptances === null)).toBe(true);
      expect(replyText(await run('guild-1', {}))).toContain('Withheld: fewer than 4 writers contributed.');
    } finally {
      await deps.communities.updateSettings(c.id, { minWriters: 2 });
    }
  });

  it('counts one writer’s deliveries for one client at most max_per_writer times in the times per marketplace', async () => {
    const c = await community('guild-1');
    // With 1: w2's and w3's first deliveries for that client were recorded in October, so only w1's counts.
    await deps.communities.updateSettings(c.id, { maxPerWriter: 1 });
    try {
      const r = await figures('guild-1', 'week');
      expect(r.marketplaces[0]).toEqual({ marketplace: 'crowdworks', writers: 1, acceptances: null, payments: null, medianDaysToAcceptance: null, medianDaysToPayment: null });
      // The community's totals are not pooled figures: they stay whole.
      expect(r.deliveries.counts).toEqual({ recorded: 2, accepted: 3, paid: 4, cancelled: 1 });
    } finally {
      await deps.communities.updateSettings(c.id, { maxPerWriter: 3 });
    }
  });

  it('withholds a median that one writer alone stands behind, though others worked on the marketplace', async () => {
    // Two writers on Lancers last week: one was accepted, the other was paid without an acceptance.
    const lancers = 'https://www.lancers.jp/client/solo';
    await deliver('guild-5', 'p1', { client: lancers, marketplace: 'lancers', escrow: 'not_funded', recorded: '2026-11-16T10:00:00', status: 'accepted', events: [['accepted', '2026-11-24T10:00:00']] });
    await deliver('guild-5', 'p2', { client: lancers, marketplace: 'lancers', escrow: 'not_funded', recorded: '2026-11-16T10:00:00', status: 'paid', events: [['paid', '2026-11-25T10:00:00']] });
    await deliver('guild-5', 'p3', { client: lancers, marketplace: 'lancers', escrow: 'not_funded', recorded: '2026-11-17T10:00:00', status: 'paid', events: [['paid', '2026-11-26T10:00:00']] });
    const [times] = (await figures('guild-5', 'week')).marketplaces;
    expect(times).toEqual({ marketplace: 'lancers', writers: 3, acceptances: null, payments: 2, medianDaysToAcceptance: null, medianDaysToPayment: 9 });
    const text = replyText(await run('guild-5', {}));
    expect(text).toContain('Lancers: acceptances withheld (fewer than 2 writers); 2 payments, median 9 days');
    expect(replyText(await run('guild-5', {}, { locale: 'ja' }))).toContain('ランサーズ: 検収はライター2人未満のため非表示/支払い 2件、中央値 9日');
  });

  it('reads as a moderator expects, in English', async () => {
    const reply = await run('guild-1', {});
    expect(reply.ephemeral).toBe(true);
    // The chart comes with it: a PNG named for the week.
    expect(reply.files?.map((f) => f.name)).toEqual(['kenshu-report-2026-11-23.png']);
    const chart = reply.files![0]!;
    expect('bytes' in chart && [...chart.bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(reply.title).toBe('Community report: the week Mon, Nov 23, 2026 to Sun, Nov 29, 2026');
    const text = replyText(reply);
    expect(text).toContain('Recorded 2 · accepted 3 · paid 4 · cancelled 1');
    expect(text).toContain("Overdue now: 2 deliveries awaiting review past their first reminder's day");
    expect(text).toContain('Before any reminder: 2 acceptances, 2 payments');
    expect(text).toContain('Check-in: 0 acceptances, 1 payment');
    expect(text).toContain('Follow-up: 1 acceptance, 1 payment');
    expect(text).not.toContain('Desk');
    expect(text).toContain('CrowdWorks: 3 acceptances, median 7 days; 3 payments, median 7 days');
    expect(text).toContain('Direct client: withheld (fewer than 2 writers).');
    expect(text).toContain('Filed 3 · approved 3 · rejected 1 · removed 1');
    expect(text).toContain('Pending now: 2, the oldest filed Wed, Nov 18, 2026 (13 days ago)');
    // The name as typed, unable to format anything.
    expect(text).toContain('\\*Acme\\* \\<Media\\>: Late acceptance, Unpaid (2 reports)');
    expect(text).not.toContain('guild-2');
    expect(text).toContain('Paid includes acceptances that released a fee held in escrow.');
    expect(text).toContain('Dates and the period are in Asia/Tokyo.');
  });

  it('reads as a moderator expects, in Japanese, for a month', async () => {
    const reply = await run('guild-1', { period: '月' }, { locale: 'ja' });
    expect(reply.title).toBe('コミュニティの集計: 2026年11月');
    const text = replyText(reply);
    expect(text).toContain('記録 7件・検収 4件・支払い 4件・キャンセル 1件');
    expect(text).toContain('リマインド送信前: 検収 2件・支払い 2件');
    expect(text).toContain('確認の連絡: 検収 1件・支払い 1件');
    expect(text).toContain('クラウドワークス: 検収 3件、中央値 7日/支払い 3件、中央値 7日');
    expect(text).toContain('確認待ち: 2件(最も古いものは2026年11月18日(水)受付、13日前)');
    expect(text).toContain('日付と期間は Asia/Tokyo の暦で数えています。');
    expect(text).not.toMatch(/スキップ|\d日目|￥/);

    const week = await run('guild-1', { period: 'week' }, { locale: 'ja' });
    expect(week.title).toBe('コミュニティの集計: 2026年11月23日(月)〜2026年11月29日(日)の週');
  });

  it('says plainly when a community had nothing in the period, rather than withholding', async () => {
    const text = replyText(await run('guild-empty', {}));
    expect(text).toContain('No delivery was recorded, accepted, paid or cancelled in this period.');
    expect(text).toContain('No acceptance or payment was recorded in this period.');
    expect(text).not.toContain('Withheld');
    expect(text).not.toContain('per marketplace');
    expect(text).toContain('Pending now: none');
  });

  it('names the periods it knows when asked for another', async () => {
    const reply = await run('guild-1', { period: 'year' }, { locale: 'ja' });
    expect(reply.tone).toBe('error');
    expect(replyText(reply)).toContain('集計期間(period)');
  });

  it('is for moderators only, and never in a direct message', async () => {
    const member = await run('guild-1', {}, { roles: [] });
    expect(member.tone).toBe('error');
    expect(replyText(member)).toContain("Only this community's moderators can do that.");
    const dm = await run('guild-1', {}, { direct: true });
    expect(dm.tone).toBe('error');
  });
});
