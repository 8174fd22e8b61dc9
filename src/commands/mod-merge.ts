import { z } from 'zod';
import { LIMITS } from '../domain/limits.js';
import { mergeClients } from '../domain/moderation.js';
import { messagesFor } from '../i18n/index.js';
import { inert } from '../presenters/text.js';
import { defineCommand } from './command.js';
import { textOption } from './options.js';

const CLIENT = { en: 'Profile URL, marketplace:id, or exact name', ja: 'プロフィールURL、marketplace:id、または正確な名前' } as const;

export default defineCommand({
  group: 'mod',
  name: 'merge',
  description: { en: "Count one client as another in this community's view (moderators)", ja: 'このコミュニティでクライアントを別のクライアントに統合(モデレーター用)' },
  access: 'moderator',
  input: z.object({
    client: textOption({ en: `The client merged away: ${CLIENT.en}`, ja: `統合するクライアント: ${CLIENT.ja}` }, LIMITS.clientLength, 'client'),
    into: textOption({ en: `The client it follows: ${CLIENT.en}`, ja: `統合先のクライアント: ${CLIENT.ja}` }, LIMITS.clientLength, 'client'),
  }),
  async run(input, ctx) {
    const { from, into, asked } = await mergeClients(ctx.deps, { memberId: ctx.member.id, communityId: ctx.community.id }, input);
    const m = messagesFor(ctx.locale).modClients;
    const [a, b] = [inert(from.displayName), inert(into.displayName)];
    return {
      tone: 'success',
      title: m.mergedTitle(a, b),
      lines: [...(asked.id !== into.id ? [m.mergedResolved(inert(asked.displayName), b)] : []), m.mergedBody(a, b)],
    };
  },
});
