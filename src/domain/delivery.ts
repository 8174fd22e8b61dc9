import { DateTime } from 'luxon';
import { parseCalendarDay } from './calendar-day.js';
import { parseClientIdentity, marketplaceOfUrl, type ClientIdentity } from './client-identity.js';
import { DomainError } from './errors.js';
import type { DeliveryStatus } from './ladder.js';
import type { Locale } from './member.js';
import type { ReminderState } from './nudge-plan.js';
import { LIMITS } from './limits.js';
import { minorDigits } from './money.js';
import { defaultEscrow, defaultLetterLocale, isPlatform, type Escrow, type Marketplace } from './marketplace.js';
import { parsePaymentDue, type PaymentDue } from './payment-terms.js';
import { MINUTE_MS } from './time.js';

export type { DeliveryStatus } from './ladder.js';
export const DELIVERY_STATUSES = ['awaiting_review', 'accepted', 'paid', 'cancelled'] as const satisfies readonly DeliveryStatus[];

export interface ClientSummary {
  id: number;
  key: string;
  displayName: string;
  profileUrl: string | null;
}

export interface Delivery {
  id: number;
  /** The writer's own short number: `#3` is their third delivery. */
  number: number;
  writerId: number;
  communityId: number;
  client: ClientSummary;
  title: string;
  marketplace: Marketplace;
  amount: number | null;
  currency: string;
  deliveredAt: Date;
  escrow: Escrow;
  jobUrl: string | null;
  status: DeliveryStatus;
  acceptedAt: Date | null;
  paidAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
  reminders: ReminderState;
  snoozedUntil: Date | null;
  /** The highest nudge stage sent or skipped so far; 0 before the first. */
  lastStage: number;
  /** When that stage went out; null before the first. */
  lastNudgeAt: Date | null;
  /** When the scheduler looks at it next; null when no nudge is left. */
  nextNudgeAt: Date | null;
  /** The client's name as the writer typed it for this delivery; null when only a profile was given. */
  clientName: string | null;
  /** The language of the letters to the client and the desk. */
  letterLocale: Locale;
  /** When payment is due under the agreed terms; null when none were given. */
  dueAt: Date | null;
  /** Those terms, normalized (see payment-terms.ts). */
  dueTerms: string | null;
}

/** A delivery checked and parsed, ready to be stored. */
export interface NewDelivery {
  client: ClientIdentity;
  title: string;
  marketplace: Marketplace;
  amount: number | null;
  currency: string;
  deliveredAt: Date;
  escrow: Escrow;
  jobUrl: string | null;
  clientName: string | null;
  letterLocale: Locale;
  dueAt: Date | null;
  dueTerms: string | null;
}

/** What the writer typed, already bounded in length by the command definition. */
export interface NewDeliveryInput {
  /** The client's name, or (still accepted) a profile URL or key. */
  client?: string | undefined;
  /** The client's marketplace profile: a URL or a key such as `crowdworks:4455667`. */
  profile?: string | undefined;
  title: string;
  marketplace?: Marketplace | undefined;
  amount?: string | undefined;
  currency?: string | undefined;
  delivered?: string | undefined;
  escrow?: EscrowAnswer | undefined;
  url?: string | undefined;
  /** When a direct client pays: a date or terms (payment-terms.ts). */
  due?: string | undefined;
  /** The language of letters to the client and the desk, when not the marketplace's default. */
  letterLanguage?: Locale | undefined;
}

export type EscrowAnswer = 'yes' | 'no' | 'unknown';

export type StatusAction = 'accept' | 'pay' | 'cancel';

const TRANSITIONS: Record<StatusAction, { from: readonly DeliveryStatus[]; to: DeliveryStatus }> = {
  accept: { from: ['awaiting_review'], to: 'accepted' },
  // Paying also settles review: on escrow platforms acceptance and payment are one click.
  pay: { from: ['awaiting_review', 'accepted'], to: 'paid' },
  cancel: { from: ['awaiting_review', 'accepted'], to: 'cancelled' },
};

/** The status a delivery moves to, or INVALID_TRANSITION when the action makes no sense now. */
export function nextStatus(from: DeliveryStatus, action: StatusAction): DeliveryStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) throw new DomainError('INVALID_TRANSITION', { from, action });
  return rule.to;
}

