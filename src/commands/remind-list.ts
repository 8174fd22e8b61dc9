import { z } from 'zod';
import { listDeliveries } from '../domain/deliveries.js';
import { remainingStages } from '../domain/nudge-plan.js';
import { messagesFor } from '../i18n/index.js';
import { defineCommand, writerOf } from './command.js';
import { reminderStatusLine } from '../presenters/reminders.js';

export default defineCommand({
  group: 'remind',
  name: 'list',
  description: { en: 'When your next reminders come', ja: '次のリマインドの予定を表示します' },
  input: z.object({}),
  async run(_input, ctx) {
    const m = messagesFor(ctx.locale);
    const page = await listDeliveries(ctx.deps, writerOf(ctx), 'open');
    if (page.total === 0) return { tone: 'info', title: m.remind.listTitle(0), lines: [m.remind.listEmpty] };
    const lines = page.deliveries.flatMap((d) => {
      const next = remainingStages({ ...d, reminders: 'active' })[0];
      return [
        m.remind.listLine({ number: d.number, title: d.title, client: d.client.displayName }),
        `  ${reminderStatusLine(d, ctx, next && { name: m.stage[next.key].name, day: next.day })}`,
      ];
    });
    if (page.total > page.deliveries.length) lines.push(m.delivery.listMore(page.deliveries.length, page.total));
    return { tone: 'info', title: m.remind.listTitle(page.total), lines };
  },
});
