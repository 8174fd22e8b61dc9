import pLimit, { type LimitFunction } from 'p-limit';
import type { Clock } from '../domain/clock.js';
import type { Stage } from '../domain/ladder.js';
import type { Locale, Platform } from '../domain/member.js';
import type { Notifier, SendOutcome } from '../domain/notifier.js';
import { decideNudge, MAX_SEND_STARTS, nextNudgeAt, nudgeKey, retryAt } from '../domain/nudge-plan.js';
import type { ClaimedDelivery, MemberStore, NudgeStore } from '../domain/ports.js';
import type { ReminderSettings } from '../domain/reminder-settings.js';
import { reminderSettingsOf } from '../domain/reminders.js';
import type { Logger } from '../logger.js';
import { nudgeReply, presentFallback } from '../presenters/nudge.js';
import { Ticker } from './ticker.js';

/** How a claimed stage ended; `retrying` and `failed` are transient failures, now or for good. */
export type NudgeOutcome = 'sent' | 'fallback' | 'unreachable' | 'retrying' | 'failed' | 'already_done';

/** What the scheduler measures; src/metrics.ts implements it. */
export interface SchedulerMetrics {
  nudgeOutcome(platform: Platform, stage: number, outcome: NudgeOutcome): void;
  tickSeconds(seconds: number): void;
  claimSeconds(seconds: number): void;
}

export interface SchedulerDeps {
  nudges: NudgeStore;
  members: MemberStore;
  notifiers: Partial<Record<Platform, Notifier>>;
  clock: Clock;
  logger: Logger;
  defaultTimezone: string;
  defaultLocale: Locale;
  /** Deliveries claimed per round. */
  batchSize?: number;
  /** How long a claim holds a delivery; an instance that dies mid-send releases it by running out. */
  leaseMs?: number;
  /** Nudges worked on at once, on all platforms together; each platform's notifier may take fewer (`maxInFlight`). */
  concurrency?: number;
  metrics?: SchedulerMetrics;
}

export interface TickReport {
  claimed: number;
  sent: number;
  viaFallback: number;
  waiting: number;
  unreachable: number;
  retrying: number;
  failed: number;
  /** Claimed deliveries whose stage an earlier run had already finished. */
  alreadyDone: number;
  /**
   * Claimed deliveries not sent after all: the writer changed them (paid, cancelled, paused)
   * after the claim, or the claim ran out and another instance may hold them now.
   */
  notSent: number;
  errors: number;
}

const MAX_ROUNDS_PER_TICK = 50;

/**
 * Nudges worked on at once: a round. The begins and finishes of the nudges in flight share a
 * statement each way, so with fewer the scheduler waits on the database (on the dispatch
 * benchmark's machine, 32 sent 2,100–2,200 nudges a second and 100 about 3,500). Each platform's
 * notifier may take fewer at a time (`Notifier.maxInFlight`): a nudge is begun, its check that
 * the delivery still waits, only once its platform takes it, so that it never waits for the
 * platform's pace between the check and the send.
 */
export const DEFAULT_CONCURRENCY = 100;

/**
 * The postman. node-cron only says "now"; what is due is decided in SQL from stored times, each
 * claimed delivery is decided by the domain's pure rules, sent through the platform's Notifier
 * with a key that is the same on every retry, and recorded. One failing delivery never stops the
 * batch: its claim simply runs out and it comes back.
 */
export class NudgeScheduler {
  private readonly ticker: Ticker<TickReport>;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly log: Logger;
  /** Per platform: the sends handed to its notifier at once (see `Notifier.maxInFlight`). */
  private readonly handOver = new Map<Platform, LimitFunction>();

  constructor(private readonly deps: SchedulerDeps) {
    this.batchSize = deps.batchSize ?? 100;
    this.leaseMs = deps.leaseMs ?? 60_000;
    this.concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
    this.log = deps.logger.child({ component: 'scheduler' });
    this.ticker = new Ticker(
      'kenshu-nudges',
      this.log,
      (now) => this.runTick(now ?? this.deps.clock.now()),
      (report) => report.claimed > 0 && this.log.info({ report }, 'nudge tick'),
    );
  }

  /** One pass over everything due at `now`. Concurrent calls share the pass already running. */
  tick(now?: Date): Promise<TickReport> {
    return this.ticker.tick(now);
  }

  start(expression: string): void {
    this.ticker.start(expression);
  }

  stop(): Promise<void> {
    return this.ticker.stop();
  }

  private async runTick(now: Date): Promise<TickReport> {
    const started = performance.now();
    try {
      return await this.runRounds(now);
    } finally {
      this.deps.metrics?.tickSeconds((performance.now() - started) / 1000);
    }
  }

