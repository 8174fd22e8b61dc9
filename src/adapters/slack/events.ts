import type { App, types } from '@slack/bolt';
import type { CommandContext, CommandDeps } from '../../commands/command.js';
import { deliveryList } from '../../commands/deliver-list.js';
import type { Locale } from '../../domain/member.js';
import type { Reply } from '../../domain/reply.js';
import { reminderSettingsOf } from '../../domain/reminders.js';
import { messagesFor } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { parseCommandText } from '../text/parse-command-text.js';
import { runCommandText } from '../text/run-command-text.js';
import { unescapeCommandText } from './command-text.js';
import { toBlocks, toMessage } from './render.js';
import type { Origin } from './slack-bot.js';

/** What the Events API listeners borrow from the SlackBot: its context, error boundary and files path. */
export interface EventHooks {
  deps: CommandDeps;
  log: Logger;
  defaultLocale: Locale;
  /** Runs `work` for the member in their personal space (a DM); failures become a reply; files go to the DM. */
  answerInDm(origin: Origin, log: Logger, work: (ctx: CommandContext) => Promise<Reply | undefined>): Promise<Reply | undefined>;
  /** What Slack says of a user: their client's language, if Kenshu speaks it, and their name. */
  facts(userId: string): Promise<{ locale: Locale | undefined; name?: string }>;
}

/** Slack resends an unanswered event three times within minutes (api.slack.com/apis/events-api#retries): a day is ample. */
const REMEMBER_EVENTS_MS = 24 * 3_600_000;
/** How often old event ids are forgotten: one indexed delete an hour per instance. */
const FORGET_EVERY_MS = 3_600_000;
/** Slack allows a Home tab 100 blocks (api.slack.com/reference/surfaces/views). */
const HOME_BLOCKS = 100;

/** What a DM that asks for help looks like: nothing, or the word in either language. */
const HELP_WORDS: ReadonlySet<string> = new Set(['', 'help', 'ヘルプ', '?', '？']);

/** A DM's text as a command line: help when it asks for help, else the text as `/kenshu <text>` takes it. */
function dmCommandText(text: string): string {
  const typed = unescapeCommandText(text).trim();
  return HELP_WORDS.has(typed.normalize('NFKC').toLowerCase()) ? 'help' : typed;
}

/** A message a member typed in their DM with Kenshu: not an edit, a join, or anything a bot or app posted. */
interface TypedDm {
  channel: string;
  user: string;
  text: string;
}

function typedDm(event: types.MessageEvent): TypedDm | undefined {
  const message = event as { channel_type?: string; subtype?: string; bot_id?: string; app_id?: string; bot_profile?: unknown; user?: string; text?: string; channel?: string };
  if (message.channel_type !== 'im' || message.subtype !== undefined) return undefined;
  if (message.bot_id !== undefined || message.app_id !== undefined || message.bot_profile !== undefined) return undefined;
  if (!message.user || !message.channel) return undefined;
  return { channel: message.channel, user: message.user, text: message.text ?? '' };
}

/**
 * The Events API listeners: a DM to Kenshu is answered in that DM as `/kenshu <text>` would be,
 * and opening the Home tab shows the member's open deliveries. Bolt acknowledges an event before
 * any listener runs; each event id is claimed in the database first, so a retried event, or one
 * another instance already took, does nothing.
 */
export function registerEvents(app: App, hooks: EventHooks): void {
  const { deps } = hooks;
  let forgotAt = 0;

  /** Whether this event is new to every instance; now and then forgets ids no retry can repeat. */
  async function firstTime(eventId: string, log: Logger): Promise<boolean> {
    const now = deps.clock.now();
    const fresh = await deps.platformEvents.claim({ platform: 'slack', eventId }, now);
    if (now.getTime() - forgotAt > FORGET_EVERY_MS) {
      forgotAt = now.getTime();
      void deps.platformEvents.forgetBefore(new Date(now.getTime() - REMEMBER_EVENTS_MS)).catch((err: unknown) => log.warn({ err }, 'could not forget old Slack event ids'));
    }
    if (!fresh) log.info({ eventId }, 'Slack event already handled; dropped');
    return fresh;
  }

  app.event('message', async ({ event, body, client, context }) => {
    const dm = typedDm(event);
    if (!dm || dm.user === context.botUserId) return;
    const log = hooks.log.child({ event: 'message.im', userId: dm.user, ...(context.retryNum ? { retry: context.retryNum } : {}) });
    // A message event names its author by id only; the member's name comes from users.info (cached).
    const userName = (await hooks.facts(dm.user)).name ?? dm.user;
    const origin: Origin = { teamId: body.team_id, teamName: '', userId: dm.user, userName, channelId: dm.channel };
    const reply = await hooks.answerInDm(origin, log, async (ctx) => {
      // Claimed first, before anything the command changes; a repeat gets no answer at all.
      if (!(await firstTime(body.event_id, log))) return undefined;
      return runCommandText(parseCommandText(dmCommandText(dm.text)), ctx, log);
    });
    if (!reply) return;
    try {
      await client.chat.postMessage({ channel: dm.channel, ...toMessage(reply) });
    } catch (error) {
      log.warn({ err: error }, 'could not answer in the DM');
    }
  });

  app.event('app_home_opened', async ({ event, body, client, context }) => {
    if (event.tab !== 'home') return;
    const log = hooks.log.child({ event: 'app_home_opened', userId: event.user, ...(context.retryNum ? { retry: context.retryNum } : {}) });
    try {
      if (!(await firstTime(body.event_id, log))) return;
      await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: await homeBlocks(event.user, hooks) } });
    } catch (error) {
      log.warn({ err: error }, 'could not show the Home tab');
    }
  });
}

/**
 * The Home tab: what Kenshu is, then the member's open deliveries as `/deliver list` shows them.
 * Read only: a member Kenshu has never seen is not recorded for opening a tab.
 */
async function homeBlocks(userId: string, hooks: EventHooks): Promise<types.KnownBlock[]> {
  const { deps } = hooks;
  const member = await deps.members.findMember('slack', userId);
  const locale = member?.locale ?? member?.platformLocale ?? (await hooks.facts(userId)).locale ?? hooks.defaultLocale;
  const m = messagesFor(locale).home;
  const intro: types.KnownBlock = { type: 'section', text: { type: 'mrkdwn', text: m.intro, verbatim: true } };
  if (!member) return [intro, { type: 'context', elements: [{ type: 'mrkdwn', text: m.newcomer, verbatim: true }] }];

  const settings = reminderSettingsOf(member, deps.defaultTimezone);
  // A writer's deliveries are listed across every community they recorded in, as /deliver list does: no one community.
  const writer = { memberId: member.id, communityId: 0, timezone: member.timezone ?? deps.defaultTimezone, locale, settings };
  const list = await deliveryList(deps, writer, 'open');
  const more: types.KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: m.more(list.total - list.shown), verbatim: true }] };
  const blocks: types.KnownBlock[] = [intro, { type: 'divider' }, ...toBlocks(list.reply)];
  // toBlocks keeps a reply within a message's 50 blocks, so the tab's 100 are a guard, not the usual limit.
  const fits = blocks.slice(0, HOME_BLOCKS - 1);
  return list.total > list.shown ? [...fits, more] : fits;
}
