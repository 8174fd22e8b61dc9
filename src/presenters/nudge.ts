import type { Delivery } from '../domain/delivery.js';
import { DomainError } from '../domain/errors.js';
import { currentStage } from '../domain/nudge-plan.js';
import { legalPaymentDeadline } from '../domain/facts.js';
import { DESK_STAGE, plannedStages, type Stage } from '../domain/ladder.js';
import type { Locale } from '../domain/member.js';
import type { NudgeFacts } from '../domain/nudge-facts.js';
import type { NudgeRecord } from '../domain/ports.js';
import { isPlatform } from '../domain/marketplace.js';
import type { Reply, ReplyButton } from '../domain/reply.js';
import { calendarDaysBetween, formatDate, formatDateTime, formatMoney, messagesFor } from '../i18n/index.js';
import { nudgeText } from '../i18n/nudges/index.js';
import type { View } from './view.js';

/** How a nudge reads: in the DM the scheduler sends, for `/remind now`, and for "Show message". */


function nudgeFacts(delivery: Delivery, history: readonly NudgeRecord[], stage: Stage, view: View, now: Date): NudgeFacts {
  return {
    stage,
    marketplace: delivery.marketplace,
    escrow: delivery.escrow,
    status: delivery.status,
    deliveryNumber: delivery.number,
    clientName: delivery.client.displayName,
    title: delivery.title,
    deliveredOn: formatDate(delivery.deliveredAt, view.locale, view.timezone),
    daysWaited: Math.max(0, calendarDaysBetween(delivery.deliveredAt, now, view.timezone)),
    jobUrl: delivery.jobUrl,
    amount: delivery.amount === null ? null : formatMoney(delivery.amount, delivery.currency, view.locale),
    legalDueOn: formatDate(legalPaymentDeadline(delivery.deliveredAt), view.locale, view.timezone),
    history: history
      .filter((h) => h.stage < stage && h.state !== 'sending')
      .map((h) => ({
        stage: h.stage,
        on: h.sentAt ? formatDate(h.sentAt, view.locale, view.timezone) : null,
        outcome: h.state as 'sent' | 'skipped' | 'unreachable' | 'failed',
      })),
  };
}

/**
 * The buttons under a nudge: what the writer can do about this delivery now, then (a row of its
 * own) what they can confirm having done, which is what letters and figures rely on. *Asked the
 * desk* only where the marketplace has one.
 */
export function nudgeButtons(delivery: Delivery, locale: Locale): ReplyButton[] {
  const label = messagesFor(locale).nudge.buttons;
  const b = (action: ReplyButton['action'], style: ReplyButton['style'], row = 0): ReplyButton => ({ action, deliveryId: delivery.id, label: label[action], style, row });
  return [
    ...(delivery.status === 'awaiting_review' ? [b('accept', 'success')] : []),
    b('pay', 'success'),
    b('snooze', 'secondary'),
    b('stop', 'danger'),
    b('show', 'primary'),
    b('sent', 'secondary', 1),
    ...(isPlatform(delivery.marketplace) ? [b('desk', 'secondary', 1)] : []),
    b('replied', 'secondary', 1),
  ];
}

export function nudgeReply(delivery: Delivery, history: readonly NudgeRecord[], stage: Stage, view: View, now: Date): Reply {
  const text = nudgeText(view.locale, nudgeFacts(delivery, history, stage, view, now));
  const planned = plannedStages(delivery).find((s) => s.stage === stage);
  const early = planned && planned.dueAt > now ? [messagesFor(view.locale).nudge.notYetDue(formatDateTime(planned.dueAt, view.locale, view.timezone))] : [];
  return {
    // From the desk on, a nudge is a warning rather than a friendly reminder.
    tone: stage >= DESK_STAGE ? 'warning' : 'info',
    title: text.title,
    lines: [...early, ...text.body],
    quote: { heading: text.templateHeading, text: text.template },
    buttons: nudgeButtons(delivery, view.locale),
  };
}

/**
 * The advice of the stage that applies now (or the next one, early), for `/remind now` and the
 * "Show message" button.
 */
export function currentNudgeReply(delivery: Delivery, history: readonly NudgeRecord[], view: View, now: Date): Reply {
  const stage = currentStage(delivery, now);
  if (stage === undefined) throw new DomainError('DELIVERY_CLOSED', { number: delivery.number, status: delivery.status });
  return nudgeReply(delivery, history, stage, view, now);
}

/** The pointer posted in a community channel when a writer's DMs are closed: no client details. */
export function presentFallback(delivery: Delivery, view: View): Reply {
  const m = messagesFor(view.locale).nudge;
  // Show message answers only the writer, and only privately: the channel never sees the details.
  const show: ReplyButton = { action: 'show', deliveryId: delivery.id, label: m.buttons.show, style: 'primary' };
  return { tone: 'warning', title: m.fallbackTitle, lines: [m.fallbackBody(delivery.number)], buttons: [show], ephemeral: false };
}