  /**
   * Rounds overlap: the sends never wait for a claim. While a round's last deliveries are being
   * sent, the next round is claimed and loaded (it begins once fewer than half a round are left
   * to take), so the workers go on from one round into the next without a pause at the database.
   * At most one claim is out at a time, so rounds are claimed one after another as before, and a
   * tick still ends when a claim finds less than a full round, or after MAX_ROUNDS_PER_TICK.
   */
  private async runRounds(now: Date): Promise<TickReport> {
    const report: TickReport = { claimed: 0, sent: 0, viaFallback: 0, waiting: 0, unreachable: 0, retrying: 0, failed: 0, alreadyDone: 0, notSent: 0, errors: 0 };
    /** Every delivery claimed in this tick, in claim order; the ones taken from it are let go. */
    const queue: (ClaimedDelivery | undefined)[] = [];
    let taken = 0;
    let rounds = 0;
    let more = true;
    let claiming: Promise<void> | undefined;
    let claimFailed: { error: unknown } | undefined;
    const claimRound = (): Promise<void> => {
      if (!claiming) {
        const claimStarted = performance.now();
        // Through a promise, so that even a store that throws at once fails the tick the same way.
        claiming = Promise.resolve()
          .then(() => this.deps.nudges.claimDue(now, this.batchSize, this.leaseFromNow(now)))
          .then(
            (batch) => {
              this.deps.metrics?.claimSeconds((performance.now() - claimStarted) / 1000);
              rounds++;
              report.claimed += batch.length;
              for (const claimed of batch) queue.push(claimed);
              if (batch.length < this.batchSize || rounds >= MAX_ROUNDS_PER_TICK) more = false;
            },
            (error: unknown) => {
              // The deliveries claimed already are still sent; the tick then fails as the claim did.
              claimFailed = { error };
              more = false;
            },
          )
          .finally(() => (claiming = undefined));
      }
      return claiming;
    };
    const lowWater = Math.floor(this.batchSize / 2);
    const worker = async () => {
      for (;;) {
        if (more && queue.length - taken < lowWater) void claimRound();
        if (taken === queue.length) {
          if (!more && !claiming) return;
          await claimRound();
          continue;
        }
        const claimed = queue[taken]!;
        queue[taken++] = undefined;
        try {
          await this.handle(claimed, now, report);
        } catch (error) {
          report.errors++;
          this.log.error({ err: error, deliveryId: claimed.delivery.id }, 'nudge failed; it comes back when its claim runs out');
        }
      }
    };
    await claimRound();
    await Promise.all(Array.from({ length: Math.min(this.concurrency, Math.max(1, queue.length)) }, worker));
    if (claimFailed) throw claimFailed.error;
    return report;
  }

  /**
   * A lease counted from this moment, not from the tick's start: a tick that runs longer than a
   * lease (thousands of nudges at the platform's pace) must not hold deliveries with leases
   * already run out, which another instance would take and send again. Never from before the
   * tick's own time, should a tick be run for a time ahead of the clock.
   */
  private leaseFromNow(tickAt: Date): Date {
    return new Date(Math.max(tickAt.getTime(), this.deps.clock.now().getTime()) + this.leaseMs);
  }

  /** Keeps a newly opened DM channel for the writer's next nudges; failing that, the next one opens it again. */
  private async rememberDmChannel(memberId: number, channelId: string): Promise<void> {
    try {
      await this.deps.members.rememberDmChannel(memberId, channelId);
    } catch (error) {
      this.log.warn({ err: error, memberId }, 'could not keep the writer’s DM channel');
    }
  }

  private async handle(claimed: ClaimedDelivery, now: Date, report: TickReport): Promise<void> {
    const { delivery, writer, claimToken } = claimed;
    const settings = reminderSettingsOf(writer, this.deps.defaultTimezone);
    const decision = decideNudge(delivery, settings, now);
    if (decision.kind === 'wait') {
      report.waiting++;
      await this.deps.nudges.release({ deliveryId: delivery.id, claimToken, nextNudgeAt: decision.until });
      return;
    }

    const notifier = this.deps.notifiers[writer.platform];
    if (!notifier) throw new Error(`no notifier for ${writer.platform}`);
    // Begun only once the platform takes it: the check stays next to the send.
    await this.slots(notifier)(() => this.beginAndSend(claimed, decision.stage, settings, notifier, now, report));
  }

