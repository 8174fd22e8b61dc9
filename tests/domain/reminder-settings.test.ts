import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { DEFAULT_QUIET_END, DEFAULT_QUIET_START, isAllowedTime, isJapaneseHoliday, nextAllowedTime, type ReminderSettings } from '../../src/domain/reminder-settings.js';

/**
 * Times are written as local wall-clock times with the zone's offset, so each row reads as the
 * writer would see it. The dates avoid daylight-saving changes: in late November 2026 Los Angeles
 * is on PST (-08:00) and Tokyo has no DST.
 *
 * Calendar used below (2026): Fri 11-20, Sat 11-21, Sun 11-22, Mon 11-23 勤労感謝の日, Tue 11-24.
 * Golden Week: Sat 05-02, Sun 05-03 憲法記念日, Mon 05-04 みどりの日, Tue 05-05 こどもの日,
 * Wed 05-06 振替休日 (for 05-03), Thu 05-07. 01-01 元日 is a Thursday; 01-02 is not a public holiday.
 */
const ZONES = [
  { timezone: 'Asia/Tokyo', offset: '+09:00' },
  { timezone: 'America/Los_Angeles', offset: '-08:00' },
] as const;

function settings(timezone: string, patch: Partial<ReminderSettings> = {}): ReminderSettings {
  return { timezone, quietStartMinute: DEFAULT_QUIET_START, quietEndMinute: DEFAULT_QUIET_END, skipWeekends: false, skipHolidays: false, ...patch };
}

const at = (local: string, offset: string) => new Date(`${local}:00${offset}`);

interface Row {
  at: string;
  /** The next allowed moment, or null when `at` itself is allowed. */
  next: string | null;
}

/** Checks one row both ways: nextAllowedTime's answer, and isAllowedTime agreeing with it. */
function check(row: Row, offset: string, s: ReminderSettings): void {
  const when = at(row.at, offset);
  const expected = row.next === null ? when : at(row.next, offset);
  expect(nextAllowedTime(when, s).toISOString()).toBe(expected.toISOString());
  expect(isAllowedTime(when, s)).toBe(row.next === null);
  // The answer is itself an allowed moment.
  expect(isAllowedTime(expected, s)).toBe(true);
}

describe.each(ZONES)('in $timezone', ({ timezone, offset }) => {
  describe('default quiet hours 22:00–08:00', () => {
    it('are the defaults', () => {
      expect([DEFAULT_QUIET_START, DEFAULT_QUIET_END]).toEqual([22 * 60, 8 * 60]);
    });

    it.each<Row>([
      { at: '2026-11-20T12:00', next: null },
      { at: '2026-11-20T21:59', next: null },
      { at: '2026-11-20T22:00', next: '2026-11-21T08:00' },
      { at: '2026-11-20T23:59', next: '2026-11-21T08:00' },
      { at: '2026-11-21T00:00', next: '2026-11-21T08:00' },
      { at: '2026-11-21T03:00', next: '2026-11-21T08:00' },
      { at: '2026-11-21T07:59', next: '2026-11-21T08:00' },
      { at: '2026-11-21T08:00', next: null },
      { at: '2026-11-21T08:01', next: null },
      // Quiet hours across a month and a year end.
      { at: '2026-11-30T23:00', next: '2026-12-01T08:00' },
      { at: '2026-12-31T22:30', next: '2027-01-01T08:00' },
    ])('$at → $next', (row) => check(row, offset, settings(timezone)));
  });

  describe('another overnight span, 22:30–07:00', () => {
    it.each<Row>([
      { at: '2026-11-20T22:29', next: null },
      { at: '2026-11-20T22:30', next: '2026-11-21T07:00' },
      { at: '2026-11-21T06:59', next: '2026-11-21T07:00' },
      { at: '2026-11-21T07:00', next: null },
    ])('$at → $next', (row) => check(row, offset, settings(timezone, { quietStartMinute: 22 * 60 + 30, quietEndMinute: 7 * 60 })));
  });

  describe('a daytime quiet span, 12:00–13:00', () => {
    it.each<Row>([
      { at: '2026-11-20T03:00', next: null },
      { at: '2026-11-20T11:59', next: null },
      { at: '2026-11-20T12:00', next: '2026-11-20T13:00' },
      { at: '2026-11-20T12:30', next: '2026-11-20T13:00' },
      { at: '2026-11-20T12:59', next: '2026-11-20T13:00' },
      { at: '2026-11-20T13:00', next: null },
      { at: '2026-11-20T23:00', next: null },
    ])('$at → $next', (row) => check(row, offset, settings(timezone, { quietStartMinute: 12 * 60, quietEndMinute: 13 * 60 })));
  });

  describe('no quiet hours', () => {
    it.each<{ why: string; patch: Partial<ReminderSettings> }>([
      { why: 'off (null)', patch: { quietStartMinute: null, quietEndMinute: null } },
      { why: 'an empty span (start = end)', patch: { quietStartMinute: 8 * 60, quietEndMinute: 8 * 60 } },
    ])('$why: any hour is allowed', ({ patch }) => {
      for (const time of ['00:00', '03:00', '07:59', '08:00', '21:59', '22:00', '23:59']) {
        check({ at: `2026-11-20T${time}`, next: null }, offset, settings(timezone, patch));
      }
    });
  });

  describe('skipping weekends', () => {
    it.each<Row>([
      { at: '2026-11-20T21:59', next: null },
      // Friday night's quiet hours run into the weekend: held until Monday morning.
      { at: '2026-11-20T22:00', next: '2026-11-23T08:00' },
      { at: '2026-11-21T00:00', next: '2026-11-23T08:00' },
      { at: '2026-11-21T10:00', next: '2026-11-23T08:00' },
      { at: '2026-11-22T23:00', next: '2026-11-23T08:00' },
      { at: '2026-11-23T03:00', next: '2026-11-23T08:00' },
      { at: '2026-11-23T08:00', next: null },
    ])('default quiet hours: $at → $next', (row) => check(row, offset, settings(timezone, { skipWeekends: true })));

    it.each<Row>([
      { at: '2026-11-20T23:30', next: null },
      { at: '2026-11-21T10:00', next: '2026-11-23T00:00' },
      { at: '2026-11-22T23:59', next: '2026-11-23T00:00' },
    ])('no quiet hours: $at → $next (midnight Monday)', (row) => check(row, offset, settings(timezone, { skipWeekends: true, quietStartMinute: null, quietEndMinute: null })));

    it('a Monday holiday is not skipped unless holidays are', () => {
      check({ at: '2026-11-23T10:00', next: null }, offset, settings(timezone, { skipWeekends: true }));
    });
  });
});

