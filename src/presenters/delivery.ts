import type { Delivery } from '../domain/delivery.js';
import { plannedStages } from '../domain/ladder.js';
import { projectedNudges, upcomingNudge } from '../domain/nudge-plan.js';
import type { ReminderSettings } from '../domain/reminder-settings.js';
import type { EditableField } from '../domain/delivery-edit.js';
import { acceptanceReleasesPayment, isPlatform } from '../domain/marketplace.js';
import { legalPaymentDeadline } from '../domain/facts.js';
import { dueAfterLegalDeadline, type PaymentTerms } from '../domain/payment-terms.js';
import type { UnpaidTotals } from '../domain/ports.js';
import type { Reply } from '../domain/reply.js';
import { calendarDaysBetween, formatDate, formatMoney, messagesFor } from '../i18n/index.js';
import type { View } from './view.js';

/** How deliveries read in replies: the /deliver and /remind commands and the nudge buttons. */

/**
 * The client as the writer named it for this delivery, rather than the client record's name (the
 * first spelling anyone typed, perhaps in another community). Without a typed name: the profile's
 * key, or the record's name for deliveries recorded before names were kept.
 */
/** The client as the writer named it for this delivery (another community's spelling never shows). */
export function clientLabel(delivery: Delivery): string {
  return delivery.clientName ?? delivery.client.displayName;
}

/** The agreed due date and terms, as the writer reads them. */
function dueLabel(delivery: Pick<Delivery, 'dueAt' | 'dueTerms'>, view: View): string | null {
  if (!delivery.dueAt) return null;
  return messagesFor(view.locale).deliveryEdit.dueValue(formatDate(delivery.dueAt, view.locale, view.timezone), delivery.dueTerms);
}

function amountLabel(delivery: Delivery, view: View): string | null {
  return delivery.amount === null ? null : formatMoney(delivery.amount, delivery.currency, view.locale);
}

export function deliveryFields(delivery: Delivery, view: View): NonNullable<Reply['fields']> {
  const m = messagesFor(view.locale);
  const amount = amountLabel(delivery, view);
  const due = dueLabel(delivery, view);
  const clientValue = delivery.client.profileUrl && delivery.client.profileUrl !== delivery.client.displayName ? `${clientLabel(delivery)} (${delivery.client.profileUrl})` : clientLabel(delivery);
  return [
    { label: m.delivery.client, value: clientValue },
    { label: m.delivery.title, value: delivery.title },
    { label: m.delivery.marketplace, value: m.marketplace(delivery.marketplace) },
    ...(amount ? [{ label: m.delivery.amount, value: amount }] : []),
    { label: m.delivery.delivered, value: formatDate(delivery.deliveredAt, view.locale, view.timezone) },
    { label: m.delivery.escrow, value: m.escrow[delivery.escrow] },
    ...(due ? [{ label: m.deliveryEdit.due, value: due }] : []),
    { label: m.deliveryEdit.letterLanguage, value: m.deliveryEdit.letterLanguageName(delivery.letterLocale) },
    ...(delivery.jobUrl ? [{ label: m.delivery.jobUrl, value: delivery.jobUrl }] : []),
    { label: m.delivery.status, value: m.status[delivery.status] },
  ];
}

/**
 * What the writer should know about a delivery just recorded: the community's other spellings of
 * the client, a due date past the Freelance Act's deadline, and, outside a platform, the invoice.
 */
export function recordedNotes(delivery: Delivery, knownAs: readonly string[], view: View): string[] {
  const m = messagesFor(view.locale).deliveryEdit;
  const lines: string[] = [];
  if (knownAs.length > 0) lines.push(m.knownAs(knownAs));
  lines.push(...dueNotes(delivery, view));
  return lines;
}

/** Outside a platform: the invoice to send, with the due date if known, and a due date past the Act's deadline. */
function dueNotes(delivery: Delivery, view: View): string[] {
  const m = messagesFor(view.locale).deliveryEdit;
  if (isPlatform(delivery.marketplace)) return [];
  const lines: string[] = [];
  const due = dueLabel(delivery, view);
  if (delivery.dueAt && delivery.dueTerms && dueAfterLegalDeadline({ dueAt: delivery.dueAt, terms: delivery.dueTerms as PaymentTerms }, delivery.deliveredAt, view.timezone)) {
    lines.push(m.dueAfterLegal(formatDate(legalPaymentDeadline(delivery.deliveredAt, view.timezone), view.locale, view.timezone)));
  }
  if (delivery.status !== 'paid' && delivery.status !== 'cancelled') lines.push(m.invoice(due, delivery.number));
  return lines;
}

/**
 * The reminders ahead, each with the date it will go out (the same projection the scheduler
 * follows), and the traps that apply.
 */
