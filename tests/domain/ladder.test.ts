import { describe, expect, it } from 'vitest';
import { plannedStages, STAGE_KEYS, type DeliveryStatus, type PlanInput, type Stage } from '../../src/domain/ladder.js';
import { ESCROW_STATES, type Escrow, type Marketplace } from '../../src/domain/marketplace.js';

const DELIVERED = new Date('2026-11-01T12:00:00+09:00');
const DAY_MS = 24 * 60 * 60 * 1000;

const plan = (marketplace: Marketplace, status: DeliveryStatus, escrow: Escrow = 'funded') =>
  plannedStages({ marketplace, escrow, status, deliveredAt: DELIVERED });

describe('plannedStages while awaiting review runs the whole ladder (DESIGN.md days)', () => {
  it.each<{ marketplace: Marketplace; stages: [Stage, number][] }>([
    { marketplace: 'crowdworks', stages: [[1, 3], [2, 7], [3, 8], [4, 21], [5, 50], [6, 60]] },
    { marketplace: 'lancers', stages: [[1, 3], [2, 5], [3, 7], [4, 21], [5, 50], [6, 60]] },
    { marketplace: 'coconala', stages: [[1, 2], [3, 3], [4, 14], [5, 50], [6, 60]] },
    { marketplace: 'upwork', stages: [[1, 3], [2, 7], [3, 15], [4, 21], [5, 50], [6, 60]] },
    { marketplace: 'direct', stages: [[1, 3], [2, 7], [4, 21], [5, 50], [6, 60]] },
    { marketplace: 'other', stages: [[1, 3], [2, 7], [4, 21], [5, 50], [6, 60]] },
  ])('$marketplace: stages and days $stages', ({ marketplace, stages }) => {
    for (const escrow of ESCROW_STATES) {
      expect(plan(marketplace, 'awaiting_review', escrow).map((s) => [s.stage, s.day])).toEqual(stages);
    }
  });

  it.each<{ marketplace: Marketplace; missing: Stage }>([
    { marketplace: 'coconala', missing: 2 },
    { marketplace: 'direct', missing: 3 },
    { marketplace: 'other', missing: 3 },
  ])('$marketplace has no stage $missing', ({ marketplace, missing }) => {
    expect(plan(marketplace, 'awaiting_review').map((s) => s.stage)).not.toContain(missing);
  });
});

describe('plannedStages after acceptance keeps only what still waits for payment', () => {
  it.each<{ marketplace: Marketplace; escrow: Escrow; stages: Stage[] }>([
    // Acceptance releases the escrowed fee: nothing left to chase.
    { marketplace: 'crowdworks', escrow: 'funded', stages: [] },
    { marketplace: 'lancers', escrow: 'funded', stages: [] },
    { marketplace: 'coconala', escrow: 'funded', stages: [] },
    { marketplace: 'upwork', escrow: 'funded', stages: [] },
    // No escrow (or not known to be funded): payment is still owed.
    { marketplace: 'crowdworks', escrow: 'not_funded', stages: [4, 5, 6] },
    { marketplace: 'upwork', escrow: 'unknown', stages: [4, 5, 6] },
    { marketplace: 'coconala', escrow: 'unknown', stages: [4, 5, 6] },
    // Outside a platform acceptance never releases payment, whatever the writer said.
    { marketplace: 'direct', escrow: 'not_funded', stages: [4, 5, 6] },
    { marketplace: 'direct', escrow: 'funded', stages: [4, 5, 6] },
    { marketplace: 'other', escrow: 'funded', stages: [4, 5, 6] },
  ])('accepted on $marketplace with $escrow escrow → stages $stages', ({ marketplace, escrow, stages }) => {
    expect(plan(marketplace, 'accepted', escrow).map((s) => s.stage)).toEqual(stages);
  });

  it.each<{ marketplace: Marketplace; days: number[] }>([
    { marketplace: 'direct', days: [21, 50, 60] },
    { marketplace: 'coconala', days: [14, 50, 60] },
  ])('accepted on $marketplace without escrow keeps the payment days $days', ({ marketplace, days }) => {
    expect(plan(marketplace, 'accepted', 'not_funded').map((s) => s.day)).toEqual(days);
  });
});

