import { DateTime } from 'luxon';
import { parseCalendarDay } from './calendar-day.js';
import { DomainError } from './errors.js';
import { legalPaymentDeadline } from './facts.js';

/**
 * When a direct client agreed to pay. Japanese business deals state it as closing and payment days
 * (締め日・支払日): 月末締め翌月末払い closes the month of delivery and pays by the end of the next
 * month. Elsewhere it is net N: N days after delivery. A date the client named works too.
 */

/** The terms as stored in `due_terms`: `net30` (any N), the two month-end terms, or a date. */
export type PaymentTerms = `net${number}` | 'month_end_next_month_end' | 'month_end_month_after_next_end' | 'date';

export interface PaymentDue {
  /** The end of the last day to pay, in the writer's time zone. */
  dueAt: Date;
  terms: PaymentTerms;
}

/** Net days accepted: a day to half a year. */
export const NET_DAYS_MAX = 180;
/** A due date further than this after delivery is taken for a typo. */
const DUE_DAYS_MAX = 366;

const MONTH_END_TERMS: { pattern: RegExp; terms: PaymentTerms; months: number }[] = [
  // 翌々 before 翌: the longer word first. 月末締め is optional, as is the 日 of 末日 and the 支 of 支払い.
  { pattern: /^(?:月末締め?)?(?:翌々|翌翌)月末日?(?:支?払い?)?$/, terms: 'month_end_month_after_next_end', months: 2 },
  { pattern: /^(?:月末締め?)?翌月末日?(?:支?払い?)?$/, terms: 'month_end_next_month_end', months: 1 },
  { pattern: /^endofthemonthafternext$/, terms: 'month_end_month_after_next_end', months: 2 },
  { pattern: /^endof(?:the)?nextmonth$/, terms: 'month_end_next_month_end', months: 1 },
];

/**
 * Reads `due:` as the writer typed it, for work delivered at `deliveredAt`: a date (the formats of
 * `delivered:`, which may be in the future; a month and day alone is the first such day from
 * delivery), month-end terms (`月末締め翌月末払い`, `翌々月末払い`), or `net30` (`net 30`,
 * `NET30`, `ｎｅｔ３０`). Counted on the writer's calendar.
 */
export function parsePaymentDue(text: string, deliveredAt: Date, now: Date, timezone: string): PaymentDue {
  const delivered = DateTime.fromJSDate(deliveredAt, { zone: timezone }).startOf('day');
  const compact = text.normalize('NFKC').toLowerCase().replace(/[\s_・-]+/g, '');

  let day: DateTime | undefined;
  let terms: PaymentTerms | undefined;
  const net = /^net(\d{1,3})$/.exec(compact);
  if (net) {
    const days = Number(net[1]);
    if (days < 1 || days > NET_DAYS_MAX) throw new DomainError('DUE_INVALID', { value: text.slice(0, 40) });
    day = delivered.plus({ days });
    terms = `net${days}`;
  }
  for (const rule of MONTH_END_TERMS) {
    if (!terms && rule.pattern.test(compact)) {
      day = monthEnd(delivered, rule.months);
      terms = rule.terms;
    }
  }
  if (!day || !terms) {
    day = parseCalendarDay(text, now, timezone, { onOrAfter: delivered })?.day;
    terms = 'date';
    if (!day) throw new DomainError('DUE_INVALID', { value: text.slice(0, 40) });
    if (day < delivered) throw new DomainError('DUE_BEFORE_DELIVERY', { value: text.slice(0, 40) });
    if (day.diff(delivered, 'days').days > DUE_DAYS_MAX) throw new DomainError('DUE_TOO_LATE', { value: text.slice(0, 40), days: DUE_DAYS_MAX });
  }
  return { dueAt: day.endOf('day').toJSDate(), terms };
}

/** The last day of the month `months` after the one `day` falls in. */
function monthEnd(day: DateTime, months: number): DateTime {
  return day.startOf('month').plus({ months }).endOf('month').startOf('day');
}

/**
 * The due date terms give for work delivered at `deliveredAt` (a delivery date corrected later);
 * undefined for a fixed date, which does not move with the delivery.
 */
export function dueUnderTerms(terms: string, deliveredAt: Date, timezone: string): Date | undefined {
  const delivered = DateTime.fromJSDate(deliveredAt, { zone: timezone }).startOf('day');
  const net = /^net(\d+)$/.exec(terms);
  const rule = MONTH_END_TERMS.find((r) => r.terms === terms);
  const day = net ? delivered.plus({ days: Number(net[1]) }) : rule ? monthEnd(delivered, rule.months) : undefined;
  return day?.endOf('day').toJSDate();
}

/**
 * Whether the agreed due date falls after the Act's deadline: allowed to record, worth pointing
 * out. Monthly closing is read as two months rather than 60 days, as the enforcement guidelines do
 * for 締切制度 (following the Subcontract Act's practice), so 月末締め翌月末払い is within it even
 * for work delivered on the 1st of a 30-day month; 翌々月末払い never is.
 */
export function dueAfterLegalDeadline(due: PaymentDue, deliveredAt: Date, timezone: string): boolean {
  if (due.terms === 'month_end_next_month_end') return false;
  return due.dueAt.getTime() > legalPaymentDeadline(deliveredAt, timezone).getTime();
}
