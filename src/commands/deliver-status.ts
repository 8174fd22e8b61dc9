import { z } from 'zod';
import { changeDeliveryStatus } from '../domain/deliveries.js';
import type { StatusAction } from '../domain/delivery.js';
import { statusChangeReply } from '../presenters/delivery.js';
import { defineCommand, writerOf, type AnyCommand, type Localized } from './command.js';
import { deliveryOption } from './options.js';

/**
 * `/deliver accepted`, `/deliver paid` and `/deliver cancel` differ only in the action and the
 * words; each has its own file that calls this.
 */
export function statusCommand(name: string, action: StatusAction, description: Localized): AnyCommand {
  return defineCommand({
    group: 'deliver',
    name,
    description,
    access: 'member',
    input: z.object({ delivery: deliveryOption() }),
    positional: ['delivery'],
    async run(input, ctx) {
      const { after } = await changeDeliveryStatus(ctx.deps, writerOf(ctx), input.delivery, action);
      return statusChangeReply(after, ctx);
    },
  });
}
