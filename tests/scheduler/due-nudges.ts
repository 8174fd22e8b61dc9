import { asc } from 'drizzle-orm';
import { plannedStages, type Stage } from '../../src/domain/ladder.js';
import type { NudgeState } from '../../src/domain/nudge-plan.js';
import type { TickReport } from '../../src/scheduler/nudge-scheduler.js';
import type { Database } from '../../src/store/index.js';
import { deliveries, nudges } from '../../src/store/schema.js';

/** What the ladder says one scheduler pass at `at` must do for a fresh delivery. */
export interface DueNudge {
  /** The lowest due stage: the one message the writer gets (the rest follow at the ladder's gaps). */
  stage: Stage;
  /** Stages recorded as skipped: none, ever (a late delivery starts with the check-in). */
  skipped: Stage[];
}

export function dueNudge(state: Pick<NudgeState, 'marketplace' | 'escrow' | 'status' | 'deliveredAt'>, at: Date): DueNudge | undefined {
  const lowest = plannedStages(state).find((s) => s.dueAt.getTime() <= at.getTime());
  return lowest && { stage: lowest.stage, skipped: [] };
}

export function emptyReport(): TickReport {
  return { claimed: 0, sent: 0, viaFallback: 0, waiting: 0, unreachable: 0, retrying: 0, failed: 0, alreadyDone: 0, notSent: 0, errors: 0 };
}

export function addReport(total: TickReport, report: TickReport): TickReport {
  for (const key of Object.keys(total) as (keyof TickReport)[]) total[key] += report[key];
  return total;
}

/** A small seeded PRNG (mulberry32), so that a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The rows the assertions look at, read straight from the tables. */
export async function readOutcome(db: Database) {
  const [deliveryRows, nudgeRows] = await Promise.all([
    db.select().from(deliveries).orderBy(asc(deliveries.id)),
    db.select().from(nudges).orderBy(asc(nudges.deliveryId), asc(nudges.stage)),
  ]);
  const nudgesOf = new Map<number, (typeof nudgeRows)[number][]>();
  for (const row of nudgeRows) nudgesOf.set(row.deliveryId, [...(nudgesOf.get(row.deliveryId) ?? []), row]);
  return { deliveryRows, nudgeRows, nudgesOf };
}
