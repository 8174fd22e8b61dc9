import type { Escrow, Marketplace } from './marketplace.js';
import { acceptanceReleasesPayment } from './marketplace.js';
import { DAY_MS } from './time.js';

export const STAGES = [1, 2, 3, 4, 5] as const;
export type Stage = (typeof STAGES)[number];

/** What each stage is for; the localized wording lives in src/i18n. */
export const STAGE_KEYS = {
  1: 'check_in',
  2: 'follow_up',
  3: 'platform_desk',
  4: 'record_and_warn',
  5: 'legal',
} as const satisfies Record<Stage, string>;
export type StageKey = (typeof STAGE_KEYS)[Stage];

/** The stage that asks the platform's support desk to contact the client. */
export const DESK_STAGE = 3 satisfies Stage;

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
 * - Stage 5 comes well before the Freelance Act's LEGAL_PAYMENT_DAYS from receipt run out.
 */
export const DEFAULT_STAGE_DAYS: Record<Marketplace, Record<Stage, number | null> & { 1: number }> = {
  crowdworks: { 1: 3, 2: 7, 3: 8, 4: 21, 5: 50 },
  lancers: { 1: 3, 2: 5, 3: 7, 4: 21, 5: 50 },
  coconala: { 1: 2, 2: null, 3: 3, 4: 14, 5: 50 },
  upwork: { 1: 3, 2: 7, 3: 15, 4: 21, 5: 50 },
  direct: { 1: 3, 2: 7, 3: null, 4: 21, 5: 50 },
  other: { 1: 3, 2: 7, 3: null, 4: 21, 5: 50 },
};

/** Stages that wait for payment rather than for review (they still come after acceptance). */
const PAYMENT_STAGES: readonly Stage[] = [4, 5];

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
}

/**
 * The stages still ahead for a delivery in its current status, in order. Waiting for review runs
 * the whole ladder; once accepted, only a delivery whose acceptance does not release payment
 * keeps its payment stages; paid and cancelled deliveries have none.
 */
export function plannedStages(input: PlanInput, days = DEFAULT_STAGE_DAYS[input.marketplace]): PlannedStage[] {
  if (input.status === 'paid' || input.status === 'cancelled') return [];
  const awaitingPaymentOnly = input.status === 'accepted';
  if (awaitingPaymentOnly && acceptanceReleasesPayment(input.marketplace, input.escrow)) return [];

  const plan: PlannedStage[] = [];
  for (const stage of STAGES) {
    const day = days[stage];
    if (day === null) continue;
    if (awaitingPaymentOnly && !PAYMENT_STAGES.includes(stage)) continue;
    plan.push({ stage, key: STAGE_KEYS[stage], day, dueAt: new Date(input.deliveredAt.getTime() + day * DAY_MS) });
  }
  return plan;
}

/** The next stage that is not yet due at `now`, if any. */
export function nextPlannedStage(input: PlanInput, now: Date): PlannedStage | undefined {
  return plannedStages(input).find((s) => s.dueAt.getTime() > now.getTime());
}
