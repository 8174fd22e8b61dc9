import { changeDeliveryStatus, ownDeliveryById } from '../domain/deliveries.js';
import { eraseOwnData } from '../domain/erasure.js';
import { DomainError } from '../domain/errors.js';
import { confirmFromButton } from '../domain/record.js';
import { parseButtonId, type Reply } from '../domain/reply.js';
import { setReminderState, SNOOZE_BUTTON_DAYS } from '../domain/reminders.js';
import { DAY_MS } from '../domain/time.js';
import { formatDateTime, messagesFor } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { authorize } from './access.js';
import { writerOf, type AnyCommand, type CommandContext } from './command.js';
import { statusChangeReply } from '../presenters/delivery.js';
import { currentNudgeReply } from '../presenters/nudge.js';
import { reminderChangeReply } from '../presenters/reminders.js';
import { eventReply } from '../presenters/timeline.js';
import { erasedReply, nothingToEraseReply } from '../presenters/privacy.js';
import { executeCommand, withBoundary } from './execute.js';
import modApprove from './mod-approve.js';
import modQueue from './mod-queue.js';
import modReject from './mod-reject.js';

/**
 * The review queue's buttons run the very commands they stand for, so a click is authorized by the
 * same check as typing the command (`authorize`, in executeCommand): a member who is not a moderator,
 * or a click in a DM, is refused there. The number is looked for only in the community clicked in.
 * Reject needs a reason: Discord and Slack ask for it in a form (`submitReason`), elsewhere the command
 * says that the reason is required.
 */
function moderationButton(id: string, reason?: string): { command: AnyCommand; raw: Record<string, string> } | undefined {
  const button = parseButtonId(id);
  switch (button?.action) {
    case 'approve':
      return { command: modApprove, raw: { report: String(button.deliveryId) } };
    case 'reject':
      return { command: modReject, raw: { report: String(button.deliveryId), ...(reason === undefined ? {} : { reason }) } };
    case 'queue':
      return { command: modQueue, raw: { page: String(button.deliveryId) } };
    default:
      return undefined;
  }
}

/**
 * A click on a button, from any platform. The id names an action and a delivery but proves
 * nothing: the action's level is checked first, and a writer's delivery must belong to whoever clicked.
 */
export async function pressButton(id: string, ctx: CommandContext, logger: Logger): Promise<Reply> {
  const moderation = moderationButton(id);
  if (moderation) return executeCommand(moderation.command, moderation.raw, ctx, logger);
  return withBoundary(ctx, logger, `button ${id.slice(0, 40)}`, async (ctx) => {
    const button = parseButtonId(id);
    if (!button) throw new DomainError('UNKNOWN_BUTTON');
    await authorize({ button: button.action }, ctx);
    if (button.action === 'erase') {
      // Its number is the member it was shown to, not a delivery.
      const erased = await eraseOwnData(ctx.deps, { memberId: ctx.member.id, communityId: ctx.community.id }, button.deliveryId);
      return erased ? erasedReply(ctx) : nothingToEraseReply(ctx);
    }
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
      case 'approve':
      case 'reject':
      case 'queue':
        // Taken by moderationButton above; their number is not a delivery.
        throw new DomainError('UNKNOWN_BUTTON');
    }
  });
}

/**
 * The report a button asks a reason for before it can act (Reject), for a platform that asks in
 * a form (Discord's modal, whose id is the button's); undefined for every other button.
 */
export function reasonAskedBy(id: string): number | undefined {
  const button = parseButtonId(id);
  return button?.action === 'reject' ? button.deliveryId : undefined;
}

/** The reason typed into that form: the button's command runs with it, authorized as typed. */
export async function submitReason(id: string, reason: string, ctx: CommandContext, logger: Logger): Promise<Reply> {
  const moderation = reasonAskedBy(id) === undefined ? undefined : moderationButton(id, reason);
  if (!moderation) return withBoundary(ctx, logger, 'modal', () => Promise.reject(new DomainError('UNKNOWN_BUTTON')));
  return executeCommand(moderation.command, moderation.raw, ctx, logger);
}
