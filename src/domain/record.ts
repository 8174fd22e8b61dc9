import { DateTime } from 'luxon';
import type { Clock } from './clock.js';
import { findOwnDelivery, type Writer } from './deliveries.js';
import { isInFuture, parseWriterTime, type Delivery } from './delivery.js';
import { DomainError } from './errors.js';
import type { DeliveryEvent, WriterEventKind } from './events.js';
import { LIMITS } from './limits.js';
import { isPlatform } from './marketplace.js';
import type { DeliveryEventStore, DeliveryStore } from './ports.js';
import { MINUTE_MS } from './time.js';

/**
 * The writer's record of a delivery: what they did (wrote to the client, asked the desk), what
 * came back (the client replied) and notes. Only the writer knows these things; Kenshu's own
 * reminders never stand in for them.
 */

export interface RecordDeps {
  deliveries: DeliveryStore;
  events: DeliveryEventStore;
  clock: Clock;
}

export interface WriterEventInput {
  kind: WriterEventKind;
  /** Free text; required for a note. */
  text?: string | undefined;
  /** When it happened, as the writer typed it (parseWriterTime); default now. */
  at?: string | undefined;
}

/** Control characters (other than line breaks) never reach the record; spaces are tidied. */
function cleanText(text: string | undefined): string | null {
  if (text === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const t = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ').replace(/[ \t\u3000]+/g, ' ').trim();
  if (t.length > LIMITS.eventTextLength) throw new DomainError('INVALID_INPUT', { field: 'text', issue: 'too_long', max: LIMITS.eventTextLength });
  return t === '' ? null : t;
}

/**
 * When the event happened: never in the future, never before the day of delivery. A bare date
 * on the day of delivery is placed after the delivery itself, so the timeline reads in order.
 */
function eventTime(text: string | undefined, delivery: Delivery, now: Date, timezone: string): Date {
  if (text === undefined) return now;
  const { at, dateOnly } = parseWriterTime(text, now, timezone);
  if (isInFuture(at, now)) throw new DomainError('EVENT_IN_FUTURE', { value: text.slice(0, 40) });
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: timezone }).startOf('day');
  if (day(at) < day(delivery.deliveredAt)) {
    // `resolved` shows which day a date without a year was read as (the most recent 11/6).
    throw new DomainError('EVENT_BEFORE_DELIVERY', { value: text.slice(0, 40), resolved: day(at).toISODate()!, number: delivery.number, delivered: day(delivery.deliveredAt).toISODate()! });
  }
  return dateOnly && at < delivery.deliveredAt ? new Date(Math.min(delivery.deliveredAt.getTime(), now.getTime())) : at;
}

/** Checks one event against its delivery: a desk exists only on a platform; a note says something. */
function checkEvent(delivery: Delivery, kind: WriterEventKind, text: string | null): void {
  if (kind === 'desk' && !isPlatform(delivery.marketplace)) throw new DomainError('NO_PLATFORM_DESK', { number: delivery.number, marketplace: delivery.marketplace });
  if (kind === 'note' && text === null) throw new DomainError('INVALID_INPUT', { field: 'text', issue: 'required' });
}

/** `/deliver log`: records what the writer did about one of their own deliveries, given by number. */
export async function logWriterEvent(deps: RecordDeps, writer: Writer, numberText: string, input: WriterEventInput): Promise<{ delivery: Delivery; event: DeliveryEvent }> {
  const delivery = await findOwnDelivery(deps, writer, numberText);
  const text = cleanText(input.text);
  checkEvent(delivery, input.kind, text);
  const at = eventTime(input.at, delivery, deps.clock.now(), writer.timezone);
  const event = await deps.events.add({ deliveryId: delivery.id, kind: input.kind, at, text });
  return { delivery, event };
}

/** A second click within this long records nothing new: the writer did one thing, not two. */
const BUTTON_REPEAT_MS = 10 * MINUTE_MS;

/**
 * A nudge's *Sent it*, *Asked the desk* or *Client replied* button, on a delivery already checked
 * to be the clicker's: recorded as of now. `repeated` is true when the same button was pressed a
 * moment ago and that event stands instead.
 */
export async function confirmFromButton(deps: Omit<RecordDeps, 'deliveries'>, delivery: Delivery, kind: Exclude<WriterEventKind, 'note'>): Promise<{ event: DeliveryEvent; repeated: boolean }> {
  checkEvent(delivery, kind, null);
  const now = deps.clock.now();
  const recent = (await deps.events.list(delivery.id)).find((e) => e.kind === kind && Math.abs(now.getTime() - e.at.getTime()) < BUTTON_REPEAT_MS);
  if (recent) return { event: recent, repeated: true };
  return { event: await deps.events.add({ deliveryId: delivery.id, kind, at: now, text: null }), repeated: false };
}
