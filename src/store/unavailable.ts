import { BIND_SCOPE, countInFlight, DATABASE_CALL_DEADLINE_MS, DatabaseDeadlineError, withinDeadline, type CallScope } from '../database-deadline.js';
import { DomainError } from '../domain/errors.js';
import { hasErrorCode } from './errors.js';

/** Errors that mean "the database cannot be reached", as opposed to a bug or a refused write. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
]);

function isConnectionError(error: unknown): boolean {
  return hasErrorCode(error, (code) => CONNECTION_CODES.has(code));
}

/**
 * Store methods that only read, by name; anything else counts as a write, so that a call cut off
 * by the deadline is never reported as "nothing was saved" when it might have been.
 */
const READ_METHOD = /^(find|list|load|count|search|suggest|is[A-Z]|latest|history|aliases|auditLog|clientNames|erasureSummary|exportMember|federationExposure|openPlans|pending|reportersOf|summarize|unpaidTotals|mergedInto|modChannel)/;

/** What a store wrapped by reportUnavailable answers with a copy of itself whose calls have no deadline. */
const WITHOUT_DEADLINE = Symbol('kenshu.withoutDeadline');

/**
 * The same store, its calls taking as long as they take (the schedulers' passes: nobody waits on
 * them); a store not wrapped by reportUnavailable as it is.
 */
export function withoutDeadline<T extends object>(store: T): T {
  const unbound = (store as { [WITHOUT_DEADLINE]?: unknown })[WITHOUT_DEADLINE];
  return typeof unbound === 'function' ? (unbound as () => T)() : store;
}

/**
 * Wraps a store so that "database unreachable" surfaces as the coded STORE_UNAVAILABLE error,
 * which the user sees as "nothing was saved, try again", rather than as an internal failure. Each
 * call is bounded by the database deadline; a write cut off by it becomes STORE_OUTCOME_UNKNOWN
 * ("it may have been saved; trying again is safe"). `deadlineMs` null: unbounded, for a database in
 * this process, which cannot hang on a network but can queue past any deadline in a burst.
 * `scope`: the interaction the calls belong to (a write in it makes any later call's cut-off
 * "may have been saved"); `inScope` binds a store to one through BIND_SCOPE.
 */
export function reportUnavailable<T extends object>(
  store: T,
  deadlineMs: number | null = DATABASE_CALL_DEADLINE_MS,
  /** Methods allowed longer than `deadlineMs` (when there is a deadline at all). */
  slower: Partial<Record<keyof T & string, number>> = {},
  scope?: CallScope,
): T {
  const slowerThan = slower as Partial<Record<string | symbol, number>>;
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === BIND_SCOPE) return (bound: CallScope) => reportUnavailable(store, deadlineMs, slower, bound);
      if (key === WITHOUT_DEADLINE) return () => reportUnavailable(store, null, slower);
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      const write = typeof key !== 'string' || !READ_METHOD.test(key);
      const ms = deadlineMs === null ? null : (slowerThan[key] ?? deadlineMs);
      return async (...args: unknown[]) => {
        try {
          const call = () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          return await (ms === null ? countInFlight(call) : withinDeadline(call, write, ms, scope));
        } catch (error) {
          if (error instanceof DatabaseDeadlineError) throw new DomainError(error.wrote ? 'STORE_OUTCOME_UNKNOWN' : 'STORE_UNAVAILABLE');
          if (isConnectionError(error)) throw new DomainError('STORE_UNAVAILABLE');
          throw error;
        }
      };
    },
  });
}

/** Counts a store's calls in flight for the metrics, and nothing else: the scheduler handles its own errors. */
export function countCalls<T extends object>(store: T): T {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => countInFlight(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
}