describe('Japanese public holidays (Asia/Tokyo)', () => {
  const offset = '+09:00';

  it.each<{ date: string; holiday: boolean }>([
    { date: '2026-01-01', holiday: true },
    { date: '2026-01-02', holiday: false },
    { date: '2026-05-02', holiday: false },
    { date: '2026-05-03', holiday: true },
    { date: '2026-05-04', holiday: true },
    { date: '2026-05-05', holiday: true },
    { date: '2026-05-06', holiday: true },
    { date: '2026-05-07', holiday: false },
    // 国民の休日: a day between two holidays.
    { date: '2026-09-22', holiday: true },
    { date: '2026-11-20', holiday: false },
    { date: '2026-11-23', holiday: true },
    { date: '2026-12-31', holiday: false },
  ])('isJapaneseHoliday($date) is $holiday', ({ date, holiday }) => {
    expect(isJapaneseHoliday(date)).toBe(holiday);
  });

  describe('skipping holidays only', () => {
    it.each<Row>([
      // 勤労感謝の日 (Monday).
      { at: '2026-11-23T10:00', next: '2026-11-24T08:00' },
      { at: '2026-11-23T00:00', next: '2026-11-24T08:00' },
      // Sunday is not a holiday and weekends are not skipped; its quiet hours lead into one.
      { at: '2026-11-22T10:00', next: null },
      { at: '2026-11-22T23:00', next: '2026-11-24T08:00' },
      { at: '2026-11-24T07:00', next: '2026-11-24T08:00' },
      // Golden Week, including the 振替休日 on 05-06.
      { at: '2026-05-02T10:00', next: null },
      { at: '2026-05-03T10:00', next: '2026-05-07T08:00' },
      { at: '2026-05-04T10:00', next: '2026-05-07T08:00' },
      { at: '2026-05-05T21:00', next: '2026-05-07T08:00' },
      { at: '2026-05-06T10:00', next: '2026-05-07T08:00' },
      { at: '2026-05-06T23:59', next: '2026-05-07T08:00' },
      // New Year's Day; 01-02 is an ordinary day.
      { at: '2025-12-31T23:00', next: '2026-01-02T08:00' },
      { at: '2026-01-01T10:00', next: '2026-01-02T08:00' },
      { at: '2026-01-02T10:00', next: null },
      // 国民の休日 between 敬老の日 and 秋分の日.
      { at: '2026-09-21T12:00', next: '2026-09-24T08:00' },
      { at: '2026-09-22T12:00', next: '2026-09-24T08:00' },
    ])('$at → $next', (row) => check(row, offset, settings('Asia/Tokyo', { skipHolidays: true })));

    it('with no quiet hours, a holiday ends at midnight', () => {
      check({ at: '2026-11-23T10:00', next: '2026-11-24T00:00' }, offset, settings('Asia/Tokyo', { skipHolidays: true, quietStartMinute: null, quietEndMinute: null }));
    });
  });

  describe('skipping weekends and holidays together', () => {
    it.each<Row>([
      // A weekend followed by a holiday Monday: Tuesday morning.
      { at: '2026-11-20T22:00', next: '2026-11-24T08:00' },
      { at: '2026-11-21T10:00', next: '2026-11-24T08:00' },
      { at: '2026-11-22T15:00', next: '2026-11-24T08:00' },
      { at: '2026-11-23T10:00', next: '2026-11-24T08:00' },
      { at: '2026-11-24T08:00', next: null },
      // Golden Week: Saturday through the 振替休日, then Thursday.
      { at: '2026-05-01T22:30', next: '2026-05-07T08:00' },
      { at: '2026-05-02T10:00', next: '2026-05-07T08:00' },
      { at: '2026-05-06T10:00', next: '2026-05-07T08:00' },
      { at: '2026-05-01T21:59', next: null },
      // New Year's Day on Thursday; Friday 01-02 is a working day.
      { at: '2026-01-01T10:00', next: '2026-01-02T08:00' },
      // A Saturday before an ordinary Monday.
      { at: '2026-11-28T10:00', next: '2026-11-30T08:00' },
    ])('$at → $next', (row) => check(row, offset, settings('Asia/Tokyo', { skipWeekends: true, skipHolidays: true })));
  });
});

