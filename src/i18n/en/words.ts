import { plural, pluralPhrase } from '../plural.js';

/** The English words every letter uses: the writer's name left blank, lists of dates, counts in words. */

/** Where the writer signs: left for them, never invented. */
export const NAME = '[Your name]';

export function list(dates: readonly string[]): string {
  return dates.join('; ');
}

/* Counts in English words (Japanese writes ${n}日 and needs none of these). */

export function days(n: number): string {
  return plural(n, { one: 'day', other: 'days' });
}

export function weeks(n: number): string {
  return pluralPhrase(n, { one: 'a week', other: '# weeks' });
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Small counts in running text are spelled out ("about three messages"), larger ones are digits. */
export function spelled(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}
