/**
 * English counts: "1 day", "3 days". Which form a count takes is decided by `Intl.PluralRules`, not
 * by `n === 1` in every sentence. Japanese needs no plural forms: its text writes `${n}日` as is.
 */

/** The forms English uses; `other` is the fallback for any category a count falls into. */
export interface PluralForms {
  one: string;
  other: string;
}

// The count is printed with String(n), every digit shown, so the rule must see every digit too
// (by default it rounds to three decimals and would call 1.0001 "one").
const RULES = new Intl.PluralRules('en-US', { maximumFractionDigits: 20 });

/** The form alone: "days" for 3. */
function pluralWord(n: number, forms: PluralForms): string {
  return RULES.select(n) === 'one' ? forms.one : forms.other;
}

/** The count and its word: `plural(1, { one: 'day', other: 'days' })` → "1 day". */
export function plural(n: number, forms: PluralForms): string {
  return `${n} ${pluralWord(n, forms)}`;
}

/**
 * A phrase that places or spells the count itself, `#` standing for the count:
 * `pluralPhrase(n, { one: 'One stage is', other: '# stages are' })` → "One stage is" / "3 stages are".
 */
export function pluralPhrase(n: number, forms: PluralForms): string {
  return pluralWord(n, forms).replaceAll('#', String(n));
}
