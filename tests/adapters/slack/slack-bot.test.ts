import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, SlackBot } from '../../../src/adapters/slack/slack-bot.js';
import type { CommandDeps } from '../../../src/commands/command.js';
import { createStores, type OpenDatabase } from '../../../src/store/index.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { SLACK_TEST_SECRET, startSlackBot, stopSlackBot, type SlackMode } from '../../support/slack-bot.js';
import { header, textOf } from '../../fakes/slack/read-blocks.js';
import { formBody, interactiveBody, signedRequest } from '../../fakes/slack/payloads.js';
import { MemoryClock } from '../../support/clock.js';
import { openMemoryDatabase } from '../../support/databases.js';
import { capturedLogger } from '../../support/logs.js';
import { emptyDatabase } from '../../support/empty-database.js';
import { RecordingNotifier } from '../../support/recording-notifier.js';

const SECRET = SLACK_TEST_SECRET;
const WRITER = 'U0WRITER';
const JA_WRITER = 'U0JAWRITER';
const ADMIN = 'U0ADMIN';
const OTHER = 'U0OTHER';
const CHANNEL = 'C0GENERAL';

type Mode = SlackMode;

let slack: FakeSlack;
/** One embedded database for the file, emptied before each group: opening one takes far longer than emptying it. */
let database: OpenDatabase;

beforeAll(async () => {
  database = await openMemoryDatabase();
  slack = await FakeSlack.start({
    users: [
      { id: WRITER, name: 'writer' },
      { id: JA_WRITER, name: 'kaito', locale: 'ja-JP' },
      { id: ADMIN, name: 'admin', isAdmin: true },
      { id: OTHER, name: 'other' },
    ],
  });
});

afterAll(async () => {
  await slack?.stop();
  await database?.close();
});

