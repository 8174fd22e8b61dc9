import { describe, expect, it } from 'vitest';
import { errorCodeOf, errorOf } from '../support/errors.js';
import type { DeliveryStatus, Stage } from '../../src/domain/ladder.js';
import type { Escrow, Marketplace } from '../../src/domain/marketplace.js';
import {
  currentStage,
  decideNudge,
  MAX_SEND_ATTEMPTS,
  nextNudgeAt,
  nudgeKey,
  remainingStages,
  retryAt,
  type NudgeDecision,
  type NudgeState,
} from '../../src/domain/nudge-plan.js';
import { DEFAULT_QUIET_END, DEFAULT_QUIET_START, type ReminderSettings } from '../../src/domain/reminder-settings.js';
import { parseDuration, parseQuietHours } from '../../src/domain/reminders.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Friday 2026-11-20, noon in Tokyo. */
const NOW = new Date('2026-11-20T03:00:00Z');
/** Ten days earlier, noon in Tokyo: every direct stage falls at noon, outside quiet hours. */
const DELIVERED = new Date('2026-11-10T03:00:00Z');

const TOKYO: ReminderSettings = {
  timezone: 'Asia/Tokyo',
  quietStartMinute: DEFAULT_QUIET_START,
  quietEndMinute: DEFAULT_QUIET_END,
  skipWeekends: false,
  skipHolidays: false,
};

const tokyo = (local: string) => new Date(`${local}+09:00`);
const daysAfter = (from: Date, days: number) => new Date(from.getTime() + days * DAY);

function state(patch: Partial<NudgeState> = {}): NudgeState {
  return {
    marketplace: 'direct',
    escrow: 'not_funded',
    status: 'awaiting_review',
    deliveredAt: DELIVERED,
    reminders: 'active',
    snoozedUntil: null,
    dueAt: null,
    lastStage: 0,
    lastNudgeAt: null,
    ...patch,
  };
}

describe('remainingStages', () => {
  it.each<{ marketplace: Marketplace; escrow: Escrow; status: DeliveryStatus; lastStage: number; stages: Stage[] }>([
    // Awaiting review: the whole ladder after the last stage handled.
    { marketplace: 'direct', escrow: 'not_funded', status: 'awaiting_review', lastStage: 0, stages: [1, 2, 4, 5, 6] },
    { marketplace: 'direct', escrow: 'not_funded', status: 'awaiting_review', lastStage: 2, stages: [4, 5, 6] },
    { marketplace: 'crowdworks', escrow: 'funded', status: 'awaiting_review', lastStage: 0, stages: [1, 2, 3, 4, 5, 6] },
    { marketplace: 'crowdworks', escrow: 'funded', status: 'awaiting_review', lastStage: 3, stages: [4, 5, 6] },
    { marketplace: 'crowdworks', escrow: 'funded', status: 'awaiting_review', lastStage: 6, stages: [] },
    { marketplace: 'coconala', escrow: 'funded', status: 'awaiting_review', lastStage: 1, stages: [3, 4, 5, 6] },
    // Accepted: payment stages only, and only where acceptance does not release payment.
    { marketplace: 'direct', escrow: 'not_funded', status: 'accepted', lastStage: 0, stages: [4, 5, 6] },
    { marketplace: 'direct', escrow: 'not_funded', status: 'accepted', lastStage: 2, stages: [4, 5, 6] },
    { marketplace: 'direct', escrow: 'not_funded', status: 'accepted', lastStage: 4, stages: [5, 6] },
    { marketplace: 'crowdworks', escrow: 'not_funded', status: 'accepted', lastStage: 3, stages: [4, 5, 6] },
    { marketplace: 'upwork', escrow: 'unknown', status: 'accepted', lastStage: 0, stages: [4, 5, 6] },
    { marketplace: 'crowdworks', escrow: 'funded', status: 'accepted', lastStage: 0, stages: [] },
    { marketplace: 'upwork', escrow: 'funded', status: 'accepted', lastStage: 0, stages: [] },
    // Paid and cancelled: nothing.
    { marketplace: 'direct', escrow: 'not_funded', status: 'paid', lastStage: 0, stages: [] },
    { marketplace: 'direct', escrow: 'not_funded', status: 'cancelled', lastStage: 0, stages: [] },
    { marketplace: 'lancers', escrow: 'funded', status: 'paid', lastStage: 2, stages: [] },
  ])('$marketplace ($escrow) $status after stage $lastStage → $stages', ({ marketplace, escrow, status, lastStage, stages }) => {
    expect(remainingStages(state({ marketplace, escrow, status, lastStage })).map((s) => s.stage)).toEqual(stages);
  });

  it.each<{ reminders: NudgeState['reminders'] }>([{ reminders: 'paused' }, { reminders: 'stopped' }])('$reminders reminders → none, in every status', ({ reminders }) => {
    for (const status of ['awaiting_review', 'accepted'] as const) {
      expect(remainingStages(state({ reminders, status }))).toEqual([]);
    }
  });

  it('a snooze does not remove stages', () => {
    expect(remainingStages(state({ snoozedUntil: daysAfter(NOW, 3) })).map((s) => s.stage)).toEqual([1, 2, 4, 5, 6]);
  });
});