/** `3`, `#3` or `＃３` → 3. */
export function parseDeliveryNumber(text: string): number {
  const match = /^#?\s*(\d{1,7})$/.exec(text.normalize('NFKC').trim());
  const number = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(number) || number < 1 || number > LIMITS.deliveryNumberMax) {
    throw new DomainError('INVALID_DELIVERY_NUMBER', { value: text.slice(0, 20) });
  }
  return number;
}

/**
 * A decimal written as text, times 10^shift, counted on the text: `1.5` shifted by 4 is 15000
 * with no decimals left, where 1.5 * 10000 in binary might not be.
 */
function shiftDecimal(text: string, shift: number): { value: number; decimals: number } {
  const [whole = '', fraction = ''] = text.split('.');
  const rest = fraction.slice(shift);
  const value = Number(`${whole}${fraction.slice(0, shift).padEnd(shift, '0')}${rest ? `.${rest}` : ''}`);
  return { value, decimals: rest.replace(/0+$/, '').length };
}

/** `12万3千`, `1.5万`, `5千`, `12万3000`: Japanese counting words, which mean yen. */
const JAPANESE_AMOUNT = /^(?:(\d+(?:\.\d+)?)万)?(?:(\d+(?:\.\d+)?)千)?(\d+)?$/;

/**
 * An amount as writers type it: `5000`, `5,000`, `¥5,000`, `5000円`, `１２．５`, `5万円`,
 * `1.5万`, `12万3千円`. Returns the number and the currency the text implied, if any; 万 and 千
 * imply yen.
 */
export function parseAmount(text: string): { amount: number; currency?: string; decimals: number } {
  let t = text.normalize('NFKC').trim().replace(/[,\s]/g, '');
  const yen = /^[¥￥]|円$/.test(t);
  const dollar = /^\$|ドル$/.test(t);
  if (yen && dollar) throw new DomainError('AMOUNT_INVALID', { value: text.slice(0, 20) });
  t = t.replace(/^[¥￥$]|円$|ドル$/g, '');
  let amount: number;
  let decimals: number;
  const counted = /[万千]/.test(t) ? JAPANESE_AMOUNT.exec(t) : null;
  if (counted) {
    if (dollar) throw new DomainError('AMOUNT_INVALID', { value: text.slice(0, 20) });
    const parts = [shiftDecimal(counted[1] ?? '0', 4), shiftDecimal(counted[2] ?? '0', 3), shiftDecimal(counted[3] ?? '0', 0)];
    amount = parts.reduce((sum, p) => sum + p.value, 0);
    decimals = Math.max(...parts.map((p) => p.decimals));
  } else {
    const match = /^-?\d+(?:\.(\d+))?$/.exec(t);
    if (!match) throw new DomainError('AMOUNT_INVALID', { value: text.slice(0, 20) });
    amount = Number(t);
    // Counted on the text, not the float: 19.99 * 100 is not a whole number in binary.
    decimals = match[1]?.replace(/0+$/, '').length ?? 0;
  }
  if (!(amount > 0) || amount > LIMITS.amountMax) {
    throw new DomainError('AMOUNT_OUT_OF_RANGE', { value: text.slice(0, 20), max: LIMITS.amountMax });
  }
  const currency = yen || counted ? 'JPY' : dollar ? 'USD' : undefined;
  return currency ? { amount, currency, decimals } : { amount, decimals };
}

const CURRENCY_ALIASES: Record<string, string> = { '円': 'JPY', YEN: 'JPY', '$': 'USD', 'ドル': 'USD' };

let knownCurrencies: Set<string> | undefined;

/** An ISO 4217 code the runtime knows (`JPY`, `usd`), or 円 / $. */
export function parseCurrency(text: string): string {
  const t = text.normalize('NFKC').trim().toUpperCase();
  const code = CURRENCY_ALIASES[t] ?? t;
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  if (!knownCurrencies.has(code)) throw new DomainError('UNKNOWN_CURRENCY', { value: text.slice(0, 10) });
  return code;
}

const fractionDigits = minorDigits;

/** Allowed clock skew between a platform's idea of "now" and ours. */
const FUTURE_TOLERANCE_MINUTES = 5;

/** Later than now, beyond the clock skew allowed between a platform and us. */
export function isInFuture(at: Date, now: Date): boolean {
  return at.getTime() > now.getTime() + FUTURE_TOLERANCE_MINUTES * MINUTE_MS;
}

