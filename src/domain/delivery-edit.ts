import { DateTime } from 'luxon';
import { findOwnDelivery, ownDeliveryById, type DeliveryDeps, type Writer } from './deliveries.js';
import { checkMarketplace, checkText, ESCROW_ANSWERS, parseClientFields, parseDeliveredAt, parseDue, parseMoney, type Delivery, type EscrowAnswer } from './delivery.js';
import { DomainError } from './errors.js';
import { LIMITS } from './limits.js';
import type { Locale } from './member.js';
import { nextNudgeAt } from './nudge-plan.js';
import { dueUnderTerms } from './payment-terms.js';
import type { DeliveryEdit, DeliveryEventStore } from './ports.js';

/** `/deliver edit` and `/deliver reopen`: corrections to a delivery already recorded. */

export interface EditDeps extends DeliveryDeps {
  events: DeliveryEventStore;
}

/** What the writer typed to change; every field is optional, at least one is needed. */
export interface DeliveryEditInput {
  client?: string | undefined;
  profile?: string | undefined;
  title?: string | undefined;
  amount?: string | undefined;
  currency?: string | undefined;
  delivered?: string | undefined;
  escrow?: EscrowAnswer | undefined;
  due?: string | undefined;
  letterLanguage?: Locale | undefined;
}

/** The fields as the writer knows them (the options' names), in the order replies list them. */
const EDITABLE_FIELDS = ['client', 'profile', 'title', 'amount', 'currency', 'delivered', 'escrow', 'due', 'letter_language'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

type DeliveryPatch = Omit<DeliveryEdit, 'id' | 'from' | 'at' | 'nextNudgeAt'>;

/**
 * Checks an edit against the delivery as it is, with the same parsing as `/deliver new`, and
 * returns only what actually changes. A name typed for a client known by its profile renames it
 * for the letters and keeps the profile; a corrected delivery date moves a due date given as terms
 * (net30, 月末締め翌月末払い) and must not pass a fixed one.
 */
function prepareEdit(before: Delivery, input: DeliveryEditInput, now: Date, timezone: string): { patch: DeliveryPatch; changed: EditableField[] } {
  const given = Object.values(input).some((v) => v !== undefined);
  if (!given) throw new DomainError('EDIT_NOTHING');
  const patch: DeliveryPatch = {};
  const changed = new Set<EditableField>();

  if (input.client !== undefined || input.profile !== undefined) {
    const { identity, clientName } = parseClientFields(input.client, input.profile);
    const keepsProfile = identity.kind === 'name' && before.client.profileUrl !== null;
    if (!keepsProfile && identity.key !== before.client.key) {
      if (identity.kind === 'profile') checkMarketplace(before.marketplace, identity, null);
      patch.client = identity;
      changed.add(identity.kind === 'profile' ? 'profile' : 'client');
    }
    if (clientName !== null && clientName !== before.clientName) {
      patch.clientName = clientName;
      changed.add('client');
    }
  }

  if (input.title !== undefined) {
    const title = checkText('title', input.title, LIMITS.titleLength);
    if (title !== before.title) {
      patch.title = title;
      changed.add('title');
    }
  }

  if (input.amount !== undefined || input.currency !== undefined) {
    const money = parseMoney(input.amount, input.currency, before);
    if (money.amount !== before.amount) {
      patch.amount = money.amount;
      changed.add('amount');
    }
    if (money.currency !== before.currency) {
      patch.currency = money.currency;
      changed.add('currency');
    }
    // The store keeps minor units of the currency: a change to either is written with both.
    if (changed.has('amount') || changed.has('currency')) {
      patch.amount = money.amount;
      patch.currency = money.currency;
    }
  }

  if (input.delivered !== undefined) {
    const deliveredAt = parseDeliveredAt(input.delivered, now, timezone);
    if (deliveredAt.getTime() !== before.deliveredAt.getTime()) {
      patch.deliveredAt = deliveredAt;
      changed.add('delivered');
    }
  }
  const deliveredAt = patch.deliveredAt ?? before.deliveredAt;

  if (input.escrow !== undefined && ESCROW_ANSWERS[input.escrow] !== before.escrow) {
    patch.escrow = ESCROW_ANSWERS[input.escrow];
    changed.add('escrow');
  }

  if (input.due !== undefined) {
    const due = parseDue(input.due, before.marketplace, deliveredAt, now, timezone);
    if ((due?.dueAt.getTime() ?? null) !== (before.dueAt?.getTime() ?? null) || (due?.terms ?? null) !== before.dueTerms) {
      patch.dueAt = due?.dueAt ?? null;
      patch.dueTerms = due?.terms ?? null;
      changed.add('due');
    }
  } else if (patch.deliveredAt && before.dueAt && before.dueTerms) {
    const moved = dueUnderTerms(before.dueTerms, deliveredAt, timezone);
    if (moved && moved.getTime() !== before.dueAt.getTime()) {
      patch.dueAt = moved;
      changed.add('due');
    } else if (!moved && before.dueAt < DateTime.fromJSDate(deliveredAt, { zone: timezone }).startOf('day').toJSDate()) {
      throw new DomainError('DUE_BEFORE_DELIVERY', { value: DateTime.fromJSDate(before.dueAt, { zone: timezone }).toISODate() ?? '' });
    }
  }

  if (input.letterLanguage !== undefined && input.letterLanguage !== before.letterLocale) {
    patch.letterLocale = input.letterLanguage;
    changed.add('letter_language');
  }

  return { patch, changed: EDITABLE_FIELDS.filter((f) => changed.has(f)) };
}

export interface DeliveryChange {
  before: Delivery;
  after: Delivery;
}

/**
 * Changes one of the writer's deliveries, plans its reminders again from the corrected facts
 * (a delivery date or escrow changes when each stage is due) and records what changed. If the
 * status moves between reading and writing, the edit is checked again against the fresh delivery.
 */
export async function editDelivery(deps: EditDeps, writer: Writer, numberText: string, input: DeliveryEditInput): Promise<DeliveryChange & { changed: EditableField[] }> {
  let before = await findOwnDelivery(deps, writer, numberText);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) before = await ownDeliveryById(deps, writer, before.id);
    const now = deps.clock.now();
    const { patch, changed } = prepareEdit(before, input, now, writer.timezone);
    if (changed.length === 0) return { before, after: before, changed };
    const { client: _client, ...facts } = patch;
    const nextNudge = nextNudgeAt({ ...before, ...facts }, writer.settings);
    const after = await deps.deliveries.edit({ id: before.id, from: before.status, at: now, nextNudgeAt: nextNudge, ...patch });
    if (after) {
      await deps.events.add({ deliveryId: after.id, kind: 'edited', at: now, text: changed.join(', ') });
      return { before, after, changed };
    }
  }
  throw new DomainError('STORE_UNAVAILABLE');
}

