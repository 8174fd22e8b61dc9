import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, ReceiverEvent } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EarlyAckReceiver } from '../../../src/adapters/slack/early-ack-receiver.js';
import { formBody, interactiveBody, signedRequest } from '../../fakes/slack/payloads.js';
import { silentLogger } from '../../support/commands.js';

const SECRET = 'early-ack-test-secret';

const boltLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, setLevel: () => undefined, getLevel: () => 'error' as never, setName: () => undefined };

/**
 * The receiver in front of Bolt: slash commands and clicks are answered before Bolt sees them;
 * forms keep Bolt's own acknowledgement, which may carry errors.
 */
describe('EarlyAckReceiver', () => {
  let server: Server;
  let url: string;
  const seen: { body: Record<string, unknown>; ack?: 'resolved' | 'threw' }[] = [];
  let release: () => void = () => undefined;

  beforeAll(async () => {
    const receiver = new EarlyAckReceiver(SECRET, boltLogger, silentLogger);
    const app = {
      async processEvent(event: ReceiverEvent): Promise<void> {
        const entry: (typeof seen)[number] = { body: event.body };
        seen.push(entry);
        if (entry.body.type === 'view_submission') {
          await event.ack({ response_action: 'errors', errors: { title: 'needed' } });
          return;
        }
        // Work that has not acknowledged, and does not end until released, must not hold the HTTP
        // answer. Bolt's own ack would refuse a second call; this one does nothing.
        await new Promise<void>((resolve) => (release = resolve));
        entry.ack = await event.ack().then(
          () => 'resolved' as const,
          () => 'threw' as const,
        );
      },
    };
    receiver.init(app as unknown as App);
    server = await receiver.start(0);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterAll(async () => {
    release();
    await new Promise((resolve) => server.close(resolve));
  });

  async function post(body: string, secret = SECRET) {
    const res = await fetch(url, { method: 'POST', headers: signedRequest(body, secret), body });
    const text = await res.text();
    return { status: res.status, text };
  }

  it('answers a slash command with an empty 200 while Bolt’s work is unfinished and unacknowledged; the listener’s ack then does nothing', async () => {
    const answer = await post(formBody({ command: '/kenshu', text: 'help', user_id: 'U1', team_id: 'T1' }));
    expect(answer).toEqual({ status: 200, text: '' });
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]!.body).toMatchObject({ command: '/kenshu' });
    release();
    await expect.poll(() => seen[0]!.ack).toBe('resolved');
  });

  it('answers a button click the same way', async () => {
    const answer = await post(interactiveBody({ type: 'block_actions', actions: [{ action_id: 'kenshu:pay:1' }] }));
    expect(answer).toEqual({ status: 200, text: '' });
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[1]!.body).toMatchObject({ type: 'block_actions' });
    release();
    await expect.poll(() => seen[1]!.ack).toBe('resolved');
  });

  it('leaves a form’s acknowledgement to Bolt, so its errors reach the form', async () => {
    const answer = await post(interactiveBody({ type: 'view_submission', view: { callback_id: 'kenshu:deliver-new' } }));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ response_action: 'errors', errors: { title: 'needed' } });
    expect(seen[2]!.body).toMatchObject({ type: 'view_submission' });
  });

  it('refuses a request signed with another secret before anything sees it', async () => {
    const count = seen.length;
    const answer = await post(formBody({ command: '/kenshu', text: 'deliver list' }), 'not-the-secret');
    expect(answer.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toHaveLength(count);
  });
});
