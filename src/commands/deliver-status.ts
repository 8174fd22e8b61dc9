import { z } from 'zod';
import { changeDeliveryStatus } from '../domain/deliveries.js';
import type { StatusAction } from '../domain/delivery.js';
import { acceptanceReleasesPayment } from '../domain/marketplace.js';
import { calendarDaysBetween, messagesFor } from '../i18n/index.js';
import type { Delivery } from '../domain/delivery.js';
import { defineCommand, writerOf, type AnyCommand, type CommandContext, type Localized, type Reply } from './command.js';
import { deliveryOption } from './options.js';
import { deliveryFields } from './present-delivery.js';

/**
 * `/deliver accepted`, `/deliver paid` and `/deliver cancel` differ only in the action and the
 * words; each has its own file that calls this.
 */
export function statusCommand(name: string, action: StatusAction, description: Localized): AnyCommand {
  return defineCommand({
    group: 'deliver',
    name,
    description,
    input: z.object({ delivery: deliveryOption() }),
    positional: ['delivery'],
    async run(input, ctx) {
      const { after } = await changeDeliveryStatus(ctx.deps, writerOf(ctx), input.delivery, action);
      return statusChangeReply(after, ctx);
    },
  });
}

/** What the writer reads after a status change, from a command or a nudge's button. */
export function statusChangeReply(after: Delivery, view: Pick<CommandContext, 'locale' | 'timezone'>): Reply {
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
