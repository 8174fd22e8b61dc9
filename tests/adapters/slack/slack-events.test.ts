import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackBot } from '../../../src/adapters/slack/slack-bot.js';
import type { CommandDeps } from '../../../src/commands/command.js';
import { personalSpace } from '../../../src/domain/member.js';
import { createStores, type OpenDatabase } from '../../../src/store/index.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { SLACK_TEST_SECRET, startSlackBot, stopSlackBot, type SlackMode } from '../../support/slack-bot.js';
import { header, textOf } from '../../fakes/slack/read-blocks.js';
import { retryHeaders, signedRequest } from '../../fakes/slack/payloads.js';
import type { PostedMessage } from '../../fakes/slack/web-api.js';
import { MemoryClock } from '../../support/clock.js';
import { openMemoryDatabase } from '../../support/databases.js';
import { emptyDatabase } from '../../support/empty-database.js';
import { capturedLogger } from '../../support/logs.js';
import { newDelivery } from '../../support/delivery-records.js';

const SECRET = SLACK_TEST_SECRET;
const WRITER = 'U0WRITER';
const JA_WRITER = 'U0JAWRITER';
const NEWCOMER = 'U0NEWCOMER';
const PROLIFIC = 'U0PROLIFIC';

type Mode = SlackMode;
const json = (value: unknown) => JSON.stringify(value ?? null);

let slack: FakeSlack;
/** One embedded database for the file, emptied before each mode. */
let database: OpenDatabase;

beforeAll(async () => {
  database = await openMemoryDatabase();
  slack = await FakeSlack.start({
    users: [
      { id: WRITER, name: 'writer' },
      { id: JA_WRITER, name: 'kaito', locale: 'ja-JP' },
      { id: NEWCOMER, name: 'newcomer' },
      { id: PROLIFIC, name: 'prolific', locale: 'ja-JP' },
    ],
  });
});

afterAll(async () => {
  await slack?.stop();
  await database?.close();
});

/** POSTs an Events API callback to an HTTP receiver, signed, as Slack's `retry`th resend when above 0. */
async function postEvent(bot: SlackBot, payload: Record<string, unknown>, retry = 0): Promise<void> {
  const body = JSON.stringify(payload);
  const res = await fetch(bot.eventsUrl!, { method: 'POST', headers: { ...signedRequest(body, SECRET), ...(retry > 0 ? retryHeaders(retry) : {}) }, body });
  expect(res.status).toBe(200);
}

