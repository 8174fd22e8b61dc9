import { beforeEach, describe, expect, it } from 'vitest';
import { errorCodeOf, rejectionCodeOf } from '../support/errors.js';
import { editDelivery, reopenDelivery, reopenedStatus } from '../../src/domain/delivery-edit.js';
import type { DeliveryEvent, NewDeliveryEvent } from '../../src/domain/events.js';
import type { Clock } from '../../src/domain/clock.js';
import {
  changeDeliveryStatus,
  findOwnDelivery,
  listDeliveries,
  recordDelivery,
  type StatusChangeDeps,
  type Writer,
} from '../../src/domain/deliveries.js';
import type { ClientSummary, Delivery, DeliveryStatus, NewDeliveryInput, StatusAction } from '../../src/domain/delivery.js';
import type { ErrorCode } from '../../src/domain/errors.js';
import { acceptanceReleasesPayment } from '../../src/domain/marketplace.js';
import type { DeliveryEdit, DeliveryEventStore, DeliveryPage, DeliveryPlan, DeliveryScope, DeliveryStore, NewDeliveryRecord, UnpaidTotals } from '../../src/domain/ports.js';
import { DEFAULT_QUIET_END, DEFAULT_QUIET_START, type ReminderSettings } from '../../src/domain/reminder-settings.js';

type StatusChangeRequest = Parameters<DeliveryStore['changeStatus']>[0];
type RemindersChangeRequest = Parameters<DeliveryStore['updateReminders']>[0];

/**
 * An in-memory DeliveryStore with the port's semantics: per-writer numbers, one client per key,
 * a compare-and-set changeStatus, and the next nudge time stored as given. Every read returns a
 * copy, as a database would.
 */
class FakeDeliveryStore implements DeliveryStore {
  readonly rows: Delivery[] = [];
  readonly recordCalls: NewDeliveryRecord[] = [];
  readonly changeCalls: StatusChangeRequest[] = [];
  readonly reminderCalls: RemindersChangeRequest[] = [];
  /** Runs just before each compare-and-set: another instance writing in between. Return false to stop. */
  interleave: ((store: FakeDeliveryStore, change: StatusChangeRequest) => boolean) | undefined;
  private readonly clients = new Map<string, ClientSummary>();
  private nextId = 1;

  record(delivery: NewDeliveryRecord, now: Date): Promise<Delivery> {
    this.recordCalls.push(structuredClone(delivery));
    const client = this.clientFor(delivery);
    const number = Math.max(0, ...this.rows.filter((r) => r.writerId === delivery.writerId).map((r) => r.number)) + 1;
    const row: Delivery = {
      id: this.nextId++,
      number,
      writerId: delivery.writerId,
      communityId: delivery.communityId,
      client,
      title: delivery.title,
      marketplace: delivery.marketplace,
      amount: delivery.amount,
      currency: delivery.currency,
      deliveredAt: delivery.deliveredAt,
      escrow: delivery.escrow,
      jobUrl: delivery.jobUrl,
      status: 'awaiting_review',
      acceptedAt: null,
      paidAt: null,
      cancelledAt: null,
      createdAt: now,
      reminders: 'active',
      snoozedUntil: null,
      lastStage: 0,
      lastNudgeAt: null,
      clientName: delivery.clientName,
      letterLocale: delivery.letterLocale,
      dueAt: delivery.dueAt,
      dueTerms: delivery.dueTerms,
      nextNudgeAt: delivery.nextNudgeAt,
    };
    this.rows.push(row);
    return Promise.resolve(structuredClone(row));
  }

  findByNumber(writerId: number, number: number): Promise<Delivery | undefined> {
    const row = this.rows.find((r) => r.writerId === writerId && r.number === number);
    return Promise.resolve(row && structuredClone(row));
  }

  findById(id: number): Promise<Delivery | undefined> {
    const row = this.rows.find((r) => r.id === id);
    return Promise.resolve(row && structuredClone(row));
  }

  listByWriter(writerId: number, options: { scope: DeliveryScope; limit: number }): Promise<DeliveryPage> {
    const stillWaiting = (r: Delivery) => r.status === 'awaiting_review' || (r.status === 'accepted' && !acceptanceReleasesPayment(r.marketplace, r.escrow));
    const matching = this.rows
      .filter((r) => r.writerId === writerId && (options.scope === 'all' || stillWaiting(r)))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
    return Promise.resolve({ deliveries: structuredClone(matching.slice(0, options.limit)), total: matching.length });
  }

