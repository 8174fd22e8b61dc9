import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import { recordClientReply, type Recipient } from '../domain/moderation.js';
import type { Reply } from '../domain/reply.js';
import { messagesFor } from '../i18n/index.js';
import { inert } from '../presenters/text.js';
import { defineCommand, type CommandContext } from './command.js';
import { choiceOption, textOption } from './options.js';

/**
 * Tells each reporter that the client replied, by DM in their language. Best effort: the reply is
 * recorded whatever happens here, and a member whose DMs are closed simply does not hear of it.
 */
async function tellReporters(ctx: CommandContext, recipients: readonly Recipient[], client: string, at: Date): Promise<number> {
  let told = 0;
  for (const r of recipients) {
    const notifier = ctx.deps.notifiers[r.platform];
    if (!notifier) continue;
    const m = messagesFor(r.locale ?? ctx.locale).modClients;
    const message: Reply = { tone: 'info', title: m.dmTitle(inert(client)), lines: [m.dmBody(inert(client))] };
    // Short and the same on a retry (Discord nonces hold 25 characters).
    const key = `cr${ctx.community.id.toString(36)}.${r.memberId.toString(36)}.${at.getTime().toString(36)}`;
    try {
      if ((await notifier.dm(r.platformUserId, message, key)).kind === 'sent') told += 1;
    } catch {
      // Not the moderator's problem: the reply stands, this reporter sees it on their next lookup.
    }
  }
  return told;
}

export default defineCommand({
  group: 'mod',
  name: 'reply',
  description: { en: "Record a client's reply to the reports (moderators)", ja: '報告に対するクライアントの回答を記録(モデレーター用)' },
  access: 'moderator',
  input: z.object({
    client: textOption({ en: 'Profile URL, marketplace:id, or exact name', ja: 'プロフィールURL、marketplace:id、または正確な名前' }, LIMITS.clientLength, 'client'),
    text: textOption({ en: `The client's reply, as plain text (up to ${LIMITS.clientReplyLength} characters)`, ja: `クライアントの回答(書式なしのテキスト、${LIMITS.clientReplyLength}文字まで)` }, LIMITS.clientReplyLength).optional(),
    clear: choiceOption({ en: 'yes: remove the recorded reply', ja: 'yes: 記録した回答を削除' }, ['yes'], { はい: 'yes' }).optional(),
  }),
  async run(input, ctx) {
    if ((input.text === undefined) === (input.clear === undefined)) throw new DomainError('CLIENT_REPLY_INPUT');
    const by = { memberId: ctx.member.id, communityId: ctx.community.id };
    const outcome = await recordClientReply(ctx.deps, by, { client: input.client, text: input.clear === 'yes' ? null : (input.text ?? null) });
    const m = messagesFor(ctx.locale).modClients;
    const name = inert(outcome.client.displayName);
    if (outcome.kind === 'cleared') {
      return { tone: 'success', title: m.replyClearedTitle(name), fields: [{ label: m.previousLabel, value: inert(outcome.before ?? '') }] };
    }
    const told = await tellReporters(ctx, outcome.recipients, outcome.client.displayName, ctx.deps.clock.now());
    return {
      tone: 'success',
      title: outcome.before === null ? m.replyRecordedTitle(name) : m.replyReplacedTitle(name),
      fields: [
        { label: m.replyLabel, value: inert(outcome.text) },
        ...(outcome.before !== null ? [{ label: m.previousLabel, value: inert(outcome.before) }] : []),
      ],
      lines: [m.replyShownWhere, outcome.recipients.length === 0 ? m.noReportersToTell : m.reportersTold(told)],
    };
  },
});
