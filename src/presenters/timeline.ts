import { DateTime } from 'luxon';
import type { Delivery } from '../domain/delivery.js';
import type { DeliveryEvent, WriterEventKind } from '../domain/events.js';
import { FREELANCE_ACT_IN_FORCE, FREELANCE_ACT_NAME_JA, FREELANCE_HOTLINE, LEGAL_PAYMENT_DAYS, legalPaymentDeadline } from '../domain/facts.js';
import { STAGE_KEYS } from '../domain/ladder.js';
import type { Reply, ReplyFile } from '../domain/reply.js';
import type { TimelineEntry } from '../domain/timeline.js';
import { formatDate, formatDateTime, formatMoney, messagesFor } from '../i18n/index.js';
import { clientLabel, deliveryFields } from './delivery.js';
import { inert, oneLine } from './text.js';
import type { View } from './view.js';

/** How the writer's record reads: `/deliver log`, its buttons, `/deliver show` and `/deliver evidence`. */

/** What one entry says, without its date. */
function entryText(entry: TimelineEntry, view: View): string {
  const m = messagesFor(view.locale);
  const e = m.record.entry;
  switch (entry.kind) {
    case 'recorded':
      return e.recorded;
    case 'delivered':
      return e.delivered;
    case 'reminder': {
      const stage = m.stage[STAGE_KEYS[entry.stage]].name;
      if (entry.outcome === 'unreachable') return e.reminderUnreachable(stage);
      if (entry.outcome === 'failed') return e.reminderFailed(stage);
      return entry.channel === 'fallback' ? e.reminderFallback(stage) : e.reminder(stage);
    }
    case 'writer':
      return entry.text ? e.withText(e.writer[entry.event], oneLine(entry.text)) : e.writer[entry.event];
    case 'change':
      return e.change[entry.change];
  }
}

function timelineLines(entries: readonly TimelineEntry[], view: View, text: (entry: TimelineEntry) => string = (entry) => entryText(entry, view)): string[] {
  const m = messagesFor(view.locale).record;
  return entries.map((entry) => m.timelineLine(formatDate(entry.at, view.locale, view.timezone), text(entry)));
}

/**
 * What a chat reply may spend on the timeline: Discord's embed description holds 4,096 characters
 * and a whole embed 6,000, which the delivery's fields share.
 */
const TIMELINE_BUDGET = 3_000;

/**
 * The timeline clipped to the budget: the first two entries (recorded, delivered) and as many of
 * the latest as fit, with a line saying how many were left out and where to find them.
 */
function clippedTimeline(lines: readonly string[], n: number, view: View): string[] {
  const size = (ls: readonly string[]) => ls.reduce((sum, l) => sum + l.length + 1, 0);
  if (size(lines) <= TIMELINE_BUDGET) return [...lines];
  const head = lines.slice(0, 2);
  const tail: string[] = [];
  const more = (count: number) => messagesFor(view.locale).record.more(count, n);
  for (let i = lines.length - 1; i >= head.length; i--) {
    const candidate = [lines[i]!, ...tail];
    if (size([...head, more(lines.length - head.length - candidate.length), ...candidate]) > TIMELINE_BUDGET) break;
    tail.unshift(lines[i]!);
  }
  return [...head, more(lines.length - head.length - tail.length), ...tail];
}

/** `/deliver show`: the delivery's facts and its dated timeline. */
export function showReply(delivery: Delivery, entries: readonly TimelineEntry[], view: View): Reply {
  const m = messagesFor(view.locale).record;
  return {
    tone: 'info',
    title: m.showTitle(delivery.number, delivery.title),
    lines: [m.timelineIntro, '', ...clippedTimeline(timelineLines(entries, view), delivery.number, view)],
    fields: deliveryFields(delivery, view),
    footer: [m.whyRecord, m.showActions(delivery.number)],
  };
}

/** An example for `at:`: yesterday, as the writer would type it (`11/27`). */
function yesterday(now: Date, timezone: string): string {
  return DateTime.fromJSDate(now, { zone: timezone }).minus({ days: 1 }).toFormat('M/d');
}

/** What the writer reads after recording an event, by command or by a nudge's button. */
export function eventReply(delivery: Delivery, event: DeliveryEvent & { kind: WriterEventKind }, view: View, options: { repeated?: boolean; fromButton?: boolean; now: Date }): Reply {
  const m = messagesFor(view.locale).record;
  const date = formatDate(event.at, view.locale, view.timezone);
  const lines = options.repeated ? [m.alreadyRecorded(date)] : [m.when(date), ...(event.text ? [m.text(event.text)] : [])];
  const footer = [...(options.fromButton && event.kind !== 'note' ? [m.otherDayHint(delivery.number, event.kind, yesterday(options.now, view.timezone))] : []), m.whyRecord, m.showHint(delivery.number)];
  return { tone: 'success', title: m.loggedTitle(delivery.number, event.kind), lines, footer, ephemeral: true };
}

// ─── The evidence file ──────────────────────────────────────────────────────────────────────

