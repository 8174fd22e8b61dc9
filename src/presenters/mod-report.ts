import { DateTime } from 'luxon';
import { STAGE_KEYS } from '../domain/ladder.js';
import type { Community, Locale } from '../domain/member.js';
import type { ModReport, ModReportStore, ReportPeriod } from '../domain/mod-report.js';
import type { Reply } from '../domain/reply.js';
import { calendarDaysBetween, formatDate, formatMonth, messagesFor } from '../i18n/index.js';
import { inert } from './text.js';
import { reportChartFile } from './report-chart.js';

/** The time zone a community's report and digest are read in: its own, else Kenshu's default. */
export function communityTimezone(community: Pick<Community, 'timezone'>, defaultTimezone: string): string {
  return community.timezone ?? defaultTimezone;
}

/**
 * `/mod report` as a moderator reads it. Dates are the community's (the period's time zone), not
 * the reader's: the week is the community's week. A withheld figure says why, never shows 0.
 */
function modReportReply(report: ModReport, locale: Locale, now: Date): Reply {
  const m = messagesFor(locale);
  const t = m.modReport;
  const { period, minWriters: min } = report;
  const date = (d: Date) => formatDate(d, locale, period.timezone);

  const d = report.deliveries;
  const deliveryLines =
    d.writers === 0 ? [t.noDeliveries] : d.counts ? [t.deliveryCounts(d.counts), ...(d.counts.paid > 0 ? [t.paidIncludesReleased] : [])] : [t.withheld(min)];
  deliveryLines.push(d.overdueNow.count === null && d.overdueNow.writers > 0 ? t.overdueWithheld(min) : t.overdueNow(d.overdueNow.count ?? 0));

  const r = report.resolvedAfter;
  const resolvedLines =
    r.writers === 0
      ? [t.noResolved]
      : r.byStage
        ? r.byStage.filter((s) => s.accepted + s.paid > 0).map((s) => t.resolvedLine(s.stage === 0 ? t.noReminder : m.stage[STAGE_KEYS[s.stage]].name, s.accepted, s.paid))
        : [t.withheld(min)];

  const marketplaceLines = report.marketplaces.map((x) =>
    x.acceptances === null && x.payments === null
      ? t.marketplaceWithheld(m.marketplace(x.marketplace), min)
      : t.marketplaceLine({ marketplace: m.marketplace(x.marketplace), acceptances: x.acceptances, payments: x.payments, toAcceptance: x.medianDaysToAcceptance, toPayment: x.medianDaysToPayment, min }),
  );

  const rep = report.reports;
  const oldest = rep.oldestPendingSince && { date: date(rep.oldestPendingSince), days: calendarDaysBetween(rep.oldestPendingSince, now, period.timezone) };
  const clientLines = report.newlyReportedClients.length
    ? report.newlyReportedClients.map((c) => t.clientLine(inert(c.name), c.categories.map((k) => m.client.category[k]), c.approved))
    : [t.noClients];

  return {
    tone: 'info',
    title: periodTitle(period, locale),
    sections: [
      { heading: t.deliveriesHeading, lines: deliveryLines },
      { heading: t.resolvedHeading, lines: resolvedLines },
      ...(marketplaceLines.length ? [{ heading: t.marketplacesHeading, lines: marketplaceLines }] : []),
      { heading: t.reportsHeading, lines: [t.reportCounts(rep), t.pending(rep.pending, oldest)] },
      { heading: t.clientsHeading, lines: clientLines },
    ],
    footer: [t.footer(period.timezone, min)],
    ephemeral: true,
  };
}

/** "the week Mon, Nov 16 to Sun, Nov 22" or "November 2026", in the period's own time zone. */
function periodTitle(period: ReportPeriod, locale: Locale): string {
  const t = messagesFor(locale).modReport;
  if (period.kind === 'month') return t.monthTitle(formatMonth(period.start, locale, period.timezone));
  const lastDay = DateTime.fromJSDate(period.end, { zone: period.timezone }).minus({ days: 1 }).toJSDate();
  return t.weekTitle(formatDate(period.start, locale, period.timezone), formatDate(lastDay, locale, period.timezone));
}

/**
 * The whole report for a community and period: what `/mod report` answers and what the weekly
 * digest posts, built in one place, with its chart as a PNG.
 */
export async function buildModReport(
  deps: { modReports: ModReportStore },
  community: Pick<Community, 'id' | 'minWriters'>,
  period: ReportPeriod,
  now: Date,
  locale: Locale,
): Promise<{ report: ModReport; reply: Reply }> {
  const report = await deps.modReports.report(community.id, period, now, community.minWriters);
  const reply = modReportReply(report, locale, now);
  // The figures are the report; a chart that cannot be drawn (a broken font or renderer install)
  // must not keep moderators from them, nor a digest from going out.
  const chart = await reportChartFile(report, locale).catch(() => undefined);
  return { report, reply: chart ? { ...reply, files: [chart] } : { ...reply, footer: [messagesFor(locale).modReport.chartMissing, ...(reply.footer ?? [])] } };
}
