import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { dayNumber, zonedDay } from './zoned-day.js';

/** When a writer may be messaged: their clock, quiet hours, and days off. */
export interface ReminderSettings {
  timezone: string;
  /** Minutes after local midnight; null start means no quiet hours. Overnight spans wrap. */
  quietStartMinute: number | null;
  quietEndMinute: number | null;
  skipWeekends: boolean;
  /** Japanese public holidays (祝日, 振替休日, 国民の休日). */
  skipHolidays: boolean;
}

export const DEFAULT_QUIET_START = 22 * 60;
export const DEFAULT_QUIET_END = 8 * 60;

const japan = new Holidays('JP');
const holidayCache = new Map<string, boolean>();

export function isJapaneseHoliday(isoDate: string): boolean {
  let holiday = holidayCache.get(isoDate);
  if (holiday === undefined) {
    // Noon of that date in Japan, as an instant: a date string would be read in the server's zone.
    const found = japan.isHoliday(DateTime.fromISO(isoDate, { zone: 'Asia/Tokyo' }).set({ hour: 12 }).toJSDate());
    holiday = Array.isArray(found) && found.some((h) => h.type === 'public');
    holidayCache.set(isoDate, holiday);
  }
  return holiday;
}

function inQuietHours(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

function isDayOff(local: DateTime, settings: ReminderSettings): boolean {
  return (settings.skipWeekends && local.weekday >= 6) || (settings.skipHolidays && isJapaneseHoliday(local.toISODate()!));
}

const DAY_MS = 86_400_000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Whether `at` is outside quiet hours and days off, read from one look at the zone (zoned-day.ts)
 * instead of a luxon DateTime: the scheduler asks this of every delivery it decides and of every
 * next nudge it plans, mostly of times that are allowed as they are. Undefined where that read
 * cannot answer as luxon would (a zone Intl does not know, an offset of odd seconds, a year
 * outside 1000–9999): the caller asks luxon.
 */
function allowedAsIs(at: Date, settings: ReminderSettings): boolean | undefined {
  const day = zonedDay(at, settings.timezone);
  if (!day || !Number.isInteger(day.offset) || day.year < 1000 || day.year > 9999) return undefined;
  // 1970-01-01 was a Thursday; luxon counts Monday as 1 and Sunday as 7.
  const weekday = ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
  if (settings.skipWeekends && weekday >= 6) return false;
  if (settings.skipHolidays && isJapaneseHoliday(`${pad(day.year, 4)}-${pad(day.month, 2)}-${pad(day.day, 2)}`)) return false;
  const { quietStartMinute: start, quietEndMinute: end } = settings;
  if (start === null || end === null) return true;
  const local = at.getTime() + day.offset * 60_000;
  const minute = Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  return !inQuietHours(minute, start, end);
}

/** True when a message may be sent to the writer at `at`. */
export function isAllowedTime(at: Date, settings: ReminderSettings): boolean {
  return allowedAsIs(at, settings) ?? nextAllowedTime(at, settings).getTime() === at.getTime();
}

/**
 * The first moment at or after `at` outside the writer's quiet hours and days off: a nudge held
 * back overnight goes out when quiet hours end (08:00 by default); one held back by a day off goes
 * out on the next allowed day, at the first moment outside quiet hours. Times are wall-clock
 * times in the writer's zone, so daylight-saving days wake at 08:00 too.
 */
export function nextAllowedTime(at: Date, settings: ReminderSettings): Date {
  if (allowedAsIs(at, settings) === true) return at;
  const { quietStartMinute: start, quietEndMinute: end } = settings;
  let local = DateTime.fromJSDate(at, { zone: settings.timezone });
  // A year of days off in a row is impossible; the bound only guards against a bad zone.
  for (let i = 0; i < 400; i++) {
    if (isDayOff(local, settings)) {
      local = local.plus({ days: 1 }).startOf('day');
      continue;
    }
    const minute = local.hour * 60 + local.minute;
    if (start !== null && end !== null && inQuietHours(minute, start, end)) {
      const wakeToday = local.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 });
      local = wakeToday > local ? wakeToday : wakeToday.plus({ days: 1 }).set({ hour: Math.floor(end / 60), minute: end % 60 });
      continue;
    }
    return i === 0 ? at : local.toJSDate();
  }
  return local.toJSDate();
}
