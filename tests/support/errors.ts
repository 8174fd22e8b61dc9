import { expect } from 'vitest';
import { DomainError, type ErrorCode } from '../../src/domain/errors.js';

/** The DomainError code `fn` throws; fails the test if it throws anything else or nothing. */
export function errorCodeOf(fn: () => unknown): ErrorCode {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

/** The DomainError `fn` throws, code and params; fails the test if it throws anything else or nothing. */
export function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

/** The same for a promise. */
export async function rejectionCodeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}