/**
 * A moment as writers type it, in their time zone: a bare date (`2026-11-01`, `2026/11/1`,
 * `2026年11月1日`, `11/1`, `today`, `昨日`) means noon of that day, or now if that is earlier, so
 * "today" is never in the future; a full ISO timestamp is taken as given. `dateOnly` says which.
 * The caller decides which moments make sense (see parseDeliveredAt, record.ts).
 */
export function parseWriterTime(text: string, now: Date, timezone: string): { at: Date; dateOnly: boolean } {
  const nowLocal = DateTime.fromJSDate(now, { zone: timezone });
  const parsed = parseCalendarDay(text, now, timezone, { onOrBefore: nowLocal });
  if (!parsed) throw new DomainError('INVALID_DATE', { value: text.slice(0, 40) });
  // A month and day without a year, long ago, is more likely a slip (a date still to come, a
  // wrong month) than a late entry: the writer confirms it by giving the year.
  const yearless = /^\d{1,2}[/月]\d{1,2}日?$/.test(text.normalize('NFKC').trim());
  if (yearless && parsed.day < nowLocal.startOf('day').minus({ months: LIMITS.yearlessDateMonths })) {
    throw new DomainError('DATE_NEEDS_YEAR', { value: text.slice(0, 40), date: parsed.day.toISODate() ?? '', months: LIMITS.yearlessDateMonths });
  }
  let at = parsed.at ?? parsed.day.set({ hour: 12 }).toJSDate();
  if (!parsed.at && parsed.day.hasSame(nowLocal, 'day') && at > now) at = now;
  return { at, dateOnly: !parsed.at };
}

/** When the work was delivered (see parseWriterTime); default now, never in the future. */
export function parseDeliveredAt(text: string | undefined, now: Date, timezone: string): Date {
  if (text === undefined) return now;
  const { at } = parseWriterTime(text, now, timezone);
  if (isInFuture(at, now)) throw new DomainError('DELIVERED_IN_FUTURE', { value: text.slice(0, 40) });
  const earliest = DateTime.fromISO(LIMITS.earliestDelivery, { zone: timezone });
  if (at < earliest.toJSDate()) throw new DomainError('DELIVERED_TOO_EARLY', { value: text.slice(0, 40), earliest: LIMITS.earliestDelivery });
  return at;
}

