import type { Locale } from '../../src/domain/member.js';

/**
 * What the letter tests write their facts from: calendar days as a caller formats them for each
 * language (delivered Sun, Nov 1, 2026), the fee as letters write it, and the client.
 */
export const DAY = {
  delivered: { ja: '2026年11月1日(日)', en: 'Sun, Nov 1, 2026' },
  nov4: { ja: '2026年11月4日(水)', en: 'Wed, Nov 4, 2026' },
  nov6: { ja: '2026年11月6日(金)', en: 'Fri, Nov 6, 2026' },
  nov8: { ja: '2026年11月8日(日)', en: 'Sun, Nov 8, 2026' },
  nov9: { ja: '2026年11月9日(月)', en: 'Mon, Nov 9, 2026' },
  nov30: { ja: '2026年11月30日(月)', en: 'Mon, Nov 30, 2026' },
  dec10: { ja: '2026年12月10日(木)', en: 'Thu, Dec 10, 2026' },
  /** The Freelance Act's last day: day 60 counting Nov 1 as day 1. */
  dec30: { ja: '2026年12月30日(水)', en: 'Wed, Dec 30, 2026' },
  jan6: { ja: '2027年1月6日(水)', en: 'Wed, Jan 6, 2027' },
} as const satisfies Record<string, Record<Locale, string>>;

export const AMOUNT: Record<Locale, string> = { ja: '8,000円', en: '¥8,000' };
export const CLIENT = '株式会社ミライメディア';
export const PERSON = '山田';
export const TITLE = 'SEO記事';
