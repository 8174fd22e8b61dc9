import { describe, expect, it } from 'vitest';
import { parseClientIdentity } from '../../src/domain/client-identity.js';
import type { ReplyButton } from '../../src/domain/reply.js';
import { type Stores } from '../../src/store/index.js';
import { newDelivery } from '../support/delivery-records.js';
import { testDatabaseKinds, useStoreDatabase } from '../support/databases.js';

const NOW = new Date('2026-11-26T03:00:00.000Z');

/** The store methods behind autocomplete, settings changes, read-only lookups and the console's buttons. */
describe.each(testDatabaseKinds)('writer-facing stores on $name', (kind) => {
  let stores: Stores;
  let communityId: number;
  let userSeq = 0;
  const newWriter = async () => (await stores.members.ensureMember({ platform: 'discord', platformUserId: `w${++userSeq}`, displayName: `Writer ${userSeq}` })).id;

  useStoreDatabase(kind, (suite) => ({ stores, communityId } = suite));

  it('finds members and communities without creating or changing them', async () => {
    expect(await stores.members.findMember('discord', 'nobody-yet')).toBeUndefined();
    expect(await stores.communities.findCommunity('discord', 'no-such-guild')).toBeUndefined();
    const member = await stores.members.ensureMember({ platform: 'discord', platformUserId: 'found', displayName: 'Found' });
    expect(await stores.members.findMember('discord', 'found')).toEqual(member);
    expect(await stores.members.findMember('slack', 'found')).toBeUndefined();
    const community = await stores.communities.updateSettings(communityId, { flagDailyLimit: 7 });
    expect(await stores.communities.findCommunity('discord', 'g1')).toEqual(community);
    expect(await stores.members.findMember('discord', 'nobody-yet')).toBeUndefined();
  });

  it('suggests open deliveries across all of them, matching number, title or client literally', async () => {
    const writer = await newWriter();
    for (let i = 1; i <= 30; i++) {
      await stores.deliveries.record(newDelivery(writer, communityId, { title: `Article ${i}`, client: parseClientIdentity(i === 1 ? 'Oldest Client 50%' : `Client ${i}`) }), NOW);
    }
    const paid = (await stores.deliveries.findByNumber(writer, 2))!;
    await stores.deliveries.changeStatus({ id: paid.id, from: 'awaiting_review', to: 'paid', at: NOW, nextNudgeAt: null });
    const numbers = async (typed: string, limit = 25) => (await stores.deliveries.suggestOpen(writer, typed, limit)).map((d) => d.number);

    expect(await numbers('')).toEqual(Array.from({ length: 25 }, (_, i) => 30 - i));
    expect(await numbers('', 100)).toHaveLength(29); // #2 is paid: not open
    expect(await numbers('oldest')).toEqual([1]);
    expect(await numbers('50%')).toEqual([1]);
    expect(await numbers('_')).toEqual([]);
    expect(await numbers('3')).toEqual([30, 23, 13, 3]);
    expect(await numbers('#3')).toEqual([30, 3]);
    expect(await numbers('article 2')).toEqual([29, 28, 27, 26, 25, 24, 23, 22, 21, 20]);
    // Another writer's deliveries are never among them.
    expect(await stores.deliveries.suggestOpen(await newWriter(), '', 25)).toEqual([]);
  });

  it('reads every open plan and reschedules them in one go, for this writer only', async () => {
    const writer = await newWriter();
    const other = await newWriter();
    for (let i = 0; i < 30; i++) await stores.deliveries.record(newDelivery(writer, communityId), NOW);
    const theirs = await stores.deliveries.record(newDelivery(other, communityId), NOW);
    const accepted = (await stores.deliveries.findByNumber(writer, 1))!;
    await stores.deliveries.changeStatus({ id: accepted.id, from: 'awaiting_review', to: 'accepted', at: NOW, nextNudgeAt: null });

    const plans = await stores.deliveries.openPlans(writer);
    // An accepted delivery with funded escrow on a platform waits for nothing more.
    expect(plans).toHaveLength(29);
    expect(plans[0]).toMatchObject({ marketplace: 'crowdworks', escrow: 'funded', status: 'awaiting_review', reminders: 'active', snoozedUntil: null, lastStage: 0 });

    const later = new Date('2026-12-01T00:00:00.000Z');
    await stores.deliveries.reschedule(writer, [...plans.map((p, i) => ({ id: p.id, nextNudgeAt: i === 0 ? null : later })), { id: theirs.id, nextNudgeAt: later }], NOW);
    const page = await stores.deliveries.listByWriter(writer, { scope: 'open', limit: 100 });
    expect(page.deliveries.filter((d) => d.nextNudgeAt?.getTime() === later.getTime())).toHaveLength(28);
    expect(page.deliveries.filter((d) => d.nextNudgeAt === null)).toHaveLength(1);
    // A delivery of another writer named in the list is left alone.
    expect((await stores.deliveries.findById(theirs.id))!.nextNudgeAt).toEqual(new Date('2026-11-04T03:00:00.000Z'));
    await stores.deliveries.reschedule(writer, [], NOW);
  });

  it('returns the delivery with its client from a status or reminder change', async () => {
    const writer = await newWriter();
    const d = await stores.deliveries.record(newDelivery(writer, communityId, { client: parseClientIdentity('https://crowdworks.jp/public/employers/4455667') }), NOW);
    const accepted = await stores.deliveries.changeStatus({ id: d.id, from: 'awaiting_review', to: 'accepted', at: NOW, nextNudgeAt: null });
    expect(accepted).toEqual({ ...d, status: 'accepted', acceptedAt: NOW, nextNudgeAt: null });
    expect(await stores.deliveries.changeStatus({ id: d.id, from: 'awaiting_review', to: 'paid', at: NOW, nextNudgeAt: null })).toBeUndefined();
    const paused = await stores.deliveries.updateReminders({ id: d.id, reminders: 'paused', nextNudgeAt: null, at: NOW });
    expect(paused.client).toEqual(d.client);
    expect(paused.reminders).toBe('paused');
  });

  it('keeps the buttons of the latest message a member was shown, by platform id', async () => {
    const member = await stores.members.ensureMember({ platform: 'console', platformUserId: 'presser', displayName: 'presser' });
    expect(await stores.buttons.latest(member.id)).toEqual([]);
    const first: ReplyButton[] = [{ action: 'accept', deliveryId: 7, label: '検収済み', style: 'success' }];
    const second: ReplyButton[] = [
      { action: 'pay', deliveryId: 8, label: 'Paid', style: 'success' },
      { action: 'show', deliveryId: 8, label: 'Show message', style: 'primary' },
    ];
    await stores.buttons.remember({ platform: 'console', platformUserId: 'presser' }, first, NOW);
    expect(await stores.buttons.latest(member.id)).toEqual(first);
    await stores.buttons.remember({ platform: 'console', platformUserId: 'presser' }, second, NOW);
    expect(await stores.buttons.latest(member.id)).toEqual(second);
    // Someone Kenshu has never seen: nothing is kept, nothing fails.
    await stores.buttons.remember({ platform: 'console', platformUserId: 'stranger' }, first, NOW);
    // The same platform id on another platform is another person.
    await stores.buttons.remember({ platform: 'discord', platformUserId: 'presser' }, first, NOW);
    expect(await stores.buttons.latest(member.id)).toEqual(second);
  });

  it('keeps each delivery’s record in the order things happened, whatever the order they were told', async () => {
    const writer = await newWriter();
    const d = await stores.deliveries.record(newDelivery(writer, communityId), NOW);
    const other = await stores.deliveries.record(newDelivery(writer, communityId), NOW);
    const at = (iso: string) => new Date(iso);
    const note = await stores.events.add({ deliveryId: d.id, kind: 'note', at: at('2026-11-20T03:00:00Z'), text: '先方のログインは毎日' });
    expect(note).toMatchObject({ deliveryId: d.id, kind: 'note', at: at('2026-11-20T03:00:00Z'), text: '先方のログインは毎日' });
    expect(note.id).toBeGreaterThan(0);
    expect(note.createdAt).toBeInstanceOf(Date);
    await stores.events.add({ deliveryId: d.id, kind: 'sent', at: at('2026-11-10T03:00:00Z'), text: null });
    await stores.events.add({ deliveryId: d.id, kind: 'desk', at: at('2026-11-20T03:00:00Z'), text: null });
    await stores.events.add({ deliveryId: other.id, kind: 'replied', at: at('2026-11-01T03:00:00Z'), text: null });
    await stores.events.add({ deliveryId: d.id, kind: 'paid', at: at('2026-11-25T03:00:00Z'), text: null });

    // Oldest first; two at the same moment in the order they were recorded.
    expect((await stores.events.list(d.id)).map((e) => e.kind)).toEqual(['sent', 'note', 'desk', 'paid']);
    expect((await stores.events.list(other.id)).map((e) => e.kind)).toEqual(['replied']);
    expect(await stores.events.list(other.id + 1_000_000)).toEqual([]);
  });

  it('refuses an event of a kind it does not know, or for a delivery that does not exist', async () => {
    const writer = await newWriter();
    const d = await stores.deliveries.record(newDelivery(writer, communityId), NOW);
    await expect(stores.events.add({ deliveryId: d.id, kind: 'phoned' as never, at: NOW, text: null })).rejects.toThrow();
    await expect(stores.events.add({ deliveryId: d.id + 1_000_000, kind: 'sent', at: NOW, text: null })).rejects.toThrow();
    expect(await stores.events.list(d.id)).toEqual([]);
  });
});
