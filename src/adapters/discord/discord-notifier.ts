import { DiscordAPIError, HTTPError, RateLimitError, type Client } from 'discord.js';
import type { Notifier, SendOutcome } from '../../domain/notifier.js';
import type { Reply } from '../../domain/reply.js';
import { toMessage } from './render.js';

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
 * Nudges on Discord. Each message carries the nudge's key as its nonce with enforce_nonce, so
 * Discord itself returns the first message when a retry after a crash sends the same nudge again.
 */
export class DiscordNotifier implements Notifier {
  readonly platform = 'discord' as const;

  constructor(private readonly client: Client) {}

  async dm(userId: string, message: Reply, key: string): Promise<SendOutcome> {
    try {
      const user = await this.client.users.fetch(userId);
      const sent = await user.send({ ...toMessage(message), nonce: key, enforceNonce: true });
      return { kind: 'sent', ref: sent.id };
    } catch (error) {
      return classifyDiscordError(error);
    }
  }

  async post(channelId: string, userId: string, message: Reply, key: string): Promise<SendOutcome> {
    try {
      const channel = await this.client.channels.fetch(channelId);
      if (!channel?.isSendable()) return { kind: 'unreachable', reason: `channel ${channelId} cannot receive messages` };
      const sent = await channel.send({
        ...toMessage(message),
        content: `<@${userId}>`,
        // The writer is pinged; nobody else can be, whatever the message says.
        allowedMentions: { users: [userId] },
        nonce: key,
        enforceNonce: true,
      });
      return { kind: 'sent', ref: sent.id };
    } catch (error) {
      return classifyDiscordError(error);
    }
  }
}
