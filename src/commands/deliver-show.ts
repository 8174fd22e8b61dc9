import { findOwnDelivery } from '../domain/deliveries.js';
import { buildTimeline } from '../domain/timeline.js';
import { showReply } from '../presenters/timeline.js';
import { defineCommand, writerOf } from './command.js';
import { deliveryInput } from './options.js';

export default defineCommand({
  group: 'deliver',
  name: 'show',
  description: {
    en: "A delivery's details and its dated timeline",
    ja: '納品の内容と、日付つきの経緯を表示します',
  },
  access: 'member',
  input: deliveryInput,
  positional: ['delivery'],
  async run(input, ctx) {
    const delivery = await findOwnDelivery(ctx.deps, writerOf(ctx), input.delivery);
    const [reminders, events] = await Promise.all([ctx.deps.nudges.history(delivery.id), ctx.deps.events.list(delivery.id)]);
    return showReply(delivery, buildTimeline(delivery, reminders, events), ctx);
  },
});
