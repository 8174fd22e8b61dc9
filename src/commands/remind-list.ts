import { z } from 'zod';
import { listDeliveries } from '../domain/deliveries.js';
import { messagesFor } from '../i18n/index.js';
import { defineCommand, writerOf } from './command.js';
import { reminderStatusLine } from '../presenters/reminders.js';
import { clientLabel } from '../presenters/delivery.js';

export default defineCommand({
  group: 'remind',
  name: 'list',
  description: { en: 'When your next reminders come', ja: '次のリマインドの予定を表示します' },
  access: 'member',
  input: z.object({}),
  async run(_input, ctx) {
    const m = messagesFor(ctx.locale);
    const page = await listDeliveries(ctx.deps, writerOf(ctx), 'open');
    if (page.total === 0) return { tone: 'info', title: m.remind.listTitle(0), lines: [m.remind.listEmpty] };
    const settings = writerOf(ctx).settings;
    const now = ctx.deps.clock.now();
    const lines = page.deliveries.flatMap((d) => [
      m.remind.listLine({ number: d.number, title: d.title, client: clientLabel(d) }),
      `  ${reminderStatusLine(d, settings, now, ctx)}`,
    ]);
    if (page.total > page.deliveries.length) lines.push(m.delivery.listMore(page.deliveries.length, page.total));
    return { tone: 'info', title: m.remind.listTitle(page.total), lines };
  },
});
