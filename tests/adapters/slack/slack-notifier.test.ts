import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifySlackError, SlackNotifier, uploadFiles } from '../../../src/adapters/slack/slack-notifier.js';
import type { Reply } from '../../../src/domain/reply.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import type { PostedMessage } from '../../fakes/slack/web-api.js';

const WRITER = 'U0WRITER';
const MODS = 'C0MODS';

let slack: FakeSlack;
let client: webApi.WebClient;
let notifier: SlackNotifier;

beforeEach(async () => {
  slack = await FakeSlack.start({
    users: [
      { id: WRITER, name: 'writer' },
      { id: 'U0OTHER', name: 'other' },
      { id: 'U0CLOSED', name: 'closed', cannotDm: true },
    ],
    channels: [
      { id: 'C0GENERAL', name: 'general' },
      { id: MODS, name: 'kenshu-mods' },
    ],
  });
  client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  notifier = new SlackNotifier(client);
});

afterEach(async () => {
  await slack.stop();
});

const nudge: Reply = {
  tone: 'info',
  title: 'Has Acme accepted “Spring catalogue”?',
  lines: ['Delivered 3 days ago.'],
  buttons: [
    { action: 'accept', deliveryId: 42, label: 'Accepted', style: 'primary' },
    { action: 'snooze', deliveryId: 42, label: 'Snooze', style: 'secondary' },
  ],
};

/** A reply whose user-typed parts try to ping others: the renderer escapes them. */
const hostile: Reply = { tone: 'warning', title: 'Client <!channel>', lines: ['from <@U0OTHER> and <!here> @everyone'] };

/** The texts of a value's mrkdwn objects: where Slack reads mentions in blocks (plain_text is shown as typed). */
function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (typeof value !== 'object' || value === null) return [];
  const o = value as Record<string, unknown>;
  const own = o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.values(o).flatMap(mrkdwnTexts)];
}

/** Every mention Slack would act on in a posted message: `<@U…>`, `<!channel>`, `<!here>`, `<!subteam^…>`. */
function mentionsIn(message: PostedMessage | undefined): string[] {
  return [message?.text ?? '', ...mrkdwnTexts(message?.blocks)].flatMap((t) => [...t.matchAll(/<[@!][^>]*>/g)].map((m) => m[0]));
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);

