import { min } from 'drizzle-orm';
import type { Database } from '../../src/store/index.js';
import { deliveries } from '../../src/store/schema.js';
import type { MemoryClock } from './clock.js';

/** The earliest `next_nudge_at` of any delivery: when a tick next has something to do. */
async function nextDueAt(db: Database): Promise<Date | null> {
  const [row] = await db.select({ at: min(deliveries.nextNudgeAt) }).from(deliveries);
  return row?.at ?? null;
}

export interface TickThroughDueTimes {
  db: Database;
  clock: MemoryClock;
  scheduler: { tick(): Promise<unknown> };
  /** The shortest time between two ticks, as a per-minute cron would: a minute unless told. */
  minStepMs?: number;
}

/**
 * Time travel without the idle hours: moves the clock straight to the next time something falls
 * due (the smallest `next_nudge_at`, which is also where a lease or a retry runs out), ticks there,
 * and repeats, until `until`; the clock ends on `until` and never goes past it. A scheduler that
 * ticks at every step of a fixed cadence sends the same messages at the same times whenever the
 * due times land on that cadence, which is what the ladder tests arrange.
 *
 * The first tick may be at the clock's current time (what a status change made due at once is
 * sent by the next tick); after that, ticks are at least `minStepMs` apart, so a due time that
 * does not move on is looked at again a step later and the walk always ends.
 */
export async function tickThroughDueTimes({ db, clock, scheduler, minStepMs = 60_000 }: TickThroughDueTimes, until: Date | string): Promise<number> {
  const end = new Date(until).getTime();
  let earliest = clock.now().getTime();
  let ticks = 0;
  for (;;) {
    const due = await nextDueAt(db);
    if (due === null) break;
    const at = Math.max(due.getTime(), earliest);
    if (at > end) break;
    clock.set(new Date(at));
    await scheduler.tick();
    ticks++;
    earliest = at + minStepMs;
  }
  if (clock.now().getTime() < end) clock.set(new Date(end));
  return ticks;
}
