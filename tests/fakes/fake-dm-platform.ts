import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A message the platform actually created: what the writer would see. */
export interface PlatformMessage {
  id: string;
  kind: 'dm' | 'post';
  userId: string;
  channelId: string | null;
  key: string;
  text: string;
  /** Which call created it (1-based, over every call the platform received). */
  call: number;
}

/** What a call may be answered with instead of doing its work. */
export type InjectedFailure = 429 | 500;

export interface FakeDmPlatformOptions {
  /** Waited before the message is created, per call; a function for a random spread. */
  delayBeforeMs?: number | (() => number);
  /** Waited after the message is created and before the answer, so a crash can fall in between. */
  delayAfterMs?: number | (() => number);
  /** Decides, per call, to answer with a failure instead of creating anything. */
  failWith?: (call: { n: number; userId: string; key: string }) => InjectedFailure | undefined;
  /**
   * False: a key already accepted creates a second message, as Discord does once it has
   * forgotten the nonce; only the caller's look at the history (`GET /history`) can then prevent it.
   */
  rememberKeys?: boolean;
}

/** Discord's "Cannot send messages to this user", answered when a user's DMs are closed. */
export const CANNOT_DM_USER = 50_007;

const RETRY_AFTER_SECONDS = 0.05;

/**
 * A loopback stand-in for a chat platform's message endpoint, with Discord's `enforce_nonce`
 * semantics: a message carries a key, and a key already accepted returns the message it created
 * instead of creating a second one. Unlike Discord, which only remembers nonces for a few
 * minutes, this one remembers them for good: the tests measure the scheduler, not the window.
 *
 * - `POST /dm   {userId, key, text}`            → 200 {id, nonce}
 * - `POST /post {channelId, userId, key, text}` → 200 {id, nonce}
 * - `GET  /history?channelId=…`                → 200 [{id, key}], the channel's messages, newest first
 * - 429 {retry_after} or 500 when `failWith` says so; 403 {code: 50007} for a user in `closedDms`.
 *
 * A call is carried out even when the caller is gone by the time it is answered, as a real
 * server would: a client killed mid-request may or may not have created its message.
 */
export class FakeDmPlatform {
  /** Every message created, in order; a key appears here at most once by construction. */
  readonly messages: PlatformMessage[] = [];
  readonly closedDms = new Set<string>();
  /** Calls received, answered or not. */
  calls = 0;
  /** Calls whose key had already created a message: a retry the platform deduplicated. */
  replays = 0;
  /** Replays whose user or channel differed from the first call with that key (must stay 0). */
  conflicts = 0;
  readonly injected: Record<InjectedFailure | 403, number> = { 429: 0, 500: 0, 403: 0 };
  /** Looks at a channel's history (a retry checking for an earlier try's message). */
  historyLookups = 0;
  /** Requests being worked on right now. */
  inFlight = 0;
  failWith: FakeDmPlatformOptions['failWith'];

  private readonly byKey = new Map<string, PlatformMessage>();
  private readonly callListeners = new Set<() => void>();
  private readonly idleListeners = new Set<() => void>();

  private readonly server: Server;
  private listeningAt = '';

  private constructor(private readonly options: FakeDmPlatformOptions) {
    this.failWith = options.failWith;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      });
    });
  }

  /** Where it listens: `http://127.0.0.1:<port>`. */
  get url(): string {
    return this.listeningAt;
  }

  static async start(options: FakeDmPlatformOptions = {}): Promise<FakeDmPlatform> {
    const platform = new FakeDmPlatform(options);
    await new Promise<void>((resolve, reject) => {
      platform.server.once('error', reject);
      platform.server.listen(0, '127.0.0.1', resolve);
    });
    platform.listeningAt = `http://127.0.0.1:${(platform.server.address() as AddressInfo).port}`;
    return platform;
  }

  /** Messages per key; used to show that no key produced two messages. */
  messagesByKey(): Map<string, PlatformMessage[]> {
    const out = new Map<string, PlatformMessage[]>();
    for (const m of this.messages) out.set(m.key, [...(out.get(m.key) ?? []), m]);
    return out;
  }

  /** Resolves at the next call received (or at once if `since` calls were already exceeded). */
  nextCall(since = this.calls): Promise<void> {
    if (this.calls > since) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = () => {
        this.callListeners.delete(listener);
        resolve();
      };
      this.callListeners.add(listener);
    });
  }

  /** Resolves when no request is being worked on. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = () => {
        this.idleListeners.delete(listener);
        resolve();
      };
      this.idleListeners.add(listener);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The caller may be killed at any moment; its socket errors must not stop the platform.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    if (req.method === 'GET' && req.url?.startsWith('/history?')) {
      this.historyLookups++;
      const channelId = new URL(req.url, 'http://fake').searchParams.get('channelId');
      const found = this.messages.filter((m) => m.channelId === channelId).reverse();
      send(res, 200, found.map((m) => ({ id: m.id, key: m.key })));
      return;
    }
    const kind = req.method === 'POST' && req.url === '/dm' ? 'dm' : req.method === 'POST' && req.url === '/post' ? 'post' : undefined;
    if (!kind) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: '404: Not Found', code: 0 }));
      return;
    }
    this.inFlight++;
    try {
      const n = ++this.calls;
      for (const listener of [...this.callListeners]) listener();
      const body = await readJson(req);
      const userId = typeof body.userId === 'string' ? body.userId : '';
      const key = typeof body.key === 'string' ? body.key : '';
      const channelId = kind === 'post' && typeof body.channelId === 'string' ? body.channelId : null;
      if (!userId || !key || key.length > 25) {
        // Discord rejects a nonce longer than 25 characters (50035 Invalid Form Body).
        send(res, 400, { message: 'Invalid Form Body', code: 50_035 });
        return;
      }
      await sleep(delay(this.options.delayBeforeMs));

      const failure = this.failWith?.({ n, userId, key });
      if (failure === 429) {
        this.injected[429]++;
        res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
        send(res, 429, { message: 'You are being rate limited.', retry_after: RETRY_AFTER_SECONDS, global: false });
        return;
      }
      if (failure === 500) {
        this.injected[500]++;
        send(res, 500, { message: '500: Internal Server Error', code: 0 });
        return;
      }
      if (kind === 'dm' && this.closedDms.has(userId)) {
        this.injected[403]++;
        send(res, 403, { message: 'Cannot send messages to this user', code: CANNOT_DM_USER });
        return;
      }

      let message = this.options.rememberKeys === false ? undefined : this.byKey.get(key);
      if (message) {
        this.replays++;
        if (message.userId !== userId || message.channelId !== channelId) this.conflicts++;
      } else {
        message = { id: String(1_000_000_000_000 + this.messages.length + 1), kind, userId, channelId, key, text: typeof body.text === 'string' ? body.text : '', call: n };
        this.byKey.set(key, message);
        this.messages.push(message);
      }
      await sleep(delay(this.options.delayAfterMs));
      send(res, 200, { id: message.id, nonce: key, channel_id: channelId ?? `dm-${userId}` });
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const listener of [...this.idleListeners]) listener();
    }
  }
}

function delay(option: number | (() => number) | undefined): number {
  return typeof option === 'function' ? option() : (option ?? 0);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
