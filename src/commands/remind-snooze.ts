import { z } from 'zod';
import { parseDuration, snoozeDelivery } from '../domain/reminders.js';
import { formatDateTime, messagesFor } from '../i18n/index.js';
import { defineCommand, writerOf } from './command.js';
import { deliveryOption, parsedAs, textOption } from './options.js';
import { reminderChangeReply } from '../presenters/reminders.js';

export default defineCommand({
  group: 'remind',
  name: 'snooze',
  description: { en: 'Hold back reminders for a while', ja: 'リマインドをしばらく止めます' },
  access: 'member',
  input: z.object({
    delivery: deliveryOption(),
    for: parsedAs(textOption({ en: 'How long: 12h, 3d, 1w, 3日, 1週間', ja: '期間: 12h、3d、1w、3日、1週間' }, 20), parseDuration),
  }),
  positional: ['delivery', 'for'],
  async run(input, ctx) {
    const delivery = await snoozeDelivery(ctx.deps, writerOf(ctx), input.delivery, input.for);
    const until = formatDateTime(delivery.snoozedUntil!, ctx.locale, ctx.timezone);
    return reminderChangeReply(delivery, messagesFor(ctx.locale).remind.snoozedTitle(delivery.number, until), ctx);
  },
});
