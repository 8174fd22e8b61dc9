import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { legalPaymentDeadline } from '../../src/domain/facts.js';
import { calendarDaysBetween, formatDate, keptWrittenDates } from '../../src/i18n/format.js';
import { keptZonedDays, zonedDay } from '../../src/domain/zoned-day.js';
import { seededRandom } from '../scheduler/due-nudges.js';

/**
 * Calendar days and the Act's payment deadline are read without luxon's arithmetic now; every
 * answer must stay what luxon gives, above all in zones whose offsets jump at or near midnight.
 */

/**
 * Plus 0: where a day has two midnights (Havana's clocks go back at 01:00) and `from` is later
 * that day than `to`, luxon's two starts of the day are an hour apart and it rounds -1/24 to -0;
 * the count here is 0: equal (`===`), and what is meant (Intl would write luxon's as "-0").
 */
const luxonDaysBetween = (from: Date, to: Date, zone: string) => {
  const day = (d: Date) => DateTime.fromJSDate(d, { zone }).startOf('day');
  return Math.round(day(to).diff(day(from), 'days').days) + 0;
};
const luxonDeadline = (receivedAt: Date, zone: string) => DateTime.fromJSDate(receivedAt, { zone }).startOf('day').plus({ days: 59 }).endOf('day').toJSDate();

const ZONES = [
  'Asia/Tokyo', 'UTC', 'Europe/London', 'America/New_York', 'America/St_Johns', 'Asia/Kathmandu',
  // Offsets that change at midnight, skip a whole day, or move by half an hour.
  'America/Santiago', 'America/Sao_Paulo', 'Asia/Beirut', 'America/Havana', 'America/Asuncion', 'Pacific/Apia', 'Australia/Lord_Howe', 'Pacific/Kiritimati',
];

/** Instants around each of the zone's offset changes in the years given, and some anywhere. */
function instants(zone: string, random: () => number): Date[] {
  const out: Date[] = [];
  const HOUR = 3_600_000;
  const STEP = 6 * HOUR;
  // Years with the odd changes (Samoa skipping 30 Dec 2011, Brazil's midnight changes) and the coming ones.
  for (const [from, to] of [[2009, 2013], [2024, 2028]] as const) {
    // Each step's offset is read once: the one after a step is the next step's own.
    let offset = DateTime.fromMillis(Date.UTC(from, 0, 1), { zone }).offset;
    for (let t = Date.UTC(from, 0, 1); t < Date.UTC(to, 0, 1); t += STEP) {
      const next = DateTime.fromMillis(t + STEP, { zone }).offset;
      const changes = next !== offset;
      offset = next;
      if (changes) {
        for (let d = -26; d <= 32; d += 1) out.push(new Date(t + d * HOUR + Math.floor(random() * 60) * 60_000));
      }
    }
  }
  for (let i = 0; i < 200; i++) out.push(new Date(Date.UTC(1990, 0, 1) + Math.floor(random() * 45 * 365 * 24) * HOUR + Math.floor(random() * HOUR)));
  return out;
}

/** One list per zone for every test here: building it was most of each test's time. */
const kept = new Map<string, Date[]>();
function zoneInstants(zone: string): Date[] {
  if (!kept.has(zone)) kept.set(zone, instants(zone, seededRandom(zone.length + 1)));
  return kept.get(zone)!;
}