/** The Events API: DMs to Kenshu and its Home tab, retried events acted on once. */
describe.each<Mode>(['socket', 'http'])('Slack events (%s)', (mode) => {
  let bot: SlackBot;
  let deps: CommandDeps;
  let logs: () => string;

  beforeAll(async () => {
    await emptyDatabase(database.db);
    deps = { ...createStores(database.db), clock: new MemoryClock('2026-11-02T03:00:00Z'), defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
    const captured = capturedLogger();
    logs = captured.output;
    bot = await startSlackBot(slack, mode, deps, { logger: captured.logger });
  });

  afterAll(async () => {
    await stopSlackBot(slack, bot);
  });

  /** Sends an event callback the way this mode does; resolves once Kenshu has acknowledged it. */
  async function send(payload: Record<string, unknown>, retry = 0): Promise<void> {
    if (mode === 'socket') await slack.socketEvent(payload, undefined, retry);
    else await postEvent(bot, payload, retry);
  }

  /** Sends `payload` and waits for the next message Kenshu posts in `user`'s DM. */
  async function answered(user: string, payload: Record<string, unknown>): Promise<PostedMessage> {
    const before = slack.dmsTo(user).length;
    await send(payload);
    return slack.waitFor(() => slack.dmsTo(user)[before], 3000);
  }

  /** Waits until the event has been seen and dropped as already handled. */
  async function dropped(eventId: unknown, output = logs): Promise<void> {
    await slack.waitFor(() => output().split('\n').some((line) => line.includes('already handled') && line.includes(String(eventId))), 3000);
  }

  const deliveries = async () => (await database.db.query.deliveries.findMany()) as { title: string; status: string; communityId: number }[];

  it('answers "help", or an empty DM, with the help in English', async () => {
    const help = await answered(WRITER, slack.directMessage(WRITER, 'help'));
    expect(help.channel).toBe(slack.dmChannel(WRITER));
    expect(header(help)).toContain('Kenshu commands');
    // Slack keeps /remind: the help says how its commands are typed here.
    expect(textOf(help)).toContain('On Slack, type /kenshu before any of these (/kenshu remind list');
    const empty = await answered(WRITER, slack.directMessage(WRITER, '  '));
    expect(header(empty)).toContain('Kenshu commands');
  });

  it('answers ヘルプ in Japanese to a member whose Slack is in Japanese', async () => {
    const help = await answered(JA_WRITER, slack.directMessage(JA_WRITER, 'ヘルプ'));
    expect(header(help)).toContain('Kenshu のコマンド');
    expect(textOf(help)).toContain('Slack では、コマンドの前に /kenshu を付けてください');
  });

  it('runs a command typed in the DM, in the member’s personal space, and lists it with "deliver list"', async () => {
    const recorded = await answered(WRITER, slack.directMessage(WRITER, 'deliver new client:"Acme &amp; Co" title:"SEO記事" marketplace:crowdworks'));
    expect(header(recorded)).toContain('Delivery #1 recorded');
    const list = await answered(WRITER, slack.directMessage(WRITER, 'deliver list'));
    expect(header(list)).toContain('Your open deliveries (1)');
    // Slack escapes & in a message's text; the member typed "Acme & Co".
    expect(textOf(list)).toContain('Acme &amp; Co');
    expect(textOf(list)).not.toContain('&amp;amp;');
    const space = personalSpace('slack', WRITER);
    const personal = await deps.communities.findCommunity(space.platform, space.platformCommunityId);
    expect((await deliveries())[0]?.communityId).toBe(personal?.id);
    expect((await deps.members.findMember('slack', WRITER))?.displayName).toBe('writer');
  });

  it('ignores the bot’s own messages, bots’, other apps’ and edits, answering only the member', async () => {
    const before = slack.dmsTo(WRITER).length;
    const ignored = [
      slack.directMessage(WRITER, 'help', { user: slack.botUserId }),
      slack.directMessage(WRITER, 'help', { bot_id: slack.botId }),
      slack.directMessage(WRITER, 'help', { bot_id: 'B0OTHERAPP', app_id: 'A0OTHERAPP' }),
      slack.directMessage(WRITER, 'help', { subtype: 'message_changed' }),
      slack.directMessage(WRITER, 'help', { subtype: 'bot_message' }),
    ];
    for (const payload of ignored) await send(payload);
    const answer = await answered(WRITER, slack.directMessage(WRITER, 'deliver list'));
    expect(header(answer)).toContain('Your open deliveries');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(slack.dmsTo(WRITER).slice(before)).toHaveLength(1);
    expect(logs()).not.toContain('"level":50');
  });

  it('acts on a retried DM once: one delivery, one answer', async () => {
    const payload = slack.directMessage(WRITER, 'deliver new client:"A" title:"Retried once" marketplace:lancers');
    const first = await answered(WRITER, payload);
    expect(header(first)).toContain('recorded');
    const after = slack.dmsTo(WRITER).length;
    await send(payload, 1);
    await dropped(payload.event_id);
    await send(payload, 2);
    await dropped(payload.event_id);
    expect((await deliveries()).filter((d) => d.title === 'Retried once')).toHaveLength(1);
    expect(slack.dmsTo(WRITER)).toHaveLength(after);
  });

  it('does not act on an event another instance on the same database already handled', async () => {
    const captured = capturedLogger();
    const other = await startSlackBot(slack, 'http', deps, { logger: captured.logger });
    try {
      const payload = slack.directMessage(WRITER, 'deliver new client:"B" title:"Two instances" marketplace:lancers');
      await answered(WRITER, payload);
      const after = slack.dmsTo(WRITER).length;
      await postEvent(other, payload);
      await dropped(payload.event_id, captured.output);
      expect((await deliveries()).filter((d) => d.title === 'Two instances')).toHaveLength(1);
      expect(slack.dmsTo(WRITER)).toHaveLength(after);
    } finally {
      await other.stop();
    }
  });

  it('shows the Home tab with the member’s open deliveries and not a paid one', async () => {
    await answered(WRITER, slack.directMessage(WRITER, 'deliver new client:"Paid Client" title:"Already paid" marketplace:lancers'));
    const paidNumber = (await deliveries()).length;
    const paid = await answered(WRITER, slack.directMessage(WRITER, `deliver paid ${paidNumber}`));
    expect(header(paid)).toContain('paid');

    const before = slack.views.length;
    const opened = slack.homeOpened(WRITER);
    await send(opened);
    const home = await slack.waitFor(() => slack.views.slice(before).find((v) => v.method === 'views.publish' && v.userId === WRITER), 3000);
    expect(home.view.type).toBe('home');
    const shown = textOf(home.view);
    expect(shown).toContain('Kenshu follows each delivery');
    expect(shown).toContain('SEO記事');
    expect(shown).not.toContain('Already paid');
    expect((home.view.blocks as unknown[]).length).toBeLessThanOrEqual(100);

    // Opened again from a retry: not published twice.
    const published = slack.views.length;
    await send(opened, 1);
    await dropped(opened.event_id);
    expect(slack.views).toHaveLength(published);
  });

  it('greets a member Kenshu has never seen on the Home tab, in their language, without recording them', async () => {
    const before = slack.views.length;
    await send(slack.homeOpened(NEWCOMER));
    const home = await slack.waitFor(() => slack.views.slice(before).find((v) => v.userId === NEWCOMER), 3000);
    expect(textOf(home.view)).toContain('/deliver new');
    expect(await deps.members.findMember('slack', NEWCOMER)).toBeUndefined();
  });

  it('says on the Home tab how many open deliveries it leaves out, in the member’s language', async () => {
    const writer = await deps.members.ensureMember({ platform: 'slack', platformUserId: PROLIFIC, displayName: 'prolific', platformLocale: 'ja' });
    const community = await deps.communities.ensureCommunity(personalSpace('slack', PROLIFIC));
    for (let i = 1; i <= 22; i++) await deps.deliveries.record(newDelivery(writer.id, community.id, { title: `記事 ${i}` }), new Date('2026-11-01T03:00:00Z'));
    const before = slack.views.length;
    await send(slack.homeOpened(PROLIFIC));
    const home = await slack.waitFor(() => slack.views.slice(before).find((v) => v.userId === PROLIFIC), 3000);
    const blocks = home.view.blocks as unknown[];
    expect(blocks.length).toBeLessThanOrEqual(100);
    expect(json(blocks.at(-1))).toContain('ほかに2件あります。/deliver list で確認できます。');
    expect(json(blocks)).toContain('記事 22');
  });
});
