import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { changeDeliveryStatus, recordDelivery, type Writer } from '../../src/domain/deliveries.js';
import type { Delivery } from '../../src/domain/delivery.js';
import { DEFAULT_STAGE_DAYS, STAGES } from '../../src/domain/ladder.js';
import type { Locale } from '../../src/domain/member.js';
import { isPlatform, MARKETPLACES, type Marketplace } from '../../src/domain/marketplace.js';
import type { MemberSettingsPatch } from '../../src/domain/ports.js';
import { pauseDelivery, reminderSettingsOf, resumeDelivery, snoozeDelivery } from '../../src/domain/reminders.js';
import { NudgeScheduler } from '../../src/scheduler/nudge-scheduler.js';
import { createStores, type OpenDatabase, type Stores } from '../../src/store/index.js';
import { MemoryClock } from '../support/clock.js';
import { tickThroughDueTimes } from '../support/due-times.js';
import { emptyDatabase } from '../support/empty-database.js';
import { RecordingNotifier, type SentMessage } from '../support/recording-notifier.js';
import { silentLogger } from '../support/commands.js';
import { openMemoryDatabase } from '../support/databases.js';

const TZ = 'Asia/Tokyo';
const local = (d: Date) => DateTime.fromJSDate(d, { zone: TZ });

/**
 * Time travel: deliveries are recorded, then the clock jumps from one due time to the next with a
 * scheduler tick at each, and every direct message it sends is checked: which stage, on which day
 * and hour, in which language, with which buttons.
 */
