import type { Clock } from './clock.js';
import { findOwnDelivery, type Writer } from './deliveries.js';
import type { Delivery } from './delivery.js';
import { DomainError } from './errors.js';
import type { Member } from './member.js';
import { nextNudgeAt, type ReminderState } from './nudge-plan.js';
import type { DeliveryStore, MemberSettingsPatch, MemberStore } from './ports.js';
import type { ReminderSettings } from './reminder-settings.js';
import { DAY_MS, HOUR_MS } from './time.js';

/** The operations behind `/remind` and the nudge buttons. */

export interface ReminderDeps {
  deliveries: DeliveryStore;
  members: MemberStore;
  clock: Clock;
}

export function reminderSettingsOf(member: Member, defaultTimezone: string): ReminderSettings {
  return {
    timezone: member.timezone ?? defaultTimezone,
    quietStartMinute: member.quietStartMinute,
    quietEndMinute: member.quietEndMinute,
    skipWeekends: member.skipWeekends,
    skipHolidays: member.skipHolidays,
  };
}

const UNIT_MS: Record<string, number> = {
  h: HOUR_MS,
  hour: HOUR_MS,
  hours: HOUR_MS,
  '時間': HOUR_MS,
  d: DAY_MS,
  day: DAY_MS,
  days: DAY_MS,
  '日': DAY_MS,
  w: 7 * DAY_MS,
  week: 7 * DAY_MS,
  weeks: 7 * DAY_MS,
  '週': 7 * DAY_MS,
  '週間': 7 * DAY_MS,
};
/** A snooze lasts at least this many hours and at most this many days. */
export const SNOOZE_MIN_HOURS = 1;
export const SNOOZE_MAX_DAYS = 90;
const SNOOZE_MIN_MS = SNOOZE_MIN_HOURS * HOUR_MS;
const SNOOZE_MAX_MS = SNOOZE_MAX_DAYS * DAY_MS;
/** What the Snooze button under a nudge does: no reminders for this many days. */
export const SNOOZE_BUTTON_DAYS = 3;

/**
 * `3d`, `1w`, `12h`, `2 days`, `3日`, `1週間`, `12時間` → milliseconds (1 hour to 90 days). What
 * cannot be read is INVALID_DURATION; a length read but outside the bounds is
 * DURATION_OUT_OF_RANGE, so the writer hears the bound rather than the forms again.
 */
export function parseDuration(text: string): number {
  const match = /^(\d{1,4})\s*([a-z]+|時間|日|週間|週)$/.exec(text.normalize('NFKC').trim().toLowerCase());
  const unit = match ? UNIT_MS[match[2]!] : undefined;
  if (!match || !unit) throw new DomainError('INVALID_DURATION', { value: text.slice(0, 20) });
  const ms = Number(match[1]) * unit;
  if (ms < SNOOZE_MIN_MS || ms > SNOOZE_MAX_MS) {
    throw new DomainError('DURATION_OUT_OF_RANGE', { value: text.slice(0, 20), issue: ms < SNOOZE_MIN_MS ? 'too_short' : 'too_long', min_hours: SNOOZE_MIN_HOURS, max_days: SNOOZE_MAX_DAYS });
  }
  return ms;
}

async function changeReminders(deps: ReminderDeps, writer: Writer, delivery: Delivery, change: { reminders?: ReminderState; snoozedUntil?: Date | null }): Promise<Delivery> {
  const next = { ...delivery, ...change };
  return deps.deliveries.updateReminders({ id: delivery.id, ...change, nextNudgeAt: nextNudgeAt(next, writer.settings), at: deps.clock.now() });
}

function requireOpen(delivery: Delivery): void {
  if (delivery.status === 'paid' || delivery.status === 'cancelled') {
    throw new DomainError('DELIVERY_CLOSED', { number: delivery.number, status: delivery.status });
  }
}

/** No nudges until `for` has passed; stages that come due meanwhile collapse into one. */
export async function snoozeDelivery(deps: ReminderDeps, writer: Writer, numberText: string, forText: string): Promise<Delivery> {
  const ms = parseDuration(forText);
  const delivery = await findOwnDelivery(deps, writer, numberText);
  requireOpen(delivery);
  return changeReminders(deps, writer, delivery, { snoozedUntil: new Date(deps.clock.now().getTime() + ms), reminders: 'active' });
}

export async function setReminderState(deps: ReminderDeps, writer: Writer, delivery: Delivery, reminders: ReminderState, snoozeMs?: number): Promise<Delivery> {
  requireOpen(delivery);
  const snoozedUntil = snoozeMs === undefined ? (reminders === 'active' ? null : delivery.snoozedUntil) : new Date(deps.clock.now().getTime() + snoozeMs);
  return changeReminders(deps, writer, delivery, { reminders, snoozedUntil });
}

export async function pauseDelivery(deps: ReminderDeps, writer: Writer, numberText: string): Promise<Delivery> {
  return setReminderState(deps, writer, await findOwnDelivery(deps, writer, numberText), 'paused');
}

/** Reminders run again; a snooze is lifted. Stages that came due while paused collapse into one. */
export async function resumeDelivery(deps: ReminderDeps, writer: Writer, numberText: string): Promise<Delivery> {
  return setReminderState(deps, writer, await findOwnDelivery(deps, writer, numberText), 'active');
}

/**
 * Saves the writer's settings and moves every open delivery's next nudge to fit them, so that a
 * new time zone or quiet hours apply from the next tick.
 */
export async function updateReminderSettings(
  deps: ReminderDeps & { defaultTimezone: string },
  writer: Writer,
  patch: MemberSettingsPatch,
): Promise<Member> {
  const member = await deps.members.updateSettings(writer.memberId, patch);
  const settings = reminderSettingsOf(member, deps.defaultTimezone);
  const plans = await deps.deliveries.openPlans(writer.memberId);
  await deps.deliveries.reschedule(writer.memberId, plans.map((plan) => ({ id: plan.id, nextNudgeAt: nextNudgeAt(plan, settings) })), deps.clock.now());
  return member;
}

/** `22-08`, `22:30-7:00`, `off` / `なし` → minutes after midnight, or null for none. */
export function parseQuietHours(text: string): { start: number | null; end: number | null } {
  const t = text.normalize('NFKC').trim().toLowerCase();
  if (['off', 'none', 'なし', 'オフ', 'no'].includes(t)) return { start: null, end: null };
  const match = /^(\d{1,2})(?::(\d{2}))?\s*[-~〜]\s*(\d{1,2})(?::(\d{2}))?$/.exec(t);
  if (!match) throw new DomainError('INVALID_QUIET_HOURS', { value: text.slice(0, 20) });
  const start = Number(match[1]) * 60 + Number(match[2] ?? 0);
  const end = Number(match[3]) * 60 + Number(match[4] ?? 0);
  if (start >= 24 * 60 || end >= 24 * 60 || Number(match[2] ?? 0) >= 60 || Number(match[4] ?? 0) >= 60 || start === end) {
    throw new DomainError('INVALID_QUIET_HOURS', { value: text.slice(0, 20) });
  }
  return { start, end };
}
