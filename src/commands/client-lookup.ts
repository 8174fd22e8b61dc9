import { z } from 'zod';
import { LIMITS } from '../domain/limits.js';
import { lookupClient, type ViewerPolicy } from '../domain/warning-list.js';
import { lookupReply } from '../presenters/lookup.js';
import { defineCommand, type CommandContext } from './command.js';
import { textOption } from './options.js';

export function viewerOf(ctx: CommandContext): ViewerPolicy {
  return { communityId: ctx.community.id, memberId: ctx.member.id, showFromOthers: ctx.community.showFromOthers, consensusMinWriters: ctx.community.consensusMinWriters };
}

export default defineCommand({
  group: 'client',
  name: 'lookup',
  description: { en: 'What the community knows about a client', ja: 'クライアントについてコミュニティが知っていること' },
  access: 'member',
  input: z.object({
    client: textOption({ en: 'Profile URL, marketplace:id, or name', ja: 'プロフィールURL、marketplace:id、または名前' }, LIMITS.clientLength, 'client'),
  }),
  positional: ['client'],
  async run(input, ctx) {
    return lookupReply(await lookupClient(ctx.deps, viewerOf(ctx), input.client), ctx);
  },
});