/** Kenshu's Slack adapter with the real Bolt, against the loopback Slack, by Socket Mode and over HTTP. */
describe.each<Mode>(['socket', 'http'])('Kenshu on Slack (%s)', (mode) => {
  let bot: SlackBot;
  let notifier: RecordingNotifier;

  beforeAll(async () => {
    await emptyDatabase(database.db);
    const deps: CommandDeps = { ...createStores(database.db), clock: new MemoryClock('2026-11-02T03:00:00Z'), defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
    bot = await startSlackBot(slack, mode, deps, { makeNotifier: () => (notifier = new RecordingNotifier('slack')) });
  });

  afterAll(async () => {
    await stopSlackBot(slack, bot);
  });


  /** Sends a payload the way this mode does and resolves once Kenshu has acknowledged it. */
  async function deliver(kind: 'command' | 'interactive', payload: Record<string, unknown>): Promise<void> {
    if (mode === 'socket') {
      await (kind === 'command' ? slack.socketCommand(payload as Record<string, string>) : slack.socketInteraction(payload));
      return;
    }
    const body = kind === 'command' ? formBody(payload as Record<string, string>) : interactiveBody(payload);
    const res = await fetch(bot.eventsUrl!, { method: 'POST', headers: signedRequest(body, SECRET), body });
    expect(res.status).toBe(200);
  }

  async function slash(command: string, text: string, user = WRITER, channel = CHANNEL) {
    const payload = slack.slashCommand({ command, text, user, channel });
    await deliver('command', payload);
    const id = payload.response_url!.split('/respond/')[1]!;
    return slack.waitFor(() => slack.responses(id)[0], 3000);
  }

  it('says it is connected (for GET /healthz) while its socket is open or its server listens', async () => {
    // A command answered first: the app has finished starting (and checked its token) by then.
    await slash('/deliver', 'list');
    expect(await slack.waitFor(() => bot.connected() || undefined, 3000)).toBe(true);
  });

  async function press(actionId: string, user: string) {
    const payload = slack.blockAction({ user, channel: CHANNEL, actionId, value: actionId });
    await deliver('interactive', payload);
    const id = (payload.response_url as string).split('/respond/')[1]!;
    return slack.waitFor(() => slack.responses(id)[0], 3000);
  }

  const deliveries = async () => (await database.db.query.deliveries.findMany()) as { id: number; status: string; title: string }[];

  it('records a delivery from /kenshu, answering privately with blocks, and lists it with /deliver list', async () => {
    const recorded = await slash('/kenshu', 'deliver new client:"Acme" title:"SEO記事" marketplace:crowdworks');
    expect(recorded.response_type).toBe('ephemeral');
    expect(header(recorded)).toContain('Delivery #1 recorded');
    expect(recorded.text).toContain('Delivery #1 recorded');
    expect((await deliveries()).map((d) => d.title)).toEqual(['SEO記事']);

    const list = await slash('/deliver', 'list');
    expect(header(list)).toContain('Your open deliveries (1)');
    expect(textOf(list)).toContain('Acme');
    expect(notifier.platform).toBe('slack');
  });

  it('opens the /deliver new form and records what is submitted, answering by DM', async () => {
    const before = slack.views.length;
    const payload = slack.slashCommand({ command: '/deliver', text: 'new', user: WRITER, channel: CHANNEL });
    await deliver('command', payload);
    const opened = await slack.waitFor(() => slack.views[before], 3000);
    expect(opened).toMatchObject({ method: 'views.open', triggerId: payload.trigger_id, view: { callback_id: 'kenshu:deliver-new' } });

    const submission = slack.viewSubmission({
      user: WRITER,
      callbackId: 'kenshu:deliver-new',
      privateMetadata: opened.view.private_metadata as string,
      values: { client: { client: 'Beta Press' }, title: { title: 'Form article' }, marketplace: { marketplace: 'lancers' } },
    });
    const dms = slack.dmsTo(WRITER).length;
    await deliver('interactive', submission);
    const dm = await slack.waitFor(() => slack.dmsTo(WRITER)[dms], 3000);
    expect(dm.text).toContain('Delivery #2 recorded');
    expect((await deliveries()).map((d) => d.title)).toContain('Form article');
  });

  it('sends a form with an amount that is not one back with the problem next to its field, recording nothing', async () => {
    const count = (await deliveries()).length;
    const submission = slack.viewSubmission({ user: WRITER, callbackId: 'kenshu:deliver-new', values: { client: { client: 'Gamma' }, title: { title: 'Bad amount' }, marketplace: { marketplace: 'lancers' }, amount: { amount: 'lots' } } });
    let answer: unknown;
    if (mode === 'socket') answer = (await slack.socketInteraction(submission)).payload;
    else {
      const body = interactiveBody(submission);
      answer = await (await fetch(bot.eventsUrl!, { method: 'POST', headers: signedRequest(body, SECRET), body })).json();
    }
    expect(answer).toMatchObject({ response_action: 'errors', errors: { amount: expect.stringContaining('lots') as unknown } });
    expect(Object.keys((answer as { errors: object }).errors)).toEqual(['amount']);
    expect(await deliveries()).toHaveLength(count);
  });

  it('sends a reply’s file to the requester’s DM with Kenshu, never into the channel, and says so', async () => {
    const before = slack.uploads.length;
    const answer = await slash('/privacy', 'export');
    expect(textOf(answer)).toContain('The file is in your direct messages with Kenshu, not in this channel.');
    const [upload, ...more] = slack.uploads.slice(before);
    expect(more).toEqual([]);
    expect(upload?.filename).toMatch(/^kenshu-privacy-export-\d{8}\.json$/);
    expect(upload?.completed).toBe(true);
    expect(upload?.channel).toMatch(/^D/);
    expect(upload?.channel).not.toBe(CHANNEL);
    expect(JSON.parse(upload!.data!.toString('utf8'))).toHaveProperty('deliveries');
  });

  it('answers a Japanese Slack user in Japanese', async () => {
    const recorded = await slash('/deliver', 'new client:アクメ title:記事 marketplace:lancers', JA_WRITER);
    expect(header(recorded)).toContain('納品 #1 を記録しました');
  });

  it('refuses /mod queue to a member and shows it to a workspace admin', async () => {
    const refused = await slash('/mod', 'queue', WRITER);
    expect(textOf(refused)).toContain("Only this community's moderators can do that");
    const shown = await slash('/mod', 'queue', ADMIN);
    expect(textOf(shown)).not.toContain('moderators can do that');
    expect(header(shown)).toContain('No reports are waiting for review');
  });

  it('ignores a forged Paid button from someone else; the owner’s Paid marks it paid', async () => {
    const [first] = await deliveries();
    const forged = await press(`kenshu:pay:${first!.id}`, OTHER);
    expect(header(forged)).toContain('✖️');
    expect(textOf(forged)).toContain('That delivery is not one of yours, or no longer exists, so nothing changed.');
    expect((await deliveries()).find((d) => d.id === first!.id)?.status).toBe('awaiting_review');

    const paid = await press(`kenshu:pay:${first!.id}`, WRITER);
    expect(paid.response_type).toBe('ephemeral');
    expect(header(paid)).toContain(`Delivery #1 paid`);
    expect((await deliveries()).find((d) => d.id === first!.id)?.status).toBe('paid');
  });

  it.runIf(mode === 'http')('rejects a bad signature and a stale timestamp, recording nothing', async () => {
    const count = (await deliveries()).length;
    const body = formBody(slack.slashCommand({ command: '/deliver', text: 'new client:Forged title:x marketplace:lancers', user: WRITER, channel: CHANNEL }));
    const forged = await fetch(bot.eventsUrl!, { method: 'POST', headers: signedRequest(body, 'not-the-secret'), body });
    expect(forged.status).toBe(401);
    const stale = await fetch(bot.eventsUrl!, { method: 'POST', headers: signedRequest(body, SECRET, Math.floor(Date.now() / 1000) - 600), body });
    expect(stale.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await deliveries()).toHaveLength(count);
  });
});

describe('createSlackAdapter', () => {
  it('composes the adapter from the configuration, with the notifier the factory makes from Bolt’s client', async () => {
    await emptyDatabase(database.db);
    const deps: CommandDeps = { ...createStores(database.db), clock: new MemoryClock('2026-11-02T03:00:00Z'), defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
    const made: unknown[] = [];
    const { logger, output } = capturedLogger();
    const runtime = { deps, logger, defaultLocale: 'en' as const, tick: () => Promise.reject(new Error('not used')) };
    const adapter = createSlackAdapter({ botToken: slack.botToken, appToken: slack.appToken, apiUrl: slack.apiUrl }, runtime, (client) => {
      made.push(client);
      return new RecordingNotifier('slack');
    });
    try {
      expect(adapter.platform).toBe('slack');
      expect(made).toEqual([adapter.app.client]);
      await adapter.start();
      await slack.waitForSocket();
      const help = await slack.socketCommand(slack.slashCommand({ command: '/kenshu', text: '', user: WRITER, channel: 'D0WRITERDM' }));
      const answer = await slack.waitFor(() => slack.responses(help.responseId!)[0], 3000);
      expect(answer.response_type).toBe('ephemeral');
      expect(header(answer)).not.toContain('✖️');

      // Bolt logs through Kenshu's logger, without what the member typed or the response_url.
      const typed = await slack.socketCommand(slack.slashCommand({ command: '/deliver', text: 'new client:TYPED-CLIENT-42 title:x marketplace:lancers', user: WRITER, channel: 'D0WRITERDM' }));
      await slack.waitFor(() => slack.responses(typed.responseId!)[0], 3000);
      const logged = output();
      expect(logged).toContain('"lib":"bolt"');
      expect(logged).not.toContain('TYPED-CLIENT-42');
      expect(logged).not.toContain(typed.responseId!);
    } finally {
      await adapter.stop();
      await slack.waitFor(() => !slack.connected);
    }
  });
});
