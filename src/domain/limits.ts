/**
 * Bounds on everything a user can type. Command definitions use them for option lengths (so a
 * platform can enforce them client-side) and the domain checks them again on every write.
 */
export const LIMITS = {
  clientLength: 300,
  titleLength: 200,
  urlLength: 500,
  currencyLength: 3,
  /** Largest amount accepted, in the currency's major unit (¥100,000,000 or $100,000,000). */
  amountMax: 100_000_000,
  deliveryNumberMax: 9_999_999,
  /** Other spellings of a client a reply mentions at most. */
  spellingsShown: 3,
  /** Lines on one `/deliver list` page. */
  listPageSize: 20,
  memberNameLength: 64,
  /** A report's note, for moderators only. */
  noteLength: 500,
  /** The client's reply a moderator records (`/mod reply text:`). */
  clientReplyLength: 1000,
  /** Lines on one `/mod audit` page. */
  auditPageSize: 20,
  /** A moderator's reason for rejecting or removing a report, which the reporter is told. */
  reviewReasonLength: 500,
  /** A community's own counts: `consensus_min_writers` and `flag_daily_limit` (from 1). */
  communityCountMax: 50,
  /** The pooled figures' bounds: `max_per_writer` and `min_writers` (from 1). */
  figuresCountMax: 20,
  /** What the writer adds to an event of their record (`/deliver log text:`). */
  eventTextLength: 500,
  /** Longest a report stays visible after approval, and the default. */
  flagTtlDaysMax: 3650,
  /** A delivery date typed without a year (`12/25`) may lie this many months back at most. */
  yearlessDateMonths: 6,
  /** Delivery dates before this are treated as typos. */
  earliestDelivery: '2000-01-01',
} as const;
