import type { Platform } from './member.js';
import type { Reply } from './reply.js';

/**
 * How a send went. The scheduler decides what each means: `unreachable` (DMs closed, user gone)
 * is never retried blindly; `transient` (rate limit, platform hiccup) is retried with backoff.
 */
export type SendOutcome =
  | { kind: 'sent'; ref?: string }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'transient'; reason: string; retryAfterMs?: number };

/**
 * Sends messages on one platform. `key` is the same on every retry of the same nudge: the
 * platform adapter passes it along (Discord: nonce with enforce_nonce; Slack: message metadata
 * checked before resending) so a retry after a crash never shows the writer a second copy.
 */
export interface Notifier {
  readonly platform: Platform;
  dm(userId: string, message: Reply, key: string): Promise<SendOutcome>;
  /** A message in a community channel, addressed to the writer, for when their DMs are closed. */
  post(channelId: string, userId: string, message: Reply, key: string): Promise<SendOutcome>;
}
