import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackBot } from '../../../src/adapters/slack/slack-bot.js';
import { SlackNotifier } from '../../../src/adapters/slack/slack-notifier.js';
import type { CommandDeps } from '../../../src/commands/command.js';
import { NudgeScheduler } from '../../../src/scheduler/nudge-scheduler.js';
import { createStores, type OpenDatabase, type Stores } from '../../../src/store/index.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { SLACK_TEST_SECRET, startSlackBot, stopSlackBot } from '../../support/slack-bot.js';
import { buttonsOf, header, textOf } from '../../fakes/slack/read-blocks.js';
import { formBody, interactiveBody, signedRequest } from '../../fakes/slack/payloads.js';
import { MemoryClock } from '../../support/clock.js';
import { silentLogger } from '../../support/commands.js';
import { openMemoryDatabase } from '../../support/databases.js';

const WRITER = 'U0WRITER';
const ADMIN = 'U0ADMIN';
const MEMBER = 'U0MEMBER';
const JA_WRITER = 'U0JAWRITER';
const REPORTERS = ['U0REPORTER1', 'U0REPORTER2'];
const CHANNEL = 'C0GENERAL';
const SECRET = SLACK_TEST_SECRET;


/**
 * End to end against a Slack on loopback: the real Bolt app over Socket Mode and over HTTP
 * (signed requests to its receiver), the real Slack notifier on a Web API client of its own, the
 * real nudge scheduler, embedded PGlite.
 */
