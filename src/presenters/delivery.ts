import type { Delivery } from '../domain/delivery.js';
import { plannedStages } from '../domain/ladder.js';
import { projectedNudges, upcomingNudge } from '../domain/nudge-plan.js';
import type { ReminderSettings } from '../domain/reminder-settings.js';
import { acceptanceReleasesPayment, isPlatform } from '../domain/marketplace.js';
import type { Reply } from '../domain/reply.js';
import { calendarDaysBetween, formatDate, formatMoney, messagesFor } from '../i18n/index.js';
import type { View } from './view.js';

/** How deliveries read in replies: the /deliver and /remind commands and the nudge buttons. */

function clientLabel(delivery: Delivery): string {
  return delivery.client.displayName;
}

function amountLabel(delivery: Delivery, view: View): string | null {
  return delivery.amount === null ? null : formatMoney(delivery.amount, delivery.currency, view.locale);
}

export function deliveryFields(delivery: Delivery, view: View): NonNullable<Reply['fields']> {
  const m = messagesFor(view.locale);
  const amount = amountLabel(delivery, view);
  const clientValue = delivery.client.profileUrl && delivery.client.profileUrl !== delivery.client.displayName ? `${clientLabel(delivery)} (${delivery.client.profileUrl})` : clientLabel(delivery);
  return [
    { label: m.delivery.client, value: clientValue },
    { label: m.delivery.title, value: delivery.title },
    { label: m.delivery.marketplace, value: m.marketplace(delivery.marketplace) },
    ...(amount ? [{ label: m.delivery.amount, value: amount }] : []),
    { label: m.delivery.delivered, value: formatDate(delivery.deliveredAt, view.locale, view.timezone) },
    { label: m.delivery.escrow, value: m.escrow[delivery.escrow] },
    ...(delivery.jobUrl ? [{ label: m.delivery.jobUrl, value: delivery.jobUrl }] : []),
    { label: m.delivery.status, value: m.status[delivery.status] },
  ];
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
