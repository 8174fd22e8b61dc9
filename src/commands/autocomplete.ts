import { listDeliveries } from '../domain/deliveries.js';
import { messagesFor } from '../i18n/index.js';
import { writerOf, type CommandContext } from './command.js';
import type { OptionMeta } from './options.js';

/** Platforms cap a suggestion list and each name and value (Discord: 25 choices, 100 characters). */
export const MAX_SUGGESTIONS = 25;
const MAX_CHOICE_LENGTH = 100;

export interface Suggestion {
  name: string;
  value: string;
}

const clip = (text: string) => (text.length > MAX_CHOICE_LENGTH ? `${text.slice(0, MAX_CHOICE_LENGTH - 1)}…` : text);

/**
 * Suggestions while an option is typed: the caller's own open deliveries, or the clients this
 * community has recorded deliveries with. Nothing from another writer or another community.
 */
export async function suggest(kind: NonNullable<OptionMeta['autocomplete']>, typed: string, ctx: CommandContext): Promise<Suggestion[]> {
  const query = typed.normalize('NFKC').trim().toLowerCase();
  if (kind === 'delivery') {
    const page = await listDeliveries(ctx.deps, writerOf(ctx), 'open');
    const m = messagesFor(ctx.locale).suggest;
    const bare = query.replace(/^#/, '');
    return page.deliveries
      .filter((d) => bare === '' || String(d.number).startsWith(bare) || d.title.toLowerCase().includes(query) || d.client.displayName.toLowerCase().includes(query))
      .slice(0, MAX_SUGGESTIONS)
      .map((d) => ({ name: clip(m.delivery({ number: d.number, title: d.title, client: d.client.displayName })), value: String(d.number) }));
  }
  const clients = await ctx.deps.clients.suggest(ctx.community.id, query, MAX_SUGGESTIONS);
  return clients.map((c) => ({ name: clip(c.displayName), value: clip(c.key.startsWith('name:') ? c.displayName : c.key) }));
}