  suggestOpen(writerId: number, typed: string, limit: number): Promise<Delivery[]> {
    const text = typed.toLowerCase();
    const rows = this.open(writerId).filter((r) => text === '' || String(r.number).startsWith(text.replace(/^#/, '')) || r.title.toLowerCase().includes(text) || r.client.displayName.toLowerCase().includes(text));
    return Promise.resolve(structuredClone(rows.slice(0, limit)));
  }

  openPlans(writerId: number): Promise<DeliveryPlan[]> {
    return Promise.resolve(this.open(writerId).map(({ id, marketplace, escrow, status, deliveredAt, dueAt, reminders, snoozedUntil, lastStage, lastNudgeAt }) => ({ id, marketplace, escrow, status, deliveredAt, dueAt, reminders, snoozedUntil, lastStage, lastNudgeAt })));
  }

  reschedule(writerId: number, plans: readonly { id: number; nextNudgeAt: Date | null }[]): Promise<void> {
    for (const plan of plans) {
      const row = this.rows.find((r) => r.id === plan.id && r.writerId === writerId);
      if (row) row.nextNudgeAt = plan.nextNudgeAt;
    }
    return Promise.resolve();
  }

  private open(writerId: number): Delivery[] {
    const stillWaiting = (r: Delivery) => r.status === 'awaiting_review' || (r.status === 'accepted' && !acceptanceReleasesPayment(r.marketplace, r.escrow));
    return this.rows.filter((r) => r.writerId === writerId && stillWaiting(r)).sort((a, b) => b.number - a.number);
  }

  changeStatus(change: StatusChangeRequest): Promise<Delivery | undefined> {
    this.changeCalls.push(change);
    if (this.interleave && !this.interleave(this, change)) this.interleave = undefined;
    const row = this.rows.find((r) => r.id === change.id);
    if (!row || row.status !== change.from) return Promise.resolve(undefined);
    this.apply(row, change.to, change.at);
    row.nextNudgeAt = change.nextNudgeAt;
    return Promise.resolve(structuredClone(row));
  }

  updateReminders(change: RemindersChangeRequest): Promise<Delivery> {
    this.reminderCalls.push(change);
    const row = this.rows.find((r) => r.id === change.id);
    if (!row) return Promise.reject(new Error(`no delivery ${change.id}`));
    if (change.reminders !== undefined) row.reminders = change.reminders;
    if (change.snoozedUntil !== undefined) row.snoozedUntil = change.snoozedUntil;
    row.nextNudgeAt = change.nextNudgeAt;
    return Promise.resolve(structuredClone(row));
  }

  clientNames(clientId: number, communityId: number, limit: number): Promise<string[]> {
    const names = this.rows
      .filter((r) => r.client.id === clientId && r.communityId === communityId && r.clientName !== null)
      .sort((a, b) => b.id - a.id)
      .map((r) => r.clientName!);
    return Promise.resolve([...new Set(names)].slice(0, limit));
  }

  readonly editCalls: DeliveryEdit[] = [];
  edit(change: DeliveryEdit): Promise<Delivery | undefined> {
    this.editCalls.push(structuredClone(change));
    if (this.interleaveEdit && !this.interleaveEdit(this, change)) this.interleaveEdit = undefined;
    const row = this.rows.find((r) => r.id === change.id);
    if (!row || row.status !== change.from) return Promise.resolve(undefined);
    const { id: _id, from: _from, at: _at, client, ...fields } = change;
    if (client) row.client = this.clientFor({ client });
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(row, { [key]: value });
    return Promise.resolve(structuredClone(row));
  }
  /** Runs just before each edit's compare-and-set. Return false to stop. */
  interleaveEdit: ((store: FakeDeliveryStore, change: DeliveryEdit) => boolean) | undefined;

  reopen(change: Parameters<DeliveryStore['reopen']>[0]): Promise<Delivery | undefined> {
    const row = this.rows.find((r) => r.id === change.id);
    if (!row || row.status !== change.from) return Promise.resolve(undefined);
    row.status = change.to;
    row.paidAt = null;
    row.cancelledAt = null;
    if (change.to === 'awaiting_review') row.acceptedAt = null;
    row.nextNudgeAt = change.nextNudgeAt;
    return Promise.resolve(structuredClone(row));
  }

  unpaidTotals(writerId: number): Promise<UnpaidTotals> {
    const open = this.open(writerId);
    const byCurrency = new Map<string, { currency: string; amount: number; count: number }>();
    for (const r of open.filter((d) => d.amount !== null)) {
      const entry = byCurrency.get(r.currency) ?? { currency: r.currency, amount: 0, count: 0 };
      entry.amount += r.amount!;
      entry.count += 1;
      byCurrency.set(r.currency, entry);
    }
    const oldest = open.map((r) => r.deliveredAt).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    return Promise.resolve({ byCurrency: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)), withoutAmount: open.filter((r) => r.amount === null).length, oldestDeliveredAt: oldest });
  }

  /** Writes a status directly, as another bot instance would. */
  forceStatus(id: number, to: DeliveryStatus, at: Date): void {
    const row = this.rows.find((r) => r.id === id);
    if (!row) throw new Error(`no delivery ${id}`);
    this.apply(row, to, at);
  }

  private apply(row: Delivery, to: DeliveryStatus, at: Date): void {
    row.status = to;
    if (to === 'accepted' || to === 'paid') row.acceptedAt ??= at;
    if (to === 'paid') row.paidAt = at;
    if (to === 'cancelled') row.cancelledAt = at;
  }

  private clientFor(delivery: Pick<NewDeliveryRecord, 'client'>): ClientSummary {
    const existing = this.clients.get(delivery.client.key);
    if (existing) return existing;
    const client: ClientSummary = {
      id: this.clients.size + 1,
      key: delivery.client.key,
      displayName: delivery.client.displayName,
      profileUrl: delivery.client.kind === 'profile' ? delivery.client.profileUrl : null,
    };
    this.clients.set(client.key, client);
    return client;
  }
}

class FakeClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

/** The defaults: quiet 22:00–08:00 in the writer's zone, weekends and holidays not skipped. */
function defaultSettings(timezone: string): ReminderSettings {
  return { timezone, quietStartMinute: DEFAULT_QUIET_START, quietEndMinute: DEFAULT_QUIET_END, skipWeekends: false, skipHolidays: false };
}

// A Thursday.
const START = new Date('2026-11-26T10:00:00+09:00');
const WRITERS = {
  A: { memberId: 1, communityId: 100, timezone: 'Asia/Tokyo', locale: 'ja', settings: defaultSettings('Asia/Tokyo') },
  B: { memberId: 2, communityId: 100, timezone: 'Asia/Tokyo', locale: 'ja', settings: defaultSettings('Asia/Tokyo') },
  C: { memberId: 3, communityId: 200, timezone: 'America/Los_Angeles', locale: 'en', settings: defaultSettings('America/Los_Angeles') },
} as const satisfies Record<string, Writer>;
type WriterName = keyof typeof WRITERS;

const INPUT: NewDeliveryInput = { client: '株式会社アクメ', title: 'SEO記事 5本', marketplace: 'direct', amount: '5000円' };

let store: FakeDeliveryStore;
let clock: FakeClock;
let deps: StatusChangeDeps;
/** The delivery's record as changeDeliveryStatus wrote it. */
let events: NewDeliveryEvent[];

beforeEach(() => {
  store = new FakeDeliveryStore();
  clock = new FakeClock(START);
  events = [];
  const add = (event: NewDeliveryEvent) => {
    events.push(event);
    return Promise.resolve({ ...event, id: events.length, createdAt: clock.now() });
  };
  deps = { deliveries: store, clock, events: { add } };
});

async function recordFor(writer: WriterName, input: Partial<NewDeliveryInput> = {}): Promise<Delivery> {
  const delivery = await recordDelivery(deps, WRITERS[writer], { ...INPUT, ...input });
  clock.advance(1);
  return delivery;
}

describe('recordDelivery', () => {
  it.each<{ writers: WriterName[]; numbers: number[] }>([
    { writers: ['A'], numbers: [1] },
    { writers: ['A', 'A', 'A'], numbers: [1, 2, 3] },
    { writers: ['A', 'B'], numbers: [1, 1] },
    { writers: ['A', 'A', 'B', 'A', 'B', 'C'], numbers: [1, 2, 1, 3, 2, 1] },
  ])('recording for $writers numbers them $numbers, counting per writer', async ({ writers, numbers }) => {
    const recorded: number[] = [];
    for (const writer of writers) recorded.push((await recordFor(writer)).number);
    expect(recorded).toEqual(numbers);
  });

  it('the stored delivery is the checked input, owned by the writer, awaiting review', async () => {
    const delivery = await recordDelivery(deps, WRITERS.A, { ...INPUT, client: 'https://crowdworks.jp/public/employers/42', marketplace: undefined });
    expect(delivery).toMatchObject({
      number: 1,
      writerId: WRITERS.A.memberId,
      communityId: WRITERS.A.communityId,
      client: { key: 'crowdworks:42', profileUrl: 'https://crowdworks.jp/public/employers/42' },
      title: 'SEO記事 5本',
      marketplace: 'crowdworks',
      amount: 5000,
      currency: 'JPY',
      escrow: 'funded',
      status: 'awaiting_review',
      deliveredAt: START,
      createdAt: START,
      acceptedAt: null,
      paidAt: null,
      cancelledAt: null,
      reminders: 'active',
      snoozedUntil: null,
      lastStage: 0,
      // CrowdWorks stage 1 is day 3: Sunday 10:00 in Tokyo, outside quiet hours.
      nextNudgeAt: new Date('2026-11-29T10:00:00+09:00'),
    });
    expect(store.rows).toHaveLength(1);
  });

  describe('stores when the first nudge is due, moved out of the writer’s quiet hours and days off', () => {
    const weekendsOff: Writer = { ...WRITERS.A, settings: { ...WRITERS.A.settings, skipWeekends: true } };
    const quietOff: Writer = { ...WRITERS.A, settings: { ...WRITERS.A.settings, quietStartMinute: null, quietEndMinute: null } };

    it.each<{ why: string; writer: Writer; input: Partial<NewDeliveryInput>; firstDue: string; expected: string }>([
      { why: 'stage 1 (day 3) at 10:00, allowed as is', writer: WRITERS.A, input: {}, firstDue: '2026-11-29T10:00:00+09:00', expected: '2026-11-29T10:00:00+09:00' },
      {
        why: 'stage 1 at 23:30, inside quiet hours → 08:00 the next morning',
        writer: WRITERS.A,
        input: { delivered: '2026-11-25T23:30:00+09:00' },
        firstDue: '2026-11-28T23:30:00+09:00',
        expected: '2026-11-29T08:00:00+09:00',
      },
      {
        why: 'Coconala stage 1 (day 2) at 05:00 → 08:00 the same morning',
        writer: WRITERS.A,
        input: { marketplace: 'coconala', delivered: '2026-11-25T05:00:00+09:00' },
        firstDue: '2026-11-27T05:00:00+09:00',
        expected: '2026-11-27T08:00:00+09:00',
      },
      {
        why: 'quiet hours read in the writer’s own zone (Los Angeles, 23:00)',
        writer: WRITERS.C,
        input: { delivered: '2026-11-24T23:00:00-08:00' },
        firstDue: '2026-11-27T23:00:00-08:00',
        expected: '2026-11-28T08:00:00-08:00',
      },
      { why: 'a Sunday nudge for a writer who skips weekends → Monday 08:00', writer: weekendsOff, input: {}, firstDue: '2026-11-29T10:00:00+09:00', expected: '2026-11-30T08:00:00+09:00' },
      {
        why: 'quiet hours off: 23:30 stays 23:30',
        writer: quietOff,
        input: { delivered: '2026-11-25T23:30:00+09:00' },
        firstDue: '2026-11-28T23:30:00+09:00',
        expected: '2026-11-28T23:30:00+09:00',
      },
    ])('$why', async ({ writer, input, firstDue, expected }) => {
      const delivery = await recordDelivery(deps, writer, { ...INPUT, ...input });
      const firstStage = delivery.marketplace === 'coconala' ? 2 : 3;
      // The first stage's due time is the delivery plus its days…
      expect(delivery.deliveredAt.getTime() + firstStage * 24 * 60 * 60 * 1000).toBe(new Date(firstDue).getTime());
      // …and what the store is asked to keep is that time moved out of quiet hours.
      expect(store.recordCalls.map((c) => c.nextNudgeAt)).toEqual([new Date(expected)]);
      expect(delivery.nextNudgeAt).toEqual(new Date(expected));
      expect(store.rows[0]?.nextNudgeAt).toEqual(new Date(expected));
    });
  });

  it.each<{ writer: WriterName; delivered: string; expected: string }>([
    { writer: 'A', delivered: '昨日', expected: '2026-11-25T03:00:00.000Z' },
    // 10:00 in Tokyo is still 17:00 the day before in Los Angeles.
    { writer: 'C', delivered: '昨日', expected: '2026-11-24T20:00:00.000Z' },
    { writer: 'C', delivered: 'today', expected: '2026-11-25T20:00:00.000Z' },
  ])("writer $writer's $delivered is read in their own time zone: $expected", async ({ writer, delivered, expected }) => {
    expect((await recordFor(writer, { delivered })).deliveredAt.toISOString()).toBe(expected);
  });

  it.each<{ why: string; input: Partial<NewDeliveryInput>; code: ErrorCode }>([
    { why: 'no marketplace for a named client', input: { marketplace: undefined }, code: 'MARKETPLACE_REQUIRED' },
    { why: 'a job page given as the client', input: { client: 'https://crowdworks.jp/public/jobs/1' }, code: 'CLIENT_URL_UNRECOGNIZED' },
    { why: 'a future delivery date', input: { delivered: '2099-01-01' }, code: 'DELIVERED_IN_FUTURE' },
  ])('invalid input ($why) → $code and nothing is stored', async ({ input, code }) => {
    expect(await rejectionCodeOf(recordDelivery(deps, WRITERS.A, { ...INPUT, ...input }))).toBe(code);
    expect(store.rows).toEqual([]);
  });
});

describe('findOwnDelivery', () => {
  beforeEach(async () => {
    await recordFor('A', { title: "A's first" });
    await recordFor('A', { title: "A's second" });
    await recordFor('B', { title: "B's first" });
  });

  it.each<{ writer: WriterName; text: string; title: string }>([
    { writer: 'A', text: '1', title: "A's first" },
    { writer: 'A', text: '#2', title: "A's second" },
    { writer: 'B', text: '＃１', title: "B's first" },
  ])('writer $writer finds $text: "$title"', async ({ writer, text, title }) => {
    expect((await findOwnDelivery(deps, WRITERS[writer], text)).title).toBe(title);
  });

  it.each<{ writer: WriterName; text: string; code: ErrorCode }>([
    { writer: 'B', text: '2', code: 'DELIVERY_NOT_FOUND' },
    { writer: 'C', text: '1', code: 'DELIVERY_NOT_FOUND' },
    { writer: 'A', text: '3', code: 'DELIVERY_NOT_FOUND' },
    { writer: 'A', text: 'abc', code: 'INVALID_DELIVERY_NUMBER' },
    { writer: 'A', text: '0', code: 'INVALID_DELIVERY_NUMBER' },
  ])('writer $writer looking up $text → $code', async ({ writer, text, code }) => {
    expect(await rejectionCodeOf(findOwnDelivery(deps, WRITERS[writer], text))).toBe(code);
  });
});

describe('changeDeliveryStatus', () => {
  it.each<{ actions: StatusAction[]; status: DeliveryStatus; accepted: boolean; paid: boolean; cancelled: boolean }>([
    { actions: ['accept'], status: 'accepted', accepted: true, paid: false, cancelled: false },
    { actions: ['accept', 'pay'], status: 'paid', accepted: true, paid: true, cancelled: false },
    { actions: ['pay'], status: 'paid', accepted: true, paid: true, cancelled: false },
    { actions: ['cancel'], status: 'cancelled', accepted: false, paid: false, cancelled: true },
    { actions: ['accept', 'cancel'], status: 'cancelled', accepted: true, paid: false, cancelled: true },
  ])('$actions leaves the delivery $status', async ({ actions, status, accepted, paid, cancelled }) => {
    await recordFor('A');
    let last: Delivery | undefined;
    for (const action of actions) {
      const { before, after } = await changeDeliveryStatus(deps, WRITERS.A, '#1', action);
      expect(after.status).not.toBe(before.status);
      last = after;
      clock.advance(60);
    }
    expect(last?.status).toBe(status);
    expect(store.rows[0]?.status).toBe(status);
    expect({ accepted: last?.acceptedAt !== null, paid: last?.paidAt !== null, cancelled: last?.cancelledAt !== null }).toEqual({ accepted, paid, cancelled });
  });

  it('accept then pay keeps when it was accepted and records when it was paid', async () => {
    await recordFor('A');
    const acceptedAt = clock.now();
    const accept = await changeDeliveryStatus(deps, WRITERS.A, '1', 'accept');
    expect(accept.before.status).toBe('awaiting_review');
    expect(accept.after).toMatchObject({ status: 'accepted', acceptedAt, paidAt: null });

    clock.advance(24 * 60);
    const paidAt = clock.now();
    const pay = await changeDeliveryStatus(deps, WRITERS.A, '1', 'pay');
    expect(pay.before.status).toBe('accepted');
    expect(pay.after).toMatchObject({ status: 'paid', acceptedAt, paidAt });
  });

  it('writes each change to the delivery’s record at the moment it was made; a refused one writes nothing', async () => {
    const delivery = await recordFor('A');
    const acceptedAt = clock.now();
    await changeDeliveryStatus(deps, WRITERS.A, '1', 'accept');
    clock.advance(60);
    const paidAt = clock.now();
    await changeDeliveryStatus(deps, WRITERS.A, '1', 'pay');
    expect(await rejectionCodeOf(changeDeliveryStatus(deps, WRITERS.A, '1', 'cancel'))).toBe('INVALID_TRANSITION');
    expect(await rejectionCodeOf(changeDeliveryStatus(deps, WRITERS.B, '1', 'cancel'))).toBe('DELIVERY_NOT_FOUND');
    expect(events).toEqual([
      { deliveryId: delivery.id, kind: 'accepted', at: acceptedAt, text: null },
      { deliveryId: delivery.id, kind: 'paid', at: paidAt, text: null },
    ]);
  });

  it('a change that was stored is reported as made even when its line in the record cannot be written', async () => {
    await recordFor('A');
    deps.events = { add: () => Promise.reject(new Error('connection lost')) };
    const { after } = await changeDeliveryStatus(deps, WRITERS.A, '1', 'cancel');
    expect(after.status).toBe('cancelled');
    expect(store.rows[0]?.status).toBe('cancelled');
  });

  describe('moves the next nudge with the status', () => {
    const EMPLOYER = 'https://crowdworks.jp/public/employers/42';
    const DAY_MS = 24 * 60 * 60 * 1000;
    const stage4 = (days: number) => new Date(START.getTime() + days * DAY_MS);

    it.each<{ why: string; input: Partial<NewDeliveryInput>; actions: StatusAction[]; next: Date | null }>([
      // Escrow released on acceptance: the ladder ends.
      { why: 'CrowdWorks, escrow funded (default), accepted', input: { client: EMPLOYER, marketplace: undefined }, actions: ['accept'], next: null },
      { why: 'Lancers, escrow funded, accepted', input: { marketplace: 'lancers', escrow: 'yes' }, actions: ['accept'], next: null },
      { why: 'Upwork, funded milestone, accepted', input: { marketplace: 'upwork', escrow: 'yes' }, actions: ['accept'], next: null },
      // Acceptance only starts the wait for payment: stage 4 (day 21, or 14 on Coconala).
      { why: 'direct client, accepted', input: {}, actions: ['accept'], next: stage4(21) },
      { why: 'CrowdWorks without escrow, accepted', input: { client: EMPLOYER, marketplace: undefined, escrow: 'no' }, actions: ['accept'], next: stage4(21) },
      { why: 'Upwork, escrow unknown, accepted', input: { marketplace: 'upwork' }, actions: ['accept'], next: stage4(21) },
      { why: 'Coconala without escrow, accepted', input: { marketplace: 'coconala', escrow: 'no' }, actions: ['accept'], next: stage4(14) },
      // Paid and cancelled end it.
      { why: 'direct client, paid', input: {}, actions: ['pay'], next: null },
      { why: 'direct client, accepted then paid', input: {}, actions: ['accept', 'pay'], next: null },
      { why: 'direct client, cancelled', input: {}, actions: ['cancel'], next: null },
      { why: 'direct client, accepted then cancelled', input: {}, actions: ['accept', 'cancel'], next: null },
    ])('$why → next nudge $next', async ({ input, actions, next }) => {
      await recordFor('A', input);
      expect(store.rows[0]?.nextNudgeAt).not.toBeNull();
      let last: Delivery | undefined;
      for (const action of actions) {
        last = (await changeDeliveryStatus(deps, WRITERS.A, '1', action)).after;
        clock.advance(60);
      }
      expect(last?.nextNudgeAt).toEqual(next);
      expect(store.rows[0]?.nextNudgeAt).toEqual(next);
      expect(store.changeCalls.at(-1)?.nextNudgeAt).toEqual(next);
    });

    it('accepting a direct delivery moves its next nudge from stage 1 to stage 4, out of quiet hours', async () => {
      await recordFor('A', { delivered: '2026-11-25T23:30:00+09:00' });
      expect(store.rows[0]?.nextNudgeAt).toEqual(new Date('2026-11-29T08:00:00+09:00'));
      const { after } = await changeDeliveryStatus(deps, WRITERS.A, '1', 'accept');
      // Stage 4 is due 2026-12-16 23:30, inside quiet hours.
      expect(after.nextNudgeAt).toEqual(new Date('2026-12-17T08:00:00+09:00'));
    });

    it('accepting a direct delivery after stages 1 and 2 were sent still schedules stage 4', async () => {
      await recordFor('A');
      const row = store.rows[0]!;
      row.lastStage = 2;
      const { after } = await changeDeliveryStatus(deps, WRITERS.A, '1', 'accept');
      expect(after.nextNudgeAt).toEqual(stage4(21));
    });
  });

  it.each<{ first: StatusAction; then: StatusAction; status: DeliveryStatus }>([
    { first: 'cancel', then: 'pay', status: 'cancelled' },
    { first: 'cancel', then: 'accept', status: 'cancelled' },
    { first: 'cancel', then: 'cancel', status: 'cancelled' },
    { first: 'pay', then: 'pay', status: 'paid' },
    { first: 'pay', then: 'cancel', status: 'paid' },
    { first: 'accept', then: 'accept', status: 'accepted' },
  ])('$then after $first → INVALID_TRANSITION and nothing changes', async ({ first, then, status }) => {
    await recordFor('A');
    await changeDeliveryStatus(deps, WRITERS.A, '1', first);
    clock.advance(60);
    const snapshot = structuredClone(store.rows);
    const callsBefore = store.changeCalls.length;

    expect(await rejectionCodeOf(changeDeliveryStatus(deps, WRITERS.A, '1', then))).toBe('INVALID_TRANSITION');
    expect(store.rows).toEqual(snapshot);
    expect(store.rows[0]?.status).toBe(status);
    expect(store.changeCalls.length).toBe(callsBefore);
  });

  it.each<{ writer: WriterName; text: string; action: StatusAction; code: ErrorCode }>([
    { writer: 'B', text: '1', action: 'accept', code: 'DELIVERY_NOT_FOUND' },
    { writer: 'B', text: '1', action: 'pay', code: 'DELIVERY_NOT_FOUND' },
    { writer: 'C', text: '#1', action: 'cancel', code: 'DELIVERY_NOT_FOUND' },
    { writer: 'A', text: '2', action: 'pay', code: 'DELIVERY_NOT_FOUND' },
    { writer: 'A', text: 'one', action: 'pay', code: 'INVALID_DELIVERY_NUMBER' },
  ])("writer $writer trying to $action $text of A's → $code, A's delivery untouched", async ({ writer, text, action, code }) => {
    await recordFor('A');
    const snapshot = structuredClone(store.rows);
    expect(await rejectionCodeOf(changeDeliveryStatus(deps, WRITERS[writer], text, action))).toBe(code);
    expect(store.rows).toEqual(snapshot);
    expect(store.changeCalls).toEqual([]);
  });

  it("a writer's action changes only their own delivery with that number", async () => {
    await recordFor('A');
    await recordFor('B');
    const { after } = await changeDeliveryStatus(deps, WRITERS.B, '1', 'cancel');
    expect(after.writerId).toBe(WRITERS.B.memberId);
    expect(store.rows.map((r) => [r.writerId, r.status])).toEqual([
      [WRITERS.A.memberId, 'awaiting_review'],
      [WRITERS.B.memberId, 'cancelled'],
    ]);
  });

  describe('when the status changes between reading and writing', () => {
    it.each<{ meanwhile: DeliveryStatus; action: StatusAction; outcome: DeliveryStatus | ErrorCode; final: DeliveryStatus; writes: number }>([
      // The fresh status still allows the action: it is applied to the fresh status.
      { meanwhile: 'accepted', action: 'pay', outcome: 'paid', final: 'paid', writes: 2 },
      { meanwhile: 'accepted', action: 'cancel', outcome: 'cancelled', final: 'cancelled', writes: 2 },
      // The fresh status forbids it: the other write wins and is not overwritten.
      { meanwhile: 'cancelled', action: 'pay', outcome: 'INVALID_TRANSITION', final: 'cancelled', writes: 1 },
      { meanwhile: 'accepted', action: 'accept', outcome: 'INVALID_TRANSITION', final: 'accepted', writes: 1 },
      { meanwhile: 'paid', action: 'cancel', outcome: 'INVALID_TRANSITION', final: 'paid', writes: 1 },
      { meanwhile: 'paid', action: 'accept', outcome: 'INVALID_TRANSITION', final: 'paid', writes: 1 },
    ])('$action losing a race to $meanwhile → $outcome, delivery ends $final', async ({ meanwhile, action, outcome, final, writes }) => {
      await recordFor('A');
      const racedAt = clock.now();
      store.interleave = (s, change) => {
        s.forceStatus(change.id, meanwhile, racedAt);
        return false;
      };
      clock.advance(5);

      const result = changeDeliveryStatus(deps, WRITERS.A, '1', action);
      if (outcome === 'INVALID_TRANSITION') {
        expect(await rejectionCodeOf(result)).toBe(outcome);
      } else {
        const { before, after } = await result;
        expect(before.status).toBe(meanwhile);
        expect(after.status).toBe(outcome);
      }
      expect(store.rows[0]?.status).toBe(final);
      expect(store.changeCalls.map((c) => c.from)).toEqual(['awaiting_review', meanwhile].slice(0, writes));
    });

    it('paying after losing to an acceptance keeps the other instance’s acceptedAt', async () => {
      await recordFor('A');
      const racedAt = clock.now();
      store.interleave = (s, change) => {
        s.forceStatus(change.id, 'accepted', racedAt);
        return false;
      };
      clock.advance(5);
      const { after } = await changeDeliveryStatus(deps, WRITERS.A, '1', 'pay');
      expect(after).toMatchObject({ status: 'paid', acceptedAt: racedAt, paidAt: clock.now() });
    });

    it('a store that keeps losing the race gives STORE_UNAVAILABLE after three attempts, without looping forever', async () => {
      await recordFor('A');
      // Another instance flips the status back and forth on every attempt.
      store.interleave = (s, change) => {
        s.forceStatus(change.id, change.from === 'awaiting_review' ? 'accepted' : 'awaiting_review', clock.now());
        const row = s.rows.find((r) => r.id === change.id);
        if (row) row.acceptedAt = null;
        return true;
      };
      expect(await rejectionCodeOf(changeDeliveryStatus(deps, WRITERS.A, '1', 'cancel'))).toBe('STORE_UNAVAILABLE');
      expect(store.changeCalls).toHaveLength(3);
      expect(store.rows[0]?.status).not.toBe('cancelled');
    });
  });
});

describe('listDeliveries', () => {
  it.each<{ scope: 'open' | 'all'; numbers: number[]; total: number }>([
    { scope: 'open', numbers: [4, 2, 1], total: 3 },
    { scope: 'all', numbers: [5, 4, 3, 2, 1], total: 5 },
  ])('$scope lists the writer’s own deliveries $numbers, newest first', async ({ scope, numbers, total }) => {
    for (let i = 0; i < 5; i++) await recordFor('A');
    await recordFor('B');
    await changeDeliveryStatus(deps, WRITERS.A, '3', 'pay');
    await changeDeliveryStatus(deps, WRITERS.A, '5', 'cancel');
    await changeDeliveryStatus(deps, WRITERS.A, '2', 'accept');

    const page = await listDeliveries(deps, WRITERS.A, scope);
    expect(page.deliveries.map((d) => d.number)).toEqual(numbers);
    expect(page.total).toBe(total);
    expect(page.deliveries.every((d) => d.writerId === WRITERS.A.memberId)).toBe(true);
  });

  it.each<{ count: number; shown: number }>([
    { count: 20, shown: 20 },
    { count: 25, shown: 20 },
  ])('$count deliveries show one page of $shown with the full total', async ({ count, shown }) => {
    for (let i = 0; i < count; i++) await recordFor('A');
    const page = await listDeliveries(deps, WRITERS.A, 'all');
    expect(page.deliveries).toHaveLength(shown);
    expect(page.total).toBe(count);
    expect(page.deliveries[0]?.number).toBe(count);
  });

  it('a writer with no deliveries gets an empty page', async () => {
    await recordFor('A');
    expect(await listDeliveries(deps, WRITERS.B, 'all')).toEqual({ deliveries: [], total: 0 });
  });
});

describe('recordDelivery uses the writer’s language for letters to a direct client', () => {
  it.each([
    ['A', 'direct', 'ja'],
    ['C', 'direct', 'en'],
    ['C', 'crowdworks', 'ja'],
  ] as const)('writer %s on %s: letters in %s', async (writer, marketplace, letters) => {
    expect((await recordFor(writer, { marketplace })).letterLocale).toBe(letters);
  });
});

describe('editDelivery and reopenDelivery', () => {
  class FakeEvents implements DeliveryEventStore {
    readonly added: NewDeliveryEvent[] = [];
    add(event: NewDeliveryEvent): Promise<DeliveryEvent> {
      this.added.push(event);
      return Promise.resolve({ ...event, id: this.added.length, createdAt: event.at });
    }
    list(deliveryId: number): Promise<DeliveryEvent[]> {
      return Promise.resolve(this.added.filter((e) => e.deliveryId === deliveryId).map((e, i) => ({ ...e, id: i + 1, createdAt: e.at })));
    }
  }
  let events: FakeEvents;
  beforeEach(() => {
    events = new FakeEvents();
  });
  const editDeps = () => ({ ...deps, events });

  it('an edit that loses to a payment is checked again against the paid delivery: no reminder is planned', async () => {
    await recordFor('A', { marketplace: 'direct' });
    store.interleaveEdit = (s, change) => {
      s.forceStatus(change.id, 'paid', START);
      return false;
    };
    const { after, changed } = await editDelivery(editDeps(), WRITERS.A, '1', { delivered: '2026-11-20' });
    expect(changed).toEqual(['delivered']);
    expect(store.editCalls.map((c) => c.from)).toEqual(['awaiting_review', 'paid']);
    expect(after).toMatchObject({ status: 'paid', nextNudgeAt: null });
    expect(events.added).toEqual([expect.objectContaining({ kind: 'edited', text: 'delivered', at: clock.now() })]);
  });

  it('an edit that keeps losing gives STORE_UNAVAILABLE and records nothing', async () => {
    await recordFor('A');
    store.interleaveEdit = (s, change) => {
      s.forceStatus(change.id, change.from === 'accepted' ? 'awaiting_review' : 'accepted', START);
      return true;
    };
    expect(await rejectionCodeOf(editDelivery(editDeps(), WRITERS.A, '1', { title: 'x' }))).toBe('STORE_UNAVAILABLE');
    expect(events.added).toEqual([]);
  });

  it('changing escrow re-plans with the writer’s quiet hours', async () => {
    await recordFor('A', { marketplace: 'upwork', delivered: '2026-11-20' });
    await changeDeliveryStatus(deps, WRITERS.A, '1', 'accept');
    const { after } = await editDelivery(editDeps(), WRITERS.A, '1', { escrow: 'no' });
    // Accepted without escrow: the record stage, day 21 after 11-20, at noon in Tokyo (not in quiet hours).
    expect(after.nextNudgeAt?.toISOString()).toBe('2026-12-11T03:00:00.000Z');
  });

  it.each<{ from: DeliveryStatus; acceptedAt: string | null; paidAt: string | null; to: string }>([
    { from: 'awaiting_review', acceptedAt: null, paidAt: null, to: 'REOPEN_NOT_CLOSED' },
    { from: 'accepted', acceptedAt: '2026-11-20T00:00:00Z', paidAt: null, to: 'awaiting_review' },
    { from: 'paid', acceptedAt: '2026-11-20T00:00:00Z', paidAt: '2026-11-20T00:00:00Z', to: 'awaiting_review' },
    { from: 'paid', acceptedAt: '2026-11-20T00:00:00Z', paidAt: '2026-11-25T00:00:00Z', to: 'accepted' },
    { from: 'cancelled', acceptedAt: null, paidAt: null, to: 'awaiting_review' },
    { from: 'cancelled', acceptedAt: '2026-11-20T00:00:00Z', paidAt: null, to: 'accepted' },
  ])('reopening $from (accepted $acceptedAt, paid $paidAt) gives $to', ({ from, acceptedAt, paidAt, to }) => {
    const delivery = { number: 4, status: from, acceptedAt: acceptedAt ? new Date(acceptedAt) : null, paidAt: paidAt ? new Date(paidAt) : null };
    if (to === 'REOPEN_NOT_CLOSED') expect(errorCodeOf(() => reopenedStatus(delivery))).toBe(to);
    else expect(reopenedStatus(delivery)).toBe(to);
  });

  it('reopening a paid direct delivery records the event and plans the payment stages again', async () => {
    await recordFor('A', { marketplace: 'direct', delivered: '2026-11-20' });
    await changeDeliveryStatus(deps, WRITERS.A, '1', 'accept');
    clock.advance(5);
    await changeDeliveryStatus(deps, WRITERS.A, '1', 'pay');
    const { after } = await reopenDelivery(editDeps(), WRITERS.A, '1');
    expect(after).toMatchObject({ status: 'accepted', paidAt: null, nextNudgeAt: new Date('2026-12-11T03:00:00.000Z') });
    expect(events.added).toEqual([expect.objectContaining({ kind: 'reopened', text: 'paid → accepted' })]);
    expect(await rejectionCodeOf(reopenDelivery(editDeps(), WRITERS.B, '1'))).toBe('DELIVERY_NOT_FOUND');
  });
});
