import type { Delivery } from '../domain/delivery.js';
import type { Reply } from '../domain/reply.js';
import { upcomingNudge } from '../domain/nudge-plan.js';
import type { ReminderSettings } from '../domain/reminder-settings.js';
import { formatDateTime, messagesFor } from '../i18n/index.js';
import { deliveryFields } from './delivery.js';
import type { View } from './view.js';

/** How a delivery's reminders read: the /remind commands and the nudge buttons. */

/** Where a delivery's reminders stand, in one line: the next one as the scheduler will send it. */
export function reminderStatusLine(delivery: Delivery, settings: ReminderSettings, now: Date, view: View): string {
  const messages = messagesFor(view.locale);
  const m = messages.remind;
  if (delivery.reminders === 'paused') return m.paused;
  if (delivery.reminders === 'stopped') return m.stopped;
  const next = upcomingNudge(delivery, settings, now);
  if (!next) return m.nothingLeft;
  const when = formatDateTime(next.at, view.locale, view.timezone);
  const snoozed = delivery.snoozedUntil && delivery.snoozedUntil.getTime() >= next.at.getTime() - 1 ? ` · ${m.snoozedUntil(formatDateTime(delivery.snoozedUntil, view.locale, view.timezone))}` : '';
  return m.next(when, messages.stage[next.stage.key].name) + snoozed;
}

export function reminderChangeReply(delivery: Delivery, title: string, view: View, extra: string[] = []): Reply {
  return { tone: 'success', title, lines: extra, fields: deliveryFields(delivery, view) };
}
