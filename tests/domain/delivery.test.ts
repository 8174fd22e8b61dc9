import { describe, expect, it } from 'vitest';
import { errorCodeOf, errorOf } from '../support/errors.js';
import {
  DELIVERY_STATUSES,
  nextStatus,
  parseAmount,
  parseCurrency,
  parseDeliveredAt,
  parseDeliveryNumber,
  prepareDelivery,
  type DeliveryStatus,
  type NewDeliveryInput,
  type StatusAction,
} from '../../src/domain/delivery.js';
import type { ErrorCode } from '../../src/domain/errors.js';
import type { Escrow, Marketplace } from '../../src/domain/marketplace.js';

const TOKYO = 'Asia/Tokyo';
/** 10:00 in Tokyo on 2026-11-26, i.e. 01:00 UTC. */
const NOW = new Date('2026-11-26T10:00:00+09:00');

describe('nextStatus', () => {
  const table: { from: DeliveryStatus; action: StatusAction; to: DeliveryStatus | 'INVALID_TRANSITION' }[] = [
    { from: 'awaiting_review', action: 'accept', to: 'accepted' },
    { from: 'awaiting_review', action: 'pay', to: 'paid' },
    { from: 'awaiting_review', action: 'cancel', to: 'cancelled' },
    { from: 'accepted', action: 'accept', to: 'INVALID_TRANSITION' },
    { from: 'accepted', action: 'pay', to: 'paid' },
    { from: 'accepted', action: 'cancel', to: 'cancelled' },
    { from: 'paid', action: 'accept', to: 'INVALID_TRANSITION' },
    { from: 'paid', action: 'pay', to: 'INVALID_TRANSITION' },
    { from: 'paid', action: 'cancel', to: 'INVALID_TRANSITION' },
    { from: 'cancelled', action: 'accept', to: 'INVALID_TRANSITION' },
    { from: 'cancelled', action: 'pay', to: 'INVALID_TRANSITION' },
    { from: 'cancelled', action: 'cancel', to: 'INVALID_TRANSITION' },
  ];

  it('the table covers every status × action', () => {
    const covered = new Set(table.map((row) => `${row.from}/${row.action}`));
    const all = DELIVERY_STATUSES.flatMap((status) => (['accept', 'pay', 'cancel'] as const).map((action) => `${status}/${action}`));
    expect([...covered].sort()).toEqual(all.sort());
  });

  it.each(table.filter((row) => row.to !== 'INVALID_TRANSITION'))('$action on $from gives $to', ({ from, action, to }) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it.each(table.filter((row) => row.to === 'INVALID_TRANSITION'))('$action on $from is INVALID_TRANSITION', ({ from, action }) => {
    expect(() => nextStatus(from, action)).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION', params: { from, action } }),
    );
  });
});

describe('parseDeliveryNumber', () => {
  it.each([
    ['3', 3],
    ['#3', 3],
    ['＃３', 3],
    ['# 3', 3],
    [' 12 ', 12],
    ['007', 7],
    ['１２', 12],
    ['9999999', 9_999_999],
  ])('%j is delivery %d', (text, number) => {
    expect(parseDeliveryNumber(text)).toBe(number);
  });

  it.each([['0'], ['#0'], ['-1'], ['abc'], ['12345678'], [''], ['   '], ['#'], ['3.5'], ['3a'], ['##3'], ['1e3']])(
    '%j is INVALID_DELIVERY_NUMBER',
    (text) => {
      expect(errorCodeOf(() => parseDeliveryNumber(text))).toBe('INVALID_DELIVERY_NUMBER');
    },
  );
});