  private slots(notifier: Notifier): LimitFunction {
    let limit = this.handOver.get(notifier.platform);
    if (!limit) {
      limit = pLimit(Math.max(1, Math.min(this.concurrency, notifier.maxInFlight ?? this.concurrency)));
      this.handOver.set(notifier.platform, limit);
    }
    return limit;
  }

  private async beginAndSend(claimed: ClaimedDelivery, stage: Stage, settings: ReminderSettings, notifier: Notifier, now: Date, report: TickReport): Promise<void> {
    const { delivery, writer, community, claimToken } = claimed;
    const count = (outcome: NudgeOutcome) => this.deps.metrics?.nudgeOutcome(writer.platform, stage, outcome);
    const key = nudgeKey(delivery.id, stage);
    const heldAt = this.deps.clock.now();
    const record = await this.deps.nudges.begin({ deliveryId: delivery.id, claimToken, stage, key, at: now, heldAt, leaseUntil: this.leaseFromNow(now) });
    if (!record) {
      // Expected now and then; the writer's change, or whoever holds the delivery now, stands.
      report.notSent++;
      this.log.debug({ deliveryId: delivery.id, stage }, 'nudge not sent: the delivery changed or its claim ran out since it was claimed');
      return;
    }
    const nextLook = nextNudgeAt({ ...delivery, lastStage: Math.max(delivery.lastStage, stage), lastNudgeAt: now }, settings);
    const finish = (state: 'sent' | 'unreachable' | 'failed', channel: 'dm' | 'fallback' | null, extra: { messageRef?: string; error?: string } = {}) =>
      this.deps.nudges.finish({ deliveryId: delivery.id, claimToken, stage, state, channel, at: now, nextNudgeAt: nextLook, ...extra });

    if (record.state !== 'sending') {
      // An earlier run finished this stage but died before moving on.
      report.alreadyDone++;
      await finish('sent', null);
      count('already_done');
      return;
    }
    if (record.starts > MAX_SEND_STARTS) {
      report.failed++;
      count('failed');
      await finish('failed', null, { error: `interrupted ${record.starts - 1} times` });
      this.log.error({ deliveryId: delivery.id, stage, starts: record.starts }, 'nudge given up: every send of it was interrupted');
      return;
    }

    const view = { locale: writer.locale ?? writer.platformLocale ?? this.deps.defaultLocale, timezone: settings.timezone };

    // A failure without an answer, or a crash mid-send, may have left the message with the writer.
    const retry = record.attempts > 0 || record.starts > 1;
    let outcome: SendOutcome = await notifier.dm(writer.platformUserId, nudgeReply(delivery, claimed.history, claimed.events, stage, view, now), key, { retry, dmChannelId: writer.dmChannelId });
    if (outcome.kind === 'sent' && outcome.dmChannelId && outcome.dmChannelId !== writer.dmChannelId) await this.rememberDmChannel(writer.id, outcome.dmChannelId);
    let channel: 'dm' | 'fallback' = 'dm';
    if (outcome.kind === 'unreachable' && community.fallbackChannelId) {
      // DMs closed: a short pointer in the community's channel, never the client's details.
      channel = 'fallback';
      outcome = await notifier.post(community.fallbackChannelId, writer.platformUserId, presentFallback(delivery, view), nudgeKey(delivery.id, stage, 'fallback'), { retry });
    }

    switch (outcome.kind) {
      case 'sent':
        await finish('sent', channel, outcome.ref ? { messageRef: outcome.ref } : {});
        if (channel === 'fallback') report.viaFallback++;
        else report.sent++;
        count(channel === 'fallback' ? 'fallback' : 'sent');
        return;
      case 'unreachable':
        // Never retried blindly: the writer hears about it on their next command.
        await finish('unreachable', null, { error: outcome.reason });
        await this.deps.members.setPendingNotice(writer.id, 'dm_closed');
        report.unreachable++;
        count('unreachable');
        this.log.warn({ deliveryId: delivery.id, stage, reason: outcome.reason }, 'writer unreachable');
        return;
      case 'transient': {
        const failures = await this.deps.nudges.countFailure({ deliveryId: delivery.id, stage, error: outcome.reason });
        const again = retryAt(failures, now, outcome.retryAfterMs);
        if (again) {
          await this.deps.nudges.release({ deliveryId: delivery.id, claimToken, nextNudgeAt: again });
          report.retrying++;
          count('retrying');
        } else {
          await finish('failed', null, { error: outcome.reason });
          report.failed++;
          count('failed');
        }
        this.log.warn({ deliveryId: delivery.id, stage, failures, reason: outcome.reason, retryAt: again }, 'send failed for now');
        return;
      }
    }
  }
}