describe('nextNudgeAt', () => {
  it.each<{ why: string; patch: Partial<NudgeState>; settings?: ReminderSettings; expected: Date | null }>([
    { why: 'awaiting review, nothing sent: stage 1 (day 3, noon)', patch: {}, expected: daysAfter(DELIVERED, 3) },
    { why: 'after stage 1: stage 2 (day 7)', patch: { lastStage: 1 }, expected: daysAfter(DELIVERED, 7) },
    { why: 'after stage 2 on a direct delivery: stage 4 (day 21)', patch: { lastStage: 2 }, expected: daysAfter(DELIVERED, 21) },
    { why: 'after stage 6: nothing', patch: { lastStage: 6 }, expected: null },
    { why: 'accepted direct: stage 4', patch: { status: 'accepted' }, expected: daysAfter(DELIVERED, 21) },
    { why: 'accepted direct after stage 4: stage 5 (day 50)', patch: { status: 'accepted', lastStage: 4 }, expected: daysAfter(DELIVERED, 50) },
    { why: 'accepted with funded escrow: nothing', patch: { status: 'accepted', marketplace: 'crowdworks', escrow: 'funded' }, expected: null },
    { why: 'paid: nothing', patch: { status: 'paid' }, expected: null },
    { why: 'cancelled: nothing', patch: { status: 'cancelled' }, expected: null },
    { why: 'paused: nothing', patch: { reminders: 'paused' }, expected: null },
    { why: 'stopped: nothing', patch: { reminders: 'stopped' }, expected: null },
    { why: 'paused with a snooze: nothing', patch: { reminders: 'paused', snoozedUntil: daysAfter(NOW, 1) }, expected: null },
    // Snoozes.
    { why: 'snoozed past the stage, ending at 14:00: the snooze end', patch: { snoozedUntil: tokyo('2026-11-20T14:00:00') }, expected: tokyo('2026-11-20T14:00:00') },
    { why: 'snoozed past the stage, ending at 22:30: 08:00 the next morning', patch: { snoozedUntil: tokyo('2026-11-20T22:30:00') }, expected: tokyo('2026-11-21T08:00:00') },
    { why: 'snoozed past the stage, ending at 03:00: 08:00 the same morning', patch: { snoozedUntil: tokyo('2026-11-21T03:00:00') }, expected: tokyo('2026-11-21T08:00:00') },
    { why: 'a snooze ending before the stage: the stage', patch: { lastStage: 2, snoozedUntil: daysAfter(NOW, 3) }, expected: daysAfter(DELIVERED, 21) },
    {
      why: 'snoozed into a weekend, weekends skipped: Monday 08:00',
      patch: { snoozedUntil: tokyo('2026-11-21T10:00:00') },
      settings: { ...TOKYO, skipWeekends: true },
      expected: tokyo('2026-11-23T08:00:00'),
    },
    // A stage due inside quiet hours or on a day off.
    { why: 'stage 1 due at 23:00: 08:00 the next morning', patch: { deliveredAt: tokyo('2026-11-10T23:00:00') }, expected: tokyo('2026-11-14T08:00:00') },
    {
      why: 'stage 1 due Friday 23:00, weekends skipped: Monday 08:00',
      patch: { deliveredAt: tokyo('2026-11-10T23:00:00') },
      settings: { ...TOKYO, skipWeekends: true },
      expected: tokyo('2026-11-16T08:00:00'),
    },
    {
      why: 'stage 1 due on 勤労感謝の日, holidays skipped: Tuesday 08:00',
      patch: { deliveredAt: tokyo('2026-11-20T12:00:00') },
      settings: { ...TOKYO, skipHolidays: true },
      expected: tokyo('2026-11-24T08:00:00'),
    },
    { why: 'stage 1 due at 23:00, no quiet hours: 23:00', patch: { deliveredAt: tokyo('2026-11-10T23:00:00') }, settings: { ...TOKYO, quietStartMinute: null, quietEndMinute: null }, expected: tokyo('2026-11-13T23:00:00') },
  ])('$why', ({ patch, settings = TOKYO, expected }) => {
    expect(nextNudgeAt(state(patch), settings)).toEqual(expected);
  });
});

