import { findOwnDelivery } from '../domain/deliveries.js';
import { currentStage } from '../domain/nudge-plan.js';
import { DomainError } from '../domain/errors.js';
import { defineCommand, writerOf } from './command.js';
import { nudgeReply } from './present-nudge.js';
import { deliveryInput } from './remind-common.js';

export default defineCommand({
  group: 'remind',
  name: 'now',
  description: { en: "Show the current stage's advice and message now", ja: '今の段階のアドバイスと文面をすぐに表示します' },
  input: deliveryInput,
  positional: ['delivery'],
  async run(input, ctx) {
    const delivery = await findOwnDelivery(ctx.deps, writerOf(ctx), input.delivery);
    const now = ctx.deps.clock.now();
    const stage = currentStage(delivery, now);
    if (stage === undefined) throw new DomainError('DELIVERY_CLOSED', { number: delivery.number, status: delivery.status });
    return nudgeReply(delivery, await ctx.deps.nudges.history(delivery.id), stage, ctx, now);
  },
});