function parseJobUrl(text: string): string {
  const t = text.normalize('NFKC').trim();
  let url: URL | undefined;
  try {
    url = new URL(/^https?:\/\//i.test(t) ? t : `https://${t}`);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || !url.hostname.includes('.') || t.length > LIMITS.urlLength) {
    throw new DomainError('INVALID_URL', { value: t.slice(0, 60) });
  }
  return url.toString();
}

export function checkText(field: string, value: string, max: number): string {
  const t = value.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (t.length === 0) throw new DomainError('INVALID_INPUT', { field, issue: 'required' });
  if (t.length > max) throw new DomainError('INVALID_INPUT', { field, issue: 'too_long', max });
  return t;
}

export const ESCROW_ANSWERS: Record<EscrowAnswer, Escrow> = { yes: 'funded', no: 'not_funded', unknown: 'unknown' };

// ─── One field at a time: what /deliver new and /deliver edit both check ────────────────────

export interface ClientFields {
  /** Who the client is: the profile when one was given, else the name. */
  identity: ClientIdentity;
  /** The name as the writer typed it; null when only a profile was given. */
  clientName: string | null;
}

/**
 * The client from `client:` (a name; a profile URL or key still works there) and `profile:` (a
 * profile URL or key). At least one is needed; a name given as `profile:` is refused rather than
 * taken for a profile.
 */
export function parseClientFields(client: string | undefined, profile: string | undefined): ClientFields {
  const fromProfile = profile === undefined ? undefined : parseClientIdentity(profile, 'profile');
  if (fromProfile?.kind === 'name') throw new DomainError('PROFILE_INVALID', { value: profile!.trim().slice(0, 60) });
  const fromClient = client === undefined ? undefined : parseClientIdentity(client);
  if (fromProfile && fromClient?.kind === 'profile' && fromClient.key !== fromProfile.key) {
    throw new DomainError('PROFILE_MISMATCH', { client: fromClient.key, profile: fromProfile.key });
  }
  const identity = fromProfile ?? fromClient;
  if (!identity) throw new DomainError('CLIENT_REQUIRED');
  return { identity, clientName: fromClient?.kind === 'name' ? fromClient.displayName : null };
}

/** The marketplace a profile URL or a job URL names, checked against the one given. */
export function checkMarketplace(given: Marketplace | undefined, client: ClientIdentity | undefined, jobUrl: string | null): Marketplace {
  const fromClient = client?.kind === 'profile' ? client.marketplace : undefined;
  const fromJob = jobUrl ? marketplaceOfUrl(jobUrl) : undefined;
  const marketplace = given ?? fromClient ?? fromJob;
  if (!marketplace) throw new DomainError('MARKETPLACE_REQUIRED');
  for (const implied of [fromClient, fromJob]) {
    if (implied && implied !== marketplace) throw new DomainError('MARKETPLACE_MISMATCH', { given: marketplace, implied });
  }
  return marketplace;
}

/**
 * The fee from `amount:` and `currency:`. An amount that names its currency (`$12.50`, `5000円`)
 * sets it; otherwise `currency:`, else `fallbackCurrency`. Also checked when only the currency
 * changes, against the amount already recorded.
 */
export function parseMoney(amountText: string | undefined, currencyText: string | undefined, current: { amount: number | null; currency: string }): { amount: number | null; currency: string } {
  const given = currencyText === undefined ? undefined : parseCurrency(currencyText);
  if (amountText === undefined) {
    const currency = given ?? current.currency;
    if (current.amount !== null && countDecimals(current.amount) > fractionDigits(currency)) {
      throw new DomainError('AMOUNT_PRECISION', { value: String(current.amount), currency, digits: fractionDigits(currency) });
    }
    return { amount: current.amount, currency };
  }
  const parsed = parseAmount(amountText);
  if (given && parsed.currency && given !== parsed.currency) {
    throw new DomainError('CURRENCY_MISMATCH', { amount: amountText.slice(0, 20), currency: given });
  }
  const currency = given ?? parsed.currency ?? current.currency;
  const digits = fractionDigits(currency);
  if (parsed.decimals > digits) throw new DomainError('AMOUNT_PRECISION', { value: amountText.slice(0, 20), currency, digits });
  return { amount: parsed.amount, currency };
}

function countDecimals(amount: number): number {
  // Amounts are stored with at most two decimals, so their shortest text is exact.
  return String(amount).split('.')[1]?.length ?? 0;
}

/** What `due:` may say to clear the terms on an edit. */
const NO_DUE = new Set(['none', 'なし', '無し', 'clear']);

/**
 * `due:` for a delivery on `marketplace`: refused on a platform, whose escrow governs payment;
 * null for `none`.
 */
export function parseDue(text: string, marketplace: Marketplace, deliveredAt: Date, now: Date, timezone: string): PaymentDue | null {
  if (isPlatform(marketplace)) throw new DomainError('DUE_ON_PLATFORM', { marketplace });
  if (NO_DUE.has(text.normalize('NFKC').trim().toLowerCase())) return null;
  return parsePaymentDue(text, deliveredAt, now, timezone);
}

/**
 * Checks and completes a new delivery. The marketplace may be left out when the client's profile
 * URL or the job URL names it; when they disagree with the one given, that is an error rather
 * than a guess. Escrow defaults to what the marketplace does, the letters' language to the
 * marketplace's readers (the writer's own language for a direct client).
 */
export function prepareDelivery(input: NewDeliveryInput, now: Date, timezone: string, writerLocale: Locale): NewDelivery {
  const { identity: client, clientName } = parseClientFields(input.client, input.profile);
  const title = checkText('title', input.title, LIMITS.titleLength);
  const jobUrl = input.url === undefined ? null : parseJobUrl(input.url);
  const marketplace = checkMarketplace(input.marketplace, client, jobUrl);
  const { amount, currency } = parseMoney(input.amount, input.currency, { amount: null, currency: 'JPY' });
  const deliveredAt = parseDeliveredAt(input.delivered, now, timezone);
  const due = input.due === undefined ? null : parseDue(input.due, marketplace, deliveredAt, now, timezone);

  return {
    client,
    title,
    marketplace,
    amount,
    currency,
    deliveredAt,
    escrow: input.escrow ? ESCROW_ANSWERS[input.escrow] : defaultEscrow(marketplace),
    jobUrl,
    clientName,
    letterLocale: input.letterLanguage ?? defaultLetterLocale(marketplace, writerLocale),
    dueAt: due?.dueAt ?? null,
    dueTerms: due?.terms ?? null,
  };
}
