import { z } from 'zod';
import { reopenDelivery } from '../domain/delivery-edit.js';
import { reopenReply } from '../presenters/delivery.js';
import { defineCommand, writerOf } from './command.js';
import { deliveryOption } from './options.js';

export default defineCommand({
  group: 'deliver',
  name: 'reopen',
  description: {
    en: 'Undo accepted, paid or cancelled, marked by mistake; the reminders resume',
    ja: '誤って登録した検収済み・支払い済み・キャンセルを取り消します(リマインドが再開します)',
  },
  access: 'member',
  input: z.object({ delivery: deliveryOption() }),
  positional: ['delivery'],
  async run(input, ctx) {
    const { after } = await reopenDelivery(ctx.deps, writerOf(ctx), input.delivery);
    return reopenReply(after, writerOf(ctx).settings, ctx.deps.clock.now(), ctx);
  },
});