describe('parseAmount', () => {
  it.each<{ text: string; amount: number; currency?: string }>([
    { text: '5000', amount: 5000 },
    { text: '5,000', amount: 5000 },
    { text: ' 5 000 ', amount: 5000 },
    { text: '¥5,000', amount: 5000, currency: 'JPY' },
    { text: '￥5,000', amount: 5000, currency: 'JPY' },
    { text: '5000円', amount: 5000, currency: 'JPY' },
    { text: '５，０００円', amount: 5000, currency: 'JPY' },
    { text: '１２３４', amount: 1234 },
    { text: '12.5', amount: 12.5 },
    { text: '１２．５', amount: 12.5 },
    { text: '$12.50', amount: 12.5, currency: 'USD' },
    { text: '$1,200', amount: 1200, currency: 'USD' },
    { text: '300ドル', amount: 300, currency: 'USD' },
    { text: '100000000', amount: 100_000_000 },
    // 万 (ten thousand) and 千 (thousand), as Japanese fees are written; they mean yen.
    { text: '5万円', amount: 50_000, currency: 'JPY' },
    { text: '5万', amount: 50_000, currency: 'JPY' },
    { text: '１．５万円', amount: 15_000, currency: 'JPY' },
    { text: '12万3千円', amount: 123_000, currency: 'JPY' },
    { text: '12万3000円', amount: 123_000, currency: 'JPY' },
    { text: '¥10万', amount: 100_000, currency: 'JPY' },
    { text: '5千円', amount: 5_000, currency: 'JPY' },
    { text: '1万円', amount: 10_000, currency: 'JPY' },
    { text: '10000万円', amount: 100_000_000, currency: 'JPY' },
  ])('$text is $amount $currency', ({ text, amount, currency }) => {
    expect(parseAmount(text)).toMatchObject(currency === undefined ? { amount } : { amount, currency });
    if (currency === undefined) expect(parseAmount(text).currency).toBeUndefined();
  });

  it.each<[string, ErrorCode]>([
    ['-5', 'AMOUNT_OUT_OF_RANGE'],
    ['0', 'AMOUNT_OUT_OF_RANGE'],
    ['0.00', 'AMOUNT_OUT_OF_RANGE'],
    ['¥0', 'AMOUNT_OUT_OF_RANGE'],
    ['100000001', 'AMOUNT_OUT_OF_RANGE'],
    ['100,000,000.5', 'AMOUNT_OUT_OF_RANGE'],
    ['abc', 'AMOUNT_INVALID'],
    ['', 'AMOUNT_INVALID'],
    ['¥', 'AMOUNT_INVALID'],
    ['万円', 'AMOUNT_INVALID'],
    ['5万万円', 'AMOUNT_INVALID'],
    ['$5万', 'AMOUNT_INVALID'],
    ['3千5万円', 'AMOUNT_INVALID'],
    ['10001万円', 'AMOUNT_OUT_OF_RANGE'],
    ['1e3', 'AMOUNT_INVALID'],
    ['12.', 'AMOUNT_INVALID'],
    ['5000 USD', 'AMOUNT_INVALID'],
  ])('%j is %s', (text, code) => {
    expect(() => parseAmount(text)).toThrow(expect.objectContaining({ code }));
  });
});

describe('parseCurrency', () => {
  it.each([
    ['JPY', 'JPY'],
    ['jpy', 'JPY'],
    ['usd', 'USD'],
    [' EUR ', 'EUR'],
    ['ＵＳＤ', 'USD'],
    ['円', 'JPY'],
    ['yen', 'JPY'],
    ['$', 'USD'],
    ['ドル', 'USD'],
  ])('%j is %s', (text, code) => {
    expect(parseCurrency(text)).toBe(code);
  });

  it.each([['XYZ'], ['US'], ['dollars'], [''], ['JPYY']])('%j is UNKNOWN_CURRENCY', (text) => {
    expect(() => parseCurrency(text)).toThrow(expect.objectContaining({ code: 'UNKNOWN_CURRENCY' }));
  });
});