describe('decideNudge', () => {
  const send = (stage: Stage): NudgeDecision => ({ kind: 'send', stage });
  const wait = (until: Date | null): NudgeDecision => ({ kind: 'wait', until });

  it.each<{ why: string; patch: Partial<NudgeState>; now?: Date; settings?: ReminderSettings; decision: NudgeDecision }>([
    // Nothing due.
    { why: 'delivered yesterday: wait for stage 1', patch: { deliveredAt: daysAfter(NOW, -1) }, decision: wait(daysAfter(NOW, 2)) },
    { why: 'stage 1 due a minute from now: wait for it', patch: { deliveredAt: new Date(NOW.getTime() - 3 * DAY + MINUTE) }, decision: wait(new Date(NOW.getTime() + MINUTE)) },
    { why: 'stages 1 and 2 sent, stage 4 not yet due: wait for stage 4', patch: { lastStage: 2 }, decision: wait(daysAfter(DELIVERED, 21)) },
    // One due.
    { why: 'stage 1 due since yesterday: send it', patch: { deliveredAt: daysAfter(NOW, -4) }, decision: send(1) },
    { why: 'stage 1 due this very moment: send it', patch: { deliveredAt: daysAfter(NOW, -3) }, decision: send(1) },
    { why: 'stage 1 sent, stage 2 due: send stage 2', patch: { lastStage: 1 }, decision: send(2) },
    // Several due (recorded late, downtime): the lowest first, never a firmer letter before it.
    { why: 'stages 1 and 2 due: send the check-in', patch: {}, decision: send(1) },
    { why: 'CrowdWorks, 50 days, nothing sent: send the check-in', patch: { marketplace: 'crowdworks', escrow: 'funded', deliveredAt: daysAfter(NOW, -50) }, decision: send(1) },
    {
      why: 'CrowdWorks, 50 days, stage 2 sent long ago: send the desk stage',
      patch: { marketplace: 'crowdworks', escrow: 'funded', deliveredAt: daysAfter(NOW, -50), lastStage: 2, lastNudgeAt: daysAfter(NOW, -43) },
      decision: send(3),
    },
    { why: 'Coconala, 20 days, nothing sent: send the check-in', patch: { marketplace: 'coconala', escrow: 'funded', deliveredAt: daysAfter(NOW, -20) }, decision: send(1) },
    // After a late first message, the next keeps the ladder's gap from it.
    {
      why: 'check-in sent yesterday on day 9, follow-up (4 days later by the ladder): wait 3 more days',
      patch: { lastStage: 1, lastNudgeAt: daysAfter(NOW, -1) },
      decision: wait(tokyo('2026-11-23T12:00:00')),
    },
    {
      why: 'check-in sent 4 days ago: the follow-up is due',
      patch: { lastStage: 1, lastNudgeAt: daysAfter(NOW, -4) },
      decision: send(2),
    },
    // Quiet hours and days off: hold until the next allowed moment.
    { why: 'due, at 23:00 Tokyo: wait until 08:00', patch: {}, now: tokyo('2026-11-20T23:00:00'), decision: wait(tokyo('2026-11-21T08:00:00')) },
    { why: 'due, at 03:00 Tokyo: wait until 08:00', patch: {}, now: tokyo('2026-11-21T03:00:00'), decision: wait(tokyo('2026-11-21T08:00:00')) },
    { why: 'due, at 08:00 Tokyo: send', patch: {}, now: tokyo('2026-11-21T08:00:00'), decision: send(1) },
    { why: 'due, at 21:59 Tokyo: send', patch: {}, now: tokyo('2026-11-20T21:59:00'), decision: send(1) },
    {
      why: 'due on a Saturday, weekends skipped: wait until Monday 08:00',
      patch: {},
      now: tokyo('2026-11-21T12:00:00'),
      settings: { ...TOKYO, skipWeekends: true },
      decision: wait(tokyo('2026-11-23T08:00:00')),
    },
    {
      why: 'due on a Saturday, weekends and holidays skipped: wait until Tuesday 08:00',
      patch: {},
      now: tokyo('2026-11-21T12:00:00'),
      settings: { ...TOKYO, skipWeekends: true, skipHolidays: true },
      decision: wait(tokyo('2026-11-24T08:00:00')),
    },
    {
      why: 'due at 23:00, no quiet hours: send',
      patch: {},
      now: tokyo('2026-11-20T23:00:00'),
      settings: { ...TOKYO, quietStartMinute: null, quietEndMinute: null },
      decision: send(1),
    },
    // Snoozes.
    { why: 'snoozed until tomorrow noon: wait until then', patch: { snoozedUntil: daysAfter(NOW, 1) }, decision: wait(daysAfter(NOW, 1)) },
    { why: 'snoozed until 23:00: wait until 08:00 after it', patch: { snoozedUntil: tokyo('2026-11-20T23:00:00') }, decision: wait(tokyo('2026-11-21T08:00:00')) },
    { why: 'snoozed past the next stage too: wait for the snooze', patch: { snoozedUntil: daysAfter(DELIVERED, 30) }, decision: wait(daysAfter(DELIVERED, 30)) },
    { why: 'a snooze that has ended: send', patch: { snoozedUntil: new Date(NOW.getTime() - HOUR) }, decision: send(1) },
    { why: 'a snooze ending this very moment: send', patch: { snoozedUntil: NOW }, decision: send(1) },
    // Ended ladders.
    { why: 'paused: nothing, ever', patch: { reminders: 'paused' }, decision: wait(null) },
    { why: 'stopped: nothing, ever', patch: { reminders: 'stopped' }, decision: wait(null) },
    { why: 'paid: nothing, ever', patch: { status: 'paid' }, decision: wait(null) },
    { why: 'cancelled: nothing, ever', patch: { status: 'cancelled' }, decision: wait(null) },
    { why: 'all six handled: nothing, ever', patch: { lastStage: 6, deliveredAt: daysAfter(NOW, -70) }, decision: wait(null) },
    {
      why: 'accepted with funded escrow: nothing, ever',
      patch: { status: 'accepted', marketplace: 'crowdworks', escrow: 'funded', deliveredAt: daysAfter(NOW, -30) },
      decision: wait(null),
    },
    // Accepted without escrow: payment stages only.
    { why: 'accepted direct, stage 2 sent, day 10: wait for stage 4', patch: { status: 'accepted', lastStage: 2 }, decision: wait(daysAfter(DELIVERED, 21)) },
    { why: 'accepted direct, stage 2 sent, day 26: send 4, nothing skipped', patch: { status: 'accepted', lastStage: 2, deliveredAt: daysAfter(NOW, -26) }, decision: send(4) },
    { why: 'accepted direct, stage 2 sent on day 7, day 50: send 4 first', patch: { status: 'accepted', lastStage: 2, deliveredAt: daysAfter(NOW, -50), lastNudgeAt: daysAfter(NOW, -43) }, decision: send(4) },
    { why: 'accepted direct, nothing sent, day 26: send 4; 1 and 2 are not skipped, they are gone', patch: { status: 'accepted', deliveredAt: daysAfter(NOW, -26) }, decision: send(4) },
  ])('$why', ({ patch, now = NOW, settings = TOKYO, decision }) => {
    expect(decideNudge(state(patch), settings, now)).toEqual(decision);
  });

  it('a sent stage is not sent again: after sending stage 2 the delivery waits for stage 4', () => {
    const first = decideNudge(state({ lastStage: 1, lastNudgeAt: daysAfter(DELIVERED, 3) }), TOKYO, NOW);
    expect(first).toEqual(send(2));
    const after = state({ lastStage: 2, lastNudgeAt: NOW });
    // Sent three days late: stage 4 keeps its 14-day gap from it.
    expect(decideNudge(after, TOKYO, new Date(NOW.getTime() + MINUTE))).toEqual(wait(daysAfter(NOW, 14)));
    expect(decideNudge(after, TOKYO, daysAfter(NOW, 14))).toEqual(send(4));
  });

  it('a wait always points at a later moment, and deciding again then sends', () => {
    const held = decideNudge(state(), TOKYO, tokyo('2026-11-20T23:00:00'));
    expect(held.kind).toBe('wait');
    const until = held.kind === 'wait' ? held.until : null;
    expect(until).not.toBeNull();
    expect(decideNudge(state(), TOKYO, until!)).toEqual(send(1));
  });
});

