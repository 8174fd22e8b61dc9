import { and, eq, inArray, not, or, sql, type SQL } from 'drizzle-orm';
import { DEFAULT_STAGE_DAYS } from '../domain/ladder.js';
import { PAYMENT_RELEASED_ON_ACCEPTANCE } from '../domain/marketplace.js';
import { deliveries, deliveryEvents, flags } from './schema.js';

/**
 * The domain's rules as SQL, derived from their one definition in src/domain so that a query
 * and the code that plans reminders can never disagree.
 */

/** `acceptanceReleasesPayment` for a delivery row. */
export const paymentReleasedOnAcceptance: SQL = and(
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

/**
 * Recorded long enough to count in pooled figures: a first reminder's days have passed since
 * Kenshu recorded the delivery (or since its delivery date, if that is later), so a burst of
 * freshly typed, backdated deliveries cannot move a client's figures at once. `now` is an SQL
 * timestamptz.
 */
export function recordedForFirstStage(now: SQL): SQL {
  return sql`greatest(${deliveries.createdAt}, ${deliveries.deliveredAt}) <= ${now} - make_interval(days => ${firstStageDays})`;
}

/**
 * The writer confirmed asking the platform's desk about the delivery (the `desk` kind of
 * events.ts). Kenshu's own reminder to ask proves nothing: only the writer's record counts. The
 * kind is written as a literal, not a parameter, so that the prepared lookup's generic plan can use
 * the partial index delivery_events_desk, whose predicate states the same literal.
 */
export const deskConfirmed: SQL = sql`exists (select 1 from ${deliveryEvents} where ${deliveryEvents.deliveryId} = ${deliveries.id} and ${deliveryEvents.kind} = 'desk')`;

/**
 * A report that shows in lookups at `now` (an SQL timestamptz): approved, and not past the time
 * its approval gave it (FLAG_TTL_DAYS). Lookups, the reporters told of a client's reply and
 * `/mod export` read the same reports.
 */
export function shownAt(now: SQL): SQL {
  return sql`(${flags.state} = 'approved' and (${flags.expiresAt} is null or ${flags.expiresAt} > ${now}))`;
}

/** What became of a report's linked delivery, as lookups count it: paid (or released) first, then accepted. */
export const laterOutcome: SQL = sql`case when ${deliveries.id} is null then 'none' when ${paidOrReleased} then 'paid' when ${deliveries.status} = 'accepted' then 'accepted' else 'none' end`;
