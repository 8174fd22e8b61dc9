import type { Escrow, Marketplace } from './marketplace.js';
import { acceptanceReleasesPayment } from './marketplace.js';
import { LEGAL_PAYMENT_DAYS } from './facts.js';
import { DAY_MS } from './time.js';

export const STAGES = [1, 2, 3, 4, 5, 6] as const;
export type Stage = (typeof STAGES)[number];

/** What each stage is for; the localized wording lives in src/i18n. */
export const STAGE_KEYS = {
  1: 'check_in',
  2: 'follow_up',
  3: 'platform_desk',
  4: 'record_and_warn',
  5: 'legal',
  6: 'after_deadline',
} as const satisfies Record<Stage, string>;
export type StageKey = (typeof STAGE_KEYS)[Stage];

/** The stage that asks the platform's support desk to contact the client. */
export const DESK_STAGE = 3 satisfies Stage;

/**
 * The day after the Freelance Act's deadline: it counts the day of receipt as day 1 (初日算入), so
 * its last day is LEGAL_PAYMENT_DAYS - 1 days after delivery.
 */
const AFTER_DEADLINE_DAY = LEGAL_PAYMENT_DAYS;

/**
 * Days after delivery at which each stage becomes due; `null` where the stage does not apply.
 * They are Kenshu's choices built on the platforms' own rules (facts.ts; DESIGN.md §2):
 * - CrowdWorks' review guideline (CROWDWORKS_REVIEW_GUIDELINE_WEEKS): the desk is asked the day after.
 * - Lancers expects a few messages first (LANCERS_MESSAGES_BEFORE_DESK), and its contact reminder
 *   request opens after LANCERS_CONTACT_REMINDER_AFTER_DAYS of silence.
 * - Coconala approves a formal delivery by itself after COCONALA_AUTO_APPROVAL_HOURS, so the
 *   first reminder checks the delivery was formal and the next goes to support.
 * - An Upwork milestone releases itself UPWORK_AUTO_RELEASE_DAYS after submission; support is
 *   asked the day after, if it did not.
 * - Outside a platform there is no desk to ask.
 * - Stage 5 comes well before the Freelance Act's LEGAL_PAYMENT_DAYS from receipt run out; stage 6,
 *   the day after they have, gives the routes that remain.
 */
export const DEFAULT_STAGE_DAYS: Record<Marketplace, Record<Stage, number | null> & { 1: number }> = {
  crowdworks: { 1: 3, 2: 7, 3: 8, 4: 21, 5: 50, 6: AFTER_DEADLINE_DAY },
  lancers: { 1: 3, 2: 5, 3: 7, 4: 21, 5: 50, 6: AFTER_DEADLINE_DAY },
  coconala: { 1: 2, 2: null, 3: 3, 4: 14, 5: 50, 6: AFTER_DEADLINE_DAY },
  upwork: { 1: 3, 2: 7, 3: 15, 4: 21, 5: 50, 6: AFTER_DEADLINE_DAY },
  direct: { 1: 3, 2: 7, 3: null, 4: 21, 5: 50, 6: AFTER_DEADLINE_DAY },
  other: { 1: 3, 2: 7, 3: null, 4: 21, 5: 50, 6: AFTER_DEADLINE_DAY },
};

/** Stages that wait for payment rather than for review (they still come after acceptance). */
const PAYMENT_STAGES: readonly Stage[] = [4, 5, 6];
/** The stage that asks for payment: with agreed terms, it comes the day after the agreed date. */
const DUE_DATE_STAGE = 4 satisfies Stage;
/** Two messages about one delivery are at least this far apart. */
const MIN_GAP_DAYS = 1;
/**
 * Stages tied to the legal deadline (the letter before it, the routes after it) keep a gap of at
 * most this many days from the previous message, so that a late start does not push them weeks
 * past the day they are about.
 */
const DEADLINE_STAGES: readonly Stage[] = [5, 6];
const DEADLINE_STAGE_MAX_GAP_DAYS = 3;