describe('currentStage', () => {
  it.each<{ why: string; patch: Partial<NudgeState>; now?: Date; stage: Stage | undefined }>([
    { why: 'nothing due yet: the first to come', patch: { deliveredAt: daysAfter(NOW, -1) }, stage: 1 },
    { why: 'day 10 of a direct delivery, nothing sent: the check-in first', patch: {}, stage: 1 },
    { why: 'stage 2 sent, exactly at stage 4’s due time: stage 4', patch: { lastStage: 2, lastNudgeAt: daysAfter(DELIVERED, 7) }, now: daysAfter(DELIVERED, 21), stage: 4 },
    { why: 'stage 2 sent, a minute before stage 4: still stage 2', patch: { lastStage: 2, lastNudgeAt: daysAfter(DELIVERED, 7) }, now: new Date(daysAfter(DELIVERED, 21).getTime() - MINUTE), stage: 2 },
    { why: 'Coconala day 3, check-in sent on day 2: stage 3', patch: { marketplace: 'coconala', escrow: 'funded', deliveredAt: daysAfter(NOW, -3), lastStage: 1, lastNudgeAt: daysAfter(NOW, -1) }, stage: 3 },
    { why: 'accepted direct, before stage 4: stage 4 is next', patch: { status: 'accepted' }, stage: 4 },
    { why: 'accepted direct, day 60, nothing sent: stage 4 first', patch: { status: 'accepted', deliveredAt: daysAfter(NOW, -60) }, stage: 4 },
    { why: 'accepted direct, day 60, stage 4 sent on day 21: stage 5', patch: { status: 'accepted', deliveredAt: daysAfter(NOW, -60), lastStage: 4, lastNudgeAt: daysAfter(NOW, -39) }, stage: 5 },
    { why: 'accepted with funded escrow: none', patch: { status: 'accepted', marketplace: 'lancers', escrow: 'funded' }, stage: undefined },
    { why: 'paid: none', patch: { status: 'paid' }, stage: undefined },
    { why: 'cancelled: none', patch: { status: 'cancelled' }, stage: undefined },
  ])('$why', ({ patch, now = NOW, stage }) => {
    expect(currentStage(state(patch), now)).toBe(stage);
  });
});