describe('a time that is not allowed never comes back unchanged', () => {
  const VARIANTS: { name: string; patch: Partial<ReminderSettings> }[] = [
    { name: 'defaults', patch: {} },
    { name: 'daytime 12:00–13:00', patch: { quietStartMinute: 12 * 60, quietEndMinute: 13 * 60 } },
    { name: 'overnight 23:30–06:15', patch: { quietStartMinute: 23 * 60 + 30, quietEndMinute: 6 * 60 + 15 } },
    { name: 'quiet off, weekends and holidays', patch: { quietStartMinute: null, quietEndMinute: null, skipWeekends: true, skipHolidays: true } },
    { name: 'weekends', patch: { skipWeekends: true } },
    { name: 'holidays', patch: { skipHolidays: true } },
    { name: 'weekends and holidays', patch: { skipWeekends: true, skipHolidays: true } },
    { name: 'weekends, holidays, daytime span', patch: { skipWeekends: true, skipHolidays: true, quietStartMinute: 12 * 60, quietEndMinute: 13 * 60 } },
  ];
  // Every 20 minutes through Golden Week and the November holiday weekend (no DST change in either zone).
  const SPANS = [
    ['2026-04-28T00:00:00Z', '2026-05-10T00:00:00Z'],
    ['2026-11-18T00:00:00Z', '2026-11-26T00:00:00Z'],
  ] as const;
  const STEP_MS = 20 * 60_000;

  it.each(ZONES.flatMap((zone) => VARIANTS.map((variant) => ({ ...zone, ...variant }))))('$timezone, $name', ({ timezone, patch }) => {
    const s = settings(timezone, patch);
    let held = 0;
    for (const [from, to] of SPANS) {
      for (let t = Date.parse(from); t < Date.parse(to); t += STEP_MS) {
        const when = new Date(t);
        const next = nextAllowedTime(when, s);
        if (isAllowedTime(when, s)) {
          expect(next.getTime()).toBe(t);
          continue;
        }
        held++;
        expect(next.getTime(), when.toISOString()).toBeGreaterThan(t);
        expect(isAllowedTime(next, s), `${when.toISOString()} → ${next.toISOString()}`).toBe(true);
        // Never more than Golden Week's run of days off.
        expect(next.getTime() - t).toBeLessThanOrEqual(7 * 24 * 60 * 60 * 1000);
      }
    }
    expect(held).toBeGreaterThan(0);
  });
});

