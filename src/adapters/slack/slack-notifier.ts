import { webApi } from '@slack/bolt';
import type { Notifier, SendOptions, SendOutcome } from '../../domain/notifier.js';
import { fileBytes, type Reply, type ReplyFile } from '../../domain/reply.js';
import { NUDGE_EVENT_TYPE, toMessage, type SlackMessage } from './render.js';

type WebClient = webApi.WebClient;

/**
 * Slack's answers that mean the message can never reach this member or channel as things stand
 * (docs.slack.dev/reference/methods/chat.postMessage#errors, …/conversations.open#errors).
 */
const UNREACHABLE_ERRORS = new Set([
  'cannot_dm_bot', // the member cannot be messaged by a bot (DMs closed to apps)
  'user_not_found',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'user_disabled',
]);

/** The fields of @slack/web-api's errors that say what went wrong; read by `code`, which holds across copies of the library. */
interface WebApiErrorFields {
  code?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
  original?: unknown;
}

export function classifySlackError(error: unknown): SendOutcome {
  const e = (typeof error === 'object' && error !== null ? error : {}) as WebApiErrorFields;
  switch (e.code) {
    case webApi.ErrorCode.PlatformError: {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      if (UNREACHABLE_ERRORS.has(code)) return { kind: 'unreachable', reason: code };
      // `ratelimited`, `internal_error`, `fatal_error`, `service_unavailable` and the like: try again later.
      return { kind: 'transient', reason: code };
    }
    case webApi.ErrorCode.RateLimitedError: {
      // Only when the client rejects rate-limited calls; otherwise it waits out Retry-After itself.
      const seconds = typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
      return { kind: 'transient', reason: 'ratelimited', ...(seconds !== undefined ? { retryAfterMs: seconds * 1000 } : {}) };
    }
    case webApi.ErrorCode.HTTPError:
      return { kind: 'transient', reason: `HTTP ${String(e.statusCode)}` };
    case webApi.ErrorCode.RequestError:
      return { kind: 'transient', reason: e.original instanceof Error ? e.original.message : 'request failed' };
  }
  // Timeouts, resets, a failed upload to the file URL: the platform may be back in a minute.
  return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
}

/**
 * Uploads a reply's files into a channel (or a DM's D channel), after its message: Slack takes
 * files only through its upload flow (files.getUploadURLExternal, then the bytes, then
 * files.completeUploadExternal, which shares them in the channel), never inside chat.postMessage.
 */
export async function uploadFiles(client: WebClient, channelId: string, files: readonly ReplyFile[]): Promise<void> {
  if (files.length === 0) return;
  await client.filesUploadV2({
    channel_id: channelId,
    file_uploads: files.map((f) => ({ file: fileBytes(f), filename: f.name })),
  });
}

/**
 * How many of a conversation's latest messages a retry looks through (one page of
 * conversations.history). Retries of one nudge span under two hours, and Kenshu writes to a DM or
 * a fallback channel a few times a week.
 */
const HISTORY_LIMIT = 100;

/** A Slack member id as Kenshu stores it; anything else must not reach a `<@…>` mention. */
const MEMBER_ID = /^[UW][A-Z0-9]{2,}$/;

/** The key a nudge's metadata carries (see `toMessage`); Slack types event payloads as `{}`. */
function idempotencyKey(payload: unknown): unknown {
  return typeof payload === 'object' && payload !== null && 'idempotency_key' in payload ? payload.idempotency_key : undefined;
}

interface SelfIds {
  botId: string | undefined;
  userId: string | undefined;
}

/**
 * Nudges, digests and notices on Slack. Slack has no nonce to deduplicate with, so each nudge
 * carries its key as message metadata (see `toMessage`), and a retry first looks for Kenshu's own
 * message with that key in the conversation's recent history (DESIGN §3).
 *
 * A reply's files follow its message. They are uploaded only by the call that posted the message:
 * when a retry finds the message already there, its files are not sent again, so a crash between
 * the message and its files loses the files rather than showing anyone a second copy.
 */
