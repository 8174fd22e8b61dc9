import { findOwnDelivery } from '../domain/deliveries.js';
import { buildTimeline } from '../domain/timeline.js';
import { evidenceFile, evidenceReply } from '../presenters/timeline.js';
import { defineCommand, writerOf } from './command.js';
import { deliveryInput } from './options.js';

export default defineCommand({
  group: 'deliver',
  name: 'evidence',
  description: {
    en: "A delivery's facts and timeline as a file, for the platform's desk or a lawyer",
    ja: '納品の内容と経緯をファイルにまとめます(事務局や弁護士への相談用)',
  },
  access: 'member',
  input: deliveryInput,
  positional: ['delivery'],
  async run(input, ctx) {
    const delivery = await findOwnDelivery(ctx.deps, writerOf(ctx), input.delivery);
    const [reminders, events] = await Promise.all([ctx.deps.nudges.history(delivery.id), ctx.deps.events.list(delivery.id)]);
    const file = evidenceFile(delivery, buildTimeline(delivery, reminders, events), ctx, ctx.deps.clock.now());
    return evidenceReply(delivery, file, ctx);
  },
});
