import { z } from 'zod';
import { listDeliveries, owedTotals, type DeliveryDeps, type Writer } from '../domain/deliveries.js';
import type { DeliveryPage, DeliveryScope } from '../domain/ports.js';
import { messagesFor } from '../i18n/index.js';
import { defineCommand, writerOf, type Reply } from './command.js';
import { choiceOption } from './options.js';
import { listLines, totalsSection } from '../presenters/delivery.js';

export default defineCommand({
  group: 'deliver',
  name: 'list',
  description: { en: 'Your deliveries and their next reminders', ja: '自分の納品と次のリマインドを表示します' },
  access: 'member',
  input: z.object({
    show: choiceOption({ en: 'open (default) or all', ja: 'open(進行中、既定)または all(すべて)' }, ['open', 'all'], {
      '進行中': 'open',
      'すべて': 'all',
      '全部': 'all',
    }).optional(),
  }),
  positional: ['show'],
  async run(input, ctx) {
    return (await deliveryList(ctx.deps, writerOf(ctx), input.show ?? 'open')).reply;
  },
});

/**
 * The writer's deliveries as `/deliver list` shows them, with how many it shows of how many there
 * are; Slack's Home tab shows the same.
 */
export async function deliveryList(deps: DeliveryDeps, writer: Writer, scope: DeliveryScope): Promise<{ reply: Reply; shown: number; total: number }> {
  const page = await listDeliveries(deps, writer, scope, { withOwed: true });
  const counts = { shown: page.deliveries.length, total: page.total };
  return { reply: await listReply(deps, writer, scope, page), ...counts };
}

async function listReply(deps: DeliveryDeps, writer: Writer, scope: DeliveryScope, page: DeliveryPage): Promise<Reply> {
  const m = messagesFor(writer.locale);
  if (page.total === 0) return { tone: 'info', title: m.delivery.listTitle(scope, 0), lines: [m.delivery.listEmpty(scope)] };

  const now = deps.clock.now();
  const lines = page.deliveries.flatMap((d) => listLines(d, writer.settings, now, writer));
  if (page.total > page.deliveries.length) lines.push(m.delivery.listMore(page.deliveries.length, page.total));
  const totals = totalsSection(await owedTotals(deps, writer, page), now, writer);
  return { tone: 'info', title: m.delivery.listTitle(scope, page.total), lines, ...(totals ? { sections: [totals] } : {}) };
}
