/**
 * The calendar day an instant falls on in a time zone, read once per instant. luxon reads a zone's
 * offset with a `formatToParts` for every step of its arithmetic (building a DateTime, startOf,
 * plus, endOf, each again for the other side of a diff), and a nudge asks the same few questions
 * of the same few instants: the tick's `now`, the delivery's receipt. Here one `formatToParts`
 * answers the day and the offset of an instant, and the answer is kept for the next question.
 */

/** A wall-clock date in a zone, and the zone's offset (minutes, as luxon counts it) at the instant read. */
export interface ZonedDay {
  year: number;
  month: number;
  day: number;
  offset: number;
  /** The instant of 00:00 on that date at that offset. */
  midnight: number;
}

/** null for a zone Intl does not know. */
const formats = new Map<string, Intl.DateTimeFormat | null>();

function formatFor(timeZone: string): Intl.DateTimeFormat | null {
  let format = formats.get(timeZone);
  if (format === undefined) {
    try {
      // The fields luxon reads an offset from; era for years before the common era (year 1 - n).
      format = new Intl.DateTimeFormat('en-US', { hourCycle: 'h23', timeZone, era: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      format = null;
    }
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * Kept answers, by zone and then by instant (numbers: no key to build on each question), all
 * dropped at once when there are this many in all zones together: a tick asks about a few
 * thousand instants.
 */
const KEEP = 10_000;
const known = new Map<string, Map<number, ZonedDay>>();
let keptAnswers = 0;

/** How many answers are kept, in all zones (for the tests: it never passes KEEP). */
export function keptZonedDays(): number {
  return keptAnswers;
}

function read(at: Date, format: Intl.DateTimeFormat): ZonedDay {
  const f = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let bc = false;
  for (const part of format.formatToParts(at)) {
    if (part.type === 'era') bc = part.value === 'BC';
    else if (part.type in f) f[part.type as keyof typeof f] = parseInt(part.value, 10);
  }
  const year = bc ? 1 - f.year : f.year;
  const utc = new Date(0);
  utc.setUTCFullYear(year, f.month - 1, f.day);
  utc.setUTCHours(f.hour, f.minute, f.second, 0);
  const ms = at.getTime();
  const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
  const offset = (utc.getTime() - wholeSecond) / 60_000;
  utc.setUTCHours(0, 0, 0, 0);
  return { year, month: f.month, day: f.day, offset, midnight: utc.getTime() - offset * 60_000 };
}

/**
 * The day `at` falls on in `timeZone`; undefined for a zone Intl does not know or an invalid date,
 * where callers keep luxon's own answer (an invalid DateTime).
 */
export function zonedDay(at: Date, timeZone: string): ZonedDay | undefined {
  const format = formatFor(timeZone);
  if (!format || Number.isNaN(at.getTime())) return undefined;
  const ms = at.getTime();
  let day = known.get(timeZone)?.get(ms);
  if (!day) {
    day = read(at, format);
    if (keptAnswers >= KEEP) {
      known.clear();
      keptAnswers = 0;
    }
    let inZone = known.get(timeZone);
    if (!inZone) known.set(timeZone, (inZone = new Map<number, ZonedDay>()));
    inZone.set(ms, day);
    keptAnswers++;
  }
  return day;
}

/** A day's number counted from 1970-01-01, for counting days between two zoned days. */
export function dayNumber(day: ZonedDay): number {
  return Math.round((day.midnight + day.offset * 60_000) / 86_400_000);
}

/**
 * Whether the day begins at 00:00 on the wall at the offset `day` was read at: not so on a day
 * whose midnight a clock change skips (the day then begins at 01:00, say), where day counts are
 * left to luxon's own arithmetic.
 */
export function beginsAtMidnight(day: ZonedDay, timeZone: string): boolean {
  return zonedDay(new Date(day.midnight), timeZone)?.offset === day.offset;
}
