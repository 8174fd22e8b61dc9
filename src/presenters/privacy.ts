import { DateTime } from 'luxon';
import type { ErasureSummary, MemberExport } from '../domain/privacy.js';
import type { Reply, ReplyFile } from '../domain/reply.js';
import { messagesFor } from '../i18n/index.js';
import type { View } from './view.js';

/** How `/privacy export` and `/privacy delete` read. */

/** Fixed words and the date only: nothing a member typed goes into a file name. */
function exportFileName(now: Date, timezone: string): string {
  return `kenshu-privacy-export-${DateTime.fromJSDate(now, { zone: timezone }).toFormat('yyyyMMdd')}.json`;
}

export function exportFile(data: MemberExport, now: Date, view: View): ReplyFile {
  return { name: exportFileName(now, view.timezone), text: `${JSON.stringify({ exportedAt: now.toISOString(), ...data }, null, 2)}\n` };
}

export function exportReply(data: MemberExport, file: ReplyFile, view: View): Reply {
  const m = messagesFor(view.locale).privacy;
  return { tone: 'success', title: m.exportTitle, lines: [m.exportBody({ deliveries: data.deliveries.length, reports: data.reports.length })], footer: [m.exportPrivate], files: [file] };
}

/** What will be erased and what stays, with the one button that erases: the asker's own id on it. */
export function erasureQuestion(summary: ErasureSummary, memberId: number, view: View): Reply {
  const m = messagesFor(view.locale).privacy;
  return {
    tone: 'warning',
    title: m.deleteTitle,
    lines: m.deleteWill(summary).map((line) => `• ${line}`),
    footer: [...(summary.approvedReports > 0 ? [m.deleteKeeps(summary.approvedReports)] : []), m.deleteFinal],
    buttons: [{ action: 'erase', deliveryId: memberId, label: m.confirmButton, style: 'danger' }],
  };
}

export function erasedReply(view: View): Reply {
  const m = messagesFor(view.locale).privacy;
  return { tone: 'success', title: m.erasedTitle, lines: [m.erasedBody] };
}

export function nothingToEraseReply(view: View): Reply {
  const m = messagesFor(view.locale).privacy;
  return { tone: 'info', title: m.erasedTitle, lines: [m.alreadyErased] };
}