describe('nudges by DM on Slack', () => {
  it('opens the DM and posts the nudge with blocks and its key as metadata', async () => {
    const outcome = await notifier.dm(WRITER, nudge, 'kn42s1');
    const [dm, ...more] = slack.dmsTo(WRITER);
    expect(more).toEqual([]);
    expect(outcome).toEqual({ kind: 'sent', ref: dm?.ts });
    expect(dm?.metadata).toEqual({ event_type: 'kenshu_nudge', event_payload: { idempotency_key: 'kn42s1' } });
    expect(dm?.text).toContain('Spring catalogue');
    const blocks = dm?.blocks as { type: string; elements?: { action_id?: string }[] }[];
    expect(blocks[0]?.type).toBe('header');
    expect(blocks.find((b) => b.type === 'actions')?.elements?.map((e) => e.action_id)).toEqual(['kenshu:accept:42:kn42s1', 'kenshu:snooze:42:kn42s1']);
    expect(mentionsIn(dm)).toEqual([]);
  });

  it('a retry finds the earlier message by its key and posts nothing', async () => {
    const first = await notifier.dm(WRITER, nudge, 'kn42s1');
    await notifier.dm(WRITER, nudge, 'kn43s1'); // another nudge since, with another key
    const retried = await notifier.dm(WRITER, nudge, 'kn42s1', { retry: true });
    expect(retried).toEqual(first);
    expect(slack.dmsTo(WRITER)).toHaveLength(2);
    expect(slack.callsTo('conversations.history')[0]?.body).toMatchObject({ limit: '100', include_all_metadata: 'true' });
  });

  it('a retry with nothing earlier posts once', async () => {
    const outcome = await notifier.dm(WRITER, nudge, 'kn42s2', { retry: true });
    const dms = slack.dmsTo(WRITER);
    expect(dms).toHaveLength(1);
    expect(outcome).toEqual({ kind: 'sent', ref: dms[0]?.ts });
  });

  it('an ordinary reply, sent without a key, carries no metadata', async () => {
    await notifier.dm(WRITER, { tone: 'success', title: 'Saved' }, '');
    expect(slack.dmsTo(WRITER)[0]?.metadata).toBeUndefined();
  });

  it('a member whose DMs are closed to Kenshu is unreachable, whether conversations.open or chat.postMessage says so, and is tried once', async () => {
    expect(await notifier.dm('U0CLOSED', nudge, 'kn42s1')).toEqual({ kind: 'unreachable', reason: 'cannot_dm_bot' });
    slack.failNext(1, 'chat.postMessage', 'cannot_dm_bot');
    expect(await notifier.dm(WRITER, nudge, 'kn42s1')).toEqual({ kind: 'unreachable', reason: 'cannot_dm_bot' });
    expect(slack.callsTo('conversations.open')).toHaveLength(2);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.dmsTo(WRITER)).toEqual([]);
  });

  it('a member who has left the workspace is unreachable', async () => {
    expect(await notifier.dm('U0GONE', nudge, 'kn42s1')).toEqual({ kind: 'unreachable', reason: 'user_not_found' });
  });

  it("a rate limit is transient and keeps Slack's Retry-After", async () => {
    slack.rateLimitNext(1, 'chat.postMessage', 7);
    expect(await notifier.dm(WRITER, nudge, 'kn42s1')).toEqual({ kind: 'transient', reason: 'ratelimited', retryAfterMs: 7000 });
    expect(slack.dmsTo(WRITER)).toEqual([]);
  });

  it('a server error is transient', async () => {
    slack.serverErrorNext(1, 'conversations.open', 500);
    expect(await notifier.dm(WRITER, nudge, 'kn42s1')).toEqual({ kind: 'transient', reason: 'HTTP 500' });
    slack.serverErrorNext(1, 'conversations.history', 503);
    expect(await notifier.dm(WRITER, nudge, 'kn42s1', { retry: true })).toEqual({ kind: 'transient', reason: 'HTTP 503' });
    expect(slack.dmsTo(WRITER)).toEqual([]);
  });
});

describe('posts in a community channel on Slack', () => {
  it("the moderators' digest pings nobody, whatever the names in it say", async () => {
    const outcome = await notifier.post(MODS, null, hostile, 'dg2026w48');
    const [post] = slack.messagesIn(MODS);
    expect(outcome).toEqual({ kind: 'sent', ref: post?.ts });
    expect(mentionsIn(post)).toEqual([]);
    expect(JSON.stringify(post?.blocks)).toContain('from &lt;@U0OTHER&gt; and &lt;!here&gt;');
  });

  it("a writer's fallback mentions exactly that writer, in the text and in the message", async () => {
    await notifier.post('C0GENERAL', WRITER, hostile, 'kn42s1');
    const [post] = slack.messagesIn('C0GENERAL');
    expect(post?.text?.startsWith(`<@${WRITER}> `)).toBe(true);
    expect(mentionsIn(post)).toEqual([`<@${WRITER}>`, `<@${WRITER}>`]);
    expect(post?.metadata).toEqual({ event_type: 'kenshu_nudge', event_payload: { idempotency_key: 'kn42s1' } });
  });

  it('refuses a member id that could smuggle a mention in', async () => {
    expect(await notifier.post('C0GENERAL', 'U0WRITER> <!channel', nudge, 'kn42s1')).toMatchObject({ kind: 'unreachable' });
    expect(slack.messagesIn('C0GENERAL')).toEqual([]);
  });

  it('a retry of a channel post finds it by key; an archived or unknown channel is unreachable', async () => {
    const first = await notifier.post(MODS, null, nudge, 'dg2026w48');
    expect(await notifier.post(MODS, null, nudge, 'dg2026w48', { retry: true })).toEqual(first);
    expect(slack.messagesIn(MODS)).toHaveLength(1);
    slack.failNext(1, 'chat.postMessage', 'is_archived');
    expect(await notifier.post(MODS, null, nudge, 'dg2026w49')).toEqual({ kind: 'unreachable', reason: 'is_archived' });
    expect(await notifier.post('C0NOWHERE', null, nudge, 'dg2026w49')).toEqual({ kind: 'unreachable', reason: 'channel_not_found' });
  });
});

