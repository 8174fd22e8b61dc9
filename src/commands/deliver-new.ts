import { z } from 'zod';
import { recordDelivery, spellingsKnownHere } from '../domain/deliveries.js';
import { LIMITS } from '../domain/limits.js';
import { MARKETPLACES } from '../domain/marketplace.js';
import { messagesFor } from '../i18n/index.js';
import { defineCommand, writerOf } from './command.js';
import { choiceOption, textOption } from './options.js';
import { deliveryFields, planSection, recordedNotes } from '../presenters/delivery.js';
import { deliveryFieldOptions } from './delivery-options.js';

export default defineCommand({
  group: 'deliver',
  name: 'new',
  description: {
    en: 'Record work you delivered; Kenshu plans the reminders',
    ja: '納品を記録します(リマインドの予定を立てます)',
  },
  access: 'member',
  input: z.object({
    client: deliveryFieldOptions.client.optional(),
    profile: deliveryFieldOptions.profile.optional(),
    title: deliveryFieldOptions.title,
    marketplace: choiceOption({ en: 'Where the deal is', ja: '取引したマーケット' }, MARKETPLACES, {
      cw: 'crowdworks',
      'クラウドワークス': 'crowdworks',
      'ランサーズ': 'lancers',
      'ココナラ': 'coconala',
      '直接': 'direct',
      '直接取引': 'direct',
      'その他': 'other',
    }).optional(),
    amount: deliveryFieldOptions.amount.optional(),
    currency: deliveryFieldOptions.currency.optional(),
    delivered: deliveryFieldOptions.delivered.optional(),
    escrow: deliveryFieldOptions.escrow.optional(),
    url: textOption({ en: 'Link to the job', ja: '案件のURL' }, LIMITS.urlLength).optional(),
    due: deliveryFieldOptions.due.optional(),
    letter_language: deliveryFieldOptions.letter_language.optional(),
  }),
  async run({ letter_language, ...input }, ctx) {
    const delivery = await recordDelivery(ctx.deps, writerOf(ctx), { ...input, letterLanguage: letter_language });
    const knownAs = await spellingsKnownHere(ctx.deps, delivery);
    const m = messagesFor(ctx.locale);
    return {
      tone: 'success',
      title: m.delivery.recordedTitle(delivery.number),
      lines: recordedNotes(delivery, knownAs, ctx),
      fields: deliveryFields(delivery, ctx),
      sections: [planSection(delivery, writerOf(ctx).settings, ctx.deps.clock.now(), ctx)],
      footer: [...(delivery.clientName === null ? [m.deliveryEdit.nameMissing(delivery.number)] : []), m.delivery.markHint(delivery.number)],
    };
  },
});
