import { and, eq, inArray, not, or, sql, type SQL } from 'drizzle-orm';
import { DEFAULT_STAGE_DAYS, DESK_STAGE } from '../domain/ladder.js';
import { PAYMENT_RELEASED_ON_ACCEPTANCE } from '../domain/marketplace.js';
import { deliveries, nudges } from './schema.js';

/**
 * The domain's rules as SQL, derived from their one definition in src/domain so that a query
 * and the code that plans reminders can never disagree.
 */

/** `acceptanceReleasesPayment` for a delivery row. */
const paymentReleasedOnAcceptance: SQL = and(
  eq(deliveries.escrow, PAYMENT_RELEASED_ON_ACCEPTANCE.escrow),
  inArray(deliveries.marketplace, [...PAYMENT_RELEASED_ON_ACCEPTANCE.marketplaces]),
)!;

/** Still waiting for something: review, or payment after an acceptance that did not release it. */
export const stillWaiting: SQL = or(eq(deliveries.status, 'awaiting_review'), and(eq(deliveries.status, 'accepted'), not(paymentReleasedOnAcceptance)))!;

/** Paid, or accepted where acceptance released the escrowed fee. */
export const paidOrReleased: SQL = or(eq(deliveries.status, 'paid'), and(eq(deliveries.status, 'accepted'), paymentReleasedOnAcceptance))!;

/** Days after delivery of the delivery's first reminder, per its marketplace (`firstStageDay`). */
export const firstStageDays: SQL = sql.join(
  [sql`case ${deliveries.marketplace}`, ...Object.entries(DEFAULT_STAGE_DAYS).map(([marketplace, days]) => sql`when ${marketplace} then ${days[1]}::integer`), sql`end`],
  sql` `,
);

/** The platform-desk stage's nudge went out for the delivery. */
export const deskNudgeSent: SQL = sql`exists (select 1 from ${nudges} where ${nudges.deliveryId} = ${deliveries.id} and ${nudges.stage} = ${DESK_STAGE} and ${nudges.state} = 'sent')`;
