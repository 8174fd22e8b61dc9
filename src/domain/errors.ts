/**
 * Expected failures carry a stable code and the facts needed to explain them. Adapters render
 * them as localized text (see src/i18n); the code never changes once released, so logs,
 * tests and translations can rely on it.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_COMMAND'
  | 'UNKNOWN_OPTION'
  | 'DUPLICATE_OPTION'
  | 'UNEXPECTED_ARGUMENT'
  | 'UNBALANCED_QUOTE'
  | 'CLIENT_REQUIRED'
  | 'CLIENT_URL_UNRECOGNIZED'
  | 'MARKETPLACE_REQUIRED'
  | 'MARKETPLACE_MISMATCH'
  | 'INVALID_URL'
  | 'INVALID_DATE'
  | 'DATE_NEEDS_YEAR'
  | 'DELIVERED_IN_FUTURE'
  | 'DELIVERED_TOO_EARLY'
  | 'AMOUNT_INVALID'
  | 'AMOUNT_OUT_OF_RANGE'
  | 'AMOUNT_PRECISION'
  | 'UNKNOWN_CURRENCY'
  | 'CURRENCY_MISMATCH'
  | 'INVALID_DELIVERY_NUMBER'
  | 'DELIVERY_NOT_FOUND'
  /** A delivery named by id (a button) that is not the caller's, or is gone: its number is never shown. */
  | 'DELIVERY_NOT_YOURS'
  | 'INVALID_TRANSITION'
  | 'DELIVERY_CLOSED'
  | 'EVENT_IN_FUTURE'
  | 'EVENT_BEFORE_DELIVERY'
  | 'NO_PLATFORM_DESK'
  | 'INVALID_DURATION'
  | 'DURATION_OUT_OF_RANGE'
  | 'INVALID_QUIET_HOURS'
  | 'INVALID_TIMEZONE'
  | 'UNKNOWN_BUTTON'
  | 'FORBIDDEN'
  | 'FLAG_DELIVERY_REQUIRED'
  | 'FLAG_DELIVERY_MISMATCH'
  | 'FLAG_TOO_EARLY'
  | 'FLAG_RATE_LIMITED'
  | 'FLAG_IN_DIRECT_MESSAGE'
  | 'FLAG_DUPLICATE'
  | 'FLAG_NOT_FOUND'
  | 'FLAG_NOT_ACTIVE'
  | 'REPORT_NOT_FOUND'
  | 'REPORT_NOT_REVIEWABLE'
  | 'STORE_UNAVAILABLE'
  | 'STORE_OUTCOME_UNKNOWN'
  // Editing a delivery, payment terms, reopening
  | 'PROFILE_INVALID'
  | 'PROFILE_MISMATCH'
  | 'DUE_INVALID'
  | 'DUE_BEFORE_DELIVERY'
  | 'DUE_TOO_LATE'
  | 'DUE_ON_PLATFORM'
  | 'EDIT_NOTHING'
  | 'REOPEN_NOT_CLOSED'
  // Who may do what, and where
  | 'MEMBER_NOT_FOUND'
  | 'CHANNEL_NOT_IN_COMMUNITY'
  | 'CHANNEL_WITHOUT_KENSHU'
  // Moderators' work on clients: the right of reply, merges
  | 'CLIENT_NOT_KNOWN_HERE'
  | 'CLIENT_REPLY_NONE'
  | 'CLIENT_REPLY_INPUT'
  | 'MERGE_SELF'
  | 'MERGE_CYCLE'
  | 'ALREADY_MERGED'
  | 'NOT_MERGED';

export type ErrorParams = Record<string, string | number | readonly string[]>;

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(code);
  }
}

export function isDomainError(error: unknown, code?: ErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