describe.each(['socket', 'http'] as const)('Kenshu on Slack, end to end (%s)', (mode) => {
  let slack: FakeSlack;
  let database: OpenDatabase;
  let stores: Stores;
  let bot: SlackBot;
  let scheduler: NudgeScheduler;
  const clock = new MemoryClock('2026-11-02T03:00:00Z'); // Monday noon in Tokyo

  beforeAll(async () => {
    slack = await FakeSlack.start({
      users: [
        { id: WRITER, name: 'writer' },
        { id: ADMIN, name: 'admin', isAdmin: true },
        { id: MEMBER, name: 'member' },
        { id: JA_WRITER, name: 'kaito', locale: 'ja-JP' },
        ...REPORTERS.map((id, i) => ({ id, name: `reporter${i + 1}` })),
      ],
    });
    database = await openMemoryDatabase();
    stores = createStores(database.db);
    const deps: CommandDeps = { ...stores, clock, defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
    bot = await startSlackBot(slack, mode, deps, {
      makeNotifier: () => new SlackNotifier(new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } })),
    });
    scheduler = new NudgeScheduler({ nudges: stores.nudges, members: stores.members, notifiers: { slack: bot.notifier }, clock, logger: silentLogger, defaultTimezone: 'Asia/Tokyo', defaultLocale: 'en' });
  });

  afterAll(async () => {
    await stopSlackBot(slack, bot);
    await slack?.stop();
    await database?.close();
  });

  /**
   * Sends a payload the way this mode does (an envelope on the socket, or a signed POST to the
   * receiver); resolves with its response_url's id and what Kenshu acknowledged it with.
   */
  async function send(kind: 'command' | 'interactive', payload: Record<string, unknown>): Promise<{ id: string; acked: unknown }> {
    let acked: unknown;
    if (mode === 'socket') {
      acked = (await (kind === 'command' ? slack.socketCommand(payload as Record<string, string>) : slack.socketInteraction(payload))).payload;
    } else {
      const body = kind === 'command' ? formBody(payload as Record<string, string>) : interactiveBody(payload);
      const res = await fetch(bot.eventsUrl!, { method: 'POST', headers: signedRequest(body, SECRET), body });
      expect(res.status).toBe(200);
      const text = await res.text();
      acked = text ? (JSON.parse(text) as unknown) : undefined;
    }
    return { id: typeof payload.response_url === 'string' ? payload.response_url.split('/respond/')[1]! : '', acked };
  }

  async function slash(command: string, text: string, user: string, channel = CHANNEL) {
    const { id } = await send('command', slack.slashCommand({ command, text, user, channel }));
    return slack.waitFor(() => slack.responses(id)[0], 3000);
  }

  async function press(actionId: string, user: string, channel = CHANNEL, messageTs?: string) {
    const { id } = await send('interactive', slack.blockAction({ user, channel, actionId, value: actionId, ...(messageTs ? { messageTs } : {}) }));
    return slack.waitFor(() => slack.responses(id)[0], 3000);
  }

  describe('a nudge', () => {
    it('is sent by DM when due, with blocks, its key and buttons; Paid marks the delivery paid and stops the next ones', async () => {
      const recorded = await slash('/kenshu', 'deliver new client:"Acme" title:"SEO記事" marketplace:crowdworks delivered:2026-11-02', WRITER);
      expect(header(recorded)).toContain('Delivery #1 recorded');
      expect(textOf(recorded)).toContain('3 days after delivery');

      clock.set('2026-11-05T03:30:00Z'); // day 3, 12:30 in Tokyo
      await scheduler.tick();
      const [dm, ...more] = slack.dmsTo(WRITER);
      expect(more).toEqual([]);
      expect(dm).toBeDefined();
      expect(header(dm)).toContain('(3 days after delivery)');
      expect(typeof dm!.text).toBe('string');
      expect(dm!.metadata).toMatchObject({ event_type: 'kenshu_nudge', event_payload: { idempotency_key: expect.stringMatching(/^kn[0-9a-z]+s1$/) as unknown } });
      const buttons = buttonsOf(dm);
      expect(buttons.map((b) => b.text?.text)).toEqual(expect.arrayContaining(['Accepted', 'Paid', 'Snooze 3 days', 'Stop reminders']));
      for (const b of buttons) expect(b.action_id).toMatch(/^kenshu:/);

      // Ticking again at the same time sends no second DM.
      await scheduler.tick();
      expect(slack.dmsTo(WRITER)).toHaveLength(1);

      const paidButton = buttons.find((b) => b.text?.text === 'Paid')!;
      const paid = await press(paidButton.action_id!, WRITER, dm!.channel, dm!.ts);
      expect(paid.response_type).toBe('ephemeral');
      expect(header(paid)).toContain('Delivery #1 paid');
      const [delivery] = (await database.db.query.deliveries.findMany()) as { status: string }[];
      expect(delivery?.status).toBe('paid');

      clock.set('2026-12-31T03:00:00Z');
      await scheduler.tick();
      expect(slack.dmsTo(WRITER)).toHaveLength(1);
    });

    it('reaches a writer whose Slack is in Japanese in Japanese, buttons included', async () => {
      clock.set('2027-01-12T03:00:00Z'); // a Tuesday
      const recorded = await slash('/deliver', 'new client:アクメ title:記事 marketplace:lancers delivered:2027-01-12', JA_WRITER);
      expect(header(recorded)).toContain('納品 #1 を記録しました');
      clock.set('2027-01-15T03:30:00Z');
      await scheduler.tick();
      const [dm, ...more] = slack.dmsTo(JA_WRITER);
      expect(more).toEqual([]);
      expect(header(dm)).toBe('ℹ️ #1「記事」の確認の連絡(納品から3日後)');
      expect(textOf(dm)).toContain('アクメ様');
      expect(textOf(dm)).toContain('2027年1月12日(火)に納品いたしました「記事」');
      const buttons = buttonsOf(dm);
      expect(buttons.map((b) => b.text?.text)).toEqual(expect.arrayContaining(['検収済み', '支払い済み', 'リマインド停止']));
      const accepted = await press(buttons.find((b) => b.text?.text === '検収済み')!.action_id!, JA_WRITER, dm!.channel, dm!.ts);
      expect(header(accepted)).toContain('#1');
      expect(header(accepted)).toMatch(/検収/);
    });
  });

  describe('the review queue', () => {
    let communityId: number;
    const stateOf = async (number: number) => (await stores.reports.findByNumber(communityId, number))?.state;

    /** Records as a writer does on the day of delivery (2026-11-10): a report counts its wait from then. */
    async function recordedOnTheDay<T>(work: () => Promise<T>): Promise<T> {
      const now = clock.now();
      clock.set('2026-11-10T12:00:00+09:00');
      try {
        return await work();
      } finally {
        clock.set(now);
      }
    }

    beforeAll(() => clock.set('2026-11-26T03:00:00Z'));

    it('two writers file reports; a workspace admin sees them in /mod queue with Approve and Reject buttons', async () => {
      for (const [i, reporter] of REPORTERS.entries()) {
        const delivered = await recordedOnTheDay(() => slash('/deliver', 'new client:https://crowdworks.jp/public/employers/8800 title:Article delivered:2026-11-10', reporter));
        expect(header(delivered)).toContain('Delivery #1 recorded');
        const flagged = await slash('/client', 'flag client:crowdworks:8800 reason:unpaid delivery:1 note:"for the moderators"', reporter);
        expect(header(flagged)).toContain(`Report #${i + 1} filed`);
      }
      communityId = (await stores.communities.findCommunity('slack', slack.team.id))!.id;

      const queue = await slash('/mod', 'queue', ADMIN);
      expect(header(queue)).toContain('2 reports are waiting for review');
      expect(textOf(queue)).toContain('Note: for the moderators');
      for (const reporter of REPORTERS) expect(textOf(queue)).not.toContain(reporter);
      expect(buttonsOf(queue).map((b) => [b.text?.text, b.action_id])).toEqual([
        ['Approve #1', 'kenshu:approve:1'],
        ['Approve #2', 'kenshu:approve:2'],
        ['Reject #1', 'kenshu:reject:1'],
        ['Reject #2', 'kenshu:reject:2'],
      ]);
    });

    it('refuses /mod queue and a forged Approve button to a member, changing nothing', async () => {
      const refused = await slash('/mod', 'queue', MEMBER);
      expect(textOf(refused)).toContain("Only this community's moderators can do that");
      expect(textOf(refused)).not.toContain('Approve');
      const forged = await press('kenshu:approve:1', MEMBER);
      expect(textOf(forged)).toContain("Only this community's moderators can do that");
      expect(await stateOf(1)).toBe('pending');
      expect(await stateOf(2)).toBe('pending');
      expect(slack.dmsTo(REPORTERS[0]!)).toEqual([]);
    });

    it('opens a form on Reject, on the button’s trigger_id, asking the reason as Discord does; nothing is rejected yet', async () => {
      const payload = slack.blockAction({ user: ADMIN, channel: CHANNEL, actionId: 'kenshu:reject:2', value: 'kenshu:reject:2' });
      await send('interactive', payload);
      const opened = await slack.waitFor(() => slack.views.find((v) => v.view.callback_id === 'kenshu:reason'));
      expect(opened.method).toBe('views.open');
      expect(opened.triggerId).toBe(payload.trigger_id);
      expect(opened.view).toMatchObject({ type: 'modal', title: { text: 'Reject report #2' }, submit: { text: 'Reject' } });
      expect(JSON.parse(opened.view.private_metadata as string)).toEqual({ button: 'kenshu:reject:2', channel: CHANNEL });
      expect(opened.view.blocks).toEqual([
        expect.objectContaining({
          type: 'input',
          block_id: 'reason',
          label: expect.objectContaining({ text: 'Reason (the reporter is told)' }) as unknown,
          element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 500 },
        }),
      ]);
      expect(await stateOf(2)).toBe('pending');
    });

    const reasonForm = (user: string, reason: string, button = 'kenshu:reject:2') =>
      send('interactive', slack.viewSubmission({ user, callbackId: 'kenshu:reason', values: { reason: { reason } }, privateMetadata: JSON.stringify({ button, channel: CHANNEL }) }));

    it('keeps the form open with an error on the field when the reason is empty or blank', async () => {
      for (const blank of ['', '   \n ']) {
        const ack = await reasonForm(ADMIN, blank);
        expect(ack.acked).toMatchObject({ response_action: 'errors', errors: { reason: expect.stringContaining('reason') as unknown } });
      }
      expect(await stateOf(2)).toBe('pending');
    });

    it('refuses a forged form from a member who does not moderate, telling them by DM and changing nothing', async () => {
      const ack = await reasonForm(MEMBER, 'spam');
      expect(ack.acked ?? {}).not.toHaveProperty('response_action');
      const [dm] = await slack.waitFor(() => (slack.dmsTo(MEMBER).length ? slack.dmsTo(MEMBER) : undefined));
      expect(JSON.stringify(dm!.blocks)).toContain("Only this community's moderators can do that");
      expect(await stateOf(2)).toBe('pending');
      expect(slack.dmsTo(REPORTERS[1]!)).toEqual([]);
    });

    it('rejects with the reason typed in the form, tells the reporter why, and answers the moderator by DM', async () => {
      await reasonForm(ADMIN, '  Not enough facts: add the contract date.  ');
      const [answer] = await slack.waitFor(() => (slack.dmsTo(ADMIN).length ? slack.dmsTo(ADMIN) : undefined), 3000);
      expect(header(answer)).toContain('Report #2 rejected');
      expect(await stateOf(2)).toBe('rejected');
      const [told] = await slack.waitFor(() => (slack.dmsTo(REPORTERS[1]!).length ? slack.dmsTo(REPORTERS[1]!) : undefined));
      expect(JSON.stringify(told!.blocks)).toContain('Not enough facts: add the contract date.');
    });

    it('approves with the button, tells the reporter by DM, and another member’s /client lookup shows the report', async () => {
      const before = await slash('/client', 'lookup crowdworks:8800', MEMBER);
      expect(textOf(before)).not.toContain('Unpaid');

      for (const n of [1]) {
        const approved = await press(`kenshu:approve:${n}`, ADMIN);
        expect(header(approved)).toContain(`Report #${n} approved`);
        expect(await stateOf(n)).toBe('approved');
      }
      const [dm] = slack.dmsTo(REPORTERS[0]!);
      expect(header(dm)).toContain('Your report #1 was approved');

      const lookup = await slash('/client', 'lookup crowdworks:8800', MEMBER);
      expect(textOf(lookup)).toContain('Unpaid');
      const queue = await slash('/mod', 'queue', ADMIN);
      expect(header(queue)).toContain('No reports are waiting for review');
    });

    it('asks a moderator who chose Japanese for the reason in Japanese, though their Slack is in English', async () => {
      const chosen = await slash('/kenshu', 'remind settings language:ja', ADMIN);
      expect(header(chosen)).not.toContain('✖️');
      const views = slack.views.length;
      await send('interactive', slack.blockAction({ user: ADMIN, channel: CHANNEL, actionId: 'kenshu:reject:1', value: 'kenshu:reject:1' }));
      const opened = await slack.waitFor(() => slack.views[views]);
      expect(opened.view).toMatchObject({ callback_id: 'kenshu:reason', title: { text: '報告 #1 を却下' } });
    });
  });
});
