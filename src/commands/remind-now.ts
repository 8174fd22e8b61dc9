import { findOwnDelivery } from '../domain/deliveries.js';
import { defineCommand, writerOf } from './command.js';
import { currentNudgeReply } from './present-nudge.js';
import { deliveryInput } from './remind-common.js';

export default defineCommand({
  group: 'remind',
  name: 'now',
  description: { en: "Show the current stage's advice and message now", ja: '今の段階のアドバイスと文面をすぐに表示します' },
  input: deliveryInput,
  positional: ['delivery'],
  async run(input, ctx) {
    return currentNudgeReply(await findOwnDelivery(ctx.deps, writerOf(ctx), input.delivery), ctx);
  },
});
