/**
 * The writer's record of a delivery. Kenshu sends reminders; only the writer knows whether they
 * then wrote to the client, asked the desk, or heard back. Letters, desk requests and the pooled
 * figures state those things only from events the writer confirmed.
 */

/** What the writer confirms: any contact with the client, a request to the desk, the client's reply, a note. */
export const WRITER_EVENT_KINDS = ['sent', 'desk', 'replied', 'note'] as const;
export type WriterEventKind = (typeof WRITER_EVENT_KINDS)[number];

/** What Kenshu records itself when the writer changes the delivery. */
export const CHANGE_EVENT_KINDS = ['accepted', 'paid', 'cancelled', 'reopened', 'edited'] as const;
export type ChangeEventKind = (typeof CHANGE_EVENT_KINDS)[number];

export const DELIVERY_EVENT_KINDS = [...WRITER_EVENT_KINDS, ...CHANGE_EVENT_KINDS] as const;
export type DeliveryEventKind = (typeof DELIVERY_EVENT_KINDS)[number];

export interface DeliveryEvent {
  id: number;
  deliveryId: number;
  kind: DeliveryEventKind;
  /** When it happened, as the writer said (or when it was recorded). */
  at: Date;
  text: string | null;
  /** When it was recorded in Kenshu. */
  createdAt: Date;
}

export interface NewDeliveryEvent {
  deliveryId: number;
  kind: DeliveryEventKind;
  at: Date;
  text: string | null;
}

/** The dates of the writer's confirmed events of one kind, oldest first. */
export function confirmed(events: readonly DeliveryEvent[], kind: WriterEventKind): Date[] {
  return events.filter((e) => e.kind === kind).map((e) => e.at).sort((a, b) => a.getTime() - b.getTime());
}
