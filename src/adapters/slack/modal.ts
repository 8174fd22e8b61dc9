import type { types, ViewStateValue } from '@slack/bolt';
import deliverNew from '../../commands/deliver-new.js';
import { describeOptions, type OptionMeta } from '../../commands/options.js';
import { MARKETPLACE_LABELS, MARKETPLACES } from '../../domain/marketplace.js';
import type { Locale } from '../../domain/member.js';
import { messagesFor, type Messages } from '../../i18n/index.js';
import { clip } from '../../presenters/text.js';
import { LIMITS } from '../../domain/limits.js';

/**
 * `/deliver new` as a Slack form. Each input's block id and action id is the option's name, so a
 * submission reads back into the same raw input the command's schema parses (`modalInput`), and
 * each hint is the option's own description, the one Discord and `/help` show.
 */

// Slack's limits (api.slack.com/reference/surfaces/views, …/block-kit/blocks#input).
const LIMIT = { title: 24, button: 24, label: 2000, hint: 2000, option: 75 };

/** The options the form asks for, in its order; the first three must be filled in. */
const FORM = ['client', 'title', 'marketplace', 'delivered', 'profile', 'amount', 'currency', 'url', 'due', 'escrow', 'letter_language'] as const;
type FormField = (typeof FORM)[number];
const REQUIRED: ReadonlySet<FormField> = new Set(['client', 'title', 'marketplace']);

function labels(m: Messages): Record<FormField, string> {
  return {
    client: m.delivery.client,
    title: m.delivery.title,
    marketplace: m.delivery.marketplace,
    // Left empty, the delivery is dated now, as the command does.
    delivered: m.delivery.delivered,
    profile: m.deliverModal.profile,
    amount: m.delivery.amount,
    currency: m.deliverModal.currency,
    url: m.delivery.jobUrl,
    due: m.deliveryEdit.due,
    escrow: m.delivery.escrow,
    letter_language: m.deliveryEdit.letterLanguage,
  };
}

const plain = (text: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: clip(text, max) });

function choices(field: 'marketplace' | 'escrow' | 'letter_language', locale: Locale): types.PlainTextOption[] {
  const m = messagesFor(locale);
  const named: [string, string][] =
    field === 'marketplace'
      ? MARKETPLACES.map((v) => [v, MARKETPLACE_LABELS[v][locale]])
      : field === 'escrow'
        ? (['yes', 'no', 'unknown'] as const).map((v) => [v, m.deliverModal.escrowAnswer[v]])
        : (['ja', 'en'] as const).map((v) => [v, m.deliveryEdit.letterLanguageName(v)]);
  return named.map(([value, text]) => ({ text: plain(text, LIMIT.option), value }));
}

function element(field: FormField, meta: OptionMeta, locale: Locale): types.InputBlock['element'] {
  switch (field) {
    case 'marketplace':
    case 'escrow':
    case 'letter_language':
      return { type: 'static_select', action_id: field, options: choices(field, locale) };
    case 'delivered':
      return { type: 'datepicker', action_id: field };
    default:
      return { type: 'plain_text_input', action_id: field, ...(meta.maxLength ? { max_length: meta.maxLength } : {}) };
  }
}

/** The form for `/deliver new`, in the writer's language. */
export function deliverModal(locale: Locale, callbackId: string, privateMetadata?: string): types.ModalView {
  const m = messagesFor(locale);
  const label = labels(m);
  const options = new Map(describeOptions(deliverNew.input).map((o) => [o.name, o.meta]));
  const blocks: types.InputBlock[] = FORM.map((field) => {
    const meta = options.get(field);
    if (!meta) throw new Error(`/deliver new has no option ${field}`);
    return {
      type: 'input',
      block_id: field,
      label: plain(label[field], LIMIT.label),
      hint: plain(meta.description[locale], LIMIT.hint),
      optional: !REQUIRED.has(field),
      element: element(field, meta, locale),
    };
  });
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(m.deliverModal.title, LIMIT.title),
    submit: plain(m.deliverModal.submit, LIMIT.button),
    close: plain(m.deliverModal.close, LIMIT.button),
    ...(privateMetadata ? { private_metadata: privateMetadata } : {}),
    blocks,
  };
}

/**
 * A submitted form (`view.state.values`) as the raw input `/deliver new` parses: each filled-in
 * option as a string, empty ones left out, so the command checks and explains it as it would a
 * typed one.
 */
export function modalInput(values: Record<string, Record<string, ViewStateValue>>): Record<string, string> {
  const input: Record<string, string> = {};
  for (const field of FORM) {
    const state = values[field]?.[field];
    const value = (state?.value ?? state?.selected_option?.value ?? state?.selected_date ?? '').trim();
    if (value) input[field] = value;
  }
  return input;
}

/** The block and action id of the reason field in the Reject form; errors are keyed by it. */
export const REASON_FIELD = 'reason';

/** What the Reject form carries back: the button that opened it, and the channel it was pressed in. */
export interface ReasonFormMeta {
  button: string;
  channel: string | undefined;
}

/**
 * The form Reject opens (Slack's button cannot carry the reason the command needs): one required,
 * multiline reason, as long as `/mod reject` allows, titled as on Discord.
 */
export function reasonModal(locale: Locale, callbackId: string, report: number, meta: ReasonFormMeta): types.ModalView {
  const m = messagesFor(locale);
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(m.modQueue.rejectModalTitle(report), LIMIT.title),
    submit: plain(m.reasonModal.submit, LIMIT.button),
    close: plain(m.deliverModal.close, LIMIT.button),
    private_metadata: JSON.stringify(meta),
    blocks: [
      {
        type: 'input',
        block_id: REASON_FIELD,
        label: plain(m.modQueue.rejectModalReason, LIMIT.label),
        element: { type: 'plain_text_input', action_id: REASON_FIELD, multiline: true, max_length: LIMITS.reviewReasonLength },
      },
    ],
  };
}

/** The reason typed into the Reject form, trimmed; empty when there is none. */
export function reasonInput(values: Record<string, Record<string, ViewStateValue>>): string {
  return (values[REASON_FIELD]?.[REASON_FIELD]?.value ?? '').trim();
}

/** The Reject form's metadata, or undefined when it is not one Kenshu wrote. */
export function reasonFormMeta(privateMetadata: string): ReasonFormMeta | undefined {
  try {
    const meta = JSON.parse(privateMetadata || '{}') as { button?: unknown; channel?: unknown };
    if (typeof meta.button !== 'string') return undefined;
    return { button: meta.button, channel: typeof meta.channel === 'string' ? meta.channel : undefined };
  } catch {
    return undefined;
  }
}