describe("a reply's files on Slack", () => {
  const withFiles: Reply = {
    tone: 'info',
    title: 'Weekly digest',
    files: [
      { name: 'reports-2026-w48.png', bytes: PNG },
      { name: 'reports-2026-w48.csv', text: 'client,reports\nAcme,3\n' },
    ],
  };

  it('uploads a PNG and a CSV after the message, with their names and bytes, to the same channel', async () => {
    expect(await notifier.post(MODS, null, withFiles, 'dg2026w48')).toMatchObject({ kind: 'sent' });
    expect(slack.messagesIn(MODS)).toHaveLength(1);
    const uploads = [...slack.uploads].sort((a, b) => a.filename.localeCompare(b.filename));
    expect(uploads.map((u) => [u.filename, u.channel, u.completed])).toEqual([
      ['reports-2026-w48.csv', MODS, true],
      ['reports-2026-w48.png', MODS, true],
    ]);
    expect(uploads[0]?.data?.toString('utf8')).toBe('client,reports\nAcme,3\n');
    expect(uploads[1]?.data?.equals(Buffer.from(PNG))).toBe(true);
    const posted = slack.callsTo('chat.postMessage')[0]?.at ?? Infinity;
    expect(slack.callsTo('files.getUploadURLExternal').every((c) => c.at >= posted)).toBe(true);
  });

  it("go to the member's DM with the nudge, and are not sent again when a retry finds the message", async () => {
    await notifier.dm(WRITER, withFiles, 'kn42s1');
    await notifier.dm(WRITER, withFiles, 'kn42s1', { retry: true });
    const dm = slack.dmsTo(WRITER);
    expect(dm).toHaveLength(1);
    expect(slack.uploads.map((u) => u.channel)).toEqual([dm[0]?.channel, dm[0]?.channel]);
  });

  it('a failed upload is transient; the message is already there, so the retry finds it', async () => {
    slack.failNext(1, 'files.completeUploadExternal', 'internal_error');
    expect(await notifier.post(MODS, null, withFiles, 'dg2026w48')).toEqual({ kind: 'transient', reason: 'internal_error' });
    expect(await notifier.post(MODS, null, withFiles, 'dg2026w48', { retry: true })).toMatchObject({ kind: 'sent' });
    expect(slack.messagesIn(MODS)).toHaveLength(1);
  });

  it('uploadFiles sends files on their own, and nothing for none', async () => {
    await uploadFiles(client, 'C0GENERAL', [{ name: 'evidence.md', text: '# Evidence\n' }]);
    await uploadFiles(client, 'C0GENERAL', []);
    expect(slack.uploads.map((u) => [u.filename, u.channel, u.data?.toString('utf8')])).toEqual([['evidence.md', 'C0GENERAL', '# Evidence\n']]);
  });
});

describe("what Slack's answers mean for a send", () => {
  const platform = (error: string) => new webApi.WebAPIPlatformError({ ok: false, error });

  it.each(['cannot_dm_bot', 'user_not_found', 'channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'user_disabled'])('%s is unreachable', (error) => {
    expect(classifySlackError(platform(error))).toEqual({ kind: 'unreachable', reason: error });
  });

  it('rate limits, server errors, network failures and other answers are transient', () => {
    expect(classifySlackError(new webApi.WebAPIRateLimitedError(30))).toEqual({ kind: 'transient', reason: 'ratelimited', retryAfterMs: 30_000 });
    expect(classifySlackError(platform('ratelimited'))).toEqual({ kind: 'transient', reason: 'ratelimited' });
    expect(classifySlackError(platform('internal_error'))).toEqual({ kind: 'transient', reason: 'internal_error' });
    expect(classifySlackError(new webApi.WebAPIHTTPError(502, 'Bad Gateway', {}))).toEqual({ kind: 'transient', reason: 'HTTP 502' });
    expect(classifySlackError(new webApi.WebAPIRequestError(new Error('ECONNRESET')))).toEqual({ kind: 'transient', reason: 'ECONNRESET' });
    expect(classifySlackError(new Error('Failed to upload file'))).toEqual({ kind: 'transient', reason: 'Failed to upload file' });
    expect(classifySlackError('boom')).toEqual({ kind: 'transient', reason: 'boom' });
  });
});
