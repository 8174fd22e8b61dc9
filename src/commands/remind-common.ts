import { z } from 'zod';
import type { Delivery } from '../domain/delivery.js';
import { formatDateTime, messagesFor } from '../i18n/index.js';
import type { CommandContext, Reply } from './command.js';
import { deliveryOption } from './options.js';
import { deliveryFields } from './present-delivery.js';

/** Pieces shared by the /remind commands and the nudge buttons. */

export const deliveryInput = z.object({ delivery: deliveryOption() });

type View = Pick<CommandContext, 'locale' | 'timezone'>;

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
