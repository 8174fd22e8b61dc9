import { beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.js';
import {
  changeDeliveryStatus,
  findOwnDelivery,
  listDeliveries,
  recordDelivery,
  type DeliveryDeps,
  type Writer,
} from '../../src/domain/deliveries.js';
import type { ClientSummary, Delivery, DeliveryStatus, NewDeliveryInput, StatusAction } from '../../src/domain/delivery.js';
import { DomainError, type ErrorCode } from '../../src/domain/errors.js';
import { acceptanceReleasesPayment } from '../../src/domain/marketplace.js';
import type { DeliveryPage, DeliveryScope, DeliveryStore, NewDeliveryRecord } from '../../src/domain/ports.js';

type StatusChangeRequest = Parameters<DeliveryStore['changeStatus']>[0];

/**
 * An in-memory DeliveryStore with the port's semantics: per-writer numbers, one client per key,
 * and a compare-and-set changeStatus. Every read returns a copy, as a database would.
 */
class FakeDeliveryStore implements DeliveryStore {
  readonly rows: Delivery[] = [];
  readonly changeCalls: StatusChangeRequest[] = [];
  /** Runs just before each compare-and-set: another instance writing in between. Return false to stop. */
  interleave: ((store: FakeDeliveryStore, change: StatusChangeRequest) => boolean) | undefined;
  private readonly clients = new Map<string, ClientSummary>();
  private nextId = 1;

  record(delivery: NewDeliveryRecord, now: Date): Promise<Delivery> {
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
    };
    this.rows.push(row);
    return Promise.resolve(structuredClone(row));
  }

  findByNumber(writerId: number, number: number): Promise<Delivery | undefined> {
    const row = this.rows.find((r) => r.writerId === writerId && r.number === number);
    return Promise.resolve(row && structuredClone(row));
  }

  listByWriter(writerId: number, options: { scope: DeliveryScope; limit: number }): Promise<DeliveryPage> {
    const stillWaiting = (r: Delivery) => r.status === 'awaiting_review' || (r.status === 'accepted' && !acceptanceReleasesPayment(r.marketplace, r.escrow));
    const matching = this.rows
      .filter((r) => r.writerId === writerId && (options.scope === 'all' || stillWaiting(r)))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
    return Promise.resolve({ deliveries: structuredClone(matching.slice(0, options.limit)), total: matching.length });
  }

  changeStatus(change: StatusChangeRequest): Promise<Delivery | undefined> {
    this.changeCalls.push(change);
    if (this.interleave && !this.interleave(this, change)) this.interleave = undefined;
    const row = this.rows.find((r) => r.id === change.id);
    if (!row || row.status !== change.from) return Promise.resolve(undefined);
    this.apply(row, change.to, change.at);
    return Promise.resolve(structuredClone(row));
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

  private clientFor(delivery: NewDeliveryRecord): ClientSummary {
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

async function errorCodeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

const START = new Date('2026-11-26T10:00:00+09:00');
const WRITERS = {
  A: { memberId: 1, communityId: 100, timezone: 'Asia/Tokyo' },
  B: { memberId: 2, communityId: 100, timezone: 'Asia/Tokyo' },
  C: { memberId: 3, communityId: 200, timezone: 'America/Los_Angeles' },
} as const satisfies Record<string, Writer>;
type WriterName = keyof typeof WRITERS;

const INPUT: NewDeliveryInput = { client: '株式会社アクメ', title: 'SEO記事 5本', marketplace: 'direct', amount: '5000円' };

let store: FakeDeliveryStore;
let clock: FakeClock;
let deps: DeliveryDeps;

beforeEach(() => {
  store = new FakeDeliveryStore();
  clock = new FakeClock(START);
  deps = { deliveries: store, clock };
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
    });
    expect(store.rows).toHaveLength(1);
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
    expect(await errorCodeOf(recordDelivery(deps, WRITERS.A, { ...INPUT, ...input }))).toBe(code);
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
    expect(await errorCodeOf(findOwnDelivery(deps, WRITERS[writer], text))).toBe(code);
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

    expect(await errorCodeOf(changeDeliveryStatus(deps, WRITERS.A, '1', then))).toBe('INVALID_TRANSITION');
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
    expect(await errorCodeOf(changeDeliveryStatus(deps, WRITERS[writer], text, action))).toBe(code);
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
        expect(await errorCodeOf(result)).toBe(outcome);
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
      expect(await errorCodeOf(changeDeliveryStatus(deps, WRITERS.A, '1', 'cancel'))).toBe('STORE_UNAVAILABLE');
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
