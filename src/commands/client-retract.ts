import { z } from 'zod';
import { retractFlag } from '../domain/warning-list.js';
import { messagesFor } from '../i18n/index.js';
import { defineCommand, writerOf } from './command.js';
import { textOption } from './options.js';

export default defineCommand({
  group: 'client',
  name: 'retract',
  description: { en: 'Take back one of your reports', ja: '自分の報告を取り下げます' },
  access: 'member',
  input: z.object({ flag: textOption({ en: 'Report number, e.g. 12', ja: '報告番号(例: 12)' }, 14) }),
  positional: ['flag'],
  async run(input, ctx) {
    const flag = await retractFlag(ctx.deps, writerOf(ctx), input.flag);
    return { tone: 'success', title: messagesFor(ctx.locale).client.retractedTitle(flag.number) };
  },
});