describe('nudgeKey', () => {
  const IDS = [1, 2, 9, 10, 35, 36, 37, 1295, 1296, 2 ** 31 - 1, 2 ** 31, Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER];
  const STAGE_LIST: Stage[] = [1, 2, 3, 4, 5, 6];
  const CHANNELS = ['dm', 'fallback'] as const;

  it('is the same on every call (a retry reuses it)', () => {
    expect(nudgeKey(42, 3, 'dm')).toBe(nudgeKey(42, 3, 'dm'));
    expect(nudgeKey(42, 3, 'fallback')).toBe(nudgeKey(42, 3, 'fallback'));
    expect(nudgeKey(42, 3)).toBe(nudgeKey(42, 3, 'dm'));
  });

  it('differs for every delivery, stage and channel', () => {
    const keys = IDS.flatMap((id) => STAGE_LIST.flatMap((stage) => CHANNELS.map((channel) => nudgeKey(id, stage, channel))));
    expect(new Set(keys).size).toBe(IDS.length * STAGE_LIST.length * CHANNELS.length);
  });

  it('is at most 25 characters (Discord nonce), even for delivery id 2^53-1', () => {
    expect(Number.MAX_SAFE_INTEGER).toBe(2 ** 53 - 1);
    for (const id of IDS) {
      for (const stage of STAGE_LIST) {
        for (const channel of CHANNELS) {
          const key = nudgeKey(id, stage, channel);
          expect(key.length, key).toBeLessThanOrEqual(25);
          expect(key).toMatch(/^[0-9a-z]+$/);
        }
      }
    }
  });
});

