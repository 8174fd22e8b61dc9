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

/**
 * One interaction's store calls: whether a write has begun among them, so that a later call cut
 * off by the deadline knows the interaction may have saved something. Handed to the stores
 * explicitly (`inScope`) rather than found through AsyncLocalStorage: its promise hooks cost every
 * promise in the process about a tenth of the scheduler's CPU, whoever made them.
 */
export interface CallScope {
  wrote: boolean;
}

/** What a store bound by the deadline answers with a copy of itself whose calls count in a scope. */
export const BIND_SCOPE = Symbol('kenshu.bindScope');

type Bindable = { [BIND_SCOPE]: (scope: CallScope) => unknown };

function bindable(value: unknown): value is Bindable {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Bindable>)[BIND_SCOPE] === 'function';
}

/** `deps` with each store bound by the deadline counting its calls in `scope`; everything else as it is. */
export function inScope<T extends object>(deps: T, scope: CallScope): T {
  const bound: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(deps)) bound[key] = bindable(value) ? value[BIND_SCOPE](scope) : value;
  return bound as T;
}

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

/**
 * Awaits a store call for at most the deadline; a write counts in `scope`, and a call cut off
 * after a write of the same scope may have left it saved. The call itself goes on (a driver cannot
 * take back a query it sent); its late answer is dropped.
 */
export async function withinDeadline<T>(call: () => Promise<T>, write: boolean, ms = DATABASE_CALL_DEADLINE_MS, scope?: CallScope): Promise<T> {
  if (write && scope) scope.wrote = true;
  const pending = countInFlight(call);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseDeadlineError(write || scope?.wrote === true, ms)), ms);
  });
  pending.catch(() => undefined);
  try {
    return await Promise.race([pending, expired]);
  } finally {
    clearTimeout(timer);
  }
}
