import { z } from 'zod';
import { exportFile, exportReply, nothingToEraseReply } from '../presenters/privacy.js';
import { defineCommand } from './command.js';

export default defineCommand({
  group: 'privacy',
  name: 'export',
  description: {
    en: 'Everything Kenshu holds about you (profile, settings, deliveries, your reports) as a file',
    ja: 'Kenshu にあるあなたのデータ(プロフィール・設定・納品・報告)をファイルで受け取ります',
  },
  access: 'member',
  input: z.object({}),
  async run(_input, ctx) {
    const data = await ctx.deps.privacy.exportMember(ctx.member.id);
    if (!data) return nothingToEraseReply(ctx);
    const now = ctx.deps.clock.now();
    return exportReply(data, exportFile(data, now, ctx), ctx);
  },
});
