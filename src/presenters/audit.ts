import type { AuditRecord } from '../domain/moderation.js';
import type { Reply } from '../domain/reply.js';
import { formatDateTime, messagesFor } from '../i18n/index.js';
import { clip, inert } from './text.js';
import type { View } from './view.js';

/** How `/mod audit` reads: one entry per action, newest first, names as members are called now. */

const VALUE_MAX = 120;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z$/;

/**
 * A before or after value of the log (JSON as the change wrote it), as a short line of inert text;
 * a time (a report's expiry) reads as the moderator's own date and time.
 */
function value(v: unknown, none: string, view: View): string {
  if (v === null || v === undefined) return none;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    // `{ text: … }` or `{ into: … }`: the one value says it all.
    if (entries.length === 1) return value(entries[0]![1], none, view);
    return clip(entries.map(([k, x]) => `${inert(k)}: ${value(x, none, view)}`).join(', '), VALUE_MAX);
  }
  if (typeof v === 'string' && ISO_TIME.test(v)) return formatDateTime(new Date(v), view.locale, view.timezone);
  return clip(inert(typeof v === 'string' ? v : JSON.stringify(v)), VALUE_MAX);
}

export function auditReply(log: { records: AuditRecord[]; total: number }, page: number, size: number, view: View): Reply {
  const m = messagesFor(view.locale).modAudit;
  const pages = Math.max(1, Math.ceil(log.total / size));
  if (log.records.length === 0) return { tone: 'info', title: m.title(page, pages), lines: [log.total > 0 ? m.pastEnd(pages) : m.empty] };
  const lines = log.records.flatMap((r) => {
    const who = r.actorId === null ? m.kenshu : r.actorName === null ? m.erasedMember : inert(r.actorName);
    const before = value(r.before, m.none, view);
    const after = value(r.after, m.none, view);
    return [
      m.line({ when: formatDateTime(r.at, view.locale, view.timezone), who, action: m.action[r.action] ?? r.action, target: inert(r.target) }),
      ...(before !== m.none || after !== m.none ? [`  ${m.change(before, after)}`] : []),
      ...(r.reason ? [`  ${m.reason(clip(inert(r.reason), VALUE_MAX))}`] : []),
    ];
  });
  return { tone: 'info', title: m.title(page, pages), lines, footer: [m.timezone(view.timezone), ...(page < pages ? [m.more(page + 1)] : [])] };
}
