import type { Community } from './member.js';

/**
 * The weekly digest's delivery rules. A digest is identified by (community, week); the claim,
 * the post and the record are arranged as a nudge's are (see nudge-plan.ts and NudgeStore), so
 * that two instances or a crash mid-post never post one week twice.
 */

export type DigestRecordState = 'sending' | 'sent' | 'unreachable' | 'failed';

export interface DigestRecord {
  communityId: number;
  /** The Monday that opens the week reported on, `YYYY-MM-DD` in the community's time zone. */
  weekStart: string;
  state: DigestRecordState;
  /** Posts begun, including those cut short by a crash or answered with a transient failure. */
  starts: number;
  channelId: string | null;
  messageRef: string | null;
  lastError: string | null;
  sentAt: Date | null;
}

/** A community whose digest is due, held by this instance under `claimToken`. */
export interface ClaimedCommunity {
  community: Community;
  claimToken: string;
}

export interface DigestStore {
  /**
   * Gives a next digest time to communities that have a moderators' channel but none (the channel
   * was set before digests existed): the first Monday 09:00 after `now` in their time zone.
   */
  scheduleUnscheduled(now: Date, defaultTimezone: string): Promise<number>;
  /**
   * Takes up to `limit` communities whose digest is due at `now` and that have a moderators'
   * channel, skipping those another instance holds, and holds them until `leaseUntil`.
   */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<ClaimedCommunity[]>;
  /**
   * Opens (or reopens) the week's record, counting a start; a finished record is returned as it is.
   * Only while the claim is still this one's: the token unchanged, its lease not run out at
   * `heldAt`, and the moderators' channel still `channelId`; the lease is renewed to `leaseUntil`.
   * Otherwise nothing is opened and nothing is returned: someone changed the settings, or another
   * instance may hold the community now.
   */
  begin(input: {
    communityId: number;
    claimToken: string;
    weekStart: string;
    key: string;
    channelId: string;
    at: Date;
    heldAt: Date;
    leaseUntil: Date;
  }): Promise<DigestRecord | undefined>;
  /** Closes the week's record and schedules the next digest, in one transaction, if the claim is still ours. */
  finish(input: {
    communityId: number;
    claimToken: string;
    weekStart: string;
    state: 'sent' | 'unreachable' | 'failed';
    messageRef?: string | undefined;
    error?: string | undefined;
    at: Date;
    nextDigestAt: Date;
  }): Promise<void>;
  /** Gives the community back with its digest due again at `nextDigestAt` (a retry), noting why on the week's record. */
  release(input: { communityId: number; claimToken: string; nextDigestAt: Date; weekStart: string; error: string }): Promise<void>;
  history(communityId: number): Promise<DigestRecord[]>;
}

/** The key a week's digest carries on the platform (Discord's nonce: at most 25 characters). */
export function digestKey(communityId: number, weekStart: string): string {
  return `dg${communityId}w${weekStart.replaceAll('-', '')}`;
}

const BACKOFF_MINUTES = [1, 5, 15, 60, 60, 60] as const;
/** Starts after which a week's digest is given up: the first post and the retries above. */
export const MAX_DIGEST_STARTS = BACKOFF_MINUTES.length + 1;

/** When to try a week's digest again after its `starts`-th start failed for now, or null to give up. */
export function digestRetryAt(starts: number, now: Date, retryAfterMs = 0): Date | null {
  const minutes = BACKOFF_MINUTES[starts - 1];
  if (minutes === undefined) return null;
  return new Date(now.getTime() + Math.max(minutes * 60_000, retryAfterMs));
}
