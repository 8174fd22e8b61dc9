import { letterName } from '../domain/client-identity.js';
import type { Delivery } from '../domain/delivery.js';
import { DomainError } from '../domain/errors.js';
import { confirmed, type DeliveryEvent } from '../domain/events.js';
import { FIRM_DEADLINE_DAYS, legalPaymentDeadline } from '../domain/facts.js';
import { DESK_STAGE, plannedStages, type Stage } from '../domain/ladder.js';
import { defaultLetterLocale, isPlatform } from '../domain/marketplace.js';
import type { Locale } from '../domain/member.js';
import type { NudgeFacts } from '../domain/nudge-facts.js';
import { currentStage } from '../domain/nudge-plan.js';
import type { NudgeRecord } from '../domain/ports.js';
import type { Reply, ReplyButton } from '../domain/reply.js';
import { DAY_MS } from '../domain/time.js';
import { calendarDaysBetween, formatDate, formatDateTime, formatMoneyInText, messagesFor } from '../i18n/index.js';
import { nudgeText } from '../i18n/nudges/index.js';
import type { View } from './view.js';

/** How a nudge reads: in the DM the scheduler sends, for `/remind now`, and for "Show message". */

/** A day is over when today, on the writer's calendar, is later. */
function dayPassed(day: Date, now: Date, timezone: string): boolean {
  return calendarDaysBetween(day, now, timezone) > 0;
}

/** The facts of a nudge, formatted for one language (the advice's, or a letter's reader's). */
function nudgeFacts(delivery: Delivery, history: readonly NudgeRecord[], events: readonly DeliveryEvent[], stage: Stage, locale: Locale, timezone: string, now: Date): NudgeFacts {
  const date = (d: Date) => formatDate(d, locale, timezone);
  const contacts = confirmed(events, 'sent');
  const replies = confirmed(events, 'replied');
  const lastReply = replies[replies.length - 1];
  const name = delivery.clientName ? letterName(delivery.clientName) : null;
  const deskStage = plannedStages(delivery).find((s) => s.stage === DESK_STAGE);
  return {
    stage,
    marketplace: delivery.marketplace,
    escrow: delivery.escrow,
    status: delivery.status,
    deliveryNumber: delivery.number,
    clientName: name?.name ?? null,
    clientIsBusiness: name?.business ?? false,
    clientProfile: delivery.client.profileUrl,
    title: delivery.title,
    deliveredOn: date(delivery.deliveredAt),
    daysWaited: Math.max(0, calendarDaysBetween(delivery.deliveredAt, now, timezone)),
    jobUrl: delivery.jobUrl,
    amount: delivery.amount === null ? null : formatMoneyInText(delivery.amount, delivery.currency, locale),
    legalDueOn: date(legalPaymentDeadline(delivery.deliveredAt, timezone)),
    legalDuePassed: dayPassed(legalPaymentDeadline(delivery.deliveredAt, timezone), now, timezone),
    dueOn: delivery.dueAt ? date(delivery.dueAt) : null,
    duePassed: delivery.dueAt ? dayPassed(delivery.dueAt, now, timezone) : false,
    replyBy: date(new Date(now.getTime() + FIRM_DEADLINE_DAYS * DAY_MS)),
    contacts: contacts.map(date),
    deskRequests: confirmed(events, 'desk').map(date),
    replies: replies.map(date),
    unanswered: contacts.filter((at) => !lastReply || at > lastReply).map(date),
    deskOpen: isPlatform(delivery.marketplace) && deskStage !== undefined && stage < DESK_STAGE && delivery.deliveredAt.getTime() + (deskStage.day * DAY_MS) <= now.getTime(),
    first: !history.some((h) => h.stage < stage && h.state === 'sent'),
  };
}

/**
 * The buttons under a nudge: what the writer can do about this delivery now, then (a row of its
 * own) what they can confirm having done, which is what letters and figures rely on. *Asked the
 * desk* only where the marketplace has one.
 */
export function nudgeButtons(delivery: Delivery, locale: Locale): ReplyButton[] {
  const label = messagesFor(locale).nudge.buttons;
  const b = (action: keyof typeof label, style: ReplyButton['style'], row = 0): ReplyButton => ({ action, deliveryId: delivery.id, label: label[action], style, row });
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

/**
 * A nudge: the advice in the writer's language, each letter in its reader's (the client's letter
 * language, or the desk's own), under a heading in the writer's language.
 */
export function nudgeReply(delivery: Delivery, history: readonly NudgeRecord[], events: readonly DeliveryEvent[], stage: Stage, view: View, now: Date): Reply {
  const facts = (locale: Locale) => nudgeFacts(delivery, history, events, stage, locale, view.timezone, now);
  const advice = nudgeText(view.locale, facts(view.locale));
  const deskLocale = defaultLetterLocale(delivery.marketplace, view.locale);
  const inLocale = new Map<Locale, ReturnType<typeof nudgeText>>([[view.locale, advice]]);
  const textIn = (locale: Locale) => inLocale.get(locale) ?? inLocale.set(locale, nudgeText(locale, facts(locale))).get(locale)!;
  const m = messagesFor(view.locale).nudge;
  const letters = advice.letters.map((letter, i) => {
    const locale = letter.to === 'desk' ? deskLocale : delivery.letterLocale;
    const text = textIn(locale).letters[i]?.text ?? letter.text;
    return { heading: locale === view.locale ? letter.heading : `${letter.heading}${m.inLanguage(locale)}`, text };
  });
  const planned = plannedStages(delivery).find((s) => s.stage === stage);
  const early = planned && planned.dueAt > now ? [m.notYetDue(formatDateTime(planned.dueAt, view.locale, view.timezone))] : [];
  return {
    // From the desk on, a nudge is a warning rather than a friendly reminder.
    tone: stage >= DESK_STAGE ? 'warning' : 'info',
    title: advice.title,
    lines: [...early, ...advice.body],
    quotes: letters,
    buttons: nudgeButtons(delivery, view.locale),
  };
}

/**
 * The letter that applies now (or the next one, early), for `/remind now` and the "Show message"
 * button.
 */
export function currentNudgeReply(delivery: Delivery, history: readonly NudgeRecord[], events: readonly DeliveryEvent[], view: View, now: Date): Reply {
  const stage = currentStage(delivery, now);
  if (stage === undefined) throw new DomainError('DELIVERY_CLOSED', { number: delivery.number, status: delivery.status });
  return nudgeReply(delivery, history, events, stage, view, now);
}

/** The pointer posted in a community channel when a writer's DMs are closed: no client details. */
export function presentFallback(delivery: Delivery, view: View): Reply {
  const m = messagesFor(view.locale).nudge;
  // Show message answers only the writer, and only privately: the channel never sees the details.
  const show: ReplyButton = { action: 'show', deliveryId: delivery.id, label: m.buttons.show, style: 'primary' };
  return { tone: 'warning', title: m.fallbackTitle, lines: [m.fallbackBody(delivery.number)], buttons: [show], ephemeral: false };
}