describe('retryAt', () => {
  it.each<{ attempts: number; minutes: number | null }>([
    { attempts: 1, minutes: 1 },
    { attempts: 2, minutes: 5 },
    { attempts: 3, minutes: 15 },
    { attempts: 4, minutes: 60 },
    { attempts: 5, minutes: null },
    { attempts: 6, minutes: null },
  ])('after $attempts failed attempts → retry in $minutes minutes', ({ attempts, minutes }) => {
    expect(retryAt(attempts, NOW)).toEqual(minutes === null ? null : new Date(NOW.getTime() + minutes * MINUTE));
  });

  it('gives up once the attempts reach MAX_SEND_ATTEMPTS (5)', () => {
    expect(MAX_SEND_ATTEMPTS).toBe(5);
    expect(retryAt(MAX_SEND_ATTEMPTS - 1, NOW)).not.toBeNull();
    expect(retryAt(MAX_SEND_ATTEMPTS, NOW)).toBeNull();
  });

  it.each<{ attempts: number; retryAfterMs: number; waitMs: number | null }>([
    // The platform asks for longer than the backoff: honoured.
    { attempts: 1, retryAfterMs: 2 * MINUTE, waitMs: 2 * MINUTE },
    { attempts: 4, retryAfterMs: 2 * HOUR, waitMs: 2 * HOUR },
    // Shorter than the backoff: the backoff wins.
    { attempts: 2, retryAfterMs: 10_000, waitMs: 5 * MINUTE },
    { attempts: 3, retryAfterMs: 15 * MINUTE, waitMs: 15 * MINUTE },
    // No attempts left: no retry, whatever the platform says.
    { attempts: 5, retryAfterMs: MINUTE, waitMs: null },
  ])('attempt $attempts with Retry-After $retryAfterMs ms → wait $waitMs ms', ({ attempts, retryAfterMs, waitMs }) => {
    expect(retryAt(attempts, NOW, retryAfterMs)).toEqual(waitMs === null ? null : new Date(NOW.getTime() + waitMs));
  });
});

