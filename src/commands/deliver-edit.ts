import { z } from 'zod';
import { editDelivery } from '../domain/delivery-edit.js';
import { messagesFor } from '../i18n/index.js';
import { editReply } from '../presenters/delivery.js';
import { defineCommand, writerOf } from './command.js';
import { deliveryFieldOptions } from './delivery-options.js';
import { deliveryOption } from './options.js';

export default defineCommand({
  group: 'deliver',
  name: 'edit',
  description: {
    en: 'Correct a delivery: client, profile, title, amount, date, escrow, due date, letter language',
    ja: '納品の記録を修正します(クライアント・タイトル・金額・納品日・仮払い・支払期日・文面の言語)',
  },
  access: 'member',
  input: z.object({
    delivery: deliveryOption(),
    client: deliveryFieldOptions.client.optional(),
    profile: deliveryFieldOptions.profile.optional(),
    title: deliveryFieldOptions.title.optional(),
    amount: deliveryFieldOptions.amount.optional(),
    currency: deliveryFieldOptions.currency.optional(),
    delivered: deliveryFieldOptions.delivered.optional(),
    escrow: deliveryFieldOptions.escrow.optional(),
    due: deliveryFieldOptions.due.optional(),
    letter_language: deliveryFieldOptions.letter_language.optional(),
  }),
  positional: ['delivery'],
  async run({ delivery: number, letter_language, ...fields }, ctx) {
    const { after, changed } = await editDelivery(ctx.deps, writerOf(ctx), number, { ...fields, letterLanguage: letter_language });
    if (changed.length === 0) return { tone: 'info', title: messagesFor(ctx.locale).deliveryEdit.unchanged, lines: [] };
    return editReply(after, changed, writerOf(ctx).settings, ctx.deps.clock.now(), ctx);
  },
});
