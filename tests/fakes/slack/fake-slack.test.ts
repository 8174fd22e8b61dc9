/**
 * The fake Slack against the REAL Bolt: Socket Mode and the HTTP receiver, and the Web API
 * methods the Slack adapter calls, through Bolt's own WebClient.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, type SlashCommand } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './fake-slack.js';
import { formBody, interactiveBody, retryHeaders, signedRequest } from './payloads.js';

const clientOptionsFor = (slack: FakeSlack) => ({ slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });

let slack: FakeSlack;

beforeEach(async () => {
  slack = await FakeSlack.start({
    users: [
      { id: 'U0WRITER', name: 'writer', locale: 'ja-JP' },
      { id: 'U0ADMIN', name: 'admin', isAdmin: true, isOwner: true },
      { id: 'U0CLOSED', name: 'closed', cannotDm: true },
    ],
  });
});

afterEach(async () => {
  await slack.stop();
});

describe('Socket Mode with Bolt', () => {
  it('connects, acks a slash command, answers its response_url and posts with blocks', async () => {
    const app = new App({
      token: slack.botToken,
      appToken: slack.appToken,
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: clientOptionsFor(slack),
    });
    const seen: SlashCommand[] = [];
    app.command('/kenshu', async ({ ack, respond, command }) => {
      seen.push(command);
      await ack();
      await respond({ text: 'hi', response_type: 'ephemeral' });
    });
    await app.start();
    try {
      await slack.waitForSocket();
      expect(slack.callsTo('auth.test')[0]?.outcome).toBe('ok');
      expect(slack.callsTo('apps.connections.open')).toHaveLength(1);

      const ack = await slack.socketCommand(
        slack.slashCommand({ command: '/kenshu', text: 'deliver', user: 'U0WRITER', channel: 'C0GENERAL' }),
      );
      expect(seen[0]).toMatchObject({ command: '/kenshu', text: 'deliver', user_id: 'U0WRITER' });
      expect(ack).toMatchObject({ payload: {} });
      expect(ack.responseId).toBeTruthy();
      const responded = await slack.waitFor(() => slack.responses(ack.responseId as string)[0]);
      expect(responded).toMatchObject({ text: 'hi', response_type: 'ephemeral' });

      const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Delivered*' } }];
      const metadata = { event_type: 'kenshu_delivery', event_payload: { id: 7 } };
      const posted = await app.client.chat.postMessage({ channel: 'C0GENERAL', text: 'Delivered', blocks, metadata });
      expect(posted.ok).toBe(true);
      expect(slack.messagesIn('C0GENERAL')[0]).toMatchObject({ text: 'Delivered', blocks, metadata, ts: posted.ts });

      // An interactive envelope is acked too, and an event envelope.
      app.action('accept', async ({ ack }) => {
        await ack();
      });
      const actionAck = await slack.socketInteraction(slack.blockAction({ user: 'U0WRITER', channel: 'C0GENERAL', actionId: 'accept' }));
      expect(actionAck.envelopeId).toBeTruthy();
      const eventAck = await slack.socketEvent(slack.eventCallback({ type: 'app_mention', user: 'U0WRITER', text: 'hi', channel: 'C0GENERAL' }));
      expect(eventAck.envelopeId).toBeTruthy();
    } finally {
      await app.stop();
    }
    await slack.waitFor(() => !slack.connected);
  });

  it('refuses apps.connections.open with a bot token', async () => {
    const res = await fetch(`${slack.apiUrl}apps.connections.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slack.botToken}` },
    });
    expect(await res.json()).toEqual({ ok: false, error: 'invalid_auth' });
  });
});

describe('HTTP receiver with Bolt', () => {
  const secret = 'kenshu-signing-secret';

  async function startHttpApp(): Promise<{ app: App; url: string; ran: string[] }> {
    const app = new App({
      token: slack.botToken,
      signingSecret: secret,
      logLevel: LogLevel.ERROR,
      clientOptions: clientOptionsFor(slack),
    });
    const ran: string[] = [];
    app.command('/kenshu', async ({ ack, command }) => {
      ran.push(command.text);
      await ack();
    });
    app.action('accept', async ({ ack, body }) => {
      ran.push(`action:${body.type}`);
      await ack();
    });
    app.view('deliver', async ({ ack, view }) => {
      ran.push(`view:${view.private_metadata}`);
      await ack();
    });
    app.event('app_mention', async ({ event }) => {
      ran.push(`event:${event.text}`);
    });
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    return { app, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, ran };
  }

  it('runs a signed slash command, action, view submission and event; refuses bad signatures and stale timestamps', async () => {
    const { app, url, ran } = await startHttpApp();
    try {
      const body = formBody(slack.slashCommand({ command: '/kenshu', text: 'signed', user: 'U0WRITER', channel: 'C0GENERAL' }));
      const ok = await fetch(url, { method: 'POST', headers: signedRequest(body, secret), body });
      expect(ok.status).toBe(200);
      expect(ran).toEqual(['signed']);

      const forged = formBody(slack.slashCommand({ command: '/kenshu', text: 'forged', user: 'U0WRITER', channel: 'C0GENERAL' }));
      const bad = await fetch(url, { method: 'POST', headers: signedRequest(forged, 'wrong-secret'), body: forged });
      expect(bad.status).toBe(401);

      const staleBody = formBody(slack.slashCommand({ command: '/kenshu', text: 'stale', user: 'U0WRITER', channel: 'C0GENERAL' }));
      const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
      const stale = await fetch(url, { method: 'POST', headers: signedRequest(staleBody, secret, tenMinutesAgo), body: staleBody });
      expect(stale.status).toBe(401);
      expect(ran).toEqual(['signed']);

      const action = interactiveBody(slack.blockAction({ user: 'U0WRITER', channel: 'C0GENERAL', actionId: 'accept', value: '7' }));
      expect((await fetch(url, { method: 'POST', headers: signedRequest(action, secret), body: action })).status).toBe(200);

      const view = interactiveBody(
        slack.viewSubmission({ user: 'U0WRITER', callbackId: 'deliver', privateMetadata: 'job-7', values: { b: { a: 'x' } } }),
      );
      expect((await fetch(url, { method: 'POST', headers: signedRequest(view, secret), body: view })).status).toBe(200);

      const event = JSON.stringify(slack.eventCallback({ type: 'app_mention', user: 'U0WRITER', text: 'hello', channel: 'C0GENERAL' }));
      const eventRes = await fetch(url, { method: 'POST', headers: { ...signedRequest(event, secret), ...retryHeaders(1) }, body: event });
      expect(eventRes.status).toBe(200);
      await slack.waitFor(() => ran.includes('event:hello'));
      expect(ran).toEqual(['signed', 'action:block_actions', 'view:job-7', 'event:hello']);
    } finally {
      await app.stop();
    }
  });
});

describe('Web API through Bolt’s client', () => {
  function client() {
    return new App({
      token: slack.botToken,
      signingSecret: 'unused',
      logLevel: LogLevel.ERROR,
      clientOptions: clientOptionsFor(slack),
      tokenVerificationEnabled: false,
    }).client;
  }

  it('opens DMs, reads users with locale and history with metadata, updates messages', async () => {
    const web = client();
    const auth = await web.auth.test();
    expect(auth).toMatchObject({ ok: true, team_id: slack.team.id, user_id: slack.botUserId, bot_id: slack.botId });

    const dm = await web.conversations.open({ users: 'U0WRITER' });
    const again = await web.conversations.open({ users: 'U0WRITER' });
    expect(dm.channel?.id).toMatch(/^D/);
    expect(again.channel?.id).toBe(dm.channel?.id);
    await expect(web.conversations.open({ users: 'U0CLOSED' })).rejects.toMatchObject({ data: { error: 'cannot_dm_bot' } });
    await expect(web.conversations.open({ users: 'U0NOBODY' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });

    const first = await web.chat.postMessage({
      channel: dm.channel?.id as string,
      text: 'one',
      metadata: { event_type: 'kenshu', event_payload: { n: 1 } },
    });
    await web.chat.postMessage({ channel: dm.channel?.id as string, text: 'two' });
    expect(slack.dmsTo('U0WRITER').map((m) => m.text)).toEqual(['one', 'two']);
    await web.chat.update({ channel: dm.channel?.id as string, ts: first.ts as string, text: 'one, edited' });

    const history = await web.conversations.history({ channel: dm.channel?.id as string, include_all_metadata: true, limit: 5 });
    expect(history.messages?.map((m) => m.text)).toEqual(['two', 'one, edited']);
    expect(history.messages?.[1]?.metadata).toEqual({ event_type: 'kenshu', event_payload: { n: 1 } });
    const latest = await web.conversations.history({ channel: dm.channel?.id as string, limit: 1 });
    expect(latest).toMatchObject({ has_more: true, messages: [{ text: 'two' }] });

    await expect(web.chat.postMessage({ channel: 'C0NOWHERE', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await web.chat.postEphemeral({ channel: 'C0GENERAL', user: 'U0WRITER', text: 'only you' });
    expect(slack.messagesIn('C0GENERAL')[0]).toMatchObject({ method: 'chat.postEphemeral', user: 'U0WRITER' });

    const writer = await web.users.info({ user: 'U0WRITER', include_locale: true });
    expect(writer.user).toMatchObject({ locale: 'ja-JP', is_admin: false });
    const admin = await web.users.info({ user: 'U0ADMIN' });
    expect(admin.user).toMatchObject({ is_admin: true, is_owner: true });
    expect(admin.user?.locale).toBeUndefined();
  });

  it('opens and updates views, uploads files, and rejects bad tokens and unknown methods', async () => {
    const web = client();
    const opened = await web.views.open({
      trigger_id: '1.2.trigger',
      view: { type: 'modal', callback_id: 'deliver', title: { type: 'plain_text', text: 'Deliver' }, blocks: [] },
    });
    await web.views.update({
      view_id: opened.view?.id as string,
      view: { type: 'modal', callback_id: 'deliver', title: { type: 'plain_text', text: 'Done' }, blocks: [] },
    });
    expect(slack.views.map((v) => [v.method, v.triggerId, v.view.callback_id])).toEqual([
      ['views.open', '1.2.trigger', 'deliver'],
      ['views.update', undefined, 'deliver'],
    ]);

    await web.filesUploadV2({ channel_id: 'C0GENERAL', file: Buffer.from('a,b\n1,2\n'), filename: 'report.csv', title: 'Report' });
    expect(slack.uploads).toEqual([
      expect.objectContaining({ filename: 'report.csv', channel: 'C0GENERAL', title: 'Report', completed: true }),
    ]);
    expect(slack.uploads[0]?.data?.toString()).toBe('a,b\n1,2\n');
    await expect(web.files.completeUploadExternal({ files: [{ id: 'F0NOPE' }], channel_id: 'C0GENERAL' })).rejects.toMatchObject({
      data: { error: 'file_not_found' },
    });

    await expect(web.apiCall('no.such.method')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    const res = await fetch(`${slack.apiUrl}auth.test`, { method: 'POST', headers: { authorization: 'Bearer xoxb-wrong' } });
    expect(await res.json()).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('injects errors, rate limits and server errors', async () => {
    const web = client();
    slack.failNext(1, 'chat.postMessage', 'is_archived');
    await expect(web.chat.postMessage({ channel: 'C0GENERAL', text: 'x' })).rejects.toMatchObject({ data: { error: 'is_archived' } });

    slack.rateLimitNext(1, 'chat.postMessage', 7);
    const limited = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slack.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0GENERAL', text: 'x' }),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.json()).toEqual({ ok: false, error: 'ratelimited' });

    slack.serverErrorNext(1, 'chat.postMessage', 503);
    await expect(web.chat.postMessage({ channel: 'C0GENERAL', text: 'x' })).rejects.toMatchObject({ code: 'slack_webapi_http_error' });

    await web.chat.postMessage({ channel: 'C0GENERAL', text: 'through' });
    const json = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slack.botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C0GENERAL', blocks: [{ type: 'divider' }] }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: 'C0GENERAL' });
    expect(slack.messagesIn('C0GENERAL').map((m) => m.text ?? m.blocks)).toEqual(['through', [{ type: 'divider' }]]);
    expect(slack.callsTo('chat.postMessage').map((c) => c.outcome)).toEqual(['injected', 'injected', 'injected', 'ok', 'ok']);
  });
});
