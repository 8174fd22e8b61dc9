import type { Clock } from '../../domain/clock.js';

/**
 * The console's clock: real time, unless `/tick at:` moved it, after which it runs on from the
 * chosen moment, so a user can watch a ladder play out over weeks in a minute.
 */
export class ShiftableClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  set(at: Date): void {
    this.offsetMs = at.getTime() - this.base.now().getTime();
  }
}
