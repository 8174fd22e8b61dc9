import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parseClientIdentity } from '../../src/domain/client-identity.js';
import { createStores, openDatabase, type Stores } from '../../src/store/index.js';
import { clientAliases, clients } from '../../src/store/schema.js';
import { newDelivery } from '../support/delivery-records.js';
import { createPostgresDatabase, TEST_DATABASE_URL, testDatabaseKinds, useStoreDatabase, type TestDatabase } from '../support/databases.js';

const NOW = new Date('2026-11-26T03:00:00.000Z');

describe.each(testDatabaseKinds)('store contract on $name', (kind) => {
  let database: TestDatabase;
  let stores: Stores;
  let communityId: number;
  let userSeq = 0;
  const newWriter = async () => (await stores.members.ensureMember({ platform: 'discord', platformUserId: `u${++userSeq}`, displayName: `Writer ${userSeq}` })).id;

  useStoreDatabase(kind, (suite) => ({ database, stores, communityId } = suite));

  it('finds the same community again and keeps its name current', async () => {
    const again = await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: 'g1', name: 'Writers (renamed)' });
    expect(again.id).toBe(communityId);
    expect(again.name).toBe('Writers (renamed)');
    const slack = await stores.communities.ensureCommunity({ platform: 'slack', platformCommunityId: 'g1', name: 'Same id, other platform' });
    expect(slack.id).not.toBe(communityId);
  });

  it('finds who is asking and where in one call, creating and refreshing each as the two calls apart would', async () => {
    const where = { platform: 'discord' as const, platformCommunityId: 'g-both', name: 'Both' };
    const who = { platform: 'discord' as const, platformUserId: 'm-both', displayName: 'はなこ', platformLocale: 'ja' as const };
    const first = await stores.members.ensureMemberIn(where, who);
    expect(first.community).toEqual(await stores.communities.findCommunity('discord', 'g-both'));
    expect(first.member).toEqual(await stores.members.findMember('discord', 'm-both'));
    expect(first.member).toMatchObject({ displayName: 'はなこ', platformLocale: 'ja', locale: null, quietStartMinute: 22 * 60 });
    // Nothing changed: the same rows, as they are kept.
    expect(await stores.members.ensureMemberIn(where, who)).toEqual(first);
    // A renamed server and a member with a new name and language: both kept current.
    const renamed = await stores.members.ensureMemberIn({ ...where, name: 'Both (renamed)' }, { ...who, displayName: 'Hanako', platformLocale: 'en' });
    expect(renamed.community).toMatchObject({ id: first.community.id, name: 'Both (renamed)' });
    expect(renamed.member).toMatchObject({ id: first.member.id, displayName: 'Hanako', platformLocale: 'en' });
    // A member new to a community Kenshu knows.
    const newcomer = await stores.members.ensureMemberIn(where, { platform: 'discord', platformUserId: 'm-new', displayName: 'New' });
    expect(newcomer.community.id).toBe(first.community.id);
    expect(newcomer.member.id).not.toBe(first.member.id);
  });

  it('creates a member once, with default quiet hours 22:00-08:00 and no chosen language', async () => {
    const first = await stores.members.ensureMember({ platform: 'discord', platformUserId: 'm-1', displayName: 'はなこ' });
    const again = await stores.members.ensureMember({ platform: 'discord', platformUserId: 'm-1', displayName: 'Hanako' });
    expect(again.id).toBe(first.id);
    expect(again.displayName).toBe('Hanako');
    expect(first).toMatchObject({ locale: null, platformLocale: null, timezone: null, quietStartMinute: 22 * 60, quietEndMinute: 8 * 60, skipWeekends: false });
    // The platform's locale is remembered for DMs, and kept when a later call does not say.
    expect((await stores.members.ensureMember({ platform: 'discord', platformUserId: 'm-1', displayName: 'Hanako', platformLocale: 'en' })).platformLocale).toBe('en');
    expect((await stores.members.ensureMember({ platform: 'discord', platformUserId: 'm-1', displayName: 'Hanako' })).platformLocale).toBe('en');
  });

  it('numbers each writer\'s deliveries 1, 2, 3 independently of other writers', async () => {
    const a = await newWriter();
    const b = await newWriter();
    const a1 = await stores.deliveries.record(newDelivery(a, communityId), NOW);
    const b1 = await stores.deliveries.record(newDelivery(b, communityId), NOW);
    const a2 = await stores.deliveries.record(newDelivery(a, communityId), NOW);
    expect([a1.number, a2.number, b1.number]).toEqual([1, 2, 1]);
  });

  it('stores every field as given and reads it back the same', async () => {
    const writer = await newWriter();
    const recorded = await stores.deliveries.record(
      newDelivery(writer, communityId, { amount: 12.5, currency: 'USD', escrow: 'unknown', marketplace: 'upwork', client: parseClientIdentity('https://www.upwork.com/companies/~01abcdef1234') }),
      NOW,
    );
    const found = await stores.deliveries.findByNumber(writer, recorded.number);
    expect(found).toEqual(recorded);
    expect(found).toMatchObject({
      title: 'SEO記事 10本',
      amount: 12.5,
      currency: 'USD',
      marketplace: 'upwork',
      escrow: 'unknown',
      status: 'awaiting_review',
      jobUrl: 'https://crowdworks.jp/public/jobs/1234567',
      acceptedAt: null,
      paidAt: null,
      cancelledAt: null,
      client: { key: 'upwork:~01abcdef1234', profileUrl: 'https://www.upwork.com/companies/~01abcdef1234' },
    });
    expect(found!.deliveredAt.toISOString()).toBe('2026-11-01T03:00:00.123Z');
    expect(found!.createdAt.toISOString()).toBe(NOW.toISOString());
  });

  it('keeps an amount left out as null', async () => {
    const writer = await newWriter();
    const d = await stores.deliveries.record(newDelivery(writer, communityId, { amount: null }), NOW);
    expect((await stores.deliveries.findByNumber(writer, d.number))!.amount).toBeNull();
  });

  it('shares one client between deliveries that name it differently, keeping the first display name', async () => {
    const writer = await newWriter();
    const first = await stores.deliveries.record(newDelivery(writer, communityId, { client: parseClientIdentity('ｱｸﾒ・ﾒﾃﾞｨｱ(株)') }), NOW);
    const second = await stores.deliveries.record(newDelivery(writer, communityId, { client: parseClientIdentity('株式会社 アクメ・メディア') }), NOW);
    expect(second.client.id).toBe(first.client.id);
    expect(second.client.displayName).toBe(first.client.displayName);
  });

  it('never finds another writer\'s delivery by number', async () => {
    const owner = await newWriter();
    const other = await newWriter();
    const d = await stores.deliveries.record(newDelivery(owner, communityId), NOW);
    expect(await stores.deliveries.findByNumber(other, d.number)).toBeUndefined();
    expect(await stores.deliveries.findByNumber(owner, d.number)).toBeDefined();
  });

  it('lists newest first, filters by status and counts beyond the page', async () => {
    const writer = await newWriter();
    for (let i = 0; i < 5; i++) await stores.deliveries.record(newDelivery(writer, communityId, { title: `t${i + 1}` }), NOW);
    const third = (await stores.deliveries.findByNumber(writer, 3))!;
    await stores.deliveries.changeStatus({ id: third.id, from: 'awaiting_review', to: 'paid', at: NOW, nextNudgeAt: null });

    const page = await stores.deliveries.listByWriter(writer, { scope: 'all', limit: 2 });
    expect(page.total).toBe(5);
    expect(page.deliveries.map((d) => d.number)).toEqual([5, 4]);
    const open = await stores.deliveries.listByWriter(writer, { scope: 'open', limit: 10 });
    expect(open.total).toBe(4);
    expect(open.deliveries.map((d) => d.number)).toEqual([5, 4, 2, 1]);
    // A page exactly full, and a writer with none.
    expect((await stores.deliveries.listByWriter(writer, { scope: 'open', limit: 4 })).total).toBe(4);
    expect(await stores.deliveries.listByWriter(await newWriter(), { scope: 'all', limit: 10 })).toEqual({ deliveries: [], total: 0 });
  });

  it('counts an accepted delivery as open only while it still waits for payment', async () => {
    const writer = await newWriter();
    const escrowed = await stores.deliveries.record(newDelivery(writer, communityId, { marketplace: 'crowdworks', escrow: 'funded' }), NOW);
    const unfunded = await stores.deliveries.record(newDelivery(writer, communityId, { marketplace: 'lancers', escrow: 'not_funded' }), NOW);
    const direct = await stores.deliveries.record(newDelivery(writer, communityId, { marketplace: 'direct', escrow: 'funded' }), NOW);
    for (const d of [escrowed, unfunded, direct]) await stores.deliveries.changeStatus({ id: d.id, from: 'awaiting_review', to: 'accepted', at: NOW, nextNudgeAt: null });
    const open = await stores.deliveries.listByWriter(writer, { scope: 'open', limit: 10 });
    expect(open.deliveries.map((d) => d.number).sort()).toEqual([unfunded.number, direct.number].sort());
  });

  it('changes status only from the expected status, stamping the dates', async () => {
    const writer = await newWriter();
    const d = await stores.deliveries.record(newDelivery(writer, communityId), NOW);
    const acceptedAt = new Date('2026-11-05T00:00:00.000Z');
    const accepted = await stores.deliveries.changeStatus({ id: d.id, from: 'awaiting_review', to: 'accepted', at: acceptedAt, nextNudgeAt: null });
    expect(accepted).toMatchObject({ status: 'accepted', acceptedAt, paidAt: null });

    // A second click that still believes it is awaiting review changes nothing.
    expect(await stores.deliveries.changeStatus({ id: d.id, from: 'awaiting_review', to: 'cancelled', at: NOW, nextNudgeAt: null })).toBeUndefined();
    expect((await stores.deliveries.findByNumber(writer, d.number))!.status).toBe('accepted');

    const paid = await stores.deliveries.changeStatus({ id: d.id, from: 'accepted', to: 'paid', at: NOW, nextNudgeAt: null });
    expect(paid).toMatchObject({ status: 'paid', acceptedAt, paidAt: NOW, cancelledAt: null });
  });

  it('marks a delivery paid straight from review as accepted at the same moment', async () => {
    const writer = await newWriter();
    const d = await stores.deliveries.record(newDelivery(writer, communityId), NOW);
    const paid = await stores.deliveries.changeStatus({ id: d.id, from: 'awaiting_review', to: 'paid', at: NOW, nextNudgeAt: null });
    expect(paid).toMatchObject({ status: 'paid', acceptedAt: NOW, paidAt: NOW });
  });

  it('stamps cancellation', async () => {
    const writer = await newWriter();
    const d = await stores.deliveries.record(newDelivery(writer, communityId), NOW);
    expect(await stores.deliveries.changeStatus({ id: d.id, from: 'awaiting_review', to: 'cancelled', at: NOW, nextNudgeAt: null })).toMatchObject({ status: 'cancelled', cancelledAt: NOW });
  });

  it('records nothing, not even the client, when the delivery cannot be stored', async () => {
    const client = parseClientIdentity('https://coconala.com/users/987654');
    await expect(stores.deliveries.record(newDelivery(999_999_999, communityId, { client, marketplace: 'coconala' }), NOW)).rejects.toThrow();
    const rows = await database.db.select().from(clients).where(eq(clients.key, client.key));
    expect(rows).toEqual([]);
  });

  it('finds a delivery by id and updates its reminders', async () => {
    const writer = await newWriter();
    const d = await stores.deliveries.record(newDelivery(writer, communityId), NOW);
    expect(await stores.deliveries.findById(d.id)).toEqual(d);
    expect(d).toMatchObject({ reminders: 'active', snoozedUntil: null, lastStage: 0, nextNudgeAt: new Date('2026-11-04T03:00:00.000Z') });
    const until = new Date('2026-12-01T00:00:00.000Z');
    const snoozed = await stores.deliveries.updateReminders({ id: d.id, snoozedUntil: until, nextNudgeAt: until, at: NOW });
    expect(snoozed).toMatchObject({ reminders: 'active', snoozedUntil: until, nextNudgeAt: until });
    const paused = await stores.deliveries.updateReminders({ id: d.id, reminders: 'paused', nextNudgeAt: null, at: NOW });
    expect(paused).toMatchObject({ reminders: 'paused', snoozedUntil: until, nextNudgeAt: null });
  });

  it('keeps member settings and a pending notice', async () => {
    const writer = await newWriter();
    const updated = await stores.members.updateSettings(writer, { locale: 'en', timezone: 'Europe/Berlin', quietStartMinute: null, quietEndMinute: null, skipWeekends: true, skipHolidays: true });
    expect(updated).toMatchObject({ locale: 'en', timezone: 'Europe/Berlin', quietStartMinute: null, quietEndMinute: null, skipWeekends: true, skipHolidays: true, pendingNotice: null });
    await stores.members.setPendingNotice(writer, 'dm_closed');
    expect((await stores.members.ensureMember({ platform: 'discord', platformUserId: updated.platformUserId, displayName: 'x' })).pendingNotice).toBe('dm_closed');
    await stores.communities.setFallbackChannel(communityId, 'C123');
    expect((await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: 'g1', name: 'Writers' })).fallbackChannelId).toBe('C123');
    await stores.communities.setFallbackChannel(communityId, null);
  });

  it('keeps a writer’s DM channel once told it, for that writer only, and replaces it with a newer one', async () => {
    const writer = await newWriter();
    const other = await newWriter();
    const ref = async (id: number) => (await stores.members.findMember('discord', `u${id === writer ? userSeq - 1 : userSeq}`))!.dmChannelId;
    expect(await ref(writer)).toBeUndefined();
    await stores.members.rememberDmChannel(writer, '900000000000000001');
    expect(await ref(writer)).toBe('900000000000000001');
    expect(await ref(other)).toBeUndefined();
    await stores.members.rememberDmChannel(writer, '900000000000000002');
    expect(await ref(writer)).toBe('900000000000000002');
  });

  describe('nudge claims', () => {
    const due = new Date('2026-11-05T00:00:00.000Z');
    const later = new Date('2026-11-05T00:00:30.000Z');
    /** A minute's lease from `at`, when the claim is made. */
    const lease = (at: Date) => new Date(at.getTime() + 60_000);

    async function dueDelivery(at = due) {
      const writer = await newWriter();
      return stores.deliveries.record(newDelivery(writer, communityId, { nextNudgeAt: at }), NOW);
    }

    it('claims only what is due, holds it for the lease, and gives it back when the lease runs out', async () => {
      const d = await dueDelivery(new Date('2026-11-05T00:00:00.001Z'));
      const notYet = await dueDelivery(new Date('2099-01-01T00:00:00.000Z'));
      const claimedAt = new Date('2026-11-05T00:00:00.002Z');
      const claimed = (await stores.nudges.claimDue(claimedAt, 1000, lease(claimedAt))).map((c) => c.delivery.id);
      expect(claimed).toContain(d.id);
      expect(claimed).not.toContain(notYet.id);
      // Held: a second claim within the lease does not see it.
      expect((await stores.nudges.claimDue(later, 1000, lease(later))).map((c) => c.delivery.id)).not.toContain(d.id);
      // After the lease (the holder died), it is due again.
      const afterLease = new Date('2026-11-05T00:01:01.000Z');
      const again = await stores.nudges.claimDue(afterLease, 1000, lease(afterLease));
      const reclaimed = again.find((c) => c.delivery.id === d.id);
      expect(reclaimed?.writer.id).toBe(d.writerId);
      expect(reclaimed?.community.id).toBe(communityId);
      for (const c of again) await stores.nudges.release({ deliveryId: c.delivery.id, claimToken: c.claimToken, nextNudgeAt: null });
    });

    it('answers each claimed delivery as the claim left it, with its client, writer, community, nudges so far and events', async () => {
      const d = await dueDelivery();
      await stores.events.add({ deliveryId: d.id, kind: 'sent', at: new Date('2026-11-03T00:00:00.000Z'), text: 'メール' });
      const [first] = (await stores.nudges.claimDue(due, 1000, lease(due))).filter((c) => c.delivery.id === d.id);
      expect(await stores.nudges.begin({ deliveryId: d.id, claimToken: first!.claimToken, stage: 1, key: 'k1', at: due, heldAt: due, leaseUntil: lease(due) })).toBeDefined();
      await stores.nudges.release({ deliveryId: d.id, claimToken: first!.claimToken, nextNudgeAt: due });

      // Every column of the writer and the community filled, to be read back.
      await stores.members.updateSettings(d.writerId, { locale: 'en', timezone: 'Europe/Berlin', quietStartMinute: 1320, quietEndMinute: 420, skipWeekends: true, skipHolidays: true });
      await stores.members.rememberDmChannel(d.writerId, '900000000000000009');
      await stores.communities.setFallbackChannel(communityId, 'C777');
      const claimedAt = new Date('2026-11-05T00:00:10.000Z');
      const [claimed] = (await stores.nudges.claimDue(claimedAt, 1000, lease(claimedAt))).filter((c) => c.delivery.id === d.id);
      // The row after the claim: held until the lease, under this claim's token.
      expect(claimed?.delivery).toEqual({ ...d, nextNudgeAt: lease(claimedAt) });
      expect(claimed?.claimToken).not.toBe(first!.claimToken);
      expect((await stores.deliveries.findById(d.id))?.nextNudgeAt).toEqual(lease(claimedAt));
      // Writer and community whole, as the stores' own reads give them.
      expect(claimed?.writer.id).toBe(d.writerId);
      expect(claimed?.writer).toEqual(await stores.members.findMember('discord', claimed!.writer.platformUserId));
      expect(claimed?.writer).toMatchObject({ locale: 'en', timezone: 'Europe/Berlin', quietStartMinute: 1320, skipWeekends: true, dmChannelId: '900000000000000009' });
      expect(claimed?.community).toEqual(await stores.communities.findCommunity('discord', 'g1'));
      expect(claimed?.community).toMatchObject({ id: communityId, fallbackChannelId: 'C777' });
      // The same deliveries read again by id, as a claim made before is loaded.
      expect(await stores.nudges.load({ claimToken: claimed!.claimToken, deliveryIds: [d.id] })).toEqual([claimed]);
      expect(claimed?.history.map((h) => [h.stage, h.state, h.starts])).toEqual([[1, 'sending', 1]]);
      expect(claimed?.events.map((e) => [e.kind, e.text, e.at])).toEqual([['sent', 'メール', new Date('2026-11-03T00:00:00.000Z')]]);
      await stores.nudges.release({ deliveryId: d.id, claimToken: claimed!.claimToken, nextNudgeAt: null });
      await stores.communities.setFallbackChannel(communityId, null);
    });

    it("keeps room on the nudge records' pages for each record's close (fillfactor 70)", async () => {
      const result: unknown = await database.db.execute(sql`select array_to_string(reloptions, ',') as options from pg_class where relname = 'nudges' and relkind = 'r'`);
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { options: string | null }[];
      expect(rows.map((r) => r.options)).toEqual(['fillfactor=70']);
    });

    it("does not wait for the disk to commit a claim, and leaves every later transaction waiting as usual", async () => {
      await dueDelivery();
      const settingIn = async (run: (tx: Pick<TestDatabase['db'], 'execute'>) => Promise<unknown>) =>
        database.db.transaction(async (tx) => {
          await run(tx);
          const result: unknown = await tx.execute(sql`select current_setting('synchronous_commit') as setting`);
          const rows = Array.isArray(result) ? (result as { setting: string }[]) : (result as { rows: { setting: string }[] }).rows;
          return rows[0]?.setting;
        });
      // The claim's own transaction: flushed by the attempt recorded before anything is sent.
      expect(await settingIn((tx) => tx.execute(sql`select * from kenshu_claim_due(${due.toISOString()}::timestamptz, 1, ${later.toISOString()}::timestamptz, 'probe')`))).toBe('off');
      // The claim that answers the claimed rows themselves (what the scheduler uses) likewise.
      expect(await settingIn((tx) => tx.execute(sql`select id from kenshu_claim_due_rows(${due.toISOString()}::timestamptz, 1, ${later.toISOString()}::timestamptz, 'probe')`))).toBe('off');
      const claimed = await stores.nudges.claimDue(due, 1000, lease(due));
      expect(await settingIn(() => Promise.resolve())).toBe('on');
      for (const c of claimed) await stores.nudges.release({ deliveryId: c.delivery.id, claimToken: c.claimToken, nextNudgeAt: null });
      await database.db.execute(sql`update deliveries set next_nudge_at = null, claim_token = null where claim_token = 'probe'`);
    });

    it('opens a stage once, counts attempts, and finishes it with the delivery moved on and the time it went out', async () => {
      const d = await dueDelivery();
      const [claim] = (await stores.nudges.claimDue(due, 1000, lease(due))).filter((c) => c.delivery.id === d.id);
      const begin = () => stores.nudges.begin({ deliveryId: d.id, claimToken: claim!.claimToken, stage: 3, key: 'k', at: due, heldAt: due, leaseUntil: lease(due) });
      const first = await begin();
      expect(first).toMatchObject({ stage: 3, state: 'sending', starts: 1, attempts: 0 });
      // A crash and a second start count as a start, not as a failed attempt.
      expect((await begin())?.starts).toBe(2);
      expect(await stores.nudges.countFailure({ deliveryId: d.id, stage: 3, error: 'HTTP 429' })).toBe(1);
      const next = new Date('2026-11-20T00:00:00.000Z');
      await stores.nudges.finish({ deliveryId: d.id, claimToken: claim!.claimToken, stage: 3, state: 'sent', channel: 'dm', messageRef: 'm1', at: due, nextNudgeAt: next });
      expect((await stores.nudges.history(d.id)).map((h) => [h.stage, h.state])).toEqual([[3, 'sent']]);
      // A late duplicate begin finds the claim gone and records nothing.
      expect(await begin()).toBeUndefined();
      expect((await stores.nudges.history(d.id)).map((h) => [h.stage, h.state, h.starts])).toEqual([[3, 'sent', 2]]);
      expect(await stores.deliveries.findById(d.id)).toMatchObject({ lastStage: 3, lastNudgeAt: due, nextNudgeAt: next });
    });

    it('records a send only under a claim still held and for a delivery still waiting, and renews the claim', async () => {
      const d = await dueDelivery();
      const [claim] = (await stores.nudges.claimDue(due, 1000, lease(due))).filter((c) => c.delivery.id === d.id);
      const begin = (over: Partial<Parameters<Stores['nudges']['begin']>[0]> = {}) =>
        stores.nudges.begin({ deliveryId: d.id, claimToken: claim!.claimToken, stage: 1, key: 'k', at: due, heldAt: due, leaseUntil: lease(later), ...over });
      // Another instance's token, or a lease run out by the time of the send: nothing recorded.
      expect(await begin({ claimToken: 'someone-else' })).toBeUndefined();
      expect(await begin({ heldAt: lease(due) })).toBeUndefined();
      // A stage the delivery has already passed.
      await database.db.execute(sql`update deliveries set last_stage = 1 where id = ${d.id}`);
      expect(await begin()).toBeUndefined();
      await database.db.execute(sql`update deliveries set last_stage = 0, reminders = 'paused' where id = ${d.id}`);
      expect(await begin()).toBeUndefined();
      expect(await stores.nudges.history(d.id)).toEqual([]);
      await database.db.execute(sql`update deliveries set reminders = 'active' where id = ${d.id}`);
      // Held, begun soon after the claim: recorded, and the claim's lease, with more than half of
      // it left, stands as it was.
      expect(await begin({ heldAt: later, leaseUntil: lease(later) })).toMatchObject({ stage: 1, state: 'sending', starts: 1 });
      expect((await stores.deliveries.findById(d.id))!.nextNudgeAt).toEqual(lease(due));
      // Begun again 40 s into the 60 s lease: renewed, and the claim now runs from this send.
      const late = new Date(due.getTime() + 40_000);
      expect(await begin({ heldAt: late, leaseUntil: lease(late) })).toMatchObject({ stage: 1, state: 'sending', starts: 2 });
      expect((await stores.deliveries.findById(d.id))!.nextNudgeAt).toEqual(lease(late));
      await stores.nudges.release({ deliveryId: d.id, claimToken: claim!.claimToken, nextNudgeAt: null });
    });

    it("lets the writer's change win over a claim in flight", async () => {
      const d = await dueDelivery();
      const [claim] = (await stores.nudges.claimDue(due, 1000, lease(due))).filter((c) => c.delivery.id === d.id);
      await stores.nudges.begin({ deliveryId: d.id, claimToken: claim!.claimToken, stage: 1, key: 'k1', at: due, heldAt: due, leaseUntil: lease(due) });
      // The writer accepts while the nudge is being sent.
      await stores.deliveries.changeStatus({ id: d.id, from: 'awaiting_review', to: 'accepted', at: due, nextNudgeAt: null });
      await stores.nudges.finish({ deliveryId: d.id, claimToken: claim!.claimToken, stage: 1, state: 'sent', channel: 'dm', at: due, nextNudgeAt: new Date('2026-11-09T00:00:00.000Z') });
      expect(await stores.deliveries.findById(d.id)).toMatchObject({ status: 'accepted', lastStage: 1, nextNudgeAt: null });
      // And a stale release changes nothing either.
      await stores.nudges.release({ deliveryId: d.id, claimToken: claim!.claimToken, nextNudgeAt: due });
      expect((await stores.deliveries.findById(d.id))!.nextNudgeAt).toBeNull();
    });
  });

  it('records a delivery for a name that is an alias under the client the alias belongs to', async () => {
    const writer = await newWriter();
    const first = await stores.deliveries.record(newDelivery(writer, communityId, { client: parseClientIdentity('Minato Press Holdings') }), NOW);
    const alias = parseClientIdentity('Minato Press');
    await database.db.insert(clientAliases).values({ clientId: first.client.id, key: alias.key, displayName: 'Minato Press', normalizedName: 'minato press' });
    const second = await stores.deliveries.record(newDelivery(writer, communityId, { client: alias }), NOW);
    expect(second.client).toEqual(first.client);
    expect(await database.db.select().from(clients).where(eq(clients.key, alias.key))).toEqual([]);
  });

  it('records nothing, not even a new client, for a writer who does not exist', async () => {
    const client = parseClientIdentity('Nobody Yet Media');
    await expect(stores.deliveries.record(newDelivery(987_654, communityId, { client }), NOW)).rejects.toThrow('member 987654 does not exist');
    expect(await database.db.select().from(clients).where(eq(clients.key, client.key))).toEqual([]);
  });

  it('gives distinct numbers to deliveries recorded at the same moment by one writer', async () => {
    const writer = await newWriter();
    const recorded = await Promise.all(Array.from({ length: 20 }, () => stores.deliveries.record(newDelivery(writer, communityId), NOW)));
    expect(recorded.map((d) => d.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe('embedded database on disk', () => {
  it('keeps deliveries across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kenshu-data-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      const s1 = createStores(first.db);
      const community = await s1.communities.ensureCommunity({ platform: 'console', platformCommunityId: 'local', name: 'c' });
      const writer = await s1.members.ensureMember({ platform: 'console', platformUserId: 'w', displayName: 'w' });
      await s1.deliveries.record(newDelivery(writer.id, community.id), NOW);
      await first.close();

      const second = await openDatabase({ dataDir: dir });
      const s2 = createStores(second.db);
      const again = await s2.members.ensureMember({ platform: 'console', platformUserId: 'w', displayName: 'w' });
      expect((await s2.deliveries.findByNumber(again.id, 1))?.title).toBe('SEO記事 10本');
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(TEST_DATABASE_URL)('migrations on PostgreSQL', () => {
  it('let two instances start on a fresh database at once, and run again as a no-op', async () => {
    const created = await createPostgresDatabase();
    try {
      const [a, b] = await Promise.all([openDatabase({ databaseUrl: created.url }), openDatabase({ databaseUrl: created.url })]);
      await Promise.all([a.close(), b.close()]);
      const c = await openDatabase({ databaseUrl: created.url });
      const stores = createStores(c.db);
      const community = await stores.communities.ensureCommunity({ platform: 'slack', platformCommunityId: 'T1', name: 't' });
      expect(community.id).toBeGreaterThan(0);
      await c.close();
    } finally {
      await created.drop();
    }
  });
});
