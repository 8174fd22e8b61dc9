/**
 * Money as the store keeps it: whole minor units of the currency (yen, cents, fils), so that no
 * amount is ever rounded. Each currency's minor-unit digits come from ISO 4217 as Intl knows it:
 * JPY 0, USD 2, BHD 3.
 */
const digitsOf = new Map<string, number>();

export function minorDigits(currency: string): number {
  let digits = digitsOf.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsOf.set(currency, digits);
  }
  return digits;
}

/** 1.239 BHD → 1239; 5000 JPY → 5000. The amount has at most the currency's digits (checked on input). */
export function toMinorUnits(amount: number, currency: string): number {
  return Math.round(amount * 10 ** minorDigits(currency));
}

/** 1239 BHD → 1.239. */
export function fromMinorUnits(minor: number, currency: string): number {
  const digits = minorDigits(currency);
  return Number((minor / 10 ** digits).toFixed(digits));
}
