import type { Platform } from './member.js';
import type { Reply } from './reply.js';

/**
 * How a send went. The scheduler decides what each means: `unreachable` (DMs closed, user gone)
 * is never retried blindly; `transient` (rate limit, platform hiccup) is retried with backoff.
 */
export type SendOutcome =
  /** `dmChannelId`: the DM channel the adapter opened (or found) for this send, other than the one it was given. */
  | { kind: 'sent'; ref?: string; dmChannelId?: string }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'transient'; reason: string; retryAfterMs?: number };

/** How a send relates to earlier ones of the same key. */
export interface SendOptions {
  /**
   * An earlier try of this key may have reached the platform (it failed without an answer, or the
   * process stopped mid-send): the adapter looks for it before sending again, for as far back as
   * the platform's own deduplication does not reach.
   */
  retry?: boolean;
  /** The writer's DM channel as an earlier send reported it, for a platform that has one to open (Discord). */
  dmChannelId?: string;
}

/**
 * Sends messages on one platform. `key` is the same on every retry of the same nudge: the
 * platform adapter passes it along (Discord: nonce with enforce_nonce, and the key in the buttons'
 * ids, looked for in the recent history on a retry; Slack: message metadata checked before
 * resending) so a retry never shows the writer a second copy.
 */
export interface Notifier {
  readonly platform: Platform;
  /**
   * How many sends the adapter takes at once before its own pacing of the platform's rate limit
   * makes them wait. The scheduler checks each nudge just before handing it over, so a send
   * waiting in the adapter's queue is one whose check grows old; it hands over no more than this
   * many at a time. Unset: as many as the scheduler works on.
   */
  readonly maxInFlight?: number;
  dm(userId: string, message: Reply, key: string, options?: SendOptions): Promise<SendOutcome>;
  /**
   * A message in a community channel: addressed to `userId` (a writer whose DMs are closed), who
   * alone is pinged, or to nobody (a notice to the moderators' channel).
   */
  post(channelId: string, userId: string | null, message: Reply, key: string, options?: SendOptions): Promise<SendOutcome>;
}