describe('plannedStages once settled', () => {
  it.each<{ status: DeliveryStatus; marketplace: Marketplace; escrow: Escrow }>([
    { status: 'paid', marketplace: 'crowdworks', escrow: 'funded' },
    { status: 'paid', marketplace: 'direct', escrow: 'not_funded' },
    { status: 'paid', marketplace: 'upwork', escrow: 'unknown' },
    { status: 'cancelled', marketplace: 'crowdworks', escrow: 'funded' },
    { status: 'cancelled', marketplace: 'direct', escrow: 'not_funded' },
    { status: 'cancelled', marketplace: 'coconala', escrow: 'unknown' },
  ])('$status on $marketplace ($escrow) has no stages', ({ status, marketplace, escrow }) => {
    expect(plan(marketplace, status, escrow)).toEqual([]);
  });
});

describe('plannedStages due dates and keys', () => {
  it.each<Marketplace>(['crowdworks', 'lancers', 'coconala', 'upwork', 'direct', 'other'])(
    '%s: dueAt is deliveredAt + day days, keyed by stage',
    (marketplace) => {
      const stages = plan(marketplace, 'awaiting_review');
      expect(stages.length).toBeGreaterThan(0);
      for (const s of stages) {
        expect(s.dueAt.getTime() - DELIVERED.getTime()).toBe(s.day * DAY_MS);
        expect(s.key).toBe(STAGE_KEYS[s.stage]);
      }
    },
  );

  it.each([
    { stage: 1, dueAt: '2026-11-04T03:00:00.000Z' },
    { stage: 2, dueAt: '2026-11-08T03:00:00.000Z' },
    { stage: 3, dueAt: '2026-11-09T03:00:00.000Z' },
    { stage: 4, dueAt: '2026-11-22T03:00:00.000Z' },
    { stage: 5, dueAt: '2026-12-21T03:00:00.000Z' },
  ])('a CrowdWorks delivery on 2026-11-01 noon JST has stage $stage due at $dueAt', ({ stage, dueAt }) => {
    const found = plan('crowdworks', 'awaiting_review').find((s) => s.stage === stage);
    expect(found?.dueAt.toISOString()).toBe(dueAt);
  });

  it('stages come in order with non-decreasing days', () => {
    for (const marketplace of ['crowdworks', 'lancers', 'coconala', 'upwork', 'direct', 'other'] as const) {
      const stages = plan(marketplace, 'awaiting_review');
      expect(stages.map((s) => s.stage)).toEqual([...stages.map((s) => s.stage)].sort());
      expect(stages.map((s) => s.day)).toEqual([...stages.map((s) => s.day)].sort((a, b) => a - b));
    }
  });

  it('custom stage days replace the defaults, skipping null stages', () => {
    const input: PlanInput = { marketplace: 'crowdworks', escrow: 'funded', status: 'awaiting_review', deliveredAt: DELIVERED };
    const stages = plannedStages(input, { 1: 1, 2: null, 3: 2, 4: null, 5: 60, 6: null });
    expect(stages.map((s) => [s.stage, s.day])).toEqual([[1, 1], [3, 2], [5, 60]]);
  });
});

