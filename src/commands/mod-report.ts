import { z } from 'zod';
import { lastFullPeriod, PERIOD_KINDS } from '../domain/mod-report.js';
import { buildModReport, communityTimezone } from '../presenters/mod-report.js';
import { defineCommand } from './command.js';
import { choiceOption } from './options.js';

export default defineCommand({
  group: 'mod',
  name: 'report',
  description: {
    en: "This community's deliveries, reminders and reports over the last full week or month (moderators)",
    ja: '直近の1週間または1か月の納品・リマインド・報告の集計(モデレーター用)',
  },
  access: 'moderator',
  input: z.object({
    period: choiceOption({ en: 'week (default: last Monday to Sunday) or month (last calendar month)', ja: 'week(既定、先週の月曜〜日曜)または month(先月)' }, PERIOD_KINDS, {
      '週': 'week',
      '先週': 'week',
      '月': 'month',
      '先月': 'month',
    }).optional(),
  }),
  positional: ['period'],
  async run(input, ctx) {
    const now = ctx.deps.clock.now();
    const period = lastFullPeriod(input.period ?? 'week', now, communityTimezone(ctx.community, ctx.deps.defaultTimezone));
    return (await buildModReport(ctx.deps, ctx.community, period, now, ctx.locale)).reply;
  },
});