export function planSection(delivery: Delivery, settings: ReminderSettings, now: Date, view: View): { heading: string; lines: string[] } {
  const m = messagesFor(view.locale);
  const ahead = projectedNudges(delivery, settings, now);
  if (ahead.length === 0) return { heading: m.delivery.planHeading, lines: [m.delivery.noPlan] };

  const lines = ahead.map(({ stage, at }) => {
    const text = m.stage[stage.key];
    return m.delivery.planLine(Math.max(0, calendarDaysBetween(delivery.deliveredAt, at, view.timezone)), formatDate(at, view.locale, view.timezone), text.name, text.summary);
  });
  const due = plannedStages(delivery).filter((s) => s.stage > delivery.lastStage && s.dueAt.getTime() <= now.getTime()).length;
  if (due > 1) lines.push(m.delivery.planAlreadyDue(due));
  lines.push(m.delivery.planNote);

  const onPlatform = isPlatform(delivery.marketplace);
  if (onPlatform && delivery.escrow === 'not_funded') lines.push(m.delivery.escrowNotFunded);
  if (!onPlatform) lines.push(m.delivery.directDeal);
  return { heading: m.delivery.planHeading, lines };
}

/** One line of `/deliver list`, plus the next reminder when one is ahead. */
export function listLines(delivery: Delivery, settings: ReminderSettings, now: Date, view: View): string[] {
  const m = messagesFor(view.locale);
  const line = m.delivery.listLine({
    number: delivery.number,
    title: delivery.title,
    client: clientLabel(delivery),
    amount: amountLabel(delivery, view),
    delivered: formatDate(delivery.deliveredAt, view.locale, view.timezone),
    days: Math.max(0, calendarDaysBetween(delivery.deliveredAt, now, view.timezone)),
    status: m.status[delivery.status],
  });
  const next = upcomingNudge(delivery, settings, now);
  return next ? [line, `  ${m.delivery.listNext(formatDate(next.at, view.locale, view.timezone), m.stage[next.stage.key].name)}`] : [line];
}

/** What the writer reads after a status change, from a command or a nudge's button. */
export function statusChangeReply(after: Delivery, view: View): Reply {
  const m = messagesFor(view.locale).delivery;
  const lines: string[] = [];
  let title: string;
  if (after.status === 'accepted') {
    title = m.acceptedTitle(after.number);
    lines.push(m.daysToAcceptance(Math.max(0, calendarDaysBetween(after.deliveredAt, after.acceptedAt!, view.timezone))));
    lines.push(acceptanceReleasesPayment(after.marketplace, after.escrow) ? m.acceptedEndsLadder : m.acceptedAwaitPayment(after.number));
  } else if (after.status === 'paid') {
    title = m.paidTitle(after.number);
    lines.push(m.paidBody(Math.max(0, calendarDaysBetween(after.deliveredAt, after.paidAt!, view.timezone))), m.remindersEnded);
  } else {
    title = m.cancelledTitle(after.number);
    lines.push(m.remindersEnded);
  }
  return { tone: 'success', title, lines, fields: deliveryFields(after, view) };
}

/** Fields that change when reminders fall due. */
const PLAN_FIELDS: readonly EditableField[] = ['delivered', 'escrow', 'due'];

/** After `/deliver edit`: what changed, the plan when it moved, and the invoice when the terms changed. */
export function editReply(after: Delivery, changed: readonly EditableField[], settings: ReminderSettings, now: Date, view: View): Reply {
  const m = messagesFor(view.locale);
  const lines = [m.deliveryEdit.changed(changed.map((f) => m.fields[f] ?? f))];
  if (changed.some((f) => PLAN_FIELDS.includes(f))) lines.push(nextReminderLine(after, settings, now, view));
  if (changed.includes('due') || changed.includes('delivered')) lines.push(...dueNotes(after, view));
  return {
    tone: 'success',
    title: m.deliveryEdit.editedTitle(after.number),
    lines,
    fields: deliveryFields(after, view),
    ...(changed.some((f) => PLAN_FIELDS.includes(f)) ? { sections: [planSection(after, settings, now, view)] } : {}),
  };
}

/** When the next reminder comes after a change: a date, at the scheduler's next look when already due, or none. */
function nextReminderLine(after: Delivery, settings: ReminderSettings, now: Date, view: View): string {
  const m = messagesFor(view.locale).deliveryEdit;
  const next = upcomingNudge(after, settings, now);
  if (!next) return m.planMoved(null);
  return after.nextNudgeAt && after.nextNudgeAt <= now ? m.planDueNow : m.planMoved(formatDate(next.at, view.locale, view.timezone));
}

/** After `/deliver reopen`: where the delivery went back to, and the next reminder. */
export function reopenReply(after: Delivery, settings: ReminderSettings, now: Date, view: View): Reply {
  const m = messagesFor(view.locale).deliveryEdit;
  const lines = [m.reopenedTo(after.status === 'accepted' ? 'accepted' : 'awaiting_review'), nextReminderLine(after, settings, now, view)];
  return { tone: 'success', title: m.reopenedTitle(after.number), lines, fields: deliveryFields(after, view) };
}

/** The end of `/deliver list`: what is still owed per currency, what has no amount, the oldest wait. */
export function totalsSection(totals: UnpaidTotals, now: Date, view: View): { heading: string; lines: string[] } | undefined {
  const m = messagesFor(view.locale).deliveryEdit;
  if (!totals.oldestDeliveredAt) return undefined;
  const lines = totals.byCurrency.map((t) => m.totalOwed(formatMoney(t.amount, t.currency, view.locale), t.count));
  if (totals.withoutAmount > 0) lines.push(m.withoutAmount(totals.withoutAmount));
  lines.push(m.oldestUnpaid(Math.max(0, calendarDaysBetween(totals.oldestDeliveredAt, now, view.timezone))));
  return { heading: m.totalsHeading, lines };
}