describe('the nudge ladder over simulated weeks', () => {
  let database: OpenDatabase;
  let stores: Stores;
  let clock: MemoryClock;
  let notifier: RecordingNotifier;
  let scheduler: NudgeScheduler;
  let communityId: number;

  // One embedded database for the file, emptied before each test: opening one costs seconds.
  beforeAll(async () => {
    database = await openMemoryDatabase();
    stores = createStores(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await emptyDatabase(database.db);
    clock = new MemoryClock('2026-11-02T03:00:00Z'); // Monday 12:00 in Tokyo
    notifier = new RecordingNotifier('discord', clock);
    scheduler = new NudgeScheduler({ nudges: stores.nudges, members: stores.members, notifiers: { discord: notifier }, clock, logger: silentLogger, defaultTimezone: TZ, defaultLocale: 'ja' });
    communityId = (await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: 'g', name: 'Writers' })).id;
  });

  async function writer(name: string, patch: MemberSettingsPatch = {}): Promise<Writer> {
    let member = await stores.members.ensureMember({ platform: 'discord', platformUserId: name, displayName: name });
    if (Object.keys(patch).length) member = await stores.members.updateSettings(member.id, patch);
    const settings = reminderSettingsOf(member, TZ);
    return { memberId: member.id, communityId, timezone: settings.timezone, locale: member.locale ?? 'ja', settings };
  }

  const deps = () => ({ deliveries: stores.deliveries, members: stores.members, events: stores.events, clock });
  /** A minute's lease from the clock's time, as the scheduler's own claims hold. */
  const lease = () => new Date(clock.now().getTime() + 60_000);

  /**
   * Ticks at every time something falls due until `until`, leaving the clock there: what a
   * NUDGE_CRON tick every minute would send, without the idle ticks in between.
   */
  async function runUntil(until: Date | string): Promise<void> {
    await tickThroughDueTimes({ db: database.db, clock, scheduler }, until);
  }

  function dayOf(message: SentMessage, delivery: Delivery): number {
    return Math.round(local(message.sentAt).startOf('day').diff(local(delivery.deliveredAt).startOf('day'), 'days').days);
  }

  describe.each(MARKETPLACES)('%s', (marketplace: Marketplace) => {
    it.each<Locale>(['ja', 'en'])('walks every stage from delivery to the day after the legal deadline in %s, each on its day, outside quiet hours', async (locale) => {
      const w = await writer(`w-${locale}`, { locale });
      const delivery = await recordDelivery(deps(), w, { client: 'Acme Media', title: 'SEO記事', marketplace, url: undefined });
      await runUntil('2027-01-02T03:00:00Z');

      const dms = notifier.to(`w-${locale}`);
      const expected = STAGES.filter((s) => DEFAULT_STAGE_DAYS[marketplace][s] !== null);
      expect(dms.map((m) => m.stage)).toEqual(expected);
      for (const dm of dms) {
        const day = DEFAULT_STAGE_DAYS[marketplace][dm.stage as 1];
        expect(dayOf(dm, delivery)).toBe(day);
        // Due at 12:00 local (delivered at noon); the tick at that time sends it.
        expect(local(dm.sentAt).hour).toBe(12);
        expect(dm.message.title).toContain(locale === 'ja' ? `納品から${day}日後` : `${day} days after delivery`);
        expect(dm.message.title).toContain('SEO記事');
        expect(dm.message.quotes?.map((q) => q.text).join('\n')).toContain('Acme Media');
        // What the writer can confirm having done: *Asked the desk* only where there is a desk.
        const desk = isPlatform(marketplace);
        expect(dm.message.buttons?.map((b) => b.action)).toEqual(['accept', 'pay', 'snooze', 'stop', 'show', 'sent', ...(desk ? ['desk'] : []), 'replied']);
        expect(dm.message.buttons?.map((b) => b.label)).toEqual(
          locale === 'ja'
            ? ['検収済み', '支払い済み', '3日後に再通知', 'リマインド停止', '文面を表示', '送りました', ...(desk ? ['事務局に相談しました'] : []), '返信がありました']
            : ['Accepted', 'Paid', 'Snooze 3 days', 'Stop reminders', 'Show message', 'Sent it', ...(desk ? ['Asked the desk'] : []), 'Client replied'],
        );
        if (locale === 'en') expect(dm.message.title).not.toMatch(/[ぁ-んァ-ヶ]/);
        if (locale === 'ja') expect(dm.message.lines?.join('')).toMatch(/[ぁ-ん]/);
      }
      const stage5 = dms.find((m) => m.stage === 5)!;
      expect([...(stage5.message.lines ?? []), ...(stage5.message.quotes ?? []).map((q) => q.text)].join('\n')).toContain('0120-532-110');

      const history = await stores.nudges.history(delivery.id);
      expect(history.map((h) => [h.stage, h.state])).toEqual(expected.map((s) => [s, 'sent']));
      expect((await stores.deliveries.findById(delivery.id))?.nextNudgeAt).toBeNull();
    });
  });

  it('stops at once when an escrow delivery is accepted, and keeps only the payment stages for a direct one', async () => {
    const w = await writer('acceptor');
    const escrow = await recordDelivery(deps(), w, { client: 'A', title: 'escrow', marketplace: 'crowdworks' });
    const direct = await recordDelivery(deps(), w, { client: 'B', title: 'direct', marketplace: 'direct' });
    await runUntil('2026-11-05T04:00:00Z'); // day 3, just after the check-ins
    expect(notifier.to('acceptor').map((m) => m.key)).toHaveLength(2);

    await changeDeliveryStatus(deps(), w, String(escrow.number), 'accept');
    await changeDeliveryStatus(deps(), w, String(direct.number), 'accept');
    await runUntil('2026-12-24T03:00:00Z');

    const after = notifier.to('acceptor').slice(2);
    expect(after.map((m) => [m.key.includes(`kn${direct.id.toString(36)}s`), m.stage])).toEqual([
      [true, 4],
      [true, 5],
    ]);
    expect(after[0]!.message.title).toContain('未払い');
  });

  it('sends nothing more after the delivery is paid, from the very next tick', async () => {
    const w = await writer('payer');
    const d = await recordDelivery(deps(), w, { client: 'A', title: 't', marketplace: 'lancers' });
    await runUntil('2026-11-05T04:00:00Z');
    await changeDeliveryStatus(deps(), w, String(d.number), 'pay');
    await runUntil('2026-12-24T03:00:00Z');
    expect(notifier.to('payer').map((m) => m.stage)).toEqual([1]);
  });

  it('holds back during a snooze, then sends the next stage, and the one after keeps its gap', async () => {
    const w = await writer('snoozer');
    const d = await recordDelivery(deps(), w, { client: 'A', title: 't', marketplace: 'crowdworks' });
    await runUntil('2026-11-05T04:00:00Z'); // check-in sent on day 3
    await snoozeDelivery(deps(), w, String(d.number), '1週間'); // until day 10, past stages 2 (day 7) and 3 (day 8)
    await runUntil('2026-11-12T04:00:00Z');
    const dms = notifier.to('snoozer');
    expect(dms.map((m) => m.stage)).toEqual([1, 2]);
    expect(local(dms[1]!.sentAt).toISO()).toBe('2026-11-12T13:00:00.000+09:00');
    expect((await stores.nudges.history(d.id)).map((h) => [h.stage, h.state])).toEqual([
      [1, 'sent'],
      [2, 'sent'],
    ]);
    // The desk stage is one day after the follow-up on the ladder: one day after it was sent.
    expect((await stores.deliveries.findById(d.id))!.nextNudgeAt?.toISOString()).toBe('2026-11-13T04:00:00.000Z');
  });

  it('sends nothing while paused; on resume the check-in first, not a firmer stage', async () => {
    const w = await writer('pauser');
    const d = await recordDelivery(deps(), w, { client: 'A', title: 't', marketplace: 'upwork' });
    await pauseDelivery(deps(), w, String(d.number));
    await runUntil('2026-11-20T03:00:00Z'); // day 18: stages 1-3 came due while paused
    expect(notifier.to('pauser')).toEqual([]);
    await resumeDelivery(deps(), w, String(d.number));
    await runUntil('2026-11-20T05:00:00Z');
    expect(notifier.to('pauser').map((m) => m.stage)).toEqual([1]);
  });

  it('holds a nudge that falls due in quiet hours until they end at 08:00', async () => {
    clock.set('2026-11-02T14:30:00Z'); // 23:30 in Tokyo
    const w = await writer('night');
    await recordDelivery(deps(), w, { client: 'A', title: 't', marketplace: 'crowdworks' });
    await runUntil('2026-11-06T03:00:00Z');
    const [first] = notifier.to('night');
    expect(local(first!.sentAt).toISO()).toBe('2026-11-06T08:00:00.000+09:00');
  });

  it('skips weekends and Japanese public holidays when the writer asks', async () => {
    // Delivered Thursday 2026-11-19; day 3 is Sunday 11-22 and Monday 11-23 is 勤労感謝の日.
    clock.set('2026-11-19T03:00:00Z');
    const w = await writer('rester', { skipWeekends: true, skipHolidays: true });
    await recordDelivery(deps(), w, { client: 'A', title: 't', marketplace: 'crowdworks' });
    await runUntil('2026-11-26T03:00:00Z');
    const [first] = notifier.to('rester');
    expect(local(first!.sentAt).toISO()).toBe('2026-11-24T08:00:00.000+09:00');
  });

  it('after downtime sends the check-in first and records nothing as skipped', async () => {
    const w = await writer('downtime');
    const d = await recordDelivery(deps(), w, { client: 'A', title: 't', marketplace: 'lancers' });
    clock.set('2026-11-25T03:00:00Z'); // day 23: the bot was down since delivery
    await scheduler.tick();
    await scheduler.tick();
    expect(notifier.to('downtime').map((m) => m.stage)).toEqual([1]);
    expect((await stores.nudges.history(d.id)).map((h) => [h.stage, h.state])).toEqual([[1, 'sent']]);
  });

  it('falls back to the community channel without client details when DMs are closed', async () => {
    await stores.communities.setFallbackChannel(communityId, 'C-fallback');
    const w = await writer('closed');
    notifier.closedDms.add('closed');
    const d = await recordDelivery(deps(), w, { client: 'Secret Client KK', title: 'Secret title', marketplace: 'crowdworks' });
    await runUntil('2026-11-05T04:00:00Z');
    const [post] = notifier.to('closed');
    expect(post).toMatchObject({ channel: 'post', channelId: 'C-fallback', stage: 1 });
    const text = JSON.stringify(post!.message);
    expect(text).not.toContain('Secret');
    expect(text).toContain(`#${d.number}`);
  });

  it('without a fallback channel marks the writer to be told on their next command, and never retries blindly', async () => {
    const w = await writer('closed2');
    notifier.closedDms.add('closed2');
    const d = await recordDelivery(deps(), w, { client: 'A', title: 't', marketplace: 'crowdworks' });
    await runUntil('2026-11-06T04:00:00Z');
    expect(notifier.to('closed2')).toEqual([]);
    expect((await stores.nudges.history(d.id)).map((h) => [h.stage, h.state, h.starts])).toEqual([[1, 'unreachable', 1]]);
    const member = await stores.members.ensureMember({ platform: 'discord', platformUserId: 'closed2', displayName: 'closed2' });
    expect(member.pendingNotice).toBe('dm_closed');
    // The next stage is still tried when it comes due: the writer may have opened their DMs.
    notifier.closedDms.delete('closed2');
    await runUntil('2026-11-10T04:00:00Z');
    expect(notifier.to('closed2').map((m) => m.stage)).toEqual([2, 3]);
  });

  it('retries a transient failure with backoff and sends once', async () => {
    const w = await writer('flaky');
    const d = await recordDelivery(deps(), w, { client: 'A', title: 't', marketplace: 'crowdworks' });
    notifier.failNext = 2;
    clock.set('2026-11-05T03:00:00Z');
    await scheduler.tick(); // fails, retry in 1 minute
    clock.advance(60_000);
    await scheduler.tick(); // fails, retry in 5 minutes
    clock.advance(60_000);
    await scheduler.tick(); // too early: nothing
    expect(notifier.to('flaky')).toEqual([]);
    clock.advance(5 * 60_000);
    await scheduler.tick();
    expect(notifier.to('flaky').map((m) => m.stage)).toEqual([1]);
    expect((await stores.nudges.history(d.id))[0]).toMatchObject({ state: 'sent', attempts: 2, starts: 3 });
    // After a failure the platform may have the message after all: the adapter is told to look.
    expect(notifier.dmCalls.filter((c) => c.to === 'flaky').map((c) => c.retry)).toEqual([false, true, true]);
  });

  it('does not count sends cut short by a crash against the retry limit', async () => {
    const w = await writer('crashy');
    const d = await recordDelivery(deps(), w, { client: 'A', title: 't', marketplace: 'crowdworks' });
    clock.set('2026-11-05T03:00:00Z');
    // Four runs die mid-send: each begins the stage, then its claim runs out.
    for (let i = 0; i < 4; i++) {
      const [claim] = await stores.nudges.claimDue(clock.now(), 10, lease());
      await stores.nudges.begin({ deliveryId: d.id, claimToken: claim!.claimToken, stage: 1, key: 'x', at: clock.now(), heldAt: clock.now(), leaseUntil: lease() });
      expect(claim?.delivery.id).toBe(d.id);
      clock.advance(61_000);
    }
    // Then the platform rate-limits once: still retried, and sent.
    notifier.failNext = 1;
    await scheduler.tick();
    clock.advance(61_000);
    await scheduler.tick();
    expect(notifier.to('crashy').map((m) => m.stage)).toEqual([1]);
    expect((await stores.nudges.history(d.id))[0]).toMatchObject({ state: 'sent', attempts: 1, starts: 6 });
    // Every send after a crash mid-send is a retry, the first included.
    expect(notifier.dmCalls.filter((c) => c.to === 'crashy').map((c) => c.retry)).toEqual([true, true]);
  });

  it('gives up, and says so, on a stage whose every send was interrupted', async () => {
    const w = await writer('poison');
    const d = await recordDelivery(deps(), w, { client: 'A', title: 't', marketplace: 'crowdworks' });
    clock.set('2026-11-05T03:00:00Z');
    // Twenty runs die mid-send: each claims the delivery, begins the stage, and its claim runs out.
    for (let i = 0; i < 20; i++) {
      const [claim] = await stores.nudges.claimDue(clock.now(), 10, lease());
      await stores.nudges.begin({ deliveryId: d.id, claimToken: claim!.claimToken, stage: 1, key: 'x', at: clock.now(), heldAt: clock.now(), leaseUntil: lease() });
      clock.advance(61_000);
    }
    await scheduler.tick();
    expect(notifier.to('poison')).toEqual([]);
    expect((await stores.nudges.history(d.id))[0]).toMatchObject({ state: 'failed', starts: 21 });
    expect((await stores.deliveries.findById(d.id))!.lastStage).toBe(1);
  });
});
