import { z } from 'zod';
import { reviewQueue } from '../domain/reports.js';
import { queueReply } from '../presenters/reports.js';
import { defineCommand } from './command.js';
import { integerOption } from './options.js';

/** Far more pages than a community's queue will hold; bounds the offset a member can ask for. */
const QUEUE_PAGE_MAX = 1000;

export default defineCommand({
  group: 'mod',
  name: 'queue',
  description: { en: 'Reports waiting for review, oldest first (moderators)', ja: '確認待ちの報告(古い順、モデレーター用)' },
  access: 'moderator',
  input: z.object({ page: integerOption({ en: `Page (1-${QUEUE_PAGE_MAX})`, ja: `ページ(1〜${QUEUE_PAGE_MAX})` }, 1, QUEUE_PAGE_MAX).optional() }),
  positional: ['page'],
  async run(input, ctx) {
    return queueReply(await reviewQueue(ctx.deps, ctx.community.id, input.page ?? 1), ctx);
  },
});
