import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeClientName, parseClientIdentity } from '../../src/domain/client-identity.js';
import type { Delivery, DeliveryStatus } from '../../src/domain/delivery.js';
import type { Escrow, Marketplace } from '../../src/domain/marketplace.js';
import type { FlagCategory, FlagState } from '../../src/domain/warning-list.js';
import type { CommunitySettingsPatch } from '../../src/domain/ports.js';
import { createStores, type Stores } from '../../src/store/index.js';
import { clientAliases, flags, nudges } from '../../src/store/schema.js';
import { testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { rejectionCodeOf } from '../support/errors.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-11-26T03:00:00.000Z');
const daysBefore = (days: number) => new Date(NOW.getTime() - days * DAY);

describe.each(testDatabaseKinds)('warning list store on $name', (kind) => {
  let database: TestDatabase;
  let stores: Stores;
  let seq = 0;

  beforeAll(async () => {
    database = await kind.open();
    stores = createStores(database.db);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const newCommunity = async (sharing: 'private' | 'federated' = 'private', settings: CommunitySettingsPatch = {}) => {
    const community = await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: `g${++seq}`, name: `Community ${seq}` });
    return (await stores.communities.updateSettings(community.id, { sharing, ...settings })).id;
  };
  const newWriter = async () => (await stores.members.ensureMember({ platform: 'discord', platformUserId: `u${++seq}`, displayName: `Writer ${seq}` })).id;

  interface DeliverOptions {
    marketplace?: Marketplace;
    escrow?: Escrow;
    deliveredAt?: Date;
    /** When Kenshu recorded it; by default 20 days ago. */
    recordedAt?: Date;
  }
  const deliver = (writerId: number, communityId: number, client: string, options: DeliverOptions = {}) =>
    stores.deliveries.record(
      {
        client: parseClientIdentity(client),
        title: 'SEO記事',
        marketplace: options.marketplace ?? 'crowdworks',
        amount: 5000,
        currency: 'JPY',
        deliveredAt: options.deliveredAt ?? daysBefore(20),
        escrow: options.escrow ?? 'funded',
        jobUrl: null,
        clientName: client,
        letterLocale: 'ja',
        dueAt: null,
        dueTerms: null,
        writerId,
        communityId,
        nextNudgeAt: null,
      },
      options.recordedAt ?? daysBefore(20),
    );
  const move = async (d: Delivery, to: DeliveryStatus, at: Date, from: DeliveryStatus = 'awaiting_review') => {
    const after = await stores.deliveries.changeStatus({ id: d.id, from, to, at, nextNudgeAt: null });
    expect(after?.status).toBe(to);
    return after!;
  };
  const nudge = (deliveryId: number, stage: number, state: string) =>
    database.db.insert(nudges).values({ deliveryId, stage, state, idempotencyKey: `kn${deliveryId}s${stage}`, sentAt: state === 'sent' ? daysBefore(5) : null });

  const fileFlag = (d: Delivery, category: FlagCategory, createdAt: Date, options: { communityId?: number; reporterId?: number; note?: string } = {}) =>
    stores.warnings.createFlag({
      clientId: d.client.id,
      communityId: options.communityId ?? d.communityId,
      reporterId: options.reporterId ?? d.writerId,
      deliveryId: d.id,
      category,
      deliveredAt: d.deliveredAt,
      daysWaited: Math.floor((createdAt.getTime() - d.deliveredAt.getTime()) / DAY),
      createdAt,
      note: options.note ?? null,
    });
  const approve = async (id: number, expiresAt: Date | null = new Date(NOW.getTime() + 365 * DAY)) => {
    const flag = await stores.warnings.setFlagState({ id, from: ['pending'], to: 'approved', at: daysBefore(1), expiresAt });
    expect(flag?.state).toBe('approved');
    return flag!;
  };
  /** What a lookup shows, with federated communities counted or not. */
  const summary = (clientId: number, communityId: number, includeFederated = false) =>
    stores.warnings.summarize({ clientId, communityId, viewerId: 0, now: NOW, federated: includeFederated ? 'all' : 'none' });
  const figures = async (...args: Parameters<typeof summary>) => (await summary(...args)).figures;
  const flagSummaries = async (...args: Parameters<typeof summary>) => (await summary(...args)).flags;
  /** The most distinct reporters `consensus` can ask for and still count federated communities. */
  const consensusWriters = async (clientId: number, communityId: number, now: Date) => {
    let writers = 0;
    while ((await stores.warnings.summarize({ clientId, communityId, viewerId: 0, now, federated: { minWriters: writers + 1 } })).federated) writers++;
    return writers;
  };

  describe('resolve and search', () => {
    it('resolves a client by its own key and by a merged alias key, and nothing else', async () => {
      const community = await newCommunity();
      const writer = await newWriter();
      const d = await deliver(writer, community, 'https://crowdworks.jp/public/employers/1001');
      const byKey = await stores.warnings.resolve('crowdworks:1001');
      expect(byKey).toEqual({ id: d.client.id, key: 'crowdworks:1001', marketplace: 'crowdworks', displayName: 'crowdworks:1001', profileUrl: 'https://crowdworks.jp/public/employers/1001' });

      const alias = parseClientIdentity('株式会社ヒカリ出版');
      expect(alias.kind).toBe('name');
      await database.db.insert(clientAliases).values({ clientId: d.client.id, key: alias.key, displayName: alias.displayName, normalizedName: normalizeClientName(alias.displayName) });
      expect((await stores.warnings.resolve(parseClientIdentity('ﾋｶﾘ出版').key))?.id).toBe(d.client.id);
      expect(await stores.warnings.aliases(d.client.id)).toEqual([{ key: 'name:ひかり出版', displayName: '株式会社ヒカリ出版' }]);

      expect(await stores.warnings.resolve('crowdworks:1002')).toBeUndefined();
      expect(await stores.warnings.resolve('name:ひかり')).toBeUndefined();
      expect(await stores.warnings.aliases((await stores.warnings.resolve('crowdworks:1001'))!.id + 100_000)).toEqual([]);
    });

    it('ensures a client for an identity: the known one, through an alias too, or a new one once', async () => {
      const community = await newCommunity();
      const d = await deliver(await newWriter(), community, 'https://crowdworks.jp/public/employers/1101');
      expect((await stores.warnings.ensureClient(parseClientIdentity('crowdworks:1101'))).id).toBe(d.client.id);
      await database.db.insert(clientAliases).values({ clientId: d.client.id, key: 'name:あさひ企画', displayName: 'アサヒ企画', normalizedName: 'あさひ企画' });
      expect((await stores.warnings.ensureClient(parseClientIdentity('株式会社ｱｻﾋ企画'))).id).toBe(d.client.id);

      const created = await stores.warnings.ensureClient(parseClientIdentity('https://www.lancers.jp/client/never_seen_1102'));
      expect(created).toMatchObject({ key: 'lancers:never_seen_1102', marketplace: 'lancers', profileUrl: 'https://www.lancers.jp/client/never_seen_1102' });
      expect((await stores.warnings.ensureClient(parseClientIdentity('lancers:never_seen_1102'))).id).toBe(created.id);
      expect((await stores.warnings.resolve('lancers:never_seen_1102'))?.id).toBe(created.id);
    });

    it('ranks the closest normalized name first and leaves out unrelated names', async () => {
      const community = await newCommunity();
      const writer = await newWriter();
      for (const name of ['Sunrise Publishing', 'Sunrise Publications', 'Moonlight Media']) await deliver(writer, community, name, { marketplace: 'direct' });

      const typo = await stores.warnings.search(normalizeClientName('Sunrise Publishng'), 5, { communityId: community, includeFederated: false, now: NOW });
      expect(typo.map((m) => m.client.displayName)).toEqual(['Sunrise Publishing', 'Sunrise Publications']);
      expect(typo[0]!.similarity).toBeGreaterThan(typo[1]!.similarity);

      const other = await stores.warnings.search(normalizeClientName('Sunrise Publications Ltd.'), 5, { communityId: community, includeFederated: false, now: NOW });
      expect(other[0]).toMatchObject({ client: { key: 'name:sunrisepublications' }, similarity: 1 });

      expect((await stores.warnings.search(normalizeClientName('Sunrise Pub'), 1, { communityId: community, includeFederated: false, now: NOW })).map((m) => m.client.displayName)).toEqual(['Sunrise Publishing']);
      expect(await stores.warnings.search('zzzzqqqq', 5, { communityId: community, includeFederated: false, now: NOW })).toEqual([]);
      expect(await stores.warnings.search('', 5, { communityId: community, includeFederated: false, now: NOW })).toEqual([]);
    });

    it('finds a client through an alias name, once, with the better of its similarities', async () => {
      const community = await newCommunity();
      const writer = await newWriter();
      const d = await deliver(writer, community, 'https://coconala.com/users/3003', { marketplace: 'coconala' });
      await database.db.insert(clientAliases).values({ clientId: d.client.id, key: 'name:かがやき書房', displayName: 'カガヤキ書房', normalizedName: 'かがやき書房' });
      await database.db.insert(clientAliases).values({ clientId: d.client.id, key: 'name:かがやき書房東京', displayName: 'カガヤキ書房東京', normalizedName: 'かがやき書房東京' });

      const found = await stores.warnings.search(normalizeClientName('ｶｶﾞﾔｷ書房'), 5, { communityId: community, includeFederated: false, now: NOW });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ client: { id: d.client.id, key: 'coconala:3003' }, similarity: 1 });
    });

    it('knows a client only where it was recorded: never from another private community, by key or by name', async () => {
      const secretive = await newCommunity('private');
      const sharing = await newCommunity('federated');
      const viewer = await newCommunity('private');
      const writer = await newWriter();
      await deliver(writer, secretive, 'Secret Alpha Holdings', { marketplace: 'direct' });
      await deliver(writer, sharing, 'Open Beta Works', { marketplace: 'direct' });
      const withFederated = { communityId: viewer, includeFederated: true, now: NOW };
      expect(await stores.warnings.resolve(`name:${normalizeClientName('Secret Alpha Holdings')}`, withFederated)).toBeUndefined();
      expect(await stores.warnings.search(normalizeClientName('Secret Alpha Holding'), 5, withFederated)).toEqual([]);
      // A name typed in a federated community crosses only with a report its moderators approved.
      const openBeta = `name:${normalizeClientName('Open Beta Works')}`;
      expect(await stores.warnings.resolve(openBeta, withFederated)).toBeUndefined();
      const flag = await fileFlag(await deliver(writer, sharing, 'Open Beta Works', { marketplace: 'direct' }), 'unpaid', daysBefore(1));
      expect(await stores.warnings.resolve(openBeta, withFederated)).toBeUndefined();
      await approve(flag.id);
      // Shown by its identity, not by the text typed over there.
      expect((await stores.warnings.resolve(openBeta, withFederated))?.displayName).toBe(normalizeClientName('Open Beta Works'));
      expect((await stores.warnings.resolve(openBeta, { communityId: sharing, includeFederated: false, now: NOW }))?.displayName).toBe('Open Beta Works');
      expect(await stores.warnings.resolve(openBeta, { communityId: viewer, includeFederated: false, now: NOW })).toBeUndefined();
      expect((await stores.warnings.resolve(`name:${normalizeClientName('Secret Alpha Holdings')}`, { communityId: secretive, includeFederated: false, now: NOW }))?.displayName).toBe('Secret Alpha Holdings');
    });
  });

  describe('filing and state changes', () => {
    it('refuses a second active report of the same kind, and allows one after the first is retracted', async () => {
      const community = await newCommunity();
      const writer = await newWriter();
      const d = await deliver(writer, community, 'https://crowdworks.jp/public/employers/2001');
      const first = await fileFlag(d, 'unpaid', daysBefore(2), { note: 'moderators only' });
      expect(first).toMatchObject({ clientId: d.client.id, communityId: community, reporterId: writer, deliveryId: d.id, category: 'unpaid', state: 'pending', expiresAt: null, daysWaited: 18 });
      expect(await rejectionCodeOf(fileFlag(d, 'unpaid', daysBefore(1)))).toBe('FLAG_DUPLICATE');
      // Approved is still active.
      await approve(first.id);
      expect(await rejectionCodeOf(fileFlag(d, 'unpaid', daysBefore(1)))).toBe('FLAG_DUPLICATE');
      // Another kind, or another writer, is a different report.
      expect((await fileFlag(d, 'late_acceptance', daysBefore(1))).state).toBe('pending');
      const other = await newWriter();
      expect((await fileFlag(d, 'unpaid', daysBefore(1), { reporterId: other })).state).toBe('pending');

      await stores.warnings.setFlagState({ id: first.id, from: ['pending', 'approved'], to: 'retracted', at: NOW });
      const again = await fileFlag(d, 'unpaid', NOW);
      expect(again.id).not.toBe(first.id);
      expect(again.state).toBe('pending');
      const [row] = await database.db.select({ note: flags.note }).from(flags).where(eq(flags.id, first.id));
      expect(row?.note).toBe('moderators only');
    });

    it('counts the reports one member filed in one community since a moment', async () => {
      const community = await newCommunity();
      const elsewhere = await newCommunity();
      const writer = await newWriter();
      const other = await newWriter();
      const d1 = await deliver(writer, community, 'https://crowdworks.jp/public/employers/2101');
      const d2 = await deliver(other, community, 'https://crowdworks.jp/public/employers/2101');
      await fileFlag(d1, 'unpaid', daysBefore(1.25));
      await fileFlag(d1, 'late_acceptance', daysBefore(0.5));
      const retracted = await fileFlag(d1, 'scope_creep', daysBefore(0.1));
      await stores.warnings.setFlagState({ id: retracted.id, from: ['pending'], to: 'retracted', at: NOW });
      await fileFlag(d1, 'off_platform_request', daysBefore(0.2), { communityId: elsewhere });
      await fileFlag(d2, 'unpaid', daysBefore(0.2));

      expect(await stores.warnings.countFlagsSince(writer, community, daysBefore(1))).toBe(2);
      expect(await stores.warnings.countFlagsSince(writer, community, daysBefore(2))).toBe(3);
      expect(await stores.warnings.countFlagsSince(writer, elsewhere, daysBefore(1))).toBe(1);
      expect(await stores.warnings.countFlagsSince(other, community, daysBefore(1))).toBe(1);
      expect(await stores.warnings.countFlagsSince(writer, community, NOW)).toBe(0);
    });

    it('changes state only from the states allowed, stamping the review and the expiry', async () => {
      const community = await newCommunity();
      const writer = await newWriter();
      const moderator = await newWriter();
      const d = await deliver(writer, community, 'https://crowdworks.jp/public/employers/2201');
      const flag = await fileFlag(d, 'unpaid', daysBefore(2));
      const expiresAt = new Date(NOW.getTime() + 30 * DAY);

      expect(await stores.warnings.setFlagState({ id: flag.id, from: ['approved'], to: 'removed', at: NOW })).toBeUndefined();
      expect((await stores.warnings.findFlag(flag.id))?.state).toBe('pending');

      const approved = await stores.warnings.setFlagState({ id: flag.id, from: ['pending'], to: 'approved', at: NOW, by: moderator, expiresAt });
      expect(approved).toMatchObject({ id: flag.id, state: 'approved', expiresAt });
      // A second approval (a double click) changes nothing.
      expect(await stores.warnings.setFlagState({ id: flag.id, from: ['pending'], to: 'approved', at: NOW, expiresAt: null })).toBeUndefined();
      expect((await stores.warnings.findFlag(flag.id))?.expiresAt).toEqual(expiresAt);
      const [reviewed] = await database.db.select().from(flags).where(eq(flags.id, flag.id));
      expect(reviewed).toMatchObject({ reviewedAt: NOW, reviewedBy: moderator, retractedAt: null });

      const retracted = await stores.warnings.setFlagState({ id: flag.id, from: ['pending', 'approved'], to: 'retracted', at: NOW });
      expect(retracted?.state).toBe('retracted');
      const [row] = await database.db.select().from(flags).where(eq(flags.id, flag.id));
      expect(row?.retractedAt).toEqual(NOW);
      for (const to of ['approved', 'retracted', 'removed'] as FlagState[]) {
        expect(await stores.warnings.setFlagState({ id: flag.id, from: ['pending', 'approved'], to, at: NOW })).toBeUndefined();
      }
      expect((await stores.warnings.findFlag(flag.id))?.state).toBe('retracted');
      expect(await stores.warnings.findFlag(flag.id + 100_000)).toBeUndefined();
      expect(await stores.warnings.setFlagState({ id: flag.id + 100_000, from: ['pending'], to: 'approved', at: NOW })).toBeUndefined();
    });
  });

  describe('figures', () => {
    it('pools deliveries, writers, median days to acceptance, paid and desk shares and overdue ones', async () => {
      const community = await newCommunity();
      const [w1, w2, w3] = [await newWriter(), await newWriter(), await newWriter()];
      const client = 'https://crowdworks.jp/public/employers/3001';
      const D0 = daysBefore(30);
      const after = (days: number) => new Date(D0.getTime() + days * DAY);

      // Escrow-funded on a marketplace and accepted after 4 days: acceptance released the fee.
      const escrowed = await deliver(w1, community, client, { marketplace: 'crowdworks', escrow: 'funded', deliveredAt: D0 });
      await move(escrowed, 'accepted', after(4));
      await nudge(escrowed.id, 2, 'sent');
      // Direct and accepted after 10 days: still waiting for payment.
      const direct = await deliver(w1, community, client, { marketplace: 'direct', escrow: 'not_funded', deliveredAt: D0 });
      await move(direct, 'accepted', after(10));
      // Paid after 6 days, after the writer asked the platform desk (and recorded it).
      const desk = await deliver(w2, community, client, { marketplace: 'lancers', deliveredAt: D0 });
      await nudge(desk.id, 3, 'sent');
      await stores.events.add({ deliveryId: desk.id, kind: 'desk', at: after(5), text: null });
      await move(desk, 'paid', after(6));
      // Awaiting review past CrowdWorks' first reminder (day 3). Kenshu's desk reminder went out,
      // but the writer never said they asked the desk: that is no desk request.
      const overdue = await deliver(w2, community, client, { marketplace: 'crowdworks', deliveredAt: daysBefore(5) });
      await nudge(overdue.id, 3, 'sent');
      await stores.events.add({ deliveryId: overdue.id, kind: 'sent', at: daysBefore(1), text: null });
      // Awaiting review, but only one day in (Coconala's first reminder is day 2): not yet counted.
      await deliver(w3, community, client, { marketplace: 'coconala', deliveredAt: daysBefore(1) });
      // Cancelled: counted as a delivery, not as settled.
      const cancelled = await deliver(w3, community, client, { marketplace: 'upwork', escrow: 'unknown', deliveredAt: D0 });
      await nudge(cancelled.id, 3, 'sending');
      await move(cancelled, 'cancelled', after(2));

      expect(await figures(escrowed.client.id, community)).toEqual({ deliveries: 5, writers: 3, medianDaysToAcceptance: 6, paid: 2, settled: 4, neededDesk: 1, overdueNow: 1 });
    });

    it('counts a delivery as needing the desk only from the writer’s confirmed desk request, once however often asked', async () => {
      // One writer: figures show from one writer here, as a community may choose.
      const community = await newCommunity('private', { minWriters: 1, maxPerWriter: 20 });
      const writer = await newWriter();
      const client = 'https://www.lancers.jp/client/desk_only_if_confirmed';
      const reminded = await deliver(writer, community, client, { marketplace: 'lancers', deliveredAt: daysBefore(20) });
      await nudge(reminded.id, 3, 'sent');
      await stores.events.add({ deliveryId: reminded.id, kind: 'note', at: daysBefore(10), text: 'desk' });
      expect(await figures(reminded.client.id, community)).toMatchObject({ deliveries: 1, neededDesk: 0 });

      await stores.events.add({ deliveryId: reminded.id, kind: 'desk', at: daysBefore(9), text: null });
      await stores.events.add({ deliveryId: reminded.id, kind: 'desk', at: daysBefore(8), text: 'again' });
      const asked = await deliver(writer, community, client, { marketplace: 'lancers', deliveredAt: daysBefore(20) });
      await stores.events.add({ deliveryId: asked.id, kind: 'desk', at: daysBefore(9), text: null });
      expect(await figures(reminded.client.id, community)).toMatchObject({ deliveries: 2, neededDesk: 2 });
    });

    it('rounds the median to a tenth of a day, and has none without an acceptance', async () => {
      const community = await newCommunity('private', { minWriters: 1 });
      const writer = await newWriter();
      const client = 'Median Media';
      const D0 = daysBefore(20);
      const a = await deliver(writer, community, client, { marketplace: 'direct', deliveredAt: D0 });
      const b = await deliver(writer, community, client, { marketplace: 'direct', deliveredAt: D0 });
      expect((await figures(a.client.id, community)).medianDaysToAcceptance).toBeNull();
      await move(a, 'accepted', new Date(D0.getTime() + 2 * DAY));
      await move(b, 'paid', new Date(D0.getTime() + 3.25 * DAY));
      // (2 + 3.25) / 2 = 2.625
      expect(await figures(a.client.id, community)).toMatchObject({ deliveries: 2, writers: 1, medianDaysToAcceptance: 2.6, paid: 1, settled: 2 });
    });

    it('counts only the viewer\'s community, plus federated ones when allowed, never another private one', async () => {
      // Figures from one writer show in each: this is about which communities count.
      const viewer = await newCommunity('private', { minWriters: 1 });
      const federated = await newCommunity('federated', { minWriters: 1 });
      const secret = await newCommunity('private', { minWriters: 1 });
      const client = 'https://lancers.jp/client/scope_test';
      const own = await deliver(await newWriter(), viewer, client, { marketplace: 'lancers' });
      await deliver(await newWriter(), federated, client, { marketplace: 'lancers' });
      const hidden = await deliver(await newWriter(), secret, client, { marketplace: 'lancers' });
      await move(hidden, 'paid', daysBefore(3));
      await deliver(await newWriter(), secret, client, { marketplace: 'lancers' });

      expect(await figures(own.client.id, viewer)).toMatchObject({ deliveries: 1, writers: 1, paid: 0 });
      expect(await figures(own.client.id, viewer, true)).toMatchObject({ deliveries: 2, writers: 2, paid: 0, overdueNow: 2 });
      expect(await figures(own.client.id, secret)).toMatchObject({ deliveries: 2, writers: 2, paid: 1 });
      expect(await figures(own.client.id, secret, true)).toMatchObject({ deliveries: 3, writers: 3, paid: 1 });
      expect(await figures(own.client.id + 100_000, viewer, true)).toEqual({
        deliveries: 0,
        writers: 0,
        medianDaysToAcceptance: null,
        paid: 0,
        settled: 0,
        neededDesk: 0,
        overdueNow: 0,
      });
    });
  });

  describe('figures that cannot be gamed or identify a writer', () => {
    /** What a lookup by `viewerId` in `communityId` shows. */
    const seenBy = (viewerId: number, clientId: number, communityId: number, includeFederated = false) =>
      stores.warnings.summarize({ clientId, communityId, viewerId, now: NOW, federated: includeFederated ? 'all' : 'none' });

    it('counts a delivery only once Kenshu has recorded it for its first reminder’s days, whatever date was typed', async () => {
      const community = await newCommunity('private', { minWriters: 1 });
      const [w1, w2] = [await newWriter(), await newWriter()];
      const client = 'https://crowdworks.jp/public/employers/3501';
      // Typed as delivered a year ago, recorded two days ago: CrowdWorks' first reminder is day 3.
      const backdated = await deliver(w1, community, client, { deliveredAt: daysBefore(365), recordedAt: daysBefore(2) });
      // Coconala's first reminder is day 2: recorded exactly two days ago, it counts.
      await deliver(w2, community, client, { marketplace: 'coconala', deliveredAt: daysBefore(10), recordedAt: daysBefore(2) });
      expect((await seenBy(0, backdated.client.id, community)).figures).toMatchObject({ deliveries: 1, writers: 1 });

      const later = await stores.warnings.summarize({ clientId: backdated.client.id, communityId: community, viewerId: 0, now: new Date(NOW.getTime() + DAY), federated: 'none' });
      expect(later.figures).toMatchObject({ deliveries: 2, writers: 2 });
    });

    it("counts one writer's deliveries for a client at most max_per_writer times, first recorded first", async () => {
      const community = await newCommunity('private', { minWriters: 1 });
      const [flooder, other] = [await newWriter(), await newWriter()];
      const client = 'https://crowdworks.jp/public/employers/3502';
      // One account records ten unpaid deliveries; the other writer's one was paid.
      for (let i = 0; i < 10; i++) await deliver(flooder, community, client, { recordedAt: daysBefore(20 - i) });
      const paid = await deliver(other, community, client);
      await move(paid, 'paid', daysBefore(15));

      expect((await seenBy(0, paid.client.id, community)).figures).toMatchObject({ deliveries: 4, writers: 2, paid: 1, settled: 4 });
      await stores.communities.updateSettings(community, { maxPerWriter: 1 });
      expect((await seenBy(0, paid.client.id, community)).figures).toMatchObject({ deliveries: 2, writers: 2, paid: 1, settled: 2 });
      await stores.communities.updateSettings(community, { maxPerWriter: 20 });
      expect((await seenBy(0, paid.client.id, community)).figures).toMatchObject({ deliveries: 11, writers: 2 });
    });

    it('shows figures only where min_writers writers other than the viewer contributed; the viewer’s own apart', async () => {
      const community = await newCommunity();
      const [viewer, w1, w2] = [await newWriter(), await newWriter(), await newWriter()];
      const client = 'https://crowdworks.jp/public/employers/3503';
      const mine = await deliver(viewer, community, client);
      await move(mine, 'paid', daysBefore(15));
      await deliver(viewer, community, client);
      await deliver(w1, community, client);
      const id = mine.client.id;

      // The viewer and one other writer: the other would be identified by subtraction.
      const alone = await seenBy(viewer, id, community);
      expect(alone.figures).toMatchObject({ deliveries: 0, writers: 0 });
      expect(alone.figuresWithheld).toBe(true);
      expect(alone.own).toEqual({ deliveries: 2, paid: 1 });
      // Someone who recorded nothing sees two writers: enough.
      expect((await seenBy(0, id, community)).figures).toMatchObject({ deliveries: 3, writers: 2 });

      await deliver(w2, community, client);
      const enough = await seenBy(viewer, id, community);
      expect(enough.figures).toMatchObject({ deliveries: 2, writers: 2, paid: 0 });
      expect(enough.figuresWithheld).toBe(false);
      expect(enough.own).toEqual({ deliveries: 2, paid: 1 });
      // W1 looking: the viewer and w2 are the others; w1's own delivery is apart.
      expect(await seenBy(w1, id, community)).toMatchObject({ figures: { deliveries: 3, writers: 2, paid: 1 }, own: { deliveries: 1, paid: 0 } });

      await stores.communities.updateSettings(community, { minWriters: 3 });
      expect(await seenBy(viewer, id, community)).toMatchObject({ figures: { deliveries: 0 }, figuresWithheld: true });
    });

    it("applies each federated community's own min_writers to the figures that come from it", async () => {
      const viewerCommunity = await newCommunity('private', { minWriters: 1 });
      const strict = await newCommunity('federated', { minWriters: 3 });
      const open = await newCommunity('federated', { minWriters: 1 });
      const viewer = await newWriter();
      const client = 'https://crowdworks.jp/public/employers/3504';
      const d = await deliver(await newWriter(), strict, client);
      await deliver(await newWriter(), strict, client);
      await deliver(await newWriter(), open, client);

      // The strict community's two writers are fewer than its three: they never show elsewhere.
      const seen = await seenBy(viewer, d.client.id, viewerCommunity, true);
      expect(seen.figures).toMatchObject({ deliveries: 1, writers: 1 });
      expect(seen.figuresWithheld).toBe(true);
      await deliver(await newWriter(), strict, client);
      expect((await seenBy(viewer, d.client.id, viewerCommunity, true)).figures).toMatchObject({ deliveries: 4, writers: 4 });
      expect((await seenBy(viewer, d.client.id, viewerCommunity, true)).figuresWithheld).toBe(false);
    });
  });

  describe('flag summaries', () => {
    it('shows only approved, unexpired reports, by category, with writers, dates and outcomes', async () => {
      const community = await newCommunity();
      const client = 'https://crowdworks.jp/public/employers/4001';
      const D0 = daysBefore(60);
      const writers = [] as number[];
      for (let i = 0; i < 7; i++) writers.push(await newWriter());
      const [r1, r2, r3, r4, r5, r6, r7] = writers as [number, number, number, number, number, number, number];
      const t1 = daysBefore(40);
      const t2 = daysBefore(30);
      const t3 = daysBefore(20);

      // Unpaid, later paid after the writer asked the platform desk.
      const paidAfterDesk = await deliver(r1, community, client, { marketplace: 'crowdworks', deliveredAt: D0 });
      await approve((await fileFlag(paidAfterDesk, 'unpaid', t2)).id);
      await nudge(paidAfterDesk.id, 3, 'sent');
      await stores.events.add({ deliveryId: paidAfterDesk.id, kind: 'desk', at: daysBefore(12), text: null });
      await move(paidAfterDesk, 'paid', daysBefore(10));
      // Unpaid, later accepted on a direct deal: still waiting for the money.
      const acceptedDirect = await deliver(r2, community, client, { marketplace: 'direct', escrow: 'not_funded', deliveredAt: D0 });
      await approve((await fileFlag(acceptedDirect, 'unpaid', t1)).id);
      await move(acceptedDirect, 'accepted', daysBefore(5));
      // Unpaid, later accepted with funded escrow: acceptance released the fee, so it reads as paid.
      const released = await deliver(r3, community, client, { marketplace: 'crowdworks', escrow: 'funded', deliveredAt: D0 });
      await approve((await fileFlag(released, 'unpaid', t3)).id);
      // Kenshu told the writer to ask the desk; they did not say they did.
      await nudge(released.id, 3, 'sent');
      await move(released, 'accepted', daysBefore(4));
      // Not shown: pending, rejected, retracted, removed, expired.
      const pending = await deliver(r4, community, client, { deliveredAt: D0 });
      await fileFlag(pending, 'unpaid', t3);
      const rejected = await fileFlag(pending, 'scope_creep', t3);
      await stores.warnings.setFlagState({ id: rejected.id, from: ['pending'], to: 'rejected', at: NOW });
      const retracted = await fileFlag(pending, 'unfair_rejection', t3);
      await approve(retracted.id);
      await stores.warnings.setFlagState({ id: retracted.id, from: ['pending', 'approved'], to: 'retracted', at: NOW });
      const removed = await fileFlag(pending, 'abusive_communication', t3);
      await approve(removed.id);
      await stores.warnings.setFlagState({ id: removed.id, from: ['approved'], to: 'removed', at: NOW });
      const expired = await deliver(r5, community, client, { deliveredAt: D0 });
      await approve((await fileFlag(expired, 'no_response_after_delivery', t1)).id, NOW);
      await approve((await fileFlag(expired, 'off_platform_request', t1)).id, daysBefore(1));
      // Shown, without an expiry, and still awaiting review: no outcome yet.
      const waiting = await deliver(r6, community, client, { deliveredAt: D0 });
      await approve((await fileFlag(waiting, 'late_acceptance', t2)).id, null);
      // Approved, unexpired, in force until a moment after now.
      const lastMoment = await deliver(r7, community, client, { deliveredAt: D0 });
      await approve((await fileFlag(lastMoment, 'late_acceptance', t3)).id, new Date(NOW.getTime() + 1));

      const summaries = await flagSummaries(paidAfterDesk.client.id, community);
      expect(summaries).toEqual([
        { category: 'unpaid', count: 3, writers: 3, first: t1, last: t3, laterAccepted: 1, laterPaid: 2, paidAfterDesk: 1 },
        { category: 'late_acceptance', count: 2, writers: 2, first: t2, last: t3, laterAccepted: 0, laterPaid: 0, paidAfterDesk: 0 },
      ]);
    });

    it('keeps a report whose delivery is gone, without an outcome', async () => {
      const community = await newCommunity();
      const d = await deliver(await newWriter(), community, 'https://crowdworks.jp/public/employers/4101');
      const flag = await fileFlag(d, 'unpaid', daysBefore(3));
      await approve(flag.id);
      await database.db.update(flags).set({ deliveryId: null }).where(eq(flags.id, flag.id));
      expect(await flagSummaries(d.client.id, community)).toEqual([
        { category: 'unpaid', count: 1, writers: 1, first: daysBefore(3), last: daysBefore(3), laterAccepted: 0, laterPaid: 0, paidAfterDesk: 0 },
      ]);
    });

    it('counts reports and consensus writers only from the viewer\'s community and federated ones', async () => {
      const viewer = await newCommunity('private');
      const federated = await newCommunity('federated');
      const secret = await newCommunity('private');
      const client = 'https://crowdworks.jp/public/employers/4201';
      const at = daysBefore(3);
      const own = await deliver(await newWriter(), viewer, client);
      await approve((await fileFlag(own, 'unpaid', at)).id);
      const shared = await deliver(await newWriter(), federated, client);
      await approve((await fileFlag(shared, 'unpaid', at)).id);
      await approve((await fileFlag(shared, 'late_acceptance', at)).id);
      await fileFlag(await deliver(await newWriter(), federated, client), 'unpaid', at); // pending: not counted
      for (let i = 0; i < 3; i++) await approve((await fileFlag(await deliver(await newWriter(), secret, client), 'unpaid', at)).id);

      const clientId = own.client.id;
      const counts = async (communityId: number, includeFederated: boolean) =>
        Object.fromEntries((await flagSummaries(clientId, communityId, includeFederated)).map((s) => [s.category, [s.count, s.writers]]));
      expect(await counts(viewer, false)).toEqual({ unpaid: [1, 1] });
      expect(await counts(viewer, true)).toEqual({ unpaid: [2, 2], late_acceptance: [1, 1] });
      expect(await counts(secret, false)).toEqual({ unpaid: [3, 3] });
      expect(await counts(secret, true)).toEqual({ unpaid: [4, 4], late_acceptance: [1, 1] });

      // Distinct writers, not reports: the federated writer's two reports count once.
      expect(await consensusWriters(clientId, viewer, NOW)).toBe(2);
      expect(await consensusWriters(clientId, federated, NOW)).toBe(1);
      expect(await consensusWriters(clientId, secret, NOW)).toBe(4);
      // Once every approval has expired, nobody counts.
      expect(await consensusWriters(clientId, viewer, new Date(NOW.getTime() + 400 * DAY))).toBe(0);
    });
  });
});