export type DeliveryStatus = 'awaiting_review' | 'accepted' | 'paid' | 'cancelled';

export interface PlannedStage {
  stage: Stage;
  key: StageKey;
  day: number;
  dueAt: Date;
}


export interface PlanInput {
  marketplace: Marketplace;
  escrow: Escrow;
  status: DeliveryStatus;
  deliveredAt: Date;
  /** When payment is due under agreed terms: payment stages count from it instead of from delivery. */
  dueAt?: Date | null;
  /** The last stage that went out, and when: the next ones keep the ladder's gaps from it. */
  lastStage?: number;
  lastNudgeAt?: Date | null;
}

const after = (from: Date, days: number) => new Date(from.getTime() + days * DAY_MS);
const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/**
 * The stages for a delivery in its current status, in order, with when each comes due. Waiting
 * for review runs the whole ladder; once accepted, only a delivery whose acceptance does not
 * release payment keeps its payment stages; paid and cancelled deliveries have none.
 *
 * Each stage's day counts from delivery; with agreed payment terms, the payment request comes
 * the day after the agreed date instead (the legal deadline's stages stay tied to delivery: they
 * are facts about it). Once a stage has gone out, the ones after it keep the ladder's usual gaps
 * from that message: a delivery recorded three weeks late gets the check-in first and the firmer
 * letters at their usual distance after it, never all at once.
 */
export function plannedStages(input: PlanInput, days?: Readonly<Record<Stage, number | null>>): readonly PlannedStage[] {
  if (days) return planStages(input, days);
  let plan = plans.get(input);
  if (!plan) {
    plan = Object.freeze(planStages(input, DEFAULT_STAGE_DAYS[input.marketplace]));
    plans.set(input, plan);
  }
  return plan;
}

/**
 * Plans by the very object planned: a nudge asks for its delivery's plan several times (to decide,
 * to write the letter, to plan the next look). Deliveries are never changed in place: a changed
 * one is a new object, with a plan of its own.
 */
const plans = new WeakMap<PlanInput, readonly PlannedStage[]>();

function planStages(input: PlanInput, days: Readonly<Record<Stage, number | null>>): PlannedStage[] {
  if (input.status === 'paid' || input.status === 'cancelled') return [];
  const awaitingPaymentOnly = input.status === 'accepted';
  if (awaitingPaymentOnly && acceptanceReleasesPayment(input.marketplace, input.escrow)) return [];

  const nominal = (stage: Stage, day: number): Date => {
    const fromDelivery = after(input.deliveredAt, day);
    // The payment request comes the day after the agreed date (which ends at midnight): at noon.
    if (!input.dueAt || stage !== DUE_DATE_STAGE) return fromDelivery;
    return later(fromDelivery, after(input.dueAt, 0.5));
  };
  const lastStage = input.lastStage ?? 0;
  const lastDay = lastStage > 0 ? days[lastStage as Stage] : null;
  const anchor = input.lastNudgeAt && lastDay !== null && lastDay !== undefined ? { at: input.lastNudgeAt, day: lastDay } : undefined;

  const plan: PlannedStage[] = [];
  for (const stage of STAGES) {
    const day = days[stage];
    if (day === null) continue;
    if (awaitingPaymentOnly && !PAYMENT_STAGES.includes(stage)) continue;
    let dueAt = nominal(stage, day);
    if (anchor && stage > lastStage) {
      // The ladder's gap between the two stages, at least a day: never two letters at once.
      let gapDays = Math.max(MIN_GAP_DAYS, day - anchor.day);
      if (DEADLINE_STAGES.includes(stage)) gapDays = Math.min(gapDays, DEADLINE_STAGE_MAX_GAP_DAYS);
      dueAt = later(dueAt, after(anchor.at, gapDays));
    }
    plan.push({ stage, key: STAGE_KEYS[stage], day, dueAt });
  }
  return plan;
}