describe('parseDeliveredAt (now is 2026-11-26 10:00 in Tokyo)', () => {
  it.each<{ text: string | undefined; expected: string; timezone?: string }>([
    // A bare date means noon of that day in the writer's time zone.
    { text: '2026-11-01', expected: '2026-11-01T03:00:00.000Z' },
    { text: '2026/11/1', expected: '2026-11-01T03:00:00.000Z' },
    { text: '2026/11/01', expected: '2026-11-01T03:00:00.000Z' },
    { text: '2026.11.1', expected: '2026-11-01T03:00:00.000Z' },
    { text: '2026年11月1日', expected: '2026-11-01T03:00:00.000Z' },
    { text: '２０２６年１１月１日', expected: '2026-11-01T03:00:00.000Z' },
    { text: '11/1', expected: '2026-11-01T03:00:00.000Z' },
    { text: '11月1日', expected: '2026-11-01T03:00:00.000Z' },
    // Without a year, the most recent such date, within the last six months.
    { text: '6/1', expected: '2026-06-01T03:00:00.000Z' },
    { text: '11/26', expected: '2026-11-26T01:00:00.000Z' },
    // Relative days; today is clamped to now because noon has not come yet.
    { text: 'today', expected: '2026-11-26T01:00:00.000Z' },
    { text: 'Today', expected: '2026-11-26T01:00:00.000Z' },
    { text: '今日', expected: '2026-11-26T01:00:00.000Z' },
    { text: 'yesterday', expected: '2026-11-25T03:00:00.000Z' },
    { text: '昨日', expected: '2026-11-25T03:00:00.000Z' },
    { text: 'きのう', expected: '2026-11-25T03:00:00.000Z' },
    { text: '一昨日', expected: '2026-11-24T03:00:00.000Z' },
    // A full timestamp is taken as given; without an offset it is in the writer's zone.
    { text: '2026-11-20T15:30:00+09:00', expected: '2026-11-20T06:30:00.000Z' },
    { text: '2026-11-20T06:30:00Z', expected: '2026-11-20T06:30:00.000Z' },
    { text: '2026-11-20T15:30', expected: '2026-11-20T06:30:00.000Z' },
    { text: '2026-11-20T01:30:00-05:00', expected: '2026-11-20T06:30:00.000Z' },
    // Within five minutes of clock skew.
    { text: '2026-11-26T10:04:00+09:00', expected: '2026-11-26T01:04:00.000Z' },
    // No date at all means now.
    { text: undefined, expected: '2026-11-26T01:00:00.000Z' },
    // The earliest accepted day.
    { text: '2000-01-01', expected: '2000-01-01T03:00:00.000Z' },
    // The writer's time zone decides which day "today" is and where noon falls.
    { text: 'today', timezone: 'America/Los_Angeles', expected: '2026-11-25T20:00:00.000Z' },
    { text: '2026-11-01', timezone: 'America/New_York', expected: '2026-11-01T17:00:00.000Z' },
    { text: '2026-07-01', timezone: 'America/New_York', expected: '2026-07-01T16:00:00.000Z' },
  ])('$text ($timezone) is $expected', ({ text, timezone, expected }) => {
    expect(parseDeliveredAt(text, NOW, timezone ?? TOKYO).toISOString()).toBe(expected);
  });

  it.each([
    ['12/28', '2025-12-28'],
    ['11/27', '2025-11-27'],
    ['5/25', '2026-05-25'],
    ['１２月２８日', '2025-12-28'],
  ])('%s without a year would be %s, over six months ago: refused, naming that date', (text, date) => {
    expect(errorOf(() => parseDeliveredAt(text, NOW, TOKYO))).toMatchObject({ code: 'DATE_NEEDS_YEAR', params: { date, months: 6 } });
  });

  it('undefined gives back the very same instant as now', () => {
    expect(parseDeliveredAt(undefined, NOW, TOKYO).getTime()).toBe(NOW.getTime());
  });

  it.each<[string, ErrorCode]>([
    ['2099-01-01', 'DELIVERED_IN_FUTURE'],
    ['2026-11-27', 'DELIVERED_IN_FUTURE'],
    ['tomorrow', 'INVALID_DATE'],
    ['2026-11-26T10:06:00+09:00', 'DELIVERED_IN_FUTURE'],
    ['1999-12-31', 'DELIVERED_TOO_EARLY'],
    ['1999-12-31T23:59:00+09:00', 'DELIVERED_TOO_EARLY'],
    ['2026-02-30', 'INVALID_DATE'],
    ['2026-13-01', 'INVALID_DATE'],
    ['13/1', 'INVALID_DATE'],
    ['next week', 'INVALID_DATE'],
    ['', 'INVALID_DATE'],
    ['26-11-01', 'INVALID_DATE'],
    ['2026-11-20T25:00', 'INVALID_DATE'],
  ])('%j is %s', (text, code) => {
    expect(() => parseDeliveredAt(text, NOW, TOKYO)).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    ['2026-11-26T00:00:01+09:00', '2026-11-26T00:00:01+09:00'],
    ['2026-11-26T09:59:59+09:00', '2026-11-26T09:59:59+09:00'],
    ['2026-11-26T11:59:59.999+09:00', '2026-11-26T11:59:59.999+09:00'],
    ['2026-11-26T12:00:00+09:00', '2026-11-26T12:00:00+09:00'],
    ['2026-11-26T12:00:01+09:00', '2026-11-26T12:00:00+09:00'],
    ['2026-11-26T23:59:59+09:00', '2026-11-26T12:00:00+09:00'],
  ])('at %s, today as a word or as a date is %s, never after now', (nowText, expected) => {
    const now = new Date(nowText);
    for (const text of ['today', '今日', '2026-11-26', '2026/11/26', '11/26', '11月26日']) {
      const at = parseDeliveredAt(text, now, TOKYO);
      expect(at.getTime(), text).toBeLessThanOrEqual(now.getTime());
      expect(at.getTime(), text).toBe(new Date(expected).getTime());
    }
  });
});

