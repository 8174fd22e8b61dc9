import { resumeDelivery } from '../domain/reminders.js';
import { messagesFor } from '../i18n/index.js';
import { defineCommand, writerOf } from './command.js';
import { reminderChangeReply, reminderStatusLine } from '../presenters/reminders.js';
import { deliveryInput } from './options.js';

export default defineCommand({
  group: 'remind',
  name: 'resume',
  description: { en: 'Start paused or stopped reminders again', ja: '停止したリマインドを再開します' },
  access: 'member',
  input: deliveryInput,
  positional: ['delivery'],
  async run(input, ctx) {
    const delivery = await resumeDelivery(ctx.deps, writerOf(ctx), input.delivery);
    const m = messagesFor(ctx.locale);
    return reminderChangeReply(delivery, m.remind.resumedTitle(delivery.number), ctx, [reminderStatusLine(delivery, writerOf(ctx).settings, ctx.deps.clock.now(), ctx)]);
  },
});
