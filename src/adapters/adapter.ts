import type { CommandDeps } from '../commands/command.js';
import type { Locale, Platform } from '../domain/member.js';
import type { Notifier } from '../domain/notifier.js';
import type { Logger } from '../logger.js';
import type { TickReport } from '../scheduler/nudge-scheduler.js';

/**
 * How long stopping waits for what an adapter already took on to be answered: a platform that
 * stopped answering must not keep Kenshu from stopping.
 */
export const STOP_DRAIN_MS = 10_000;

/** `work`'s value, or `fallback` once `ms` have passed, whichever comes first. The timer never keeps the process open. */
export async function within<T, F>(work: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms).unref();
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** What main.ts hands every adapter: the ports commands use, the logger, and the scheduler. */
export interface Runtime {
  deps: CommandDeps;
  logger: Logger;
  defaultLocale: Locale;
  /** How many acknowledged interactions an adapter works on at once: what the database serves in parallel. */
  workConcurrency?: number;
  /** One pass of the schedulers as of `now` (the console's `/tick`): nudges, then weekly digests; the report counts nudges. */
  tick(now: Date): Promise<TickReport>;
}

/**
 * One way in to Kenshu: a chat platform or the console. Every adapter has this shape, so main.ts
 * composes them the same way: it starts them, gives the scheduler their notifiers, and stops them.
 */
export interface Adapter {
  readonly platform: Platform;
  /** How nudges reach this platform's members. */
  readonly notifier: Notifier;
  /** Connects (or opens the terminal); resolves once the adapter answers. */
  start(): Promise<void>;
  /** Resolves when the adapter ends by itself: the console when its input ends. A chat platform never does. */
  readonly finished: Promise<void>;
  stop(): Promise<void>;
  /** Whether the platform connection is up now, for GET /healthz; an adapter without one leaves this out. */
  connected?(): boolean;
}
