import { LIMITS } from '../domain/limits.js';
import { parseAmount, parseCurrency } from '../domain/delivery.js';
import { choiceOption, parsedAs, textOption } from './options.js';

/**
 * The options that describe a delivery, shared by `/deliver new` and `/deliver edit` so both read
 * and explain them the same way. Each command says which are required.
 */
export const deliveryFieldOptions = {
  client: textOption({ en: "Client's name (a profile URL works too)", ja: 'クライアント名(プロフィールURLも可)' }, LIMITS.clientLength, 'client'),
  profile: textOption(
    { en: "Client's marketplace profile URL, or e.g. crowdworks:4455667", ja: 'クライアントのプロフィールURL(例: crowdworks:4455667)' },
    LIMITS.urlLength,
  ),
  title: textOption({ en: 'Title of the work', ja: '納品物のタイトル' }, LIMITS.titleLength),
  amount: parsedAs(textOption({ en: 'Fee, e.g. 5000, 5,000円 or 5万円', ja: '報酬額(例: 5000、5,000円、5万円)' }, 20), parseAmount),
  currency: parsedAs(textOption({ en: 'Currency code (default JPY)', ja: '通貨コード(既定: JPY)' }, 8), parseCurrency),
  delivered: textOption({ en: 'Delivery date, e.g. 2026-11-01 (default: now)', ja: '納品日(例: 2026-11-01、既定: 今)' }, 40),
  escrow: choiceOption({ en: 'Was escrow (仮払い) funded?', ja: '仮払いはされていますか' }, ['yes', 'no', 'unknown'], {
    'はい': 'yes',
    'あり': 'yes',
    '済み': 'yes',
    'いいえ': 'no',
    'なし': 'no',
    '不明': 'unknown',
    'わからない': 'unknown',
    funded: 'yes',
    true: 'yes',
    false: 'no',
  }),
  due: textOption(
    {
      en: 'Direct deals: payment due, e.g. 2026-12-31, 月末締め翌月末払い, 翌々月末払い, net30',
      ja: '直接取引の支払期日(例: 2026-12-31、月末締め翌月末払い、翌々月末払い、net30)',
    },
    40,
  ),
  letter_language: choiceOption({ en: 'Language of letters to the client and the desk', ja: 'クライアント・事務局への文面の言語' }, ['ja', 'en'], {
    '日本語': 'ja',
    japanese: 'ja',
    '英語': 'en',
    english: 'en',
  }),
};