export class SlackNotifier implements Notifier {
  readonly platform = 'slack' as const;
  /**
   * Slack's client here gives a rate limit back at once (the scheduler retries at Retry-After),
   * so nothing waits long inside the adapter; 32 at a time, as on Discord, keeps every send within
   * a few requests' time of its check however slowly Slack answers.
   */
  readonly maxInFlight = 32;
  private self: Promise<SelfIds> | undefined;

  constructor(private readonly client: WebClient) {}

  // `options.dmChannelId` is not used: Slack rate-limits per method, not globally, so opening the
  // conversation each time costs no message its place.
  async dm(userId: string, message: Reply, key: string, options: SendOptions = {}): Promise<SendOutcome> {
    try {
      const opened = await this.client.conversations.open({ users: userId });
      const channel = opened.channel?.id;
      if (!channel) return { kind: 'transient', reason: 'conversations.open returned no channel' };
      return await this.send(channel, toMessage(message, key), message.files, key, options);
    } catch (error) {
      return classifySlackError(error);
    }
  }

  async post(channelId: string, userId: string | null, message: Reply, key: string, options: SendOptions = {}): Promise<SendOutcome> {
    if (userId !== null && !MEMBER_ID.test(userId)) return { kind: 'unreachable', reason: `not a Slack member id: ${userId}` };
    try {
      return await this.send(channelId, toMessage(message, key, userId ?? undefined), message.files, key, options);
    } catch (error) {
      return classifySlackError(error);
    }
  }

  private async send(channel: string, message: SlackMessage, files: readonly ReplyFile[] | undefined, key: string, options: SendOptions): Promise<SendOutcome> {
    const earlier = options.retry ? await this.findSent(channel, key) : undefined;
    if (earlier) return { kind: 'sent', ref: earlier };
    const sent = await this.client.chat.postMessage({ channel, ...message });
    const ts = sent.ts;
    try {
      await uploadFiles(this.client, channel, files ?? []);
    } catch (error) {
      // The message is there; a retry finds it and stops, so these files are not sent twice.
      return classifySlackError(error);
    }
    return { kind: 'sent', ...(ts ? { ref: ts } : {}) };
  }

  /** The ts of Kenshu's own message carrying `key` among the conversation's latest, if an earlier try posted it. */
  private async findSent(channel: string, key: string): Promise<string | undefined> {
    const [self, history] = await Promise.all([
      this.whoAmI(),
      this.client.conversations.history({ channel, limit: HISTORY_LIMIT, include_all_metadata: true }),
    ]);
    const found = (history.messages ?? []).find(
      (m) =>
        // Another app could post the same event type into a channel; only Kenshu's own messages count.
        ((self.botId !== undefined && m.bot_id === self.botId) || (self.userId !== undefined && m.user === self.userId)) &&
        m.metadata?.event_type === NUDGE_EVENT_TYPE &&
        idempotencyKey(m.metadata.event_payload) === key,
    );
    return found?.ts;
  }

  /** Kenshu's bot and user ids in this workspace, asked once (auth.test). */
  private whoAmI(): Promise<SelfIds> {
    this.self ??= this.client.auth.test().then(
      (r) => ({ botId: r.bot_id, userId: r.user_id }),
      (error: unknown) => {
        this.self = undefined;
        throw error;
      },
    );
    return this.self;
  }
}

/**
 * The notifier Kenshu runs with: a client of its own that gives a rate limit back at once
 * (`rejectRateLimitedCalls`) and never retries by itself, so a claimed nudge is not held for the
 * half hour the default client would wait; the scheduler retries at Slack's Retry-After instead.
 */
export function slackNotifier(config: { botToken: string; apiUrl?: string }): SlackNotifier {
  return new SlackNotifier(new webApi.WebClient(config.botToken, { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), rejectRateLimitedCalls: true, retryConfig: { retries: 0 } }));
}
