import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes, Routes, type APIMessage, type Client } from 'discord.js';
import type { Notifier, SendOptions, SendOutcome } from '../../domain/notifier.js';
import { buttonRef, type Reply } from '../../domain/reply.js';
import { toApiMessage, toMessage, toRawFiles } from './render.js';

/** Discord's answers that mean the message can never reach this user or channel as things stand. */
const UNREACHABLE_CODES = new Set([
  50007, // Cannot send messages to this user (DMs closed, or no shared server)
  10013, // Unknown user
  10003, // Unknown channel
  50001, // Missing access
  50013, // Missing permissions
]);

export function classifyDiscordError(error: unknown): SendOutcome {
  if (error instanceof DiscordAPIError) {
    if (typeof error.code === 'number' && UNREACHABLE_CODES.has(error.code)) return { kind: 'unreachable', reason: `${error.code} ${error.message}` };
    return { kind: 'transient', reason: `HTTP ${error.status} ${error.code} ${error.message}` };
  }
  if (error instanceof RateLimitError) return { kind: 'transient', reason: `rate limited on ${error.route}`, retryAfterMs: error.retryAfter };
  if (error instanceof HTTPError) return { kind: 'transient', reason: `HTTP ${error.status}` };
  // Timeouts, resets, DNS: the platform may be back in a minute.
  return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
}

/**
 * How many of a channel's latest messages a retry looks through (Discord's most in one call).
 * Retries of one nudge span under two hours: a DM gets a few messages from Kenshu a week, and the
 * fallback channel is one a community sets aside for these notices.
 */
const HISTORY_LIMIT = 100;

/** Whether a message carries `key` in one of its buttons' ids (see `buttonId`). */
function carriesKey(message: APIMessage, key: string): boolean {
  return (message.components ?? []).some((row) => {
    const buttons = 'components' in row ? (row.components as { custom_id?: string }[]) : [];
    return buttons.some((c) => c.custom_id !== undefined && buttonRef(c.custom_id) === key);
  });
}

const isUnknownChannel = (error: unknown) => error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownChannel;

/**
 * Nudges on Discord. Each message carries the nudge's key as its nonce with enforce_nonce, so
 * Discord itself returns the first message when a retry soon after sends the same nudge again.
 * Discord forgets a nonce after a few minutes while retries go on for more than an hour, so the
 * key is also in the buttons' ids, and a retry first looks for it in the channel's recent history.
 *
 * A writer's DM channel has to be opened (a request of its own, against the same global limit of
 * 50 requests a second) before the first message; its id comes back in the outcome for the
 * scheduler to keep, and a later nudge, even after a restart, goes straight to it: one request.
 */
export class DiscordNotifier implements Notifier {
  readonly platform = 'discord' as const;
  /**
   * At Discord's 50 requests a second, 32 sends handed over at once wait at most about 0.6 s
   * between the scheduler's check that the delivery still waits and the send itself (a Paid
   * pressed in that window lets that one nudge go), and they keep the pace's every slot used.
   */
  static readonly MAX_IN_FLIGHT = 32;
  readonly maxInFlight = DiscordNotifier.MAX_IN_FLIGHT;

  constructor(private readonly client: Client) {}

  async dm(userId: string, message: Reply, key: string, options: SendOptions = {}): Promise<SendOutcome> {
    const retry = options.retry ?? false;
    try {
      if (options.dmChannelId) {
        try {
          return await this.sendTo(options.dmChannelId, message, key, retry);
        } catch (error) {
          // Gone since it was kept: open the writer's channel anew, once, below.
          if (!isUnknownChannel(error)) throw error;
        }
      }
      // Opened without fetching the user first, and kept by discord.js for this process; `force`
      // past that copy when the kept id turned out stale.
      const channel = await this.client.users.createDM(userId, { force: options.dmChannelId !== undefined });
      return { ...(await this.sendTo(channel.id, message, key, retry)), dmChannelId: channel.id };
    } catch (error) {
      return classifyDiscordError(error);
    }
  }

  /**
   * A nudge into a channel known by id: one request, without fetching the channel first (a retry
   * adds one, reading the history). The same body discord.js's `send` builds from `toMessage`.
   */
  private async sendTo(channelId: string, message: Reply, key: string, retry: boolean): Promise<{ kind: 'sent'; ref: string }> {
    const earlier = retry ? await this.findSent(channelId, key) : undefined;
    if (earlier) return { kind: 'sent', ref: earlier.id };
    const files = toRawFiles(message);
    const body = { ...toApiMessage(message, key), nonce: key, enforce_nonce: true };
    const sent = (await this.client.rest.post(Routes.channelMessages(channelId), { body, ...(files.length ? { files } : {}) })) as APIMessage;
    return { kind: 'sent', ref: sent.id };
  }

  /** Kenshu's own message carrying `key` among the channel's latest, if an earlier try delivered it. */
  private async findSent(channelId: string, key: string): Promise<APIMessage | undefined> {
    const recent = (await this.client.rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ limit: String(HISTORY_LIMIT) }) })) as APIMessage[];
    const self = this.client.user?.id;
    return recent.find((m) => m.author.id === self && carriesKey(m, key));
  }

  async post(channelId: string, userId: string | null, message: Reply, key: string, options: SendOptions = {}): Promise<SendOutcome> {
    try {
      const channel = await this.client.channels.fetch(channelId);
      if (!channel?.isSendable()) return { kind: 'unreachable', reason: `channel ${channelId} cannot receive messages` };
      const earlier = options.retry ? await this.findSent(channel.id, key) : undefined;
      if (earlier) return { kind: 'sent', ref: earlier.id };
      const sent = await channel.send({
        ...toMessage(message, key),
        ...(userId ? { content: `<@${userId}>` } : {}),
        // The writer is pinged; nobody else can be, whatever the message says.
        allowedMentions: { users: userId ? [userId] : [] },
        nonce: key,
        enforceNonce: true,
      });
      return { kind: 'sent', ref: sent.id };
    } catch (error) {
      return classifyDiscordError(error);
    }
  }
}
