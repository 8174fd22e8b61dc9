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
 * Wraps a store so that "database unreachable" surfaces as the coded STORE_UNAVAILABLE error,
 * which the user sees as "nothing was saved, try again", rather than as an internal failure.
 */
export function reportUnavailable<T extends object>(store: T): T {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          if (isConnectionError(error)) throw new DomainError('STORE_UNAVAILABLE');
          throw error;
        }
      };
    },
  });
}