describe('prepareDelivery', () => {
  const base: NewDeliveryInput = { client: '株式会社アクメ', title: 'SEO記事 5本', marketplace: 'direct' };
  const prepare = (input: Partial<NewDeliveryInput>) => prepareDelivery({ ...base, ...input }, NOW, TOKYO, 'ja');

  it('a complete delivery is checked and completed', () => {
    const prepared = prepareDelivery(
      {
        client: 'https://crowdworks.jp/public/employers/123456',
        title: '  SEO記事　5本 ',
        amount: '¥5,000',
        delivered: '2026-11-01',
        url: 'crowdworks.jp/public/jobs/99',
      },
      NOW,
      TOKYO,
      'ja',
    );
    expect(prepared.client).toMatchObject({ kind: 'profile', key: 'crowdworks:123456' });
    expect({ ...prepared, client: prepared.client.key }).toEqual({
      client: 'crowdworks:123456',
      title: 'SEO記事 5本',
      marketplace: 'crowdworks',
      amount: 5000,
      currency: 'JPY',
      deliveredAt: new Date('2026-11-01T03:00:00.000Z'),
      escrow: 'funded',
      jobUrl: 'https://crowdworks.jp/public/jobs/99',
      // Only a profile was given: no name to address letters with yet.
      clientName: null,
      letterLocale: 'ja',
      dueAt: null,
      dueTerms: null,
    });
  });

  it.each<{ why: string; input: Partial<NewDeliveryInput>; marketplace: Marketplace }>([
    { why: 'a CrowdWorks client URL', input: { client: 'https://crowdworks.jp/public/employers/1', marketplace: undefined }, marketplace: 'crowdworks' },
    { why: 'a Lancers client URL', input: { client: 'https://www.lancers.jp/client/acme', marketplace: undefined }, marketplace: 'lancers' },
    { why: 'a Coconala key', input: { client: 'coconala:42', marketplace: undefined }, marketplace: 'coconala' },
    { why: 'an Upwork client URL', input: { client: 'https://www.upwork.com/companies/~01abcdef', marketplace: undefined }, marketplace: 'upwork' },
    { why: 'a Lancers job URL', input: { marketplace: undefined, url: 'https://www.lancers.jp/work/detail/123' }, marketplace: 'lancers' },
    { why: 'a CrowdWorks job URL without scheme', input: { marketplace: undefined, url: 'crowdworks.jp/public/jobs/123' }, marketplace: 'crowdworks' },
    { why: 'a client URL and a job URL that agree', input: { client: 'crowdworks:1', marketplace: undefined, url: 'https://crowdworks.jp/public/jobs/123' }, marketplace: 'crowdworks' },
    { why: 'a given marketplace matching the client URL', input: { client: 'crowdworks:1', marketplace: 'crowdworks' }, marketplace: 'crowdworks' },
    { why: 'a given marketplace with a job URL on an unknown site', input: { marketplace: 'direct', url: 'https://acme.co.jp/brief' }, marketplace: 'direct' },
  ])('the marketplace comes from $why', ({ input, marketplace }) => {
    expect(prepare(input).marketplace).toBe(marketplace);
  });

  it.each<{ why: string; input: Partial<NewDeliveryInput>; code: ErrorCode }>([
    { why: 'a bare name with no marketplace', input: { marketplace: undefined }, code: 'MARKETPLACE_REQUIRED' },
    { why: 'a bare name and a job URL on an unknown site', input: { marketplace: undefined, url: 'https://acme.co.jp/brief' }, code: 'MARKETPLACE_REQUIRED' },
    { why: 'a CrowdWorks client URL given as lancers', input: { client: 'https://crowdworks.jp/public/employers/1', marketplace: 'lancers' }, code: 'MARKETPLACE_MISMATCH' },
    { why: 'a CrowdWorks job URL given as direct', input: { marketplace: 'direct', url: 'https://crowdworks.jp/public/jobs/1' }, code: 'MARKETPLACE_MISMATCH' },
    { why: 'a CrowdWorks client with a Lancers job URL', input: { client: 'crowdworks:1', marketplace: undefined, url: 'https://www.lancers.jp/work/detail/1' }, code: 'MARKETPLACE_MISMATCH' },
    { why: 'a 10,000-character title', input: { title: 'あ'.repeat(10_000) }, code: 'INVALID_INPUT' },
    { why: 'a 201-character title', input: { title: 'a'.repeat(201) }, code: 'INVALID_INPUT' },
    { why: 'a blank title', input: { title: ' \u3000 ' }, code: 'INVALID_INPUT' },
    { why: 'an empty client', input: { client: ' ' }, code: 'CLIENT_REQUIRED' },
    { why: 'a job URL with no host', input: { url: 'not a url' }, code: 'INVALID_URL' },
    { why: 'a job URL without a dot in the host', input: { url: 'https://localhost/job' }, code: 'INVALID_URL' },
    { why: 'a job URL over 500 characters', input: { url: `https://acme.co.jp/${'a'.repeat(500)}` }, code: 'INVALID_URL' },
    { why: 'amount 12.5 in JPY', input: { amount: '12.5', currency: 'JPY' }, code: 'AMOUNT_PRECISION' },
    { why: 'amount 12.5 with the JPY default', input: { amount: '12.5' }, code: 'AMOUNT_PRECISION' },
    { why: 'amount 12.5円', input: { amount: '12.5円' }, code: 'AMOUNT_PRECISION' },
    { why: 'amount $12.345', input: { amount: '$12.345' }, code: 'AMOUNT_PRECISION' },
    { why: 'amount ¥500 with currency USD', input: { amount: '¥500', currency: 'USD' }, code: 'CURRENCY_MISMATCH' },
    { why: 'amount $5 with currency 円', input: { amount: '$5', currency: '円' }, code: 'CURRENCY_MISMATCH' },
    { why: 'an unreadable amount', input: { amount: 'five thousand' }, code: 'AMOUNT_INVALID' },
    { why: 'a negative amount', input: { amount: '-5000' }, code: 'AMOUNT_OUT_OF_RANGE' },
    { why: 'an unknown currency', input: { amount: '5000', currency: 'XYZ' }, code: 'UNKNOWN_CURRENCY' },
    { why: 'a delivery date in the future', input: { delivered: '2099-01-01' }, code: 'DELIVERED_IN_FUTURE' },
    { why: 'an impossible delivery date', input: { delivered: '2026-02-30' }, code: 'INVALID_DATE' },
  ])('$why → $code', ({ input, code }) => {
    expect(() => prepare(input)).toThrow(expect.objectContaining({ code }));
  });

  it('a mismatch names both marketplaces', () => {
    expect(() => prepare({ client: 'https://crowdworks.jp/public/employers/1', marketplace: 'lancers' })).toThrow(
      expect.objectContaining({ code: 'MARKETPLACE_MISMATCH', params: { given: 'lancers', implied: 'crowdworks' } }),
    );
  });

  it('a 200-character title is accepted, spacing collapsed', () => {
    expect(prepare({ title: 'a'.repeat(200) }).title).toBe('a'.repeat(200));
    expect(prepare({ title: ' 記事\n\n5本  ' }).title).toBe('記事 5本');
  });

  it.each<{ marketplace: Marketplace; escrow: Escrow }>([
    { marketplace: 'crowdworks', escrow: 'funded' },
    { marketplace: 'lancers', escrow: 'funded' },
    { marketplace: 'coconala', escrow: 'funded' },
    { marketplace: 'upwork', escrow: 'unknown' },
    { marketplace: 'direct', escrow: 'not_funded' },
    { marketplace: 'other', escrow: 'not_funded' },
  ])('escrow on $marketplace defaults to $escrow', ({ marketplace, escrow }) => {
    expect(prepare({ marketplace }).escrow).toBe(escrow);
  });

  it.each<{ marketplace: Marketplace; answer: 'yes' | 'no' | 'unknown'; escrow: Escrow }>([
    { marketplace: 'crowdworks', answer: 'no', escrow: 'not_funded' },
    { marketplace: 'crowdworks', answer: 'unknown', escrow: 'unknown' },
    { marketplace: 'upwork', answer: 'yes', escrow: 'funded' },
    { marketplace: 'upwork', answer: 'no', escrow: 'not_funded' },
    { marketplace: 'direct', answer: 'yes', escrow: 'funded' },
  ])('escrow "$answer" on $marketplace is $escrow', ({ marketplace, answer, escrow }) => {
    expect(prepare({ marketplace, escrow: answer }).escrow).toBe(escrow);
  });

  it.each<{ input: Partial<NewDeliveryInput>; amount: number | null; currency: string }>([
    { input: {}, amount: null, currency: 'JPY' },
    { input: { amount: '5000円' }, amount: 5000, currency: 'JPY' },
    { input: { amount: '5000' }, amount: 5000, currency: 'JPY' },
    { input: { amount: '5,000', currency: 'usd' }, amount: 5000, currency: 'USD' },
    { input: { amount: '$12.50' }, amount: 12.5, currency: 'USD' },
    { input: { amount: '12.5', currency: 'USD' }, amount: 12.5, currency: 'USD' },
    { input: { amount: '¥500', currency: 'JPY' }, amount: 500, currency: 'JPY' },
    { input: { currency: '円' }, amount: null, currency: 'JPY' },
    { input: { currency: 'EUR' }, amount: null, currency: 'EUR' },
  ])('amount $input.amount with currency $input.currency is $amount $currency', ({ input, amount, currency }) => {
    expect(prepare(input)).toMatchObject({ amount, currency });
  });

  it.each<{ delivered: string | undefined; expected: Date }>([
    { delivered: undefined, expected: NOW },
    { delivered: '昨日', expected: new Date('2026-11-25T12:00:00+09:00') },
    { delivered: 'today', expected: NOW },
  ])('delivered $delivered is $expected', ({ delivered, expected }) => {
    expect(prepare({ delivered }).deliveredAt).toEqual(expected);
  });

  it.each<{ url: string | undefined; jobUrl: string | null }>([
    { url: undefined, jobUrl: null },
    { url: 'acme.co.jp/brief?id=1', jobUrl: 'https://acme.co.jp/brief?id=1' },
    { url: ' http://acme.co.jp/brief ', jobUrl: 'http://acme.co.jp/brief' },
  ])('job URL $url is stored as $jobUrl', ({ url, jobUrl }) => {
    expect(prepare({ url }).jobUrl).toBe(jobUrl);
  });
});

