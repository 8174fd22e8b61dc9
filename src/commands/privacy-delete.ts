import { z } from 'zod';
import { erasureQuestion } from '../presenters/privacy.js';
import { defineCommand } from './command.js';

/** Asks first: says what goes and what stays; only the Confirm button (press-button.ts) erases. */
export default defineCommand({
  group: 'privacy',
  name: 'delete',
  description: {
    en: 'Erase your data from Kenshu (asks you to confirm first)',
    ja: 'Kenshu からあなたのデータを削除します(確認してから実行)',
  },
  access: 'member',
  input: z.object({}),
  async run(_input, ctx) {
    return erasureQuestion(await ctx.deps.privacy.erasureSummary(ctx.member.id), ctx.member.id, ctx);
  },
});
