import type { Clock } from './clock.js';
import { nextStatus, parseDeliveryNumber, prepareDelivery, type Delivery, type NewDeliveryInput, type StatusAction } from './delivery.js';
import { DomainError } from './errors.js';
import { LIMITS } from './limits.js';
import { nextNudgeAt } from './nudge-plan.js';
import type { DeliveryEventStore, DeliveryPage, DeliveryScope, DeliveryStore, RecordedDelivery, UnpaidTotals } from './ports.js';
import type { Locale } from './member.js';
import type { ReminderSettings } from './reminder-settings.js';

/** The operations behind `/deliver`: plain data in, a result or a coded error out. */

export interface DeliveryDeps {
  deliveries: DeliveryStore;
  clock: Clock;
}

/** A status change also writes the delivery's record (events.ts). */
export interface StatusChangeDeps extends DeliveryDeps {
  events: Pick<DeliveryEventStore, 'add'>;
}

export interface Writer {
  memberId: number;
  communityId: number;
  timezone: string;
  /** The writer's language: letters to a direct client default to it. */
  locale: Locale;
  /** When the writer may be messaged; the plan's times are moved out of their quiet hours. */
  settings: ReminderSettings;
}

/** Records a new delivery, reading with it what `spellingsKnownHere` needs. */
export async function recordDelivery(deps: DeliveryDeps, writer: Writer, input: NewDeliveryInput): Promise<RecordedDelivery> {
  const now = deps.clock.now();
  const delivery = prepareDelivery(input, now, writer.timezone, writer.locale);
  const nextNudge = nextNudgeAt({ ...delivery, status: 'awaiting_review', reminders: 'active', snoozedUntil: null, lastStage: 0, lastNudgeAt: null }, writer.settings);
  return deps.deliveries.record({ ...delivery, writerId: writer.memberId, communityId: writer.communityId, nextNudgeAt: nextNudge }, now, { clientNames: LIMITS.spellingsShown + 1 });
}

/**
 * Other spellings of the delivery's client among this community's deliveries (the name as each
 * writer typed it), newest first: a writer who types 「ｱｸﾒ(株)」 learns the community knows
 * 「株式会社アクメ」. Names typed in other communities never appear.
 */
export async function spellingsKnownHere(deps: Pick<DeliveryDeps, 'deliveries'>, delivery: RecordedDelivery): Promise<string[]> {
  // Read with the delivery when it was recorded, else now (when the delivery's own name is among them).
  const names = delivery.earlierClientNames ?? (await deps.deliveries.clientNames(delivery.client.id, delivery.communityId, LIMITS.spellingsShown + 1));
  return names.filter((name) => name !== delivery.clientName).slice(0, LIMITS.spellingsShown);
}

export async function listDeliveries(deps: DeliveryDeps, writer: Writer, scope: DeliveryScope, options: { withOwed?: boolean } = {}): Promise<DeliveryPage> {
  return deps.deliveries.listByWriter(writer.memberId, { scope, limit: LIMITS.listPageSize, ...options });
}

/** What the writer is still owed over all their open deliveries, not only the page listed. */
export async function owedTotals(deps: Pick<DeliveryDeps, 'deliveries'>, writer: Writer, page?: DeliveryPage): Promise<UnpaidTotals> {
  return page?.owed ?? deps.deliveries.unpaidTotals(writer.memberId);
}

/** Looks a delivery up by the writer's own number; another writer's deliveries are never found. */
export async function findOwnDelivery(deps: DeliveryDeps, writer: Writer, numberText: string): Promise<Delivery> {
  const number = parseDeliveryNumber(numberText);
  const delivery = await deps.deliveries.findByNumber(writer.memberId, number);
  if (!delivery) throw new DomainError('DELIVERY_NOT_FOUND', { number });
  return delivery;
}

/** A delivery found by id, for buttons, which carry ids: the clicker must be its writer. */
export async function ownDeliveryById(deps: Pick<DeliveryDeps, 'deliveries'>, writer: Writer, id: number): Promise<Delivery> {
  const delivery = await deps.deliveries.findById(id);
  if (!delivery || delivery.writerId !== writer.memberId) throw new DomainError('DELIVERY_NOT_YOURS');
  return delivery;
}

export interface StatusChange {
  before: Delivery;
  after: Delivery;
}

/**
 * Marks one of the writer's deliveries accepted, paid or cancelled: given by the number the
 * writer typed, or already loaded (a button, which checked it is theirs). If the status moved
 * between reading and writing (a button clicked twice, two instances), the rule is checked again
 * against the fresh status rather than overwriting it.
 */
export async function changeDeliveryStatus(deps: StatusChangeDeps, writer: Writer, target: string | Delivery, action: StatusAction): Promise<StatusChange> {
  let before = typeof target === 'string' ? await findOwnDelivery(deps, writer, target) : target;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) before = await ownDeliveryById(deps, writer, before.id);
    const to = nextStatus(before.status, action);
    // The plan changes with the status from the very next tick: ended, or payment stages only.
    const nextNudge = nextNudgeAt({ ...before, status: to }, writer.settings);
    const at = deps.clock.now();
    const after = await deps.deliveries.changeStatus({ id: before.id, from: before.status, to, at, nextNudgeAt: nextNudge });
    if (after) {
      // `to` is never awaiting_review: each action moves forward (TRANSITIONS). The change is
      // stored whatever becomes of this line of its record, so a failure here must not report it
      // as lost; the timeline falls back on the delivery's own acceptedAt/paidAt/cancelledAt.
      await deps.events.add({ deliveryId: after.id, kind: to as Exclude<typeof to, 'awaiting_review'>, at, text: null }).catch(() => undefined);
      return { before, after };
    }
  }
  throw new DomainError('STORE_UNAVAILABLE');
}