describe('edge cases of amounts and dates', () => {
  it.each(['$19.99', '$0.07', '$0.29', '$1.10', '$1.15', '$99.99'])('accepts the cent amount %s exactly', (text) => {
    const d = prepareDelivery({ client: 'アクメ', title: 't', marketplace: 'direct', amount: text }, new Date('2026-11-26T01:00:00Z'), 'Asia/Tokyo', 'ja');
    expect(d.currency).toBe('USD');
    expect(d.amount).toBe(Number(text.slice(1)));
  });

  it.each(['$5000円', '¥5000ドル'])('refuses %s, which names two currencies', (text) => {
    expect(errorCodeOf(() => parseAmount(text))).toBe('AMOUNT_INVALID');
  });

  it('reads 2/29 without a year as the most recent leap day, and asks for the year when that is long ago', () => {
    const at = parseDeliveredAt('2/29', new Date('2028-04-15T03:00:00Z'), 'Asia/Tokyo');
    expect(at.toISOString()).toBe('2028-02-29T03:00:00.000Z');
    expect(errorOf(() => parseDeliveredAt('2/29', new Date('2028-01-15T03:00:00Z'), 'Asia/Tokyo'))).toMatchObject({ code: 'DATE_NEEDS_YEAR', params: { date: '2024-02-29' } });
  });

  it('refuses a month and day that never exist', () => {
    expect(errorCodeOf(() => parseDeliveredAt('2/30', new Date('2028-01-15T03:00:00Z'), 'Asia/Tokyo'))).toBe('INVALID_DATE');
  });
});
