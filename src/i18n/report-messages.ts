import type { ReportOutcome } from '../domain/reports.js';

/**
 * What Kenshu says in the moderators' reports: the community's report (and the weekly digest
 * that posts it), its chart, and the export of approved reports. Part of `Messages`.
 */
export interface ReportMessages {
  /** /mod report and the weekly digest: the community's figures over a week or a month. */
  modReport: {
    weekTitle: (from: string, to: string) => string;
    monthTitle: (month: string) => string;
    /** Figures from fewer than `min` writers are not shown; said where one would be. */
    withheld: (min: number) => string;
    deliveriesHeading: string;
    /** Nobody recorded, accepted, paid or cancelled a delivery in the period: a true zero. */
    noDeliveries: string;
    deliveryCounts: (c: { recorded: number; accepted: number; paid: number; cancelled: number }) => string;
    /** Why paid can exceed accepted: an acceptance that released an escrowed fee is its payment too. */
    paidIncludesReleased: string;
    overdueNow: (count: number) => string;
    overdueWithheld: (min: number) => string;
    resolvedHeading: string;
    noResolved: string;
    /** `stage`: the last reminder sent before the outcome, or `noReminder`. */
    resolvedLine: (stage: string, accepted: number, paid: number) => string;
    noReminder: string;
    marketplacesHeading: string;
    /** A null count is withheld: fewer than `min` writers contributed to it. */
    marketplaceLine: (p: { marketplace: string; acceptances: number | null; payments: number | null; toAcceptance: number | null; toPayment: number | null; min: number }) => string;
    marketplaceWithheld: (marketplace: string, min: number) => string;
    reportsHeading: string;
    reportCounts: (c: { filed: number; approved: number; rejected: number; removed: number }) => string;
    pending: (count: number, oldest: { date: string; days: number } | null) => string;
    clientsHeading: string;
    clientLine: (name: string, categories: readonly string[], approved: number) => string;
    noClients: string;
    /** Where the dates are read and what the small-group rule is. */
    footer: (timezone: string, min: number) => string;
    /** The chart could not be drawn; the figures above stand on their own. */
    chartMissing: string;
  };
  /** /mod export: the community's approved reports as a CSV file, and the reply that carries it. */
  modExport: {
    title: (count: number) => string;
    body: string;
    /** The file names clients: where it may go. */
    privacy: string;
    emptyTitle: string;
    emptyBody: string;
    /** The file's header row, one name per column. */
    columns: {
      number: string;
      client: string;
      identity: string;
      profile: string;
      category: string;
      filed: string;
      approved: string;
      expires: string;
      outcome: string;
      reply: string;
      replied: string;
    };
    outcome: Record<ReportOutcome, string>;
  };
  /** The chart that comes with the moderators' report: deliveries per week, days to acceptance. */
  modChart: {
    /** `from` and `to`: the report's period, first and last day. */
    title: (from: string, to: string) => string;
    weeksTitle: string;
    weekAxis: string;
    /** A week on the axis, from its Monday as `YYYY-MM-DD`. */
    weekLabel: (weekStart: string) => string;
    countAxis: string;
    outcomeLegend: string;
    outcome: Record<'accepted' | 'paid' | 'cancelled' | 'open', string>;
    marketplacesTitle: string;
    daysAxis: string;
    /** The mark beside a week withheld by the small-group rule, and the line that explains it. */
    withheldMark: string;
    weeksWithheld: (minWriters: number) => string;
    marketplacesWithheld: (minWriters: number, names: readonly string[]) => string;
    noAcceptances: (names: readonly string[]) => string;
    noDeliveries: string;
    noMarketplaces: string;
    /** A panel whose every figure is withheld or missing, as the notes under the title say. */
    nothingShown: string;
  };
}