describe('plannedStages keeps the ladder’s gaps after the last message', () => {
  const base: PlanInput = { marketplace: 'crowdworks', escrow: 'funded', status: 'awaiting_review', deliveredAt: DELIVERED };
  const at = (days: number) => new Date(DELIVERED.getTime() + days * DAY_MS);
  const dueDays = (input: PlanInput) => plannedStages(input).map((s) => [s.stage, (s.dueAt.getTime() - DELIVERED.getTime()) / DAY_MS]);

  it('a check-in sent on time changes nothing', () => {
    expect(dueDays({ ...base, lastStage: 1, lastNudgeAt: at(3) })).toEqual([[1, 3], [2, 7], [3, 8], [4, 21], [5, 50], [6, 60]]);
  });

  it('a check-in sent three weeks late moves the later stages by the same gaps', () => {
    // Recorded on day 21: the check-in went out then; follow-up 4 days later, desk 1 day after it …
    expect(dueDays({ ...base, lastStage: 1, lastNudgeAt: at(21) }).slice(0, 4)).toEqual([[1, 3], [2, 25], [3, 26], [4, 39]]);
  });

  it('the stages about the legal deadline stay near it: at most 3 days after the previous message', () => {
    // The record went out on day 40: the legal letter still comes on day 50, the routes on day 60.
    expect(dueDays({ ...base, lastStage: 4, lastNudgeAt: at(40) }).slice(4)).toEqual([[5, 50], [6, 60]]);
    // The record went out on day 55: the legal letter 3 days later, the routes 3 days after that.
    expect(dueDays({ ...base, lastStage: 4, lastNudgeAt: at(55) }).slice(4)).toEqual([[5, 58], [6, 60]]);
    expect(dueDays({ ...base, lastStage: 5, lastNudgeAt: at(70) }).slice(5)).toEqual([[6, 73]]);
  });

  it('the day after the legal deadline is a fact: never earlier than day 60', () => {
    expect(dueDays({ ...base, lastStage: 4, lastNudgeAt: at(21) })[5]).toEqual([6, 60]);
  });

  it('with agreed terms the payment request comes the day after the agreed date; the legal stages stay tied to delivery', () => {
    // Agreed date on day 40 (its end): the request at noon the next day.
    const direct: PlanInput = { marketplace: 'direct', escrow: 'not_funded', status: 'accepted', deliveredAt: DELIVERED, dueAt: at(40) };
    expect(dueDays(direct)).toEqual([[4, 40.5], [5, 50], [6, 60]]);
    // After that request went out, the legal letter keeps at most 3 days, and never comes the same day.
    expect(dueDays({ ...direct, dueAt: at(45), lastStage: 4, lastNudgeAt: at(45.5) })).toEqual([[4, 45.5], [5, 50], [6, 60]]);
    expect(dueDays({ ...direct, dueAt: at(48), lastStage: 4, lastNudgeAt: at(48.5) })).toEqual([[4, 48.5], [5, 51.5], [6, 60]]);
    expect(dueDays({ ...direct, dueAt: at(55), lastStage: 4, lastNudgeAt: at(55.5) })).toEqual([[4, 55.5], [5, 58.5], [6, 60]]);
  });

  it('two letters never come on the same day, even when their days coincide', () => {
    const sameDay = plannedStages({ ...base, lastStage: 1, lastNudgeAt: at(3) }, { 1: 3, 2: 3, 3: null, 4: 21, 5: 50, 6: 60 });
    expect(sameDay.find((s) => s.stage === 2)!.dueAt).toEqual(at(4));
  });

  it('a due date earlier than the ladder’s own days does not bring the payment stages forward', () => {
    const direct: PlanInput = { marketplace: 'direct', escrow: 'not_funded', status: 'accepted', deliveredAt: DELIVERED, dueAt: at(5) };
    expect(dueDays(direct)).toEqual([[4, 21], [5, 50], [6, 60]]);
  });
});

describe('plannedStages, asked again about the same delivery', () => {
  const input: PlanInput = { marketplace: 'crowdworks', escrow: 'funded', status: 'awaiting_review', deliveredAt: DELIVERED };

  it('answers the plan it worked out, which no caller can change', () => {
    const plan = plannedStages(input);
    expect(plannedStages(input)).toBe(plan);
    expect(Object.isFrozen(plan)).toBe(true);
    expect(() => (plan as unknown[]).pop()).toThrow(TypeError);
    expect(plannedStages(input)).toHaveLength(plan.length);
  });

  it('plans a changed delivery (a new object) anew, and other days than the ladder’s without keeping them', () => {
    expect(plannedStages(input).length).toBeGreaterThan(0);
    expect(plannedStages({ ...input, status: 'paid' })).toEqual([]);
    const fewer = plannedStages(input, { 1: 1, 2: null, 3: null, 4: null, 5: null, 6: null });
    expect(fewer.map((s) => s.stage)).toEqual([1]);
    expect(plannedStages(input).map((s) => s.stage)).not.toEqual([1]);
  });
});
