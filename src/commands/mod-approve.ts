import { z } from 'zod';
import { defineCommand } from './command.js';
import { reportOption } from './options.js';
import { runReview } from './review-report.js';

export default defineCommand({
  group: 'mod',
  name: 'approve',
  description: { en: 'Approve a pending report: it shows in lookups (moderators)', ja: '確認待ちの報告を承認し、照会に表示します(モデレーター用)' },
  access: 'moderator',
  input: z.object({ report: reportOption() }),
  positional: ['report'],
  run: (input, ctx) => runReview('approve', input, ctx),
});
