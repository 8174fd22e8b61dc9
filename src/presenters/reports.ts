import { STAGE_KEYS } from '../domain/ladder.js';
import type { Locale } from '../domain/member.js';
import type { Reply, ReplyButton } from '../domain/reply.js';
import type { QueueEntry, ReviewAction, ReviewedReport } from '../domain/reports.js';
import type { ClientRecord, FlagCategory } from '../domain/warning-list.js';
import { formatDate, messagesFor } from '../i18n/index.js';
import { inert } from './text.js';

/**
 * How the review queue and its decisions read. Moderators see the facts of a report, the note and
 * the reporter's record in counts; never who the reporter is. Everything a member typed is plain.
 */

interface View {
  locale: Locale;
  timezone: string;
}

/** Buttons per row on the platforms that lay them out in rows (Discord allows five). */
const BUTTONS_PER_ROW = 5;

function clientLine(client: ClientRecord, locale: Locale): string {
  const m = messagesFor(locale);
  const where = [client.marketplace ? m.marketplace(client.marketplace) : null, client.profileUrl ?? (client.key.startsWith('name:') ? null : client.key)].filter(Boolean).join(', ');
  return m.modQueue.client(inert(client.displayName), where);
}

function entryLines(entry: QueueEntry, view: View): string[] {
  const m = messagesFor(view.locale);
  const q = m.modQueue;
  const date = (d: Date) => formatDate(d, view.locale, view.timezone);
  const { delivery } = entry;
  const sent = entry.nudges.filter((n) => n.state === 'sent' && n.sentAt).map((n) => q.reminder(m.stage[STAGE_KEYS[n.stage]].name, date(n.sentAt!)));
  return [
    clientLine(entry.client, view.locale),
    q.filed(date(entry.flag.createdAt)),
    ...(delivery
      ? [q.delivery({ marketplace: m.marketplace(delivery.marketplace), delivered: date(delivery.deliveredAt), recorded: date(delivery.createdAt), status: m.status[delivery.status] }), q.reminders(sent)]
      : [q.noDelivery]),
    q.reporterRecord(entry.reporterRecord),
    entry.note ? q.note(inert(entry.note)) : q.noNote,
  ];
}

/**
 * One page of the queue. The buttons: Approve for each entry (one row per five), then Reject for
 * each, then Next: ten entries and Next fit Discord's five rows of five.
 */
export function queueReply(queue: { entries: QueueEntry[]; total: number; page: number; pages: number }, view: View): Reply {
  const m = messagesFor(view.locale);
  const q = m.modQueue;
  if (queue.total === 0) return { tone: 'info', title: q.empty };
  const numbers = queue.entries.map((e) => e.flag.number);
  const rowOf = (i: number, offset: number) => offset + Math.floor(i / BUTTONS_PER_ROW);
  const approveRows = Math.ceil(numbers.length / BUTTONS_PER_ROW);
  const buttons: ReplyButton[] = [
    ...numbers.map((n, i): ReplyButton => ({ action: 'approve', deliveryId: n, label: q.approveButton(n), style: 'success', row: rowOf(i, 0) })),
    ...numbers.map((n, i): ReplyButton => ({ action: 'reject', deliveryId: n, label: q.rejectButton(n), style: 'danger', row: rowOf(i, approveRows) })),
    ...(queue.page < queue.pages ? [{ action: 'queue', deliveryId: queue.page + 1, label: q.nextButton, style: 'secondary', row: approveRows * 2 } as const] : []),
  ];
  return {
    tone: 'info',
    title: q.title(queue.total),
    lines: [q.page(queue.page, queue.pages)],
    sections: queue.entries.map((e) => ({ heading: q.entryHeading(e.flag.number, m.client.category[e.flag.category]), lines: entryLines(e, view) })),
    footer: [q.hint],
    buttons,
  };
}

const TITLES = { approve: 'approvedTitle', reject: 'rejectedTitle', remove: 'removedTitle' } as const satisfies Record<ReviewAction, string>;

/** What the moderator sees after a decision, and whether the reporter was told. */
export function reviewReply(action: ReviewAction, reviewed: ReviewedReport, reason: string | null, told: boolean, view: View): Reply {
  const q = messagesFor(view.locale).modQueue;
  return {
    tone: 'success',
    title: q[TITLES[action]](reviewed.after.number),
    lines: [
      ...(action === 'approve' && reviewed.after.expiresAt ? [q.approvedBody(formatDate(reviewed.after.expiresAt, view.locale, view.timezone))] : []),
      told ? q.reporterTold : q.reporterNotTold,
    ],
    fields: [
      { label: messagesFor(view.locale).client.identity, value: inert(reviewed.client.displayName) },
      ...(reason ? [{ label: q.reason, value: inert(reason) }] : []),
    ],
  };
}

/** The DM telling the reporter of a decision on their report, in their language. */
export function decisionDm(action: ReviewAction, reviewed: ReviewedReport, reason: string | null, view: View): Reply {
  const m = messagesFor(view.locale);
  const q = m.modQueue;
  const n = reviewed.after.number;
  const about = q.dmAbout(inert(reviewed.client.displayName), m.client.category[reviewed.after.category]);
  const reasonField = reason ? [{ label: q.reason, value: inert(reason) }] : [];
  switch (action) {
    case 'approve':
      return { tone: 'success', title: q.dmApprovedTitle(n), lines: [about, q.dmApprovedBody(formatDate(reviewed.after.expiresAt ?? reviewed.after.createdAt, view.locale, view.timezone))] };
    case 'reject':
      return { tone: 'info', title: q.dmRejectedTitle(n), lines: [about, q.dmRejectedBody], fields: reasonField };
    case 'remove':
      return { tone: 'info', title: q.dmRemovedTitle(n), lines: [about, q.dmRemovedBody], fields: reasonField };
  }
}

/** The moderators' channel is told a report waits: the client and the category, never who filed it or the note. */
export function newReportNotice(report: { number: number; category: FlagCategory; client: ClientRecord }, locale: Locale): Reply {
  const m = messagesFor(locale);
  return {
    tone: 'info',
    title: m.modQueue.newReportTitle(report.number),
    lines: [clientLine(report.client, locale), `${m.client.reason}: ${m.client.category[report.category]}`],
    footer: [m.modQueue.newReportHint],
    ephemeral: false,
  };
}
