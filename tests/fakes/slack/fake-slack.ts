/**
 * A fake Slack on 127.0.0.1 — the Web API, `response_url`s, file uploads and Socket Mode — for
 * driving the REAL Bolt `App` in the Slack adapter's tests:
 *
 *   const slack = await FakeSlack.start({ users: [{ id: 'U1', name: 'writer', locale: 'ja-JP' }] });
 *   const app = new App({ token: slack.botToken, appToken: slack.appToken, socketMode: true,
 *                         clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } } });
 *   await app.start(); await slack.waitForSocket();
 *   const ack = await slack.socketCommand(slack.slashCommand({ command: '/kenshu', user: 'U1', channel: 'C1' }));
 *   await slack.waitFor(() => slack.responses(ack.responseId)[0]);
 *   await app.stop(); await slack.waitFor(() => !slack.connected); await slack.stop();
 *
 * - Web API: `POST /api/<method>`, form or JSON bodies (JSON-string `blocks`, `metadata`,
 *   `view`, `files`, `attachments` parsed), the bot token checked (`invalid_auth`), errors as
 *   HTTP 200 `{ ok: false, error }`; the methods are in web-api.ts.
 * - `POST /respond/<id>`: `response_url` targets, recorded. `POST /upload/<file id>`: upload URLs.
 * - Socket Mode at the URL `apps.connections.open` hands out (app token checked): `hello` first,
 *   then envelopes pushed by the test, and the client's acks recorded.
 * - Injected failures: `failNext`, `rateLimitNext` (429 + Retry-After), `serverErrorNext`.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  blockAction,
  eventCallback,
  slashCommand,
  viewSubmission,
  type BlockActionInput,
  type PayloadContext,
  type SlashCommandInput,
  type ViewSubmissionInput,
} from './payloads.js';
import {
  parseArgs,
  SlackError,
  SlackWorkspace,
  uploadedBytes,
  type PostedMessage,
  type RecordedUpload,
  type RecordedView,
  type SlackChannel,
  type SlackTeam,
  type SlackUser,
} from './web-api.js';

const HOST = '127.0.0.1';

export interface FakeSlackOptions {
  team?: SlackTeam;
  users?: SlackUser[];
  /** Default: `C0GENERAL` "general". */
  channels?: SlackChannel[];
  botToken?: string;
  appToken?: string;
  botUserId?: string;
  appId?: string;
}

export interface RecordedCall {
  method: string;
  /** Parsed arguments, without `token`. */
  body: Record<string, unknown>;
  /** Date.now() when it arrived. */
  at: number;
  /** What was answered: `ok`, or the error. */
  outcome: string;
}

interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

interface RecordedAck {
  envelopeId: string;
  payload: unknown;
  at: number;
}

/** An envelope's ack, and the id of the `response_url` its payload carried, if any. */
export interface SocketAck extends RecordedAck {
  responseId: string | undefined;
}

