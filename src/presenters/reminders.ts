import type { Delivery } from '../domain/delivery.js';
import type { Reply } from '../domain/reply.js';
import { formatDateTime, messagesFor } from '../i18n/index.js';
import { deliveryFields } from './delivery.js';
import type { View } from './view.js';

/** How a delivery's reminders read: the /remind commands and the nudge buttons. */

/** Where a delivery's reminders stand, in one line. */
export function reminderStatusLine(delivery: Delivery, view: View, nextStage?: { name: string; day: number }): string {
  const m = messagesFor(view.locale).remind;
  if (delivery.reminders === 'paused') return m.paused;
  if (delivery.reminders === 'stopped') return m.stopped;
  if (!delivery.nextNudgeAt || !nextStage) return m.nothingLeft;
  const when = formatDateTime(delivery.nextNudgeAt, view.locale, view.timezone);
  const snoozed = delivery.snoozedUntil && delivery.snoozedUntil.getTime() >= delivery.nextNudgeAt.getTime() - 1 ? ` · ${m.snoozedUntil(formatDateTime(delivery.snoozedUntil, view.locale, view.timezone))}` : '';
  return m.next(when, nextStage.name, nextStage.day) + snoozed;
}

export function reminderChangeReply(delivery: Delivery, title: string, view: View, extra: string[] = []): Reply {
  return { tone: 'success', title, lines: extra, fields: deliveryFields(delivery, view) };
}
