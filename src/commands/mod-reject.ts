import { z } from 'zod';
import { LIMITS } from '../domain/limits.js';
import { defineCommand } from './command.js';
import { reportOption, textOption } from './options.js';
import { runReview } from './review-report.js';

export default defineCommand({
  group: 'mod',
  name: 'reject',
  description: { en: 'Reject a pending report; the reporter is told the reason (moderators)', ja: '確認待ちの報告を却下し、理由を報告者に伝えます(モデレーター用)' },
  access: 'moderator',
  input: z.object({
    report: reportOption(),
    reason: textOption({ en: `Why, for the reporter (up to ${LIMITS.reviewReasonLength} characters)`, ja: `報告者に伝える理由(${LIMITS.reviewReasonLength}文字まで)` }, LIMITS.reviewReasonLength),
  }),
  positional: ['report'],
  run: (input, ctx) => runReview('reject', input, ctx),
});
