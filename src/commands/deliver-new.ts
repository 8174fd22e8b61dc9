import { z } from 'zod';
import { recordDelivery } from '../domain/deliveries.js';
import { parseAmount, parseCurrency } from '../domain/delivery.js';
import { LIMITS } from '../domain/limits.js';
import { MARKETPLACES } from '../domain/marketplace.js';
import { messagesFor } from '../i18n/index.js';
import { defineCommand, writerOf } from './command.js';
import { choiceOption, parsedAs, textOption } from './options.js';
import { deliveryFields, planSection } from '../presenters/delivery.js';

export default defineCommand({
  group: 'deliver',
  name: 'new',
  description: {
    en: 'Record work you delivered; Kenshu plans the reminders',
    ja: '納品を記録します(リマインドの予定を立てます)',
  },
  input: z.object({
    client: textOption({ en: "Client's profile URL or name", ja: 'クライアントのプロフィールURLまたは名前' }, LIMITS.clientLength, 'client'),
    title: textOption({ en: 'Title of the work', ja: '納品物のタイトル' }, LIMITS.titleLength),
    marketplace: choiceOption({ en: 'Where the deal is', ja: '取引したマーケット' }, MARKETPLACES, {
      cw: 'crowdworks',
      'クラウドワークス': 'crowdworks',
      'ランサーズ': 'lancers',
      'ココナラ': 'coconala',
      '直接': 'direct',
      '直接取引': 'direct',
      'その他': 'other',
    }).optional(),
    amount: parsedAs(textOption({ en: 'Fee, e.g. 5000 or 5,000円', ja: '報酬額(例: 5000、5,000円)' }, 20), parseAmount).optional(),
    currency: parsedAs(textOption({ en: 'Currency code (default JPY)', ja: '通貨コード(既定: JPY)' }, 8), parseCurrency).optional(),
    delivered: textOption({ en: 'Delivery date, e.g. 2026-11-01 (default: now)', ja: '納品日(例: 2026-11-01、既定: 今)' }, 40).optional(),
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
    }).optional(),
    url: textOption({ en: 'Link to the job', ja: '案件のURL' }, LIMITS.urlLength).optional(),
  }),
  async run(input, ctx) {
    const delivery = await recordDelivery(ctx.deps, writerOf(ctx), input);
    const m = messagesFor(ctx.locale);
    return {
      tone: 'success',
      title: m.delivery.recordedTitle(delivery.number),
      fields: deliveryFields(delivery, ctx),
      sections: [planSection(delivery, writerOf(ctx).settings, ctx.deps.clock.now(), ctx)],
      footer: [m.delivery.markHint(delivery.number)],
    };
  },
});
