import { DateTime } from 'luxon';
import type { IsoDate } from '../domain/facts.js';
import type { Locale } from '../domain/member.js';
import { beginsAtMidnight, dayNumber, zonedDay } from '../domain/zoned-day.js';

const INTL_LOCALE: Record<Locale, string> = { ja: 'ja-JP', en: 'en-US' };

/**
 * Building an Intl formatter costs far more than using one, and a tick formats the same few
 * (language × zone × kind) thousands of times: each is built once and kept.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, build: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}

function dateOptions(locale: Locale, timeZone: string): Intl.DateTimeFormatOptions {
  return { timeZone, year: 'numeric', month: locale === 'ja' ? 'long' : 'short', day: 'numeric', weekday: 'short' };
}

function intlDate(date: Date, locale: Locale, timeZone: string): string {
  return cached(`date ${locale} ${timeZone}`, () => new Intl.DateTimeFormat(INTL_LOCALE[locale], dateOptions(locale, timeZone))).format(date);
}

/** Kept dates as written, by language and zone and then by day, all dropped at once when there are this many in all. */
const KEEP_DATES = 10_000;
const writtenDates = new Map<Locale, Map<string, Map<number, string>>>();
let keptDates = 0;

/** How many written dates are kept, in all languages and zones (for the tests: it never passes KEEP_DATES). */
export function keptWrittenDates(): number {
  return keptDates;
}

/**
 * A calendar date as a writer reads it: 2026年11月4日(水) / Wed, Nov 4, 2026. What is written
 * depends on the day alone, and a nudge writes the same few days (its receipt, the legal
 * deadline, the reply-by date, once per language), as do the nudges of one tick: each day is
 * written once by Intl and kept. The day is the one `calendarDaysBetween` has usually read already.
 */
export function formatDate(date: Date, locale: Locale, timeZone: string): string {
  const day = zonedDay(date, timeZone);
  if (!day) return intlDate(date, locale, timeZone);
  const number = dayNumber(day);
  let written = writtenDates.get(locale)?.get(timeZone)?.get(number);
  if (written === undefined) {
    written = intlDate(date, locale, timeZone);
    if (keptDates >= KEEP_DATES) {
      writtenDates.clear();
      keptDates = 0;
    }
    let inLanguage = writtenDates.get(locale);
    if (!inLanguage) writtenDates.set(locale, (inLanguage = new Map<string, Map<number, string>>()));
    let inZone = inLanguage.get(timeZone);
    if (!inZone) inLanguage.set(timeZone, (inZone = new Map<number, string>()));
    inZone.set(number, written);
    keptDates++;
  }
  return written;
}

/**
 * The month only: 2026年11月 / Nov 2026. Where a day would help pick out who did something (an
 * approved report's dates in a lookup), the month is all that is shown.
 */
export function formatMonth(date: Date, locale: Locale, timeZone: string): string {
  return cached(`month ${locale} ${timeZone}`, () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, year: 'numeric', month: 'short' })).format(date);
}

/** The same with the time of day on a 24-hour clock. */
export function formatDateTime(date: Date, locale: Locale, timeZone: string): string {
  const build = () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...dateOptions(locale, timeZone), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return cached(`datetime ${locale} ${timeZone}`, build).format(date);
}

/** A date with no time of day, such as the day a law came into force: 2024年11月1日 / November 1, 2024. */
export function formatIsoDate(date: IsoDate, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
}

/**
 * An amount inside a sentence of a letter: 8,000円 and 500.00 米ドル in Japanese (円 after the
 * number, never a bare yen sign before the figure), ¥8,000 and $500.00 in English.
 */
export function formatMoneyInText(amount: number, currency: string, locale: Locale): string {
  if (locale === 'en') return formatMoney(amount, currency, locale);
  if (currency === 'JPY') return `${cached('number ja', () => new Intl.NumberFormat('ja-JP')).format(amount)}円`;
  return cached(`money-name ja ${currency}`, () => new Intl.NumberFormat('ja-JP', { style: 'currency', currency, currencyDisplay: 'name' })).format(amount);
}

export function formatMoney(amount: number, currency: string, locale: Locale): string {
  return cached(`money ${locale} ${currency}`, () => new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency })).format(amount);
}

/**
 * Calendar days from `from` to `to` as the writer counts them on their own calendar: the days
 * between the two dates on the wall, whatever the zone's offset did in between (what luxon's diff
 * of the two days' starts, rounded, gives).
 */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string): number {
  const a = zonedDay(from, timeZone);
  const b = zonedDay(to, timeZone);
  if (!a || !b || !beginsAtMidnight(a, timeZone) || !beginsAtMidnight(b, timeZone)) return luxonDaysBetween(from, to, timeZone);
  return dayNumber(b) - dayNumber(a);
}

/**
 * luxon's count, for what zonedDay cannot read (an unknown zone gives NaN, as before) and for a
 * day that begins after midnight, where luxon counts the hours it lacks.
 */
function luxonDaysBetween(from: Date, to: Date, timeZone: string): number {
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: timeZone }).startOf('day');
  return Math.round(day(to).diff(day(from), 'days').days);
}

/** An amount as typed, without its currency mark (`5000円` → `5000`), for an example to copy. */
export function bareAmount(typed: unknown): string {
  return String(typed).normalize('NFKC').replace(/^[¥$]|円$|ドル$/g, '');
}

const JA_WEEKDAYS = ['月', '火', '水', '木', '金', '土', '日'] as const;

/**
 * A span of calendar days, from `first` to `last` inclusive, as a title reads it:
 * 2026年11月23日(月)〜29日(日) / 23–29 Nov 2026, naming the month and year only where they change.
 */
export function formatDayRange(first: Date, last: Date, locale: Locale, timeZone: string): string {
  if (locale === 'en') {
    // Month before day, as every other English date Kenshu writes ("Mon, Nov 23, 2026").
    const range = cached(`range en ${timeZone}`, () => new Intl.DateTimeFormat('en-US', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }));
    // Intl spaces the dash with thin spaces; it closes up between bare numbers ("Nov 23–29, 2026").
    return range
      .formatRange(first, last)
      .replace(/\s*–\s*/u, ' – ')
      .replace(/(\d+) – (\d+),/u, '$1–$2,');
  }
  const a = DateTime.fromJSDate(first, { zone: timeZone });
  const b = DateTime.fromJSDate(last, { zone: timeZone });
  const day = (d: DateTime) => `${d.day}日(${JA_WEEKDAYS[d.weekday - 1]})`;
  const end = a.year !== b.year ? `${b.year}年${b.month}月${day(b)}` : a.month !== b.month ? `${b.month}月${day(b)}` : day(b);
  return `${a.year}年${a.month}月${day(a)}〜${end}`;
}
