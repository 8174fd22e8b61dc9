import type { DeliveryStatus, Stage } from './ladder.js';
import { plannedStages, type PlannedStage } from './ladder.js';
import type { Escrow, Marketplace } from './marketplace.js';
import { isAllowedTime, nextAllowedTime, type ReminderSettings } from './reminder-settings.js';
import { MINUTE_MS } from './time.js';

/** Whether reminders run for a delivery: the writer can pause them, or stop them for good. */
export const REMINDER_STATES = ['active', 'paused', 'stopped'] as const;
export type ReminderState = (typeof REMINDER_STATES)[number];

/** What the plan of a delivery depends on. */
export interface NudgeState {
  marketplace: Marketplace;
  escrow: Escrow;
  status: DeliveryStatus;
  deliveredAt: Date;
  dueAt: Date | null;
  reminders: ReminderState;
  snoozedUntil: Date | null;
  /** The highest stage already handled; 0 before the first. */
  lastStage: number;
  /** When that stage went out; null before the first. */
  lastNudgeAt: Date | null;
}

/** Stages still to come after the last one handled, for the delivery's status. */
export function remainingStages(state: NudgeState) {
  if (state.reminders !== 'active') return [];
  return plannedStages(state).filter((s) => s.stage > state.lastStage);
}

/**
 * When the scheduler should next look at this delivery, or null when nothing is left. The next
 * stage's due time, pushed past a snooze, then out of quiet hours and days off. Stored as
 * `next_nudge_at`, so that "due" is a plain comparison in SQL.
 */
export function nextNudgeAt(state: NudgeState, settings: ReminderSettings): Date | null {
  const next = remainingStages(state)[0];
  if (!next) return null;
  const at = state.snoozedUntil && state.snoozedUntil > next.dueAt ? state.snoozedUntil : next.dueAt;
  return nextAllowedTime(at, settings);
}

export interface UpcomingNudge {
  stage: PlannedStage;
  at: Date;
}

/**
 * The next reminder as every view shows it (`/deliver list`, `/remind list`, `/remind resume`):
 * the same stage and time the scheduler works from (nextNudgeAt), and never a time already past:
 * a stage that is due goes out at the next allowed moment.
 */
export function upcomingNudge(state: NudgeState, settings: ReminderSettings, now: Date): UpcomingNudge | undefined {
  const stage = remainingStages(state)[0];
  const at = nextNudgeAt(state, settings);
  if (!stage || !at) return undefined;
  return { stage, at: at.getTime() >= now.getTime() ? at : nextAllowedTime(now, settings) };
}

/**
 * Every reminder still to come, as it will go out if nothing changes: each one sent at its
 * upcoming time, the next keeping the ladder's gap from it. What `/deliver new` shows as the plan.
 */
export function projectedNudges(state: NudgeState, settings: ReminderSettings, now: Date): UpcomingNudge[] {
  const out: UpcomingNudge[] = [];
  let s = state;
  for (let next = upcomingNudge(s, settings, now); next; next = upcomingNudge(s, settings, next.at)) {
    out.push(next);
    s = { ...s, lastStage: next.stage.stage, lastNudgeAt: next.at, snoozedUntil: null };
  }
  return out;
}

export type NudgeDecision =
  /** Send this stage now. */
  | { kind: 'send'; stage: Stage }
  /** Nothing to send now; look again then (or never, when null). */
  | { kind: 'wait'; until: Date | null };

/**
 * What to do with a delivery the scheduler claimed at `now`. When several stages are due (a
 * delivery recorded late, a snooze, a pause, Kenshu's own downtime), the lowest goes out: never a
 * firmer letter than the messages before it prepared, and the next follows at the ladder's usual
 * gap (plannedStages). Inside quiet hours or on a day off, nothing is sent and the delivery waits
 * for the next allowed moment.
 */
export function decideNudge(state: NudgeState, settings: ReminderSettings, now: Date): NudgeDecision {
  const next = remainingStages(state)[0];
  if (!next) return { kind: 'wait', until: null };
  if (state.snoozedUntil && state.snoozedUntil > now) return { kind: 'wait', until: nextNudgeAt(state, settings) };
  if (next.dueAt.getTime() > now.getTime()) return { kind: 'wait', until: nextNudgeAt(state, settings) };
  if (!isAllowedTime(now, settings)) return { kind: 'wait', until: nextAllowedTime(now, settings) };
  return { kind: 'send', stage: next.stage };
}

/**
 * The stage whose letter applies now, for `/remind now` and "Show message": the next one if it is
 * due, else the last one sent (still the current letter), else the first to come (shown early).
 */
export function currentStage(state: NudgeState, now: Date): Stage | undefined {
  const planned = plannedStages(state);
  const next = planned.find((s) => s.stage > state.lastStage);
  if (next && next.dueAt.getTime() <= now.getTime()) return next.stage;
  const last = planned.find((s) => s.stage === state.lastStage);
  return (last ?? next)?.stage;
}

/** The nudge's idempotency key: the same on every retry, at most 25 characters (Discord's nonce limit). */
export function nudgeKey(deliveryId: number, stage: Stage, channel: 'dm' | 'fallback' = 'dm'): string {
  return `${channel === 'dm' ? 'kn' : 'kf'}${deliveryId.toString(36)}s${stage}`;
}

const BACKOFF_MINUTES = [1, 5, 15, 60] as const;
export const MAX_SEND_ATTEMPTS = BACKOFF_MINUTES.length + 1;
/**
 * Sends begun but never answered (the process died mid-send) are retried when the claim runs
 * out, far more often than platform failures; this bound only stops a message that crashes the
 * bot every time from taking it down for good.
 */
export const MAX_SEND_STARTS = 20;

/** When to try a send again after `attempts` transient failures, or null to give up. */
export function retryAt(attempts: number, now: Date, retryAfterMs = 0): Date | null {
  const minutes = BACKOFF_MINUTES[attempts - 1];
  if (minutes === undefined) return null;
  return new Date(now.getTime() + Math.max(minutes * MINUTE_MS, retryAfterMs));
}