interface Fault {
  remaining: number;
  method: string;
  answer: (res: ServerResponse) => void;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class FakeSlack {
  readonly botToken: string;
  readonly appToken: string;
  readonly botUserId: string;
  readonly botId = 'B0KENSHU01';
  readonly appId: string;
  readonly calls: RecordedCall[] = [];
  readonly acks: RecordedAck[] = [];
  private readonly workspace: SlackWorkspace;
  private readonly respondBodies: RecordedResponse[] = [];
  private readonly firstResponded = new Map<string, number>();
  private readonly faults: Fault[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly changes = new EventEmitter();
  private http!: Server;
  private wss!: WebSocketServer;
  private port = 0;
  private stopped = false;
  private typedMessages = 0;

  private constructor(options: FakeSlackOptions) {
    this.botToken = options.botToken ?? 'xoxb-kenshu-test';
    this.appToken = options.appToken ?? 'xapp-1-kenshu-test';
    this.botUserId = options.botUserId ?? 'U0KENSHUBOT';
    this.appId = options.appId ?? 'A0KENSHU01';
    this.workspace = new SlackWorkspace({
      team: options.team ?? { id: 'T0KENSHU01', name: 'Kenshu Writers' },
      users: options.users ?? [],
      channels: options.channels ?? [{ id: 'C0GENERAL', name: 'general' }],
      botUserId: this.botUserId,
      botId: this.botId,
      appId: this.appId,
    });
    this.changes.setMaxListeners(0);
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const fake = new FakeSlack(options);
    await fake.listen();
    return fake;
  }

  get baseUrl(): string {
    return `http://${HOST}:${this.port}`;
  }

  /** For Bolt's `clientOptions.slackApiUrl` (with the trailing slash @slack/web-api expects). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  get team(): SlackTeam {
    return this.workspace.team;
  }

  /** Whether a Socket Mode client is connected. */
  get connected(): boolean {
    return this.sockets.size > 0;
  }

  // ---- recordings ------------------------------------------------------------------------

  messagesIn(channel: string): PostedMessage[] {
    return this.workspace.messages.filter((m) => m.channel === channel);
  }

  /** Messages posted to this user's DM channel (opened with conversations.open). */
  dmsTo(userId: string): PostedMessage[] {
    const channel = this.workspace.dmChannelId(userId);
    return channel ? this.messagesIn(channel) : [];
  }

  /** Bodies POSTed to `/respond/<id>`, in order. */
  responses(id: string): Record<string, unknown>[] {
    return this.respondBodies.filter((r) => r.id === id).map((r) => r.body);
  }

  /** Date.now() when `/respond/<id>` was first POSTed to (a benchmark's time to answer), if it was. */
  respondedAt(id: string): number | undefined {
    return this.firstResponded.get(id);
  }

  get views(): RecordedView[] {
    return this.workspace.views;
  }

  get uploads(): RecordedUpload[] {
    return [...this.workspace.uploads.values()];
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  // ---- failure injection -----------------------------------------------------------------

  /** The next `n` calls to `method` answer `{ ok: false, error }` (HTTP 200) and do nothing. */
  failNext(n: number, method: string, error: string): void {
    this.faults.push({ remaining: n, method, answer: (res) => sendJson(res, 200, { ok: false, error }) });
  }

  /** The next `n` calls to `method` answer 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(n: number, method: string, retryAfterSeconds: number): void {
    this.faults.push({
      remaining: n,
      method,
      answer: (res) =>
        sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfterSeconds) }),
    });
  }

  /** The next `n` calls to `method` answer HTTP `status` (default 500) with an HTML-less text body. */
  serverErrorNext(n: number, method: string, status = 500): void {
    this.faults.push({
      remaining: n,
      method,
      answer: (res) => {
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end('Internal Server Error');
      },
    });
  }

  // ---- payloads --------------------------------------------------------------------------

  private get payloadContext(): PayloadContext {
    return {
      baseUrl: this.baseUrl,
      teamId: this.team.id,
      teamDomain: this.team.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      enterpriseId: this.team.enterpriseId,
      appId: this.appId,
      nextId: (prefix) => this.workspace.nextId(prefix),
    };
  }

  slashCommand(input: SlashCommandInput): Record<string, string> {
    return slashCommand(this.payloadContext, input);
  }

  blockAction(input: BlockActionInput): Record<string, unknown> {
    return blockAction(this.payloadContext, input);
  }

  viewSubmission(input: ViewSubmissionInput): Record<string, unknown> {
    return viewSubmission(this.payloadContext, input);
  }

  eventCallback(event: Record<string, unknown>): Record<string, unknown> {
    return eventCallback(this.payloadContext, event);
  }

  /** The id of the user's DM with the bot, opened if it was not yet. */
  dmChannel(userId: string): string {
    return (this.workspace.call('conversations.open', { users: userId }, this.baseUrl) as { channel: { id: string } }).channel.id;
  }

  /** A `message.im` callback: `user` writes `text` to the bot; `extra` adds or overrides fields (`bot_id`, `subtype`). */
  directMessage(user: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const ts = `${Math.floor(Date.now() / 1000)}.${String((this.typedMessages += 1)).padStart(6, '0')}`;
    return this.eventCallback({ type: 'message', channel: this.dmChannel(user), channel_type: 'im', user, text, ts, ...extra });
  }

  homeOpened(user: string): Record<string, unknown> {
    return this.eventCallback({ type: 'app_home_opened', user, channel: this.dmChannel(user), tab: 'home' });
  }

  // ---- Socket Mode -----------------------------------------------------------------------

  async waitForSocket(timeoutMs = 3000): Promise<void> {
    await this.waitFor(() => this.connected, timeoutMs);
  }

  /** Pushes an envelope to the connected client and resolves with its ack; `retry` as Slack's resends carry it. */
  async pushEnvelope(
    type: 'slash_commands' | 'interactive' | 'events_api',
    payload: Record<string, unknown>,
    timeoutMs = 2000,
    retry: { attempt: number; reason: string } = { attempt: 0, reason: '' },
  ): Promise<SocketAck> {
    if (!this.connected) await this.waitForSocket();
    const socket = [...this.sockets][0] as WebSocket;
    const envelopeId = crypto.randomUUID();
    const retried = type === 'events_api' ? { retry_attempt: retry.attempt, retry_reason: retry.reason } : {};
    socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', ...retried }));
    const ack = await this.waitFor(() => this.acks.find((a) => a.envelopeId === envelopeId), timeoutMs);
    const url = typeof payload.response_url === 'string' ? payload.response_url : undefined;
    return { ...ack, responseId: url?.split('/respond/')[1] };
  }

  socketCommand(payload: Record<string, string>, timeoutMs?: number): Promise<SocketAck> {
    return this.pushEnvelope('slash_commands', payload, timeoutMs);
  }

  socketInteraction(payload: Record<string, unknown>, timeoutMs?: number): Promise<SocketAck> {
    return this.pushEnvelope('interactive', payload, timeoutMs);
  }

  socketEvent(payload: Record<string, unknown>, timeoutMs?: number, retryAttempt = 0): Promise<SocketAck> {
    return this.pushEnvelope('events_api', payload, timeoutMs, { attempt: retryAttempt, reason: retryAttempt > 0 ? 'timeout' : '' });
  }

  // ---- waiting ---------------------------------------------------------------------------

  /** Resolves with the predicate's first truthy value, re-checked on every change and every 25 ms. */
  waitFor<T>(predicate: () => T | null | undefined | false, timeoutMs = 2000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const value = predicate();
        if (value === null || value === undefined || value === false) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        const last = this.calls.slice(-5).map((c) => `${c.method} → ${c.outcome}`);
        reject(new Error(`FakeSlack.waitFor timed out after ${timeoutMs} ms; last calls: ${last.join(', ') || 'none'}`));
      }, timeoutMs);
      const poll = setInterval(check, 25);
      const cleanup = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.changes.off('change', check);
      };
      this.changes.on('change', check);
      check();
    });
  }

  // ---- lifecycle -------------------------------------------------------------------------

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.http.close((err) => (err ? reject(err) : resolve())));
    this.changes.removeAllListeners();
  }

  private async listen(): Promise<void> {
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.wss = new WebSocketServer({ server: this.http, path: '/socket' });
    this.wss.on('connection', (socket) => this.onConnection(socket));
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(0, HOST, () => resolve());
    });
    this.port = (this.http.address() as AddressInfo).port;
  }

  private changed(): void {
    this.changes.emit('change');
  }

  private onConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.changed();
    });
    socket.on('message', (data) => {
      let message: { envelope_id?: string; payload?: unknown };
      try {
        message = JSON.parse(Buffer.from(data as Buffer).toString('utf8')) as typeof message;
      } catch {
        return;
      }
      if (typeof message.envelope_id !== 'string') return;
      this.acks.push({ envelopeId: message.envelope_id, payload: message.payload, at: Date.now() });
      this.changed();
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.changed();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', this.baseUrl);
      const raw = await readBody(req);
      const [, kind, id] = url.pathname.split('/');
      if (req.method === 'POST' && kind === 'api' && id) return this.onApiCall(id, req, raw.toString('utf8'), res);
      if (req.method === 'POST' && kind === 'respond' && id) {
        this.respondBodies.push({ id, body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, at: Date.now() });
        if (!this.firstResponded.has(id)) this.firstResponded.set(id, Date.now());
        this.changed();
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.end('ok');
      }
      if (req.method === 'POST' && kind === 'upload' && id) {
        const upload = this.workspace.uploads.get(id);
        if (!upload) return sendJson(res, 404, { ok: false, error: 'file_not_found' });
        upload.data = uploadedBytes(raw, req.headers['content-type'] ?? '');
        this.changed();
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.end(`OK - ${raw.length}`);
      }
      sendJson(res, 404, { ok: false, error: 'not_found' });
    } catch (err) {
      sendJson(res, 500, { ok: false, error: 'fatal_error', detail: String(err) });
    }
  }

  private onApiCall(method: string, req: IncomingMessage, raw: string, res: ServerResponse): void {
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? (args.token as string | undefined);
    delete args.token;
    const call: RecordedCall = { method, body: args, at: Date.now(), outcome: 'ok' };
    this.calls.push(call);
    const answer = (body: Record<string, unknown>): void => {
      call.outcome = body.ok === true ? 'ok' : String(body.error);
      sendJson(res, 200, body);
      this.changed();
    };
    const expected = method === 'apps.connections.open' ? this.appToken : this.botToken;
    if (bearer !== expected) return answer({ ok: false, error: 'invalid_auth' });
    const fault = this.faults.find((f) => f.remaining > 0 && f.method === method);
    if (fault) {
      fault.remaining -= 1;
      call.outcome = 'injected';
      fault.answer(res);
      return this.changed();
    }
    if (method === 'apps.connections.open') {
      const ticket = crypto.randomUUID();
      return answer({ ok: true, url: `ws://${HOST}:${this.port}/socket?ticket=${ticket}&app_id=${this.appId}` });
    }
    try {
      answer({ ok: true, ...this.workspace.call(method, args, this.baseUrl) });
    } catch (err) {
      if (!(err instanceof SlackError)) throw err;
      answer({ ok: false, error: err.error });
    }
  }
}
