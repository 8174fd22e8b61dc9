import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { Reply, ReplyFile } from '../domain/reply.js';
import type { ExportedReport } from '../domain/reports.js';
import { messagesFor } from '../i18n/index.js';
import type { View } from './view.js';

/**
 * How `/mod export` reads: a CSV file of the community's approved reports, one row per report,
 * with what a lookup shows of it. Dated by month, as lookups date reports (a day can point at the
 * one writer who delivered then); never the reporter, never the moderators' note.
 */

const COLUMNS = ['number', 'client', 'identity', 'profile', 'category', 'filed', 'approved', 'expires', 'outcome', 'reply', 'replied'] as const;

/** `2026-11`, in the moderator's time zone: sorts as text, and reads the same in either language. */
function month(date: Date | null | undefined, timezone: string): string {
  return date ? DateTime.fromJSDate(date, { zone: timezone }).toFormat('yyyy-MM') : '';
}

/** Fixed words, the community's number and the date only: nothing a member typed goes into a file name. */
function exportFileName(communityId: number, now: Date, timezone: string): string {
  return `kenshu-reports-${communityId}-${DateTime.fromJSDate(now, { zone: timezone }).toFormat('yyyyMMdd')}.csv`;
}

/**
 * The reports as CSV. A byte order mark, so that Excel opens it as UTF-8 and Japanese reads as
 * typed; CRLF line ends (RFC 4180); and formula escaping, since client names and replies are typed
 * by members: a cell starting with `=`, `+`, `-` or `@` gets a leading `'` and is never run
 * (OWASP, "CSV Injection").
 */
export function reportExportFile(reports: readonly ExportedReport[], communityId: number, now: Date, view: View): ReplyFile {
  const m = messagesFor(view.locale);
  const e = m.modExport;
  const rows = reports.map((r): Record<(typeof COLUMNS)[number], string | number> => ({
    number: r.number,
    client: r.client.displayName,
    identity: r.client.key,
    profile: r.client.profileUrl ?? '',
    category: m.client.category[r.category],
    filed: month(r.filedAt, view.timezone),
    approved: month(r.approvedAt, view.timezone),
    expires: month(r.expiresAt, view.timezone),
    outcome: e.outcome[r.outcome],
    reply: r.reply?.text ?? '',
    replied: month(r.reply?.at, view.timezone),
  }));
  const text = stringify(rows, {
    bom: true,
    header: true,
    columns: COLUMNS.map((key) => ({ key, header: e.columns[key] })),
    escape_formulas: true,
    record_delimiter: 'windows',
  });
  return { name: exportFileName(communityId, now, view.timezone), text };
}

/** The moderator's reply: how many, what the file holds and where it may go; no file when there is nothing. */
export function reportExportReply(reports: readonly ExportedReport[], file: ReplyFile, view: View): Reply {
  const e = messagesFor(view.locale).modExport;
  if (reports.length === 0) return { tone: 'info', title: e.emptyTitle, lines: [e.emptyBody], ephemeral: true };
  return { tone: 'success', title: e.title(reports.length), lines: [e.body], footer: [e.privacy], files: [file], ephemeral: true };
}
