import { IANAZone } from 'luxon';
import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { LOCALES } from '../domain/member.js';
import type { MemberSettingsPatch } from '../domain/ports.js';
import { parseQuietHours, updateReminderSettings } from '../domain/reminders.js';
import { messagesFor } from '../i18n/index.js';
import { defineCommand, writerOf } from './command.js';
import { choiceOption, parsedAs, textOption } from './options.js';

const sendOrSkip = { '通知する': 'send', '送る': 'send', yes: 'send', on: 'send', '通知しない': 'skip', '送らない': 'skip', no: 'skip', off: 'skip' } as const;

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export default defineCommand({
  group: 'remind',
  name: 'settings',
  description: { en: 'Time zone, quiet hours, weekends, holidays, language', ja: 'タイムゾーン・おやすみ時間・土日・祝日・言語の設定' },
  access: 'member',
  input: z.object({
    timezone: textOption({ en: 'IANA time zone, e.g. Asia/Tokyo', ja: 'タイムゾーン(例: Asia/Tokyo)' }, 64).optional(),
    quiet_hours: parsedAs(textOption({ en: 'No reminders between, e.g. 22-08, or off', ja: '通知しない時間帯(例: 22-08、off)' }, 20), parseQuietHours).optional(),
    weekends: choiceOption({ en: 'Reminders on Saturdays and Sundays', ja: '土日の通知' }, ['send', 'skip'], sendOrSkip).optional(),
    holidays: choiceOption({ en: 'Reminders on Japanese public holidays', ja: '祝日の通知' }, ['send', 'skip'], sendOrSkip).optional(),
    language: choiceOption({ en: 'Reply language', ja: '表示言語' }, LOCALES, { '日本語': 'ja', japanese: 'ja', english: 'en', '英語': 'en' }).optional(),
  }),
  async run(input, ctx) {
    const patch: MemberSettingsPatch = {};
    if (input.timezone !== undefined) {
      if (!IANAZone.isValidZone(input.timezone)) throw new DomainError('INVALID_TIMEZONE', { value: input.timezone });
      patch.timezone = IANAZone.create(input.timezone).name;
    }
    if (input.quiet_hours !== undefined) {
      const quiet = parseQuietHours(input.quiet_hours);
      patch.quietStartMinute = quiet.start;
      patch.quietEndMinute = quiet.end;
    }
    if (input.weekends) patch.skipWeekends = input.weekends === 'skip';
    if (input.holidays) patch.skipHolidays = input.holidays === 'skip';
    if (input.language) patch.locale = input.language;

    const changed = Object.keys(patch).length > 0;
    const member = changed ? await updateReminderSettings(ctx.deps, writerOf(ctx), patch) : ctx.member;
    const locale = member.locale ?? ctx.locale;
    const m = messagesFor(locale).remind;
    const quiet = member.quietStartMinute !== null && member.quietEndMinute !== null ? `${clock(member.quietStartMinute)}–${clock(member.quietEndMinute)}` : m.quietOff;
    return {
      tone: changed ? 'success' : 'info',
      title: m.settingsTitle,
      ...(changed ? { lines: [m.settingsSaved] } : {}),
      fields: [
        { label: m.timezone, value: member.timezone ?? ctx.deps.defaultTimezone },
        { label: m.quietHours, value: quiet },
        { label: m.weekends, value: member.skipWeekends ? m.skip : m.send },
        { label: m.holidays, value: member.skipHolidays ? m.skip : m.send },
        { label: m.language, value: m.languageName(locale) },
      ],
      footer: [m.settingsHint],
    };
  },
});
