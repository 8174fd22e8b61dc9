import { z } from 'zod';
import { listDeliveries, owedTotals } from '../domain/deliveries.js';
import { messagesFor } from '../i18n/index.js';
import { defineCommand, writerOf } from './command.js';
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
    const scope = input.show ?? 'open';
    const page = await listDeliveries(ctx.deps, writerOf(ctx), scope);
    const m = messagesFor(ctx.locale);
    if (page.total === 0) return { tone: 'info', title: m.delivery.listTitle(scope, 0), lines: [m.delivery.listEmpty(scope)] };

    const now = ctx.deps.clock.now();
    const lines = page.deliveries.flatMap((d) => listLines(d, writerOf(ctx).settings, now, ctx));
    if (page.total > page.deliveries.length) lines.push(m.delivery.listMore(page.deliveries.length, page.total));
    const totals = totalsSection(await owedTotals(ctx.deps, writerOf(ctx)), now, ctx);
    return { tone: 'info', title: m.delivery.listTitle(scope, page.total), lines, ...(totals ? { sections: [totals] } : {}) };
  },
});
