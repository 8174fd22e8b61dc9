import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How long one store call may take before the member is told the database is not answering. A
 * PostgreSQL that accepts connections but never answers would otherwise hold an interaction until
 * the platform gives up: Discord wants an answer within 3 s, so this leaves room to send it.
 */
export const DATABASE_CALL_DEADLINE_MS = 2_000;

/** A store call ran out of time. `wrote`: a write had begun in the same interaction, so it may have been saved. */
export class DatabaseDeadlineError extends Error {
  override readonly name = 'DatabaseDeadlineError';
  constructor(
    readonly wrote: boolean,
    ms: number,
  ) {
    super(`the database did not answer within ${ms} ms`);
  }
}

/**
 * How long the calls that gather a whole record may take: the moderators' figures (a big
 * community's month takes about 4 s on a small machine, README, `npm run bench:report`), the
 * community's report export and a member's own export. They run after the platform has been
 * answered "thinking…", which it keeps for minutes. A hung database is caught earlier anyway, by
 * the store calls that find who is asking.
 */
export const SLOW_CALL_DEADLINE_MS = 30_000;

interface Scope {
  /** A write has begun in this interaction. */
  wrote: boolean;
  /** Store calls are bounded: a member waits. The schedulers' passes are not: nobody waits on them. */
  bounded: boolean;
}

const current = new AsyncLocalStorage<Scope>();

let inFlight = 0;

/** Store calls sent and not yet answered, whether or not their deadline has passed: a hung database shows here. */
export function databaseCallsInFlight(): number {
  return inFlight;
}

/** Counts `call` as in flight until it settles. */
export async function countInFlight<T>(call: () => Promise<T>): Promise<T> {
  inFlight++;
  try {
    return await call();
  } finally {
    inFlight--;
  }
}

/** Runs one interaction's work, so that a store call timing out knows whether a write came before it. */
export function inInteraction<T>(work: () => Promise<T>): Promise<T> {
  return current.run({ wrote: false, bounded: true }, work);
}

/** Runs background work (a scheduler's pass), whose store calls take as long as they take. */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return current.run({ wrote: false, bounded: false }, work);
}

/**
 * Awaits a store call for at most the deadline (outside any scope too: an adapter finding who is
 * asking, before the command's own work, is bounded as well). The call itself goes on (a driver cannot take back
 * a query it sent); its late answer is dropped.
 */
export async function withinDeadline<T>(call: () => Promise<T>, write: boolean, ms = DATABASE_CALL_DEADLINE_MS): Promise<T> {
  const interaction = current.getStore();
  if (interaction?.bounded === false) return countInFlight(call);
  if (write && interaction) interaction.wrote = true;
  const pending = countInFlight(call);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseDeadlineError(write || interaction?.wrote === true, ms)), ms);
  });
  pending.catch(() => undefined);
  try {
    return await Promise.race([pending, expired]);
  } finally {
    clearTimeout(timer);
  }
}
