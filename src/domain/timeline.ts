import type { Delivery } from './delivery.js';
import { CHANGE_EVENT_KINDS, WRITER_EVENT_KINDS, type ChangeEventKind, type DeliveryEvent, type WriterEventKind } from './events.js';
import type { Stage } from './ladder.js';
import type { NudgeRecord } from './ports.js';

/**
 * A delivery's dated history, oldest first, from three sources kept apart on purpose: the
 * delivery itself, the reminders Kenshu sent *to the writer*, and what the writer confirmed
 * (contacts, desk requests, replies, notes) or changed. A reminder is never a contact with the
 * client: only a confirmed event is.
 */
export type TimelineEntry =
  | { kind: 'recorded'; at: Date }
  | { kind: 'delivered'; at: Date }
  | { kind: 'reminder'; at: Date; stage: Stage; outcome: 'sent' | 'unreachable' | 'failed'; channel: 'dm' | 'fallback' | null }
  | { kind: 'writer'; at: Date; event: WriterEventKind; text: string | null }
  | { kind: 'change'; at: Date; change: ChangeEventKind };

/** Where entries at the same moment go: the delivery before what followed it. */
const ORDER: Record<TimelineEntry['kind'], number> = { delivered: 0, recorded: 1, reminder: 2, writer: 3, change: 4 };

const WRITER_KINDS: ReadonlySet<string> = new Set(WRITER_EVENT_KINDS);
const CHANGE_KINDS: ReadonlySet<string> = new Set(CHANGE_EVENT_KINDS);

export function buildTimeline(delivery: Delivery, reminders: readonly NudgeRecord[], events: readonly DeliveryEvent[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    { kind: 'recorded', at: delivery.createdAt },
    { kind: 'delivered', at: delivery.deliveredAt },
  ];
  for (const r of reminders) {
    // Only what reached (or was meant to reach) the writer: a stage skipped for a later one, or one
    // being sent right now, is no part of the history.
    if (r.state === 'sent' || r.state === 'unreachable' || r.state === 'failed') {
      entries.push({ kind: 'reminder', at: r.sentAt ?? r.createdAt, stage: r.stage, outcome: r.state, channel: r.channel });
    }
  }
  for (const e of events) {
    if (WRITER_KINDS.has(e.kind)) entries.push({ kind: 'writer', at: e.at, event: e.kind as WriterEventKind, text: e.text });
    else if (CHANGE_KINDS.has(e.kind)) entries.push({ kind: 'change', at: e.at, change: e.kind as ChangeEventKind });
  }
  // Changes made before the record existed (or whose line could not be written) still show,
  // from the delivery's own timestamps.
  const changed = new Set(events.map((e) => e.kind));
  const fromDelivery: [ChangeEventKind, Date | null][] = [
    // Paying settles review at the same moment (delivery.ts, TRANSITIONS): one entry, not two.
    ['accepted', delivery.acceptedAt && delivery.acceptedAt.getTime() === delivery.paidAt?.getTime() ? null : delivery.acceptedAt],
    ['paid', delivery.paidAt],
    ['cancelled', delivery.cancelledAt],
  ];
  for (const [change, at] of fromDelivery) if (at && !changed.has(change)) entries.push({ kind: 'change', at, change });

  return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || ORDER[a.kind] - ORDER[b.kind]);
}