/** A URL Kenshu checked (a profile or job page) as an autolink; `<` and `>` never survive URL parsing. */
function link(url: string): string {
  return /^https?:\/\/[^\s<>]+$/.test(url) ? `<${url}>` : inert(url);
}

/** The file's name: digits only beyond fixed words, whatever the writer typed. */
function evidenceFileName(delivery: Delivery, now: Date, timezone: string): string {
  return `kenshu-delivery-${delivery.number}-${DateTime.fromJSDate(now, { zone: timezone }).toFormat('yyyyMMdd')}.md`;
}

/**
 * `/deliver evidence`: the facts a support desk or the フリーランス・トラブル110番 asks for, the
 * writer's confirmed contacts, desk requests and replies, and apart from them the reminders
 * Kenshu sent, as a Markdown file in the writer's language.
 */
export function evidenceFile(delivery: Delivery, entries: readonly TimelineEntry[], view: View, now: Date): ReplyFile {
  const m = messagesFor(view.locale);
  const f = m.record.file;
  const date = (d: Date) => formatDate(d, view.locale, view.timezone);
  const out: string[] = [];
  const fact = (label: string, value: string) => out.push(`- **${label}:** ${value}`);

  out.push(`# ${f.heading(delivery.number, inert(delivery.title))}`, '', f.written(formatDateTime(now, view.locale, view.timezone), view.timezone), '');
  out.push(`## ${f.factsHeading}`, '');
  fact(f.client, inert(clientLabel(delivery)));
  if (delivery.client.profileUrl) fact(f.clientProfile, link(delivery.client.profileUrl));
  fact(f.marketplace, m.marketplace(delivery.marketplace));
  if (delivery.jobUrl) fact(f.jobUrl, link(delivery.jobUrl));
  fact(f.title, inert(delivery.title));
  if (delivery.amount !== null) fact(f.amount, formatMoney(delivery.amount, delivery.currency, view.locale));
  fact(f.escrow, m.escrow[delivery.escrow]);
  fact(f.delivered, date(delivery.deliveredAt));
  fact(f.recorded, date(delivery.createdAt));
  fact(f.status, m.status[delivery.status]);
  if (delivery.dueAt) fact(f.agreedDue, date(delivery.dueAt));
  // The Act binds work received from its entry into force on.
  const actApplies = DateTime.fromJSDate(delivery.deliveredAt, { zone: view.timezone }).toISODate()! >= FREELANCE_ACT_IN_FORCE;
  if (actApplies) {
    const deadline = legalPaymentDeadline(delivery.deliveredAt, view.timezone);
    const passed = deadline < now;
    fact(f.legalDue, f.legalDueValue(date(deadline), passed && delivery.status !== 'paid' && delivery.status !== 'cancelled'));
    out.push('', f.legalNote(FREELANCE_ACT_NAME_JA, LEGAL_PAYMENT_DAYS));
  }

  const section = (heading: string, items: readonly TimelineEntry[], empty: string, text?: (entry: TimelineEntry) => string, note?: string) => {
    out.push('', `## ${heading}`, '');
    if (note) out.push(note, '');
    if (items.length === 0) out.push(empty);
    else out.push(...timelineLines(items, view, text).map((l) => `- ${l}`));
  };
  const writer = (kind: WriterEventKind) => entries.filter((e) => e.kind === 'writer' && e.event === kind);
  const fileText = (entry: TimelineEntry) => (entry.kind === 'writer' && entry.text ? m.record.entry.withText(m.record.entry.writer[entry.event], inert(entry.text)) : entryText(entry, view));

  out.push('', f.confirmedNote);
  section(f.contactsHeading, writer('sent'), f.noneRecorded, fileText);
  section(f.deskHeading, writer('desk'), f.noneRecorded, fileText);
  section(f.repliesHeading, writer('replied'), f.noneRecorded, fileText);
  section(f.notesHeading, writer('note'), f.noneRecorded, fileText);
  section(f.changesHeading, entries.filter((e) => e.kind === 'change'), f.noneRecorded);
  section(f.remindersHeading, entries.filter((e) => e.kind === 'reminder'), f.noReminders, undefined, f.remindersNote);
  section(f.timelineHeading, entries, f.noneRecorded, fileText);
  out.push('', m.record.evidenceHotline(FREELANCE_HOTLINE.nameJa, FREELANCE_HOTLINE.phone), '');

  return { name: evidenceFileName(delivery, now, view.timezone), text: out.join('\n') };
}

/** The chat reply that carries the evidence file. */
export function evidenceReply(delivery: Delivery, file: ReplyFile, view: View): Reply {
  const m = messagesFor(view.locale).record;
  return {
    tone: 'success',
    title: m.evidenceTitle(delivery.number),
    lines: [m.evidenceBody, m.evidenceHotline(FREELANCE_HOTLINE.nameJa, FREELANCE_HOTLINE.phone)],
    footer: [m.whyRecord],
    files: [file],
  };
}
