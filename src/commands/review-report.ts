import { reviewReport, type ReviewAction } from '../domain/reports.js';
import type { ClientRecord, Flag } from '../domain/warning-list.js';
import { decisionDm, newReportNotice, reviewReply } from '../presenters/reports.js';
import type { CommandContext, Reply } from './command.js';

/**
 * `/mod approve`, `/mod reject` and `/mod remove`: the decision, then the reporter told by DM
 * through their platform's notifier. A DM that cannot be delivered does not undo the decision;
 * the moderator is told the reporter was not reached.
 */
export async function runReview(action: ReviewAction, input: { report: string; reason?: string | undefined }, ctx: CommandContext): Promise<Reply> {
  const reviewed = await reviewReport(ctx.deps, { memberId: ctx.member.id, communityId: ctx.community.id }, { action, ...input, ttlDays: ctx.deps.flagTtlDays });
  const reason = input.reason?.normalize('NFKC').trim() || null;
  const { author } = reviewed;
  const notifier = ctx.deps.notifiers[author.platform];
  // In the reporter's language and time zone, as their nudges are.
  const dm = decisionDm(action, reviewed, reason, { locale: author.locale ?? ctx.locale, timezone: author.timezone ?? ctx.deps.defaultTimezone });
  // One key per report and decision: a retried send never shows the reporter a second copy.
  const outcome = notifier ? await notifier.dm(author.platformUserId, dm, `kr${reviewed.after.id}${action}`).catch(() => undefined) : undefined;
  return reviewReply(action, reviewed, reason, outcome?.kind === 'sent', ctx);
}

/**
 * A new pending report is announced in the community's moderators' channel, where one is set:
 * the client and the category only. The report stands whether or not the notice goes out.
 */
export async function announceReport(flag: Flag, client: ClientRecord, ctx: CommandContext): Promise<void> {
  const notifier = ctx.deps.notifiers[ctx.platform];
  const channel = notifier && (await ctx.deps.reports.modChannel(ctx.community.id));
  if (!notifier || !channel) return;
  await notifier.post(channel, null, newReportNotice({ number: flag.number, category: flag.category, client }, ctx.locale), `kq${flag.id}`).catch(() => undefined);
}