describe('wall-clock edge cases', () => {
  const quiet = { quietStartMinute: 22 * 60, quietEndMinute: 8 * 60, skipWeekends: false, skipHolidays: false };

  it.each([
    ['America/New_York', '2026-11-01T08:00:00Z', '2026-11-01T13:00:00.000Z'], // 03:00 EST on the day clocks go back
    ['America/New_York', '2026-03-08T07:00:00Z', '2026-03-08T12:00:00.000Z'], // 03:00 EDT on the day clocks go forward
    ['Europe/London', '2026-10-25T03:00:00Z', '2026-10-25T08:00:00.000Z'],
    ['Europe/London', '2026-03-29T02:00:00Z', '2026-03-29T07:00:00.000Z'],
  ])('wakes at 08:00 local in %s on a daylight-saving day (%s → %s)', (timezone, at, expected) => {
    expect(nextAllowedTime(new Date(at), { ...quiet, timezone }).toISOString()).toBe(expected);
  });

  it('goes to the first allowed moment of the next allowed day when quiet hours are daytime only', () => {
    // Saturday 10:00, weekends skipped, quiet 12:00–13:00: Monday 00:00 is already allowed.
    const settings = { timezone: 'Asia/Tokyo', quietStartMinute: 12 * 60, quietEndMinute: 13 * 60, skipWeekends: true, skipHolidays: false };
    expect(nextAllowedTime(new Date('2026-11-28T01:00:00Z'), settings).toISOString()).toBe('2026-11-29T15:00:00.000Z');
  });

  it("reads Japan's holidays on Japan's calendar whatever the server's zone", () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      // Dates no other test asks about, so the answer is computed here, not cached.
      expect(isJapaneseHoliday('2031-11-24')).toBe(true); // 勤労感謝の日 observed (振替休日)
      expect(isJapaneseHoliday('2031-11-23')).toBe(true); // Sunday, 勤労感謝の日
      expect(isJapaneseHoliday('2031-11-22')).toBe(false);
      expect(isJapaneseHoliday('2031-11-25')).toBe(false);
    } finally {
      process.env.TZ = before;
    }
  });
});

/**
 * isAllowedTime reads the wall clock from one look at the zone rather than through luxon (the
 * scheduler asks it of every nudge): checked here against luxon's reading of the same instants,
 * through a year in zones with half-hour, 45-minute and southern-hemisphere offsets, and minute
 * by minute around every clock change.
 */
describe('quiet hours and days off read from the zone as luxon reads them', () => {
  const zones = ['Asia/Tokyo', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham'];
  const variants: Omit<ReminderSettings, 'timezone'>[] = [
    { quietStartMinute: DEFAULT_QUIET_START, quietEndMinute: DEFAULT_QUIET_END, skipWeekends: true, skipHolidays: true },
    { quietStartMinute: 9 * 60 + 30, quietEndMinute: 17 * 60 + 45, skipWeekends: false, skipHolidays: false },
    { quietStartMinute: null, quietEndMinute: null, skipWeekends: true, skipHolidays: false },
    { quietStartMinute: 0, quietEndMinute: 0, skipWeekends: false, skipHolidays: true },
  ];

  function luxonAllowed(at: Date, s: ReminderSettings): boolean {
    const local = DateTime.fromJSDate(at, { zone: s.timezone });
    if (s.skipWeekends && local.weekday >= 6) return false;
    if (s.skipHolidays && isJapaneseHoliday(local.toISODate()!)) return false;
    if (s.quietStartMinute === null || s.quietEndMinute === null || s.quietStartMinute === s.quietEndMinute) return true;
    const minute = local.hour * 60 + local.minute;
    const [start, end] = [s.quietStartMinute, s.quietEndMinute];
    return !(start < end ? minute >= start && minute < end : minute >= start || minute < end);
  }

  /** Every 347 minutes through 2026 (every minute of the day comes up), and every 5 minutes for hours either side of each offset change in 2025–2027. */
  function instants(zone: string): Date[] {
    const out: Date[] = [];
    const from = Date.UTC(2026, 0, 1);
    for (let t = from; t < Date.UTC(2027, 0, 1); t += 347 * 60_000) out.push(new Date(t));
    let before = DateTime.fromMillis(Date.UTC(2025, 0, 1), { zone }).offset;
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 6 * 3_600_000) {
      const offset = DateTime.fromMillis(t, { zone }).offset;
      // The change came within the last 6 hours: every 5 minutes from 8 hours before to 2 after.
      if (offset !== before) for (let u = t - 8 * 3_600_000; u <= t + 2 * 3_600_000; u += 5 * 60_000) out.push(new Date(u));
      before = offset;
    }
    return out;
  }

  it.each(zones)('in %s', (zone) => {
    const disagreements: string[] = [];
    for (const at of instants(zone))
      for (const variant of variants) {
        const s = { timezone: zone, ...variant };
        const allowed = isAllowedTime(at, s);
        if (allowed !== luxonAllowed(at, s) || allowed !== (nextAllowedTime(at, s).getTime() === at.getTime()))
          disagreements.push(`${at.toISOString()} ${JSON.stringify(variant)}: ${allowed}`);
      }
    expect(disagreements).toEqual([]);
  });
});
