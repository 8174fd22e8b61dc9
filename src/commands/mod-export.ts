import { z } from 'zod';
import { exportReports } from '../domain/reports.js';
import { reportExportFile, reportExportReply } from '../presenters/report-export.js';
import { defineCommand } from './command.js';

export default defineCommand({
  group: 'mod',
  name: 'export',
  description: {
    en: "This community's approved reports as a CSV file, for its records (moderators)",
    ja: 'このコミュニティの承認済みの報告を CSV ファイルで書き出し(モデレーター用)',
  },
  access: 'moderator',
  input: z.object({}),
  async run(_input, ctx) {
    const { reports, at } = await exportReports(ctx.deps, { memberId: ctx.member.id, communityId: ctx.community.id });
    return reportExportReply(reports, reportExportFile(reports, ctx.community.id, at, ctx), ctx);
  },
});
