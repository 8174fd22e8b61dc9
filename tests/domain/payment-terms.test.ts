import { describe, expect, it } from 'vitest';
import { legalPaymentDeadline } from '../../src/domain/facts.js';
import { dueAfterLegalDeadline, parsePaymentDue } from '../../src/domain/payment-terms.js';
import { errorCodeOf } from '../support/errors.js';

const TOKYO = 'Asia/Tokyo';
const LA = 'America/Los_Angeles';
/** 10:00 in Tokyo on Thursday 2026-11-26. */
const NOW = new Date('2026-11-26T10:00:00+09:00');
/** Noon in Tokyo, as a bare delivery date is stored. */
const deliveredOn = (day: string, zone = '+09:00') => new Date(`${day}T12:00:00${zone}`);
/** The last millisecond of a day in Tokyo, as an ISO string in UTC. */
const endOfTokyoDay = (day: string) => new Date(new Date(`${day}T00:00:00+09:00`).getTime() + 86_400_000 - 1).toISOString();

describe('parsePaymentDue', () => {
  describe('net N days: N calendar days after the day of delivery, to the end of that day', () => {
    it.each([
      ['net30', 'net30', '2026-12-01'],
      ['net 30', 'net30', '2026-12-01'],
      ['NET30', 'net30', '2026-12-01'],
      ['Net-30', 'net30', '2026-12-01'],
      ['ｎｅｔ３０', 'net30', '2026-12-01'],
      ['net60', 'net60', '2026-12-31'],
      ['net 1', 'net1', '2026-11-02'],
    ])('%s on a delivery of 2026-11-01 is due %s, on %s', (text, terms, day) => {
      const due = parsePaymentDue(text, deliveredOn('2026-11-01'), NOW, TOKYO);
      expect(due).toEqual({ terms, dueAt: new Date(endOfTokyoDay(day)) });
    });

    it('crosses the year: net30 from 2026-12-15 is 2027-01-14', () => {
      expect(parsePaymentDue('net30', deliveredOn('2026-12-15'), NOW, TOKYO).dueAt.toISOString()).toBe(endOfTokyoDay('2027-01-14'));
    });

    it.each(['net0', 'net181', 'net', 'net30days', 'net-3-0x'])('%s is refused with what is allowed', (text) => {
      expect(errorCodeOf(() => parsePaymentDue(text, deliveredOn('2026-11-01'), NOW, TOKYO))).toBe('DUE_INVALID');
    });
  });

  describe('month-end terms close the month of delivery', () => {
    const nextMonth = ['月末締め翌月末払い', '月末締翌月末払い', '翌月末払い', '翌月末', '翌月末日払い', '月末締め 翌月末 支払い', 'end of next month'];
    it.each(nextMonth)('%s: paid by the end of the next month', (text) => {
      expect(parsePaymentDue(text, deliveredOn('2026-11-10'), NOW, TOKYO)).toEqual({ terms: 'month_end_next_month_end', dueAt: new Date(endOfTokyoDay('2026-12-31')) });
    });

    const monthAfterNext = ['月末締め翌々月末払い', '翌々月末払い', '翌翌月末払い', '翌々月末', 'end of the month after next'];
    it.each(monthAfterNext)('%s: paid by the end of the month after next', (text) => {
      expect(parsePaymentDue(text, deliveredOn('2026-11-10'), NOW, TOKYO)).toEqual({ terms: 'month_end_month_after_next_end', dueAt: new Date(endOfTokyoDay('2027-01-31')) });
    });

    it.each([
      // delivered, terms, due
      ['2026-01-31', '翌月末払い', '2026-02-28'], // a 31st into a short February
      ['2028-01-05', '翌月末払い', '2028-02-29'], // leap year
      ['2027-12-01', '翌々月末払い', '2028-02-29'], // December → February of a leap year
      ['2026-12-31', '翌月末払い', '2027-01-31'], // December → January
      ['2026-12-31', '翌々月末払い', '2027-02-28'],
      ['2026-11-30', '翌月末払い', '2026-12-31'],
      ['2026-03-31', '翌月末払い', '2026-04-30'],
    ])('delivered %s, %s: due %s', (day, text, due) => {
      expect(parsePaymentDue(text, deliveredOn(day), NOW, TOKYO).dueAt.toISOString()).toBe(endOfTokyoDay(due));
    });

    it("counts on the writer's calendar: the same instant is November in Los Angeles and December in Tokyo", () => {
      const instant = new Date('2026-11-30T20:00:00Z'); // 12-01 05:00 in Tokyo, 11-30 12:00 in Los Angeles
      expect(parsePaymentDue('翌月末払い', instant, NOW, TOKYO).dueAt.toISOString()).toBe(endOfTokyoDay('2027-01-31'));
      // The end of 2026-12-31 in Los Angeles (PST, UTC-8).
      expect(parsePaymentDue('翌月末払い', instant, NOW, LA).dueAt.toISOString()).toBe('2027-01-01T07:59:59.999Z');
      expect(parsePaymentDue('net30', instant, NOW, LA).dueAt.toISOString()).toBe('2026-12-31T07:59:59.999Z');
    });
  });

  describe('a date', () => {
    it.each([
      ['2026-12-31', '2026-12-31'],
      ['2026/12/31', '2026-12-31'],
      ['2026年12月31日', '2026-12-31'],
      ['２０２６－１２－３１', '2026-12-31'],
      ['12/31', '2026-12-31'],
      // Without a year, the first such day from delivery: January is next year's.
      ['1/15', '2027-01-15'],
    ])('%s is due at the end of %s, in the future or not', (text, day) => {
      expect(parsePaymentDue(text, deliveredOn('2026-11-20'), NOW, TOKYO)).toEqual({ terms: 'date', dueAt: new Date(endOfTokyoDay(day)) });
    });

    it('reads 2/29 without a year as the next leap day, and refuses one that far off as a typo', () => {
      expect(parsePaymentDue('2/29', deliveredOn('2027-12-20'), NOW, TOKYO).dueAt.toISOString()).toBe(endOfTokyoDay('2028-02-29'));
      expect(errorCodeOf(() => parsePaymentDue('2/29', deliveredOn('2026-11-20'), NOW, TOKYO))).toBe('DUE_TOO_LATE');
    });

    it('a relative day counts from today, and may not fall before the delivery', () => {
      expect(errorCodeOf(() => parsePaymentDue('昨日', deliveredOn('2026-11-26'), NOW, TOKYO))).toBe('DUE_BEFORE_DELIVERY');
    });

    it('may be the day of delivery itself', () => {
      expect(parsePaymentDue('today', deliveredOn('2026-11-26'), NOW, TOKYO).dueAt.toISOString()).toBe(endOfTokyoDay('2026-11-26'));
    });

    it.each([
      ['2026-11-19', 'DUE_BEFORE_DELIVERY'],
      ['2028-01-01', 'DUE_TOO_LATE'],
      ['2026-02-30', 'DUE_INVALID'],
      ['soon', 'DUE_INVALID'],
      ['13/1', 'DUE_INVALID'],
    ] as const)('%s is refused: %s', (text, code) => {
      expect(errorCodeOf(() => parsePaymentDue(text, deliveredOn('2026-11-20'), NOW, TOKYO))).toBe(code);
    });
  });
});

describe("the Freelance Act's deadline", () => {
  it('is the 60th day counting the day of delivery as the first', () => {
    expect(legalPaymentDeadline(deliveredOn('2026-11-01'), TOKYO).toISOString()).toBe(endOfTokyoDay('2026-12-30'));
    expect(legalPaymentDeadline(deliveredOn('2028-01-01'), TOKYO).toISOString()).toBe(endOfTokyoDay('2028-02-29'));
  });

  it.each([
    ['net30', false],
    ['2026-12-30', false],
    ['2026-12-31', true],
    ['net60', true], // 60 days after delivery is the 61st counting it
    ['月末締め翌月末払い', false], // monthly closing is read as two months
    ['翌々月末払い', true],
  ])('delivered 2026-11-01, %s: after the deadline %s', (text, after) => {
    const delivered = deliveredOn('2026-11-01');
    expect(dueAfterLegalDeadline(parsePaymentDue(text, delivered, NOW, TOKYO), delivered, TOKYO)).toBe(after);
  });
});
