import { messagesFor } from '../i18n/index.js';
import { authorize } from './access.js';
import type { AnyCommand, CommandContext } from './command.js';
import { describeOptions, type OptionMeta } from './options.js';
import { clip } from '../presenters/text.js';
import { clientLabel } from '../presenters/delivery.js';

/** Platforms cap a suggestion list and each name and value (Discord: 25 choices, 100 characters). */
const MAX_SUGGESTIONS = 25;
const MAX_CHOICE_LENGTH = 100;

export interface Suggestion {
  name: string;
  value: string;
}

/**
 * Suggestions while an option of a command is typed, for a caller who may run the command: an
 * autocomplete request is authorized like the command itself, and one refused gets none.
 */
export async function suggestFor(command: AnyCommand, option: string, typed: string, ctx: CommandContext): Promise<Suggestion[]> {
  const kind = describeOptions(command.input).find((o) => o.name === option)?.meta.autocomplete;
  if (!kind) return [];
  try {
    await authorize(command, ctx);
  } catch {
    return [];
  }
  return suggest(kind, typed, ctx);
}

/**
 * Suggestions while an option is typed: the caller's own open deliveries, or the clients this
 * community has recorded deliveries with. Nothing from another writer or another community.
 */
export async function suggest(kind: NonNullable<OptionMeta['autocomplete']>, typed: string, ctx: CommandContext): Promise<Suggestion[]> {
  const query = typed.normalize('NFKC').trim().toLowerCase();
  if (kind === 'delivery') {
    const m = messagesFor(ctx.locale).suggest;
    const deliveries = await ctx.deps.deliveries.suggestOpen(ctx.member.id, query, MAX_SUGGESTIONS);
    return deliveries.map((d) => ({ name: clip(m.delivery({ number: d.number, title: d.title, client: clientLabel(d) }), MAX_CHOICE_LENGTH), value: String(d.number) }));
  }
  const clients = await ctx.deps.clients.suggest(ctx.community.id, query, MAX_SUGGESTIONS);
  return clients.map((c) => ({ name: clip(c.displayName, MAX_CHOICE_LENGTH), value: clip(c.key.startsWith('name:') ? c.displayName : c.key, MAX_CHOICE_LENGTH) }));
}
