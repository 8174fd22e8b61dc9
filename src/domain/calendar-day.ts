import { DateTime } from 'luxon';

const RELATIVE_DAYS: Record<string, number> = { today: 0, '今日': 0, 'きょう': 0, yesterday: 1, '昨日': 1, 'きのう': 1, '一昨日': 2, 'おととい': 2 };

/**
 * A calendar day as writers type it: `2026-11-01`, `2026/11/1`, `2026年11月1日`, `11/1`, `today`,
 * `昨日`, or a full ISO timestamp (then `at` is that instant). A month and day without a year is
 * the nearest such day on the side `yearless` names: the latest on or before it (a delivery: in
 * January, "12/28" is last December) or the earliest on or after it (a due date). Undefined when
 * the text is not a day.
 */
export function parseCalendarDay(
  text: string,
  now: Date,
  timezone: string,
  yearless: { onOrBefore: DateTime } | { onOrAfter: DateTime },
): { day: DateTime; at?: Date } | undefined {
  const nowLocal = DateTime.fromJSDate(now, { zone: timezone });
  const t = text.normalize('NFKC').trim().toLowerCase();
  const ymd = /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$/.exec(t);
  const md = /^(\d{1,2})[/月](\d{1,2})日?$/.exec(t);
  let day: DateTime | undefined;
  if (t in RELATIVE_DAYS) {
    day = nowLocal.startOf('day').minus({ days: RELATIVE_DAYS[t]! });
  } else if (ymd) {
    day = DateTime.fromObject({ year: Number(ymd[1]), month: Number(ymd[2]), day: Number(ymd[3]) }, { zone: timezone });
  } else if (md) {
    const month = Number(md[1]);
    const date = Number(md[2]);
    const backwards = 'onOrBefore' in yearless;
    const bound = ('onOrBefore' in yearless ? yearless.onOrBefore : yearless.onOrAfter).setZone(timezone).startOf('day');
    // Up to eight years either way, so that 2/29 finds a leap year.
    for (let i = 0; i <= 8 && !day?.isValid; i++) {
      const candidate = DateTime.fromObject({ year: bound.year + (backwards ? -i : i), month, day: date }, { zone: timezone });
      if (candidate.isValid && (backwards ? candidate <= bound : candidate >= bound)) day = candidate;
      else if (!candidate.isValid && !(month === 2 && date === 29)) break;
    }
  } else if (/^\d{4}-\d{2}-\d{2}t/.test(t)) {
    const at = DateTime.fromISO(text.normalize('NFKC').trim(), { zone: timezone, setZone: true });
    return at.isValid ? { day: at.setZone(timezone).startOf('day'), at: at.toJSDate() } : undefined;
  }
  return day?.isValid ? { day: day.startOf('day') } : undefined;
}
