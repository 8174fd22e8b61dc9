import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseClientIdentity } from '../../src/domain/client-identity.js';
import { type Stores } from '../../src/store/index.js';
import { clientAliases, deliveries } from '../../src/store/schema.js';
import { newDelivery } from '../support/delivery-records.js';
import { testDatabaseKinds, useStoreDatabase, type TestDatabase } from '../support/databases.js';

const NOW = new Date('2026-11-26T03:00:00.000Z');
const LATER = new Date('2026-11-27T03:00:00.000Z');

/** The store methods behind `/deliver new`'s spellings, `/deliver edit`, `/deliver reopen` and the list's totals. */
describe.each(testDatabaseKinds)('delivery edits on $name', (kind) => {
  let database: TestDatabase;
  let stores: Stores;
  let communityId: number;
  let otherCommunityId: number;
  let userSeq = 0;
  const newWriter = async () => (await stores.members.ensureMember({ platform: 'discord', platformUserId: `e${++userSeq}`, displayName: `Writer ${userSeq}` })).id;
  const claimTokenOf = async (id: number) => (await database.db.select({ t: deliveries.claimToken }).from(deliveries).where(eq(deliveries.id, id)))[0]!.t;
  const holdClaim = (id: number) => database.db.update(deliveries).set({ claimToken: 'held-by-a-scheduler' }).where(eq(deliveries.id, id));

  useStoreDatabase(kind, (suite) => ({ database, stores, communityId } = suite));
  beforeAll(async () => {
    otherCommunityId = (await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: 'g2', name: 'Others' })).id;
  });

  it("lists the names a community typed for a client, newest first, never another community's", async () => {
    const record = async (name: string, community: number) =>
      stores.deliveries.record(newDelivery(await newWriter(), community, { client: parseClientIdentity(name), clientName: name }), NOW);
    const first = await record('株式会社ミナト書房', otherCommunityId);
    await record('ミナト書房', communityId);
    await record('ﾐﾅﾄ書房(株)', communityId);
    await record('ミナト書房', communityId);
    const profileOnly = await stores.deliveries.record(newDelivery(await newWriter(), communityId, { client: parseClientIdentity('株式会社ミナト書房'), clientName: null }), NOW);
    expect(profileOnly.client.id).toBe(first.client.id);
    expect(await stores.deliveries.clientNames(first.client.id, communityId, 10)).toEqual(['ミナト書房', 'ﾐﾅﾄ書房(株)']);
    expect(await stores.deliveries.clientNames(first.client.id, communityId, 1)).toEqual(['ミナト書房']);
    expect(await stores.deliveries.clientNames(first.client.id, otherCommunityId, 10)).toEqual(['株式会社ミナト書房']);

    // Read with the record instead: the same names, as they stood before the delivery recorded.
    const withNames = (name: string, limit: number) =>
      newWriter().then((writer) => stores.deliveries.record(newDelivery(writer, communityId, { client: parseClientIdentity(name), clientName: name }), NOW, { clientNames: limit }));
    const again = await withNames('みなと書房', 10);
    expect(again.earlierClientNames).toEqual(['ミナト書房', 'ﾐﾅﾄ書房(株)']);
    expect(await stores.deliveries.clientNames(first.client.id, communityId, 10)).toEqual(['みなと書房', 'ミナト書房', 'ﾐﾅﾄ書房(株)']);
    expect((await withNames('ミナト書房', 1)).earlierClientNames).toEqual(['みなと書房']);
    // Only when asked for; a client new to everyone has none.
    expect(again).toEqual({ ...(await stores.deliveries.findById(again.id)), earlierClientNames: ['ミナト書房', 'ﾐﾅﾄ書房(株)'] });
    expect('earlierClientNames' in (await stores.deliveries.record(newDelivery(await newWriter(), communityId), NOW))).toBe(false);
    expect((await withNames('初めての出版社', 10)).earlierClientNames).toEqual([]);
  });

  it('records a delivery for a name merged into another client under that client', async () => {
    const target = await stores.deliveries.record(newDelivery(await newWriter(), communityId, { client: parseClientIdentity('Harbor Press') }), NOW);
    await database.db.insert(clientAliases).values({ clientId: target.client.id, key: 'name:みなとぷれす', displayName: 'ミナトプレス', normalizedName: 'みなとぷれす' });
    const viaAlias = await stores.deliveries.record(newDelivery(await newWriter(), communityId, { client: parseClientIdentity('みなとプレス'), clientName: 'みなとプレス' }), NOW);
    expect(viaAlias.client).toEqual(target.client);
  });

  it('edits only the fields given, re-links the client, clears a scheduler claim, and returns the new client', async () => {
    const writer = await newWriter();
    const d = await stores.deliveries.record(newDelivery(writer, communityId, { marketplace: 'direct', escrow: 'not_funded' }), NOW);
    await holdClaim(d.id);
    const dueAt = new Date('2026-12-31T14:59:59.999Z');
    const edited = await stores.deliveries.edit({
      id: d.id,
      from: 'awaiting_review',
      at: LATER,
      nextNudgeAt: LATER,
      client: parseClientIdentity('https://crowdworks.jp/public/employers/31337'),
      clientName: 'Harbor Books',
      amount: 12.5,
      currency: 'USD',
      dueAt,
      dueTerms: 'month_end_next_month_end',
      letterLocale: 'en',
    });
    expect(edited).toEqual({
      ...d,
      client: expect.objectContaining({ key: 'crowdworks:31337', profileUrl: 'https://crowdworks.jp/public/employers/31337' }),
      clientName: 'Harbor Books',
      amount: 12.5,
      currency: 'USD',
      dueAt,
      dueTerms: 'month_end_next_month_end',
      letterLocale: 'en',
      nextNudgeAt: LATER,
    });
    expect(await stores.deliveries.findById(d.id)).toEqual(edited);
    expect(await claimTokenOf(d.id)).toBeNull();

    // Nulls are written as nulls; fields left out stay.
    const cleared = await stores.deliveries.edit({ id: d.id, from: 'awaiting_review', at: LATER, nextNudgeAt: null, amount: null, dueAt: null, dueTerms: null, title: 'Renamed', deliveredAt: NOW, escrow: 'unknown' });
    expect(cleared).toMatchObject({ amount: null, dueAt: null, dueTerms: null, title: 'Renamed', deliveredAt: NOW, escrow: 'unknown', clientName: 'Harbor Books', currency: 'USD', nextNudgeAt: null });
  });

  it('does not edit a delivery whose status moved meanwhile', async () => {
    const d = await stores.deliveries.record(newDelivery(await newWriter(), communityId), NOW);
    await stores.deliveries.changeStatus({ id: d.id, from: 'awaiting_review', to: 'paid', at: NOW, nextNudgeAt: null });
    expect(await stores.deliveries.edit({ id: d.id, from: 'awaiting_review', at: LATER, nextNudgeAt: LATER, title: 'Late edit' })).toBeUndefined();
    expect((await stores.deliveries.findById(d.id))!.title).toBe(d.title);
  });

  it('reopens: back to review clears every mark, back to accepted keeps the acceptance; compare-and-set', async () => {
    const d = await stores.deliveries.record(newDelivery(await newWriter(), communityId), NOW);
    await stores.deliveries.changeStatus({ id: d.id, from: 'awaiting_review', to: 'accepted', at: NOW, nextNudgeAt: null });
    await stores.deliveries.changeStatus({ id: d.id, from: 'accepted', to: 'paid', at: LATER, nextNudgeAt: null });
    await holdClaim(d.id);
    const accepted = await stores.deliveries.reopen({ id: d.id, from: 'paid', to: 'accepted', at: LATER, nextNudgeAt: LATER });
    expect(accepted).toMatchObject({ status: 'accepted', acceptedAt: NOW, paidAt: null, cancelledAt: null, nextNudgeAt: LATER, client: d.client });
    expect(await claimTokenOf(d.id)).toBeNull();
    expect(await stores.deliveries.reopen({ id: d.id, from: 'paid', to: 'accepted', at: LATER, nextNudgeAt: LATER })).toBeUndefined();

    await stores.deliveries.changeStatus({ id: d.id, from: 'accepted', to: 'cancelled', at: LATER, nextNudgeAt: null });
    const review = await stores.deliveries.reopen({ id: d.id, from: 'cancelled', to: 'awaiting_review', at: LATER, nextNudgeAt: NOW });
    expect(review).toMatchObject({ status: 'awaiting_review', acceptedAt: null, paidAt: null, cancelledAt: null, nextNudgeAt: NOW });
    expect(await stores.deliveries.findById(d.id)).toEqual(review);
  });

  it("totals what the writer is still owed over all their open deliveries, and only theirs", async () => {
    const writer = await newWriter();
    const add = async (overrides: Parameters<typeof newDelivery>[2]) => stores.deliveries.record(newDelivery(writer, communityId, overrides), NOW);
    const none = { byCurrency: [], withoutAmount: 0, oldestDeliveredAt: null };
    expect(await stores.deliveries.unpaidTotals(writer)).toEqual(none);
    expect(await stores.deliveries.listByWriter(writer, { scope: 'all', limit: 10, withOwed: true })).toEqual({ deliveries: [], total: 0, owed: none });

    const oldest = new Date('2026-09-01T03:00:00.000Z');
    for (let i = 0; i < 30; i++) await add({ amount: 1000, marketplace: 'direct', escrow: 'not_funded', deliveredAt: i === 0 ? oldest : NOW });
    await add({ amount: 19.99, currency: 'USD', marketplace: 'upwork', escrow: 'unknown' });
    await add({ amount: null, currency: 'USD', marketplace: 'direct', escrow: 'not_funded' });
    await add({ amount: null });
    const released = await add({ amount: 7000 }); // crowdworks, funded
    await stores.deliveries.changeStatus({ id: released.id, from: 'awaiting_review', to: 'accepted', at: NOW, nextNudgeAt: null });
    const acceptedDirect = await add({ amount: 500, marketplace: 'direct', escrow: 'not_funded' });
    await stores.deliveries.changeStatus({ id: acceptedDirect.id, from: 'awaiting_review', to: 'accepted', at: NOW, nextNudgeAt: null });
    const paid = await add({ amount: 99999 });
    await stores.deliveries.changeStatus({ id: paid.id, from: 'awaiting_review', to: 'paid', at: NOW, nextNudgeAt: null });
    const cancelled = await add({ amount: 88888, deliveredAt: new Date('2026-01-01T00:00:00.000Z') });
    await stores.deliveries.changeStatus({ id: cancelled.id, from: 'awaiting_review', to: 'cancelled', at: NOW, nextNudgeAt: null });
    await stores.deliveries.record(newDelivery(await newWriter(), communityId, { amount: 12345 }), NOW);

    const owed = {
      byCurrency: [
        { currency: 'JPY', amount: 30 * 1000 + 500, count: 31 },
        { currency: 'USD', amount: 19.99, count: 1 },
      ],
      withoutAmount: 2,
      oldestDeliveredAt: oldest,
    };
    expect(await stores.deliveries.unpaidTotals(writer)).toEqual(owed);
    // Read with a page instead: the same totals over every open delivery, whatever the page and its scope show.
    for (const scope of ['open', 'all'] as const) {
      const page = await stores.deliveries.listByWriter(writer, { scope, limit: 5, withOwed: true });
      expect(page.owed).toEqual(owed);
      expect(page).toEqual({ ...(await stores.deliveries.listByWriter(writer, { scope, limit: 5 })), owed });
    }
    expect((await stores.deliveries.listByWriter(writer, { scope: 'open', limit: 5 })).owed).toBeUndefined();
  });
});
