import { DateTime } from 'luxon';
import type { Stage } from './ladder.js';
import type { Marketplace } from './marketplace.js';
import type { FlagCategory } from './warning-list.js';

/**
 * What moderators see of their community's health (`/mod report`, the weekly digest): how its
 * deliveries went, which reminder preceded each outcome, how long clients take per marketplace,
 * and how the review of reports goes. Every figure drawn from writers' deliveries follows the
 * warning list's small-group rule: from fewer than `minWriters` writers it is withheld (null),
 * and the writers it was drawn from are counted so the presenter can say why. From no writers at
 * all a figure is a true zero, not withheld.
 */
export interface ModReport {
  period: ReportPeriod;
  /** The community's small-group threshold the figures were cut with. */
  minWriters: number;
  deliveries: DeliveryOutcomes;
  /** Which reminder was the last one sent before each acceptance or payment in the period. */
  resolvedAfter: ResolvedAfter;
  /**
   * Median days to acceptance and to payment, per marketplace with an outcome in the period, pooled
   * as a client lookup pools them: one writer's deliveries for one client count at most the
   * community's `max_per_writer` times, so these counts can be below the totals above.
   */
  marketplaces: MarketplaceTimes[];
  reports: ReportActivity;
  /** Clients with a report approved in the period, most reports first. */
  newlyReportedClients: NewlyReportedClient[];
  /** The 12 calendar weeks ending with the period's end, oldest first: the chart's bars. */
  weeks: WeekOutcomes[];
}

export const PERIOD_KINDS = ['week', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A calendar week (Monday to Sunday) or month in a time zone: `[start, end)`. */
export interface ReportPeriod {
  kind: PeriodKind;
  start: Date;
  end: Date;
  timezone: string;
}

interface DeliveryOutcomes {
  /** Writers with a delivery recorded, accepted, paid or cancelled in the period. */
  writers: number;
  /** Null while `writers` is under the threshold. */
  counts: { recorded: number; accepted: number; paid: number; cancelled: number } | null;
  /** Open deliveries past their first reminder's threshold now, and the writers they belong to. */
  overdueNow: { writers: number; count: number | null };
}

interface ResolvedAfter {
  writers: number;
  /**
   * One row per stage (0: no reminder had been sent yet), counting acceptances and payments
   * recorded in the period by the highest stage sent before them. Null under the threshold.
   */
  byStage: { stage: 0 | Stage; accepted: number; paid: number }[] | null;
}

export interface MarketplaceTimes {
  marketplace: Marketplace;
  writers: number;
  /** Null under the threshold, as the medians: a count from one writer is that writer's own. */
  acceptances: number | null;
  payments: number | null;
  /** Days from delivery to acceptance (payment), median; null under the threshold or with none. */
  medianDaysToAcceptance: number | null;
  medianDaysToPayment: number | null;
}

interface ReportActivity {
  filed: number;
  approved: number;
  rejected: number;
  removed: number;
  /** Pending now, whenever filed. */
  pending: number;
  oldestPendingSince: Date | null;
}

interface NewlyReportedClient {
  /** The client's key (`crowdworks:123`, `name:…`) and the name it is shown by. */
  key: string;
  name: string;
  categories: FlagCategory[];
  approved: number;
}

export interface WeekOutcomes {
  /** The week's Monday, `YYYY-MM-DD` in the period's time zone. */
  weekStart: string;
  writers: number;
  /** Deliveries recorded that week by their outcome today; null under the threshold. */
  counts: { accepted: number; paid: number; cancelled: number; open: number } | null;
}

function local(at: Date, timezone: string): DateTime {
  return DateTime.fromJSDate(at, { zone: timezone });
}

/** The last full calendar week (Monday to Sunday) or month before `now`, in `timezone`. */
export function lastFullPeriod(kind: PeriodKind, now: Date, timezone: string): ReportPeriod {
  const unit = kind === 'week' ? 'week' : 'month';
  // Luxon's weeks are ISO weeks: they start on Monday.
  const end = local(now, timezone).startOf(unit);
  const start = end.minus({ [unit === 'week' ? 'weeks' : 'months']: 1 });
  return { kind, start: start.toJSDate(), end: end.toJSDate(), timezone };
}

/** The weekly digest goes out on Mondays at this local hour. */
const DIGEST_HOUR = 9;

/** The first Monday 09:00 in `timezone` strictly after `after`. */
export function nextDigestAt(after: Date, timezone: string): Date {
  const thisWeek = local(after, timezone).startOf('week').set({ hour: DIGEST_HOUR });
  return (thisWeek.toMillis() > after.getTime() ? thisWeek : thisWeek.plus({ weeks: 1 })).toJSDate();
}

/**
 * The week a digest due at `now` reports on: the last full week before the latest Monday 09:00
 * that has passed. A digest that comes late (Kenshu was down) reports on that week, once.
 */
export function digestWeek(now: Date, timezone: string): ReportPeriod {
  const monday = local(now, timezone).startOf('week');
  const latestPost = monday.set({ hour: DIGEST_HOUR }).toMillis() <= now.getTime() ? monday : monday.minus({ weeks: 1 });
  return lastFullPeriod('week', latestPost.toJSDate(), timezone);
}

/** A period's first day as `YYYY-MM-DD` in its time zone (a digest's week, a file's name). */
export function periodStartDate(period: ReportPeriod): string {
  return local(period.start, period.timezone).toISODate()!;
}

/** Where the report's figures come from: one community's deliveries, reminders and reports. */
export interface ModReportStore {
  /**
   * The report for `communityId` over `period`; "now" figures (overdue, pending) as of `now`.
   * Figures from fewer than `minWriters` writers come back null.
   */
  report(communityId: number, period: ReportPeriod, now: Date, minWriters: number): Promise<ModReport>;
}

/** The 12 calendar weeks ending with the week that holds the period's last day, oldest first: `[start, end)`. */
export function chartWeeks(period: ReportPeriod): { weekStart: string; start: Date; end: Date }[] {
  const lastMonday = local(new Date(period.end.getTime() - 1), period.timezone).startOf('week');
  return Array.from({ length: 12 }, (_, i) => {
    const start = lastMonday.minus({ weeks: 11 - i });
    return { weekStart: start.toISODate()!, start: start.toJSDate(), end: start.plus({ weeks: 1 }).toJSDate() };
  });
}
