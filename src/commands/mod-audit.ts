import { z } from 'zod';
import { LIMITS } from '../domain/limits.js';
import { auditReply } from '../presenters/audit.js';
import { defineCommand } from './command.js';
import { integerOption } from './options.js';

/** Pages beyond this are not offered: the log is for recent actions, an export is for history. */
const PAGE_MAX = 500;

export default defineCommand({
  group: 'mod',
  name: 'audit',
  description: { en: "This community's latest moderation actions and settings changes (moderators)", ja: 'このコミュニティの最近のモデレーション操作と設定変更(モデレーター用)' },
  access: 'moderator',
  input: z.object({
    page: integerOption({ en: `Page, newest first (1-${PAGE_MAX})`, ja: `ページ(新しい順、1〜${PAGE_MAX})` }, 1, PAGE_MAX).optional(),
  }),
  positional: ['page'],
  async run(input, ctx) {
    const page = input.page ?? 1;
    const size = LIMITS.auditPageSize;
    const log = await ctx.deps.moderation.auditLog(ctx.community.id, { offset: (page - 1) * size, limit: size });
    return auditReply(log, page, size, ctx);
  },
});
