import { changeDeliveryStatus, ownDeliveryById } from '../domain/deliveries.js';
import { DomainError } from '../domain/errors.js';
import { confirmFromButton } from '../domain/record.js';
import { parseButtonId, type Reply } from '../domain/reply.js';
import { setReminderState, SNOOZE_BUTTON_DAYS } from '../domain/reminders.js';
import { DAY_MS } from '../domain/time.js';
import { formatDateTime, messagesFor } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { authorize } from './access.js';
import { writerOf, type CommandContext } from './command.js';
import { statusChangeReply } from '../presenters/delivery.js';
import { currentNudgeReply } from '../presenters/nudge.js';
import { reminderChangeReply } from '../presenters/reminders.js';
import { eventReply } from '../presenters/timeline.js';
import { withBoundary } from './execute.js';

/**
 * A click on a button, from any platform. The id names an action and a delivery but proves
 * nothing: the action's level is checked first, and a writer's delivery must belong to whoever clicked.
 */
export async function pressButton(id: string, ctx: CommandContext, logger: Logger): Promise<Reply> {
  return withBoundary(ctx, logger, `button ${id.slice(0, 40)}`, async () => {
    const button = parseButtonId(id);
    if (!button) throw new DomainError('UNKNOWN_BUTTON');
    await authorize({ button: button.action }, ctx);
    const writer = writerOf(ctx);
    const delivery = await ownDeliveryById(ctx.deps, writer, button.deliveryId);
    const m = messagesFor(ctx.locale).remind;
    switch (button.action) {
      case 'accept':
      case 'pay': {
        const { after } = await changeDeliveryStatus(ctx.deps, writer, delivery, button.action);
        return statusChangeReply(after, ctx);
      }
      case 'snooze': {
        const after = await setReminderState(ctx.deps, writer, delivery, 'active', SNOOZE_BUTTON_DAYS * DAY_MS);
        return reminderChangeReply(after, m.snoozedTitle(after.number, formatDateTime(after.snoozedUntil!, ctx.locale, ctx.timezone)), ctx);
      }
      case 'stop': {
        const after = await setReminderState(ctx.deps, writer, delivery, 'stopped');
        return reminderChangeReply(after, m.stoppedTitle(after.number), ctx, [m.resumeHint(after.number)]);
      }
      case 'show':
        return currentNudgeReply(delivery, await ctx.deps.nudges.history(delivery.id), await ctx.deps.events.list(delivery.id), ctx, ctx.deps.clock.now());
      case 'sent':
      case 'desk':
      case 'replied': {
        const { event, repeated } = await confirmFromButton(ctx.deps, delivery, button.action);
        return eventReply(delivery, { ...event, kind: button.action }, ctx, { repeated, fromButton: true, now: ctx.deps.clock.now() });
      }
    }
  });
}
