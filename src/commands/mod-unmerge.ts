import { z } from 'zod';
import { LIMITS } from '../domain/limits.js';
import { unmergeClient } from '../domain/moderation.js';
import { messagesFor } from '../i18n/index.js';
import { inert } from '../presenters/text.js';
import { defineCommand } from './command.js';
import { textOption } from './options.js';

export default defineCommand({
  group: 'mod',
  name: 'unmerge',
  description: { en: 'Undo a merge of a client in this community (moderators)', ja: 'このコミュニティでのクライアントの統合を解除(モデレーター用)' },
  access: 'moderator',
  input: z.object({
    client: textOption({ en: 'The client merged away: profile URL, marketplace:id, or exact name', ja: '統合したクライアント: プロフィールURL、marketplace:id、または正確な名前' }, LIMITS.clientLength, 'client'),
  }),
  positional: ['client'],
  async run(input, ctx) {
    const { from, into } = await unmergeClient(ctx.deps, { memberId: ctx.member.id, communityId: ctx.community.id }, input);
    const m = messagesFor(ctx.locale).modClients;
    return { tone: 'success', title: m.unmergedTitle(inert(from.displayName)), lines: [m.unmergedBody(inert(from.displayName), inert(into.displayName))] };
  },
});
