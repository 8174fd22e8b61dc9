import { z } from 'zod';
import { WRITER_EVENT_KINDS } from '../domain/events.js';
import { LIMITS } from '../domain/limits.js';
import { logWriterEvent } from '../domain/record.js';
import { eventReply } from '../presenters/timeline.js';
import { defineCommand, writerOf } from './command.js';
import { choiceOption, deliveryOption, textOption } from './options.js';

export default defineCommand({
  group: 'deliver',
  name: 'log',
  description: {
    en: 'Record what you did: a message to the client, a request to the desk, a reply, a note',
    ja: 'クライアントへの連絡・事務局への相談・返信・メモを記録します',
  },
  access: 'member',
  input: z.object({
    delivery: deliveryOption(),
    event: choiceOption({ en: 'What happened: sent, desk, replied or note', ja: '記録の種類: sent(連絡)、desk(事務局)、replied(返信)、note(メモ)' }, WRITER_EVENT_KINDS, {
      '送信': 'sent',
      '送った': 'sent',
      '送りました': 'sent',
      '連絡': 'sent',
      '連絡した': 'sent',
      contact: 'sent',
      contacted: 'sent',
      message: 'sent',
      '事務局': 'desk',
      '相談': 'desk',
      '事務局に相談': 'desk',
      support: 'desk',
      '返信': 'replied',
      '返信あり': 'replied',
      '返事': 'replied',
      reply: 'replied',
      'メモ': 'note',
      '備考': 'note',
    }),
    text: textOption({ en: 'What was said or done (required for a note)', ja: '内容(メモの場合は必須)' }, LIMITS.eventTextLength).optional(),
    at: textOption({ en: 'When, e.g. 2026-11-28 or 11/28 (default: now)', ja: '日付(例: 2026-11-28、11/28、既定: 今)' }, 40).optional(),
  }),
  positional: ['delivery', 'event'],
  async run(input, ctx) {
    const { delivery, event } = await logWriterEvent(ctx.deps, writerOf(ctx), input.delivery, { kind: input.event, text: input.text, at: input.at });
    return eventReply(delivery, { ...event, kind: input.event }, ctx, { now: ctx.deps.clock.now() });
  },
});
