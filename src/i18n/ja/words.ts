/** The Japanese words every letter uses: the writer's name left blank, the one closing, lists of dates. */

/** Where the writer signs: left for them, never invented. */
export const NAME = '(お名前)';
/** Once per letter (shared/JAPANESE.md). */
export const CLOSING = '何卒よろしくお願いいたします。';

export function list(dates: readonly string[]): string {
  return dates.join('、');
}
