import type { Clock } from '../domain/clock.js';
import { digestKey, digestRetryAt, MAX_DIGEST_STARTS, type ClaimedCommunity, type DigestStore } from '../domain/digest.js';
import type { Community, Locale, Platform } from '../domain/member.js';
import { digestWeek, nextDigestAt, periodStartDate, type ReportPeriod } from '../domain/mod-report.js';
import type { Notifier } from '../domain/notifier.js';
import type { Reply } from '../domain/reply.js';
import type { Logger } from '../logger.js';
import { Ticker } from './ticker.js';

/** Builds a week's digest for a community, in its language; `now` is when it goes out. */
type ComposeDigest = (community: Community, period: ReportPeriod, locale: Locale, now: Date) => Promise<Reply>;

export interface DigestSchedulerDeps {
  digests: DigestStore;
  notifiers: Partial<Record<Platform, Notifier>>;
  composeDigest: ComposeDigest;
  clock: Clock;
  logger: Logger;
  defaultTimezone: string;
  defaultLocale: Locale;
  /** Communities claimed per round. */
  batchSize?: number;
  /** How long a claim holds a community; an instance that dies mid-post releases it by running out. */
  leaseMs?: number;
}

export interface DigestTickReport {
  claimed: number;
  sent: number;
  unreachable: number;
  retrying: number;
  failed: number;
  /** Claimed communities whose week an earlier run had already posted. */
  alreadyDone: number;
  /** Claimed communities not posted after all: their channel changed, or the claim ran out, since the claim. */
  notPosted: number;
  errors: number;
}

const MAX_ROUNDS_PER_TICK = 20;

/**
 * Posts each community's weekly digest to its moderators' channel, once per week, the way the
 * nudge scheduler sends nudges: due is decided in SQL, the claim holds the community under a
 * lease, the week's record is opened before the post and closed after it, and the post carries a
 * key that is the same on every retry. A digest due while Kenshu was down is posted when it comes
 * back, once, for the latest week only: the week is the one before the latest Monday 09:00 passed.
 */
export class DigestScheduler {
  private readonly ticker: Ticker<DigestTickReport>;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly log: Logger;

  constructor(private readonly deps: DigestSchedulerDeps) {
    this.batchSize = deps.batchSize ?? 20;
    this.leaseMs = deps.leaseMs ?? 5 * 60_000;
    this.log = deps.logger.child({ component: 'digest-scheduler' });
    this.ticker = new Ticker(
      'kenshu-digests',
      this.log,
      (now) => this.runTick(now),
      (report) => report.claimed > 0 && this.log.info({ report }, 'digest tick'),
    );
  }

  /** One pass over every community whose digest is due at `now`. Concurrent calls share the pass already running. */
  tick(now?: Date): Promise<DigestTickReport> {
    return this.ticker.tick(now);
  }

  start(expression: string): void {
    this.ticker.start(expression);
  }

  stop(): Promise<void> {
    return this.ticker.stop();
  }

  private async runTick(at: Date | undefined): Promise<DigestTickReport> {
    const report: DigestTickReport = { claimed: 0, sent: 0, unreachable: 0, retrying: 0, failed: 0, alreadyDone: 0, notPosted: 0, errors: 0 };
    const now = () => at ?? this.deps.clock.now();
    // Channels set before digests existed have no schedule yet.
    await this.deps.digests.scheduleUnscheduled(now(), this.deps.defaultTimezone);
    for (let round = 0; round < MAX_ROUNDS_PER_TICK; round++) {
      const batch = await this.deps.digests.claimDue(now(), this.batchSize, this.leaseFromNow(now()));
      report.claimed += batch.length;
      for (const claimed of batch) {
        try {
          await this.post(claimed, now(), report);
        } catch (error) {
          report.errors++;
          this.log.error({ err: error, communityId: claimed.community.id }, 'digest failed; it comes back when its claim runs out');
        }
      }
      if (batch.length < this.batchSize) break;
    }
    return report;
  }

  /**
   * A lease counted from this moment, not from the tick's start: composing and posting a round of
   * digests with their charts can outlast a lease counted from the start. Never from before the
   * tick's own time, should a tick be run for a time ahead of the clock.
   */
  private leaseFromNow(tickAt: Date): Date {
    return new Date(Math.max(tickAt.getTime(), this.deps.clock.now().getTime()) + this.leaseMs);
  }

  private async post({ community, claimToken }: ClaimedCommunity, now: Date, report: DigestTickReport): Promise<void> {
    const channelId = community.modChannelId;
    if (!channelId) throw new Error('claimed a community without a moderators’ channel');
    const timezone = community.timezone ?? this.deps.defaultTimezone;
    const locale = community.locale ?? this.deps.defaultLocale;
    const period = digestWeek(now, timezone);
    const weekStart = periodStartDate(period);
    const key = digestKey(community.id, weekStart);
    const next = nextDigestAt(now, timezone);
    const finish = (state: 'sent' | 'unreachable' | 'failed', extra: { messageRef?: string; error?: string } = {}) =>
      this.deps.digests.finish({ communityId: community.id, claimToken, weekStart, state, at: now, nextDigestAt: next, ...extra });

    const record = await this.deps.digests.begin({
      communityId: community.id,
      claimToken,
      weekStart,
      key,
      channelId,
      at: now,
      heldAt: this.deps.clock.now(),
      leaseUntil: this.leaseFromNow(now),
    });
    if (!record) {
      // The moderators changed the channel since the claim (their settings stand), or the claim ran out.
      report.notPosted++;
      this.log.debug({ communityId: community.id, weekStart }, 'digest not posted: the community changed or its claim ran out since it was claimed');
      return;
    }
    if (record.state !== 'sending') {
      // An earlier run finished this week but died before scheduling the next.
      report.alreadyDone++;
      await finish(record.state === 'sent' ? 'sent' : record.state);
      return;
    }
    if (record.starts > MAX_DIGEST_STARTS) {
      report.failed++;
      await finish('failed', { error: `gave up after ${record.starts - 1} tries` });
      this.log.error({ communityId: community.id, weekStart, starts: record.starts }, 'digest given up for this week');
      return;
    }

    const notifier = this.deps.notifiers[community.platform];
    if (!notifier) throw new Error(`no notifier for ${community.platform}`);
    const reply = await this.deps.composeDigest(community, period, locale, now);
    // An earlier start may have posted it and died before recording: the adapter looks first.
    const outcome = await notifier.post(channelId, null, reply, key, { retry: record.starts > 1 });
    switch (outcome.kind) {
      case 'sent':
        await finish('sent', outcome.ref ? { messageRef: outcome.ref } : {});
        report.sent++;
        return;
      case 'unreachable':
        // Never retried blindly: the channel is gone or closed to Kenshu; next week tries again.
        await finish('unreachable', { error: outcome.reason });
        report.unreachable++;
        this.log.warn({ communityId: community.id, weekStart, reason: outcome.reason }, 'moderators’ channel unreachable');
        return;
      case 'transient': {
        const again = digestRetryAt(record.starts, now, outcome.retryAfterMs);
        if (again) {
          await this.deps.digests.release({ communityId: community.id, claimToken, nextDigestAt: again, weekStart, error: outcome.reason });
          report.retrying++;
        } else {
          await finish('failed', { error: outcome.reason });
          report.failed++;
        }
        this.log.warn({ communityId: community.id, weekStart, starts: record.starts, reason: outcome.reason, retryAt: again }, 'digest post failed for now');
        return;
      }
    }
  }
}
