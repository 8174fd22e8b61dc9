import { pauseDelivery } from '../domain/reminders.js';
import { messagesFor } from '../i18n/index.js';
import { defineCommand, writerOf } from './command.js';
import { reminderChangeReply } from '../presenters/reminders.js';
import { deliveryInput } from './options.js';

export default defineCommand({
  group: 'remind',
  name: 'pause',
  description: { en: 'Pause reminders for a delivery', ja: '納品のリマインドを停止します' },
  access: 'member',
  input: deliveryInput,
  positional: ['delivery'],
  async run(input, ctx) {
    const delivery = await pauseDelivery(ctx.deps, writerOf(ctx), input.delivery);
    const m = messagesFor(ctx.locale).remind;
    return reminderChangeReply(delivery, m.pausedTitle(delivery.number), ctx, [m.resumeHint(delivery.number)]);
  },
});
