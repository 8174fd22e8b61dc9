import { DateTime } from 'luxon';
import type { Community, Locale } from '../domain/member.js';
import type { ReportPeriod } from '../domain/mod-report.js';
import type { Reply } from '../domain/reply.js';
import type { ModReportStore } from '../domain/mod-report.js';
import { formatDayRange, messagesFor } from '../i18n/index.js';
import { buildModReport } from './mod-report.js';

/** The period's last day: its end is the next Monday's midnight, exclusive. */
function lastDay(period: ReportPeriod): Date {
  return DateTime.fromJSDate(period.end, { zone: period.timezone }).minus({ days: 1 }).toJSDate();
}

/**
 * The weekly digest as the moderators' channel shows it: the week in the title, the period with
 * its time zone, `body` (the report's figures and chart, when given) and a pointer to /mod report.
 * Its one button opens the review queue; the scheduler's key rides on it, so a retry can find a
 * digest an earlier try already posted.
 */
export function digestReply(community: Pick<Community, 'id'>, period: ReportPeriod, locale: Locale, body?: Reply): Reply {
  const m = messagesFor(locale).mod;
  const last = lastDay(period);
  return {
    ...body,
    tone: body?.tone ?? 'info',
    title: m.digestTitle(formatDayRange(period.start, last, locale, period.timezone)),
    lines: [m.digestPeriod(period.timezone), ...(body?.lines ?? [])],
    footer: [...(body?.footer ?? []), m.digestMore],
    // Page 1 of the queue: whoever clicks is checked as a moderator of this community.
    buttons: [...(body?.buttons ?? []), { action: 'queue', deliveryId: 1, label: m.digestQueueButton, style: 'secondary' }],
    ephemeral: false,
  };
}

/** The digest as posted: the week's report, figures and chart, the same as /mod report gives. */
export function composeDigest(deps: { modReports: ModReportStore }) {
  return async (community: Pick<Community, 'id' | 'minWriters'>, period: ReportPeriod, locale: Locale, now: Date): Promise<Reply> =>
    digestReply(community, period, locale, (await buildModReport(deps, community, period, now, locale)).reply);
}
