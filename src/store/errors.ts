/**
 * Whether a database error, or one of the errors it was caused by (drivers and drizzle wrap them),
 * carries a code `matches` accepts.
 */
export function hasErrorCode(error: unknown, matches: (code: string) => boolean): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && matches(code)) return true;
  }
  return false;
}
