import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import { FLAG_CATEGORIES, flagClient, type FlagCategory } from '../domain/warning-list.js';
import { messagesFor } from '../i18n/index.js';
import { defineCommand, reporterOf, type Localized } from './command.js';
import { choiceOption, deliveryOption, textOption } from './options.js';
import { announceReport } from './review-report.js';

const en = messagesFor('en').client.category;
const ja = messagesFor('ja').client.category;
const CATEGORY_LABELS = Object.fromEntries(FLAG_CATEGORIES.map((c) => [c, { en: en[c], ja: ja[c] }])) as Record<FlagCategory, Localized>;

export default defineCommand({
  group: 'client',
  name: 'flag',
  description: { en: 'Report a client to the moderated warning list', ja: 'クライアントを注意リストに報告(モデレーター確認あり)' },
  access: 'member',
  input: z.object({
    client: textOption({ en: 'Profile URL, marketplace:id, or name', ja: 'プロフィールURL、marketplace:id、または名前' }, LIMITS.clientLength, 'client'),
    reason: choiceOption({ en: 'What happened (facts only)', ja: '起きたこと(事実のみ)' }, FLAG_CATEGORIES, {}, CATEGORY_LABELS),
    delivery: deliveryOption().optional(),
    note: textOption({ en: 'Note for moderators only', ja: 'モデレーターだけが読むメモ' }, LIMITS.noteLength).optional(),
  }),
  async run(input, ctx) {
    // A report waits for moderators, and a personal space has none: it is filed where someone reviews it.
    if (ctx.direct) throw new DomainError('FLAG_IN_DIRECT_MESSAGE');
    const { flag, client } = await flagClient(ctx.deps, reporterOf(ctx), input);
    await announceReport(flag, client, ctx);
    const m = messagesFor(ctx.locale).client;
    return { tone: 'success', title: m.flaggedTitle(flag.number), lines: [m.flaggedBody], fields: [{ label: m.reason, value: m.category[flag.category] }] };
  },
});