describe('calendar days in a zone', () => {
  // Each answer that differs from luxon's, collected and compared once: an expect per instant
  // cost more than the comparisons themselves.
  it.each(ZONES)('counts the days between two instants as luxon does in %s', (zone) => {
    const random = seededRandom(zone.length);
    const at = zoneInstants(zone);
    const differing: string[] = [];
    for (let i = 0; i < at.length; i++) {
      const from = at[i]!;
      const to = at[Math.floor(random() * at.length)]!;
      const near = new Date(from.getTime() + Math.floor(random() * 72) * 3_600_000);
      for (const other of [to, near]) {
        const days = calendarDaysBetween(from, other, zone);
        const luxon = luxonDaysBetween(from, other, zone);
        if (days !== luxon) differing.push(`${from.toISOString()} → ${other.toISOString()}: ${days}, luxon ${luxon}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it.each(ZONES)('gives the payment deadline luxon gives in %s', (zone) => {
    const differing: string[] = [];
    for (const at of zoneInstants(zone)) {
      const luxon = luxonDeadline(at, zone).getTime();
      // Twice: the second answer comes from what the first kept.
      for (const deadline of [legalPaymentDeadline(at, zone), legalPaymentDeadline(at, zone)])
        if (deadline.getTime() !== luxon) differing.push(`${at.toISOString()}: ${deadline.toISOString()}, luxon ${new Date(luxon).toISOString()}`);
    }
    expect(differing).toEqual([]);
  });

  it.each(ZONES)('writes each date as Intl does in %s, in both languages, also from what it kept', (zone) => {
    const differing: string[] = [];
    const intl = {
      ja: new Intl.DateTimeFormat('ja-JP', { timeZone: zone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }),
      en: new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }),
    };
    for (const at of zoneInstants(zone)) {
      for (const locale of ['ja', 'en'] as const) {
        const expected = intl[locale].format(at);
        for (const written of [formatDate(at, locale, zone), formatDate(at, locale, zone)])
          if (written !== expected) differing.push(`${at.toISOString()} ${locale}: ${written}, Intl ${expected}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it('keeps at most 10,000 answers and written dates in all zones together, and answers the same after dropping them', () => {
    // Members may pick any of Intl's zones: what is kept must not grow with their number.
    const zones = Intl.supportedValuesOf('timeZone').slice(0, 40);
    const first = new Date('2026-01-01T00:00:00Z');
    let most = { days: 0, dates: 0 };
    for (const zone of zones)
      for (let i = 0; i < 600; i++) {
        const at = new Date(first.getTime() + i * 86_400_000 + 3_600_000);
        zonedDay(at, zone);
        formatDate(at, 'en', zone);
        most = { days: Math.max(most.days, keptZonedDays()), dates: Math.max(most.dates, keptWrittenDates()) };
      }
    expect(most.days).toBe(10_000);
    expect(most.dates).toBe(10_000);
    const at = new Date('2026-06-15T12:00:00Z');
    const intl = new Intl.DateTimeFormat('en-US', { timeZone: zones[0], year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' });
    expect(formatDate(at, 'en', zones[0]!)).toBe(intl.format(at));
  });

  it('answers as luxon does for a zone it does not know and for an invalid date', () => {
    const now = new Date('2026-11-26T03:00:00Z');
    expect(calendarDaysBetween(now, now, 'Nowhere/Atlantis')).toBeNaN();
    expect(legalPaymentDeadline(now, 'Nowhere/Atlantis').getTime()).toBeNaN();
    expect(calendarDaysBetween(new Date(Number.NaN), now, 'Asia/Tokyo')).toBeNaN();
    expect(calendarDaysBetween(new Date('2026-11-25T14:59:59.999Z'), now, 'Asia/Tokyo')).toBe(1);
    expect(calendarDaysBetween(new Date('2026-11-25T15:00:00.000Z'), now, 'Asia/Tokyo')).toBe(0);
    // A date is written only for a zone and an instant Intl can read, as before.
    expect(() => formatDate(now, 'ja', 'Nowhere/Atlantis')).toThrow(RangeError);
    expect(() => formatDate(new Date(Number.NaN), 'en', 'Asia/Tokyo')).toThrow(RangeError);
    expect(formatDate(new Date('2026-11-25T14:59:59.999Z'), 'ja', 'Asia/Tokyo')).toBe('2026年11月25日(水)');
    expect(formatDate(new Date('2026-11-25T15:00:00.000Z'), 'ja', 'Asia/Tokyo')).toBe('2026年11月26日(木)');
    expect(formatDate(new Date('2026-11-25T15:00:00.000Z'), 'en', 'UTC')).toBe('Wed, Nov 25, 2026');
  });
});