/**
 * Where reopening takes a delivery: back to review when it was never accepted, to accepted when
 * it was (paying from review also stamps an acceptance, at the same moment as the payment).
 */
export function reopenedStatus(delivery: Pick<Delivery, 'number' | 'status' | 'acceptedAt' | 'paidAt'>): 'awaiting_review' | 'accepted' {
  switch (delivery.status) {
    case 'awaiting_review':
      throw new DomainError('REOPEN_NOT_CLOSED', { number: delivery.number });
    case 'accepted':
      return 'awaiting_review';
    case 'paid':
      return delivery.acceptedAt && delivery.paidAt && delivery.acceptedAt < delivery.paidAt ? 'accepted' : 'awaiting_review';
    case 'cancelled':
      return delivery.acceptedAt ? 'accepted' : 'awaiting_review';
  }
}

/** Undoes an acceptance, a payment or a cancellation the writer marked by mistake, and records it. */
export async function reopenDelivery(deps: EditDeps, writer: Writer, numberText: string): Promise<DeliveryChange> {
  let before = await findOwnDelivery(deps, writer, numberText);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) before = await ownDeliveryById(deps, writer, before.id);
    const to = reopenedStatus(before);
    const now = deps.clock.now();
    const nextNudge = nextNudgeAt({ ...before, status: to }, writer.settings);
    const after = await deps.deliveries.reopen({ id: before.id, from: before.status, to, at: now, nextNudgeAt: nextNudge });
    if (after) {
      await deps.events.add({ deliveryId: after.id, kind: 'reopened', at: now, text: `${before.status} → ${to}` });
      return { before, after };
    }
  }
  throw new DomainError('STORE_UNAVAILABLE');
}