describe('parseDuration', () => {
  it.each<{ text: string; ms: number }>([
    { text: '3d', ms: 3 * DAY },
    { text: '1w', ms: 7 * DAY },
    { text: '12h', ms: 12 * HOUR },
    { text: '2 days', ms: 2 * DAY },
    { text: '1 day', ms: DAY },
    { text: '2 weeks', ms: 14 * DAY },
    { text: '3日', ms: 3 * DAY },
    { text: '1週間', ms: 7 * DAY },
    { text: '2週', ms: 14 * DAY },
    { text: '12時間', ms: 12 * HOUR },
    { text: '３日', ms: 3 * DAY },
    { text: '１２ｈ', ms: 12 * HOUR },
    { text: ' 3D ', ms: 3 * DAY },
    // The bounds: one hour to ninety days.
    { text: '1h', ms: HOUR },
    { text: '90d', ms: 90 * DAY },
  ])('$text → $ms ms', ({ text, ms }) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['abc', '', '   ', '3', 'd', '-3d', '1.5d', '3x', '3 日 間', '123456d'])('%j → INVALID_DURATION (cannot be read)', (text) => {
    expect(errorCodeOf(() => parseDuration(text))).toBe('INVALID_DURATION');
  });

  it.each([
    ['91d', 'too_long'],
    ['100d', 'too_long'],
    ['1000d', 'too_long'],
    ['13w', 'too_long'],
    ['2161h', 'too_long'],
    ['０ｈ', 'too_short'],
    ['0d', 'too_short'],
  ])('%j is read but out of bounds → DURATION_OUT_OF_RANGE, %s', (text, issue) => {
    expect(errorOf(() => parseDuration(text))).toMatchObject({ code: 'DURATION_OUT_OF_RANGE', params: { issue, min_hours: 1, max_days: 90 } });
  });
});

describe('parseQuietHours', () => {
  it.each<{ text: string; start: number | null; end: number | null }>([
    { text: '22-08', start: 22 * 60, end: 8 * 60 },
    { text: '22:30-07:00', start: 22 * 60 + 30, end: 7 * 60 },
    { text: '22:30-7:00', start: 22 * 60 + 30, end: 7 * 60 },
    { text: '23〜6', start: 23 * 60, end: 6 * 60 },
    { text: '23～6', start: 23 * 60, end: 6 * 60 },
    { text: '23~6', start: 23 * 60, end: 6 * 60 },
    { text: '22 - 8', start: 22 * 60, end: 8 * 60 },
    { text: '２２－０８', start: 22 * 60, end: 8 * 60 },
    { text: '12-13', start: 12 * 60, end: 13 * 60 },
    { text: '0-6', start: 0, end: 6 * 60 },
    { text: '23:59-00:00', start: 23 * 60 + 59, end: 0 },
    { text: 'off', start: null, end: null },
    { text: 'OFF', start: null, end: null },
    { text: 'none', start: null, end: null },
    { text: 'なし', start: null, end: null },
    { text: 'オフ', start: null, end: null },
  ])('$text → $start–$end', ({ text, start, end }) => {
    expect(parseQuietHours(text)).toEqual({ start, end });
  });

  it.each(['25-08', '24-08', '22-24', '22-22', '08:00-08', '22:60-08', '22-08:60', '22:5-08', 'x', '', '22', '22-', '-08', '22/08', 'on'])('%j → INVALID_QUIET_HOURS', (text) => {
    expect(errorCodeOf(() => parseQuietHours(text))).toBe('INVALID_QUIET_HOURS');
  });
});
