import { findOwnDelivery } from '../domain/deliveries.js';
import { currentNudgeReply } from '../presenters/nudge.js';
import { defineCommand, writerOf } from './command.js';
import { deliveryInput } from './options.js';

export default defineCommand({
  group: 'remind',
  name: 'now',
  description: { en: "Show the current stage's advice and message now", ja: '今の段階のアドバイスと文面をすぐに表示します' },
  access: 'member',
  input: deliveryInput,
  positional: ['delivery'],
  async run(input, ctx) {
    const delivery = await findOwnDelivery(ctx.deps, writerOf(ctx), input.delivery);
    const [history, events] = await Promise.all([ctx.deps.nudges.history(delivery.id), ctx.deps.events.list(delivery.id)]);
    return currentNudgeReply(delivery, history, events, ctx, ctx.deps.clock.now());
  },
});
