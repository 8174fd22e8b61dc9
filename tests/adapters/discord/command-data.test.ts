import { describe, expect, it } from 'vitest';
import { discordCommandData } from '../../../src/adapters/discord/command-data.js';
import { commands, groupDescriptions } from '../../../src/commands/index.js';
import { LIMITS } from '../../../src/domain/limits.js';

const data = discordCommandData(commands, groupDescriptions);
// Discord's rule for command and option names, localized ones included.
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type Node = { name: string; name_localizations?: Record<string, string> | null; description: string; description_localizations?: Record<string, string> | null; options?: Node[]; type?: number; required?: boolean; choices?: unknown[] };
function walk(nodes: readonly Node[], visit: (n: Node) => void): void {
  for (const n of nodes) {
    visit(n);
    walk(n.options ?? [], visit);
  }
}

describe('slash command data for Discord', () => {
  it('makes one top-level command per group, with every neutral command as a subcommand', () => {
    expect(data.map((c) => c.name)).toEqual(['deliver', 'remind', 'client', 'mod', 'privacy', 'help']);
    const deliver = data.find((c) => c.name === 'deliver')!;
    expect(deliver.options?.map((o) => o.name)).toEqual(['new', 'list', 'accepted', 'paid', 'cancel', 'show', 'log', 'evidence', 'edit', 'reopen']);
  });

  it('follows Discord’s limits: names, lowercase, descriptions 1-100, at most 25 options and choices', () => {
    walk(data as Node[], (n) => {
      expect(n.name).toMatch(NAME);
      expect(n.name).toBe(n.name.toLowerCase());
      expect(n.description.length).toBeGreaterThan(0);
      expect(n.description.length).toBeLessThanOrEqual(100);
      expect((n.options ?? []).length).toBeLessThanOrEqual(25);
      expect((n.choices ?? []).length).toBeLessThanOrEqual(25);
      const ja = n.name_localizations?.ja;
      expect(ja, `Japanese name of ${n.name}`).toBeDefined();
      expect(ja).toMatch(NAME);
      expect(ja).toBe(ja!.toLowerCase());
      expect(n.description_localizations?.ja?.length ?? 0).toBeGreaterThan(0);
    });
  });

  it('puts required options before optional ones', () => {
    walk(data as Node[], (n) => {
      const required = (n.options ?? []).filter((o) => o.type !== 1).map((o) => o.required === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    });
  });

  it('carries the shared length limits and autocompletes clients and deliveries', () => {
    const create = data.find((c) => c.name === 'deliver')!.options!.find((o) => o.name === 'new') as Node;
    const title = create.options!.find((o) => o.name === 'title') as unknown as { max_length: number };
    expect(title.max_length).toBe(LIMITS.titleLength);
    const client = create.options!.find((o) => o.name === 'client') as unknown as { autocomplete: boolean };
    expect(client.autocomplete).toBe(true);
    const marketplace = create.options!.find((o) => o.name === 'marketplace') as unknown as { choices: { value: string }[] };
    expect(marketplace.choices.map((c) => c.value)).toEqual(['crowdworks', 'lancers', 'coconala', 'upwork', 'direct', 'other']);
    const paid = data.find((c) => c.name === 'deliver')!.options!.find((o) => o.name === 'paid') as Node;
    expect((paid.options![0] as unknown as { autocomplete: boolean }).autocomplete).toBe(true);
  });

  it('registers /mod without default permissions, so moderator-role holders reach it, and keeps it out of DMs', () => {
    const mod = data.find((c) => c.name === 'mod')!;
    // Discord would otherwise hide it from everyone without Manage Server; Kenshu's own check decides.
    expect(mod.default_member_permissions).toBeUndefined();
    expect(data.every((c) => c.default_member_permissions === undefined)).toBe(true);
    expect(mod.contexts).toEqual([0]);
    const settings = mod.options!.find((o) => o.name === 'settings') as Node;
    expect(settings.options!.map((o) => [o.name, o.type])).toEqual([
      ['mod_channel', 7],
      ['fallback_channel', 7],
      ['moderator_role', 8],
      ['add_moderator', 6],
      ['remove_moderator', 6],
      ['timezone', 3],
      ['language', 3],
      ['clear', 3],
      ['sharing', 3],
      ['show_from_others', 3],
      ['consensus_min_writers', 4],
      ['flag_daily_limit', 4],
      ['max_per_writer', 4],
      ['min_writers', 4],
      ['flag_delivery', 3],
      ['confirm', 3],
    ]);
    // Numbers are picked within their range on Discord itself, as the other adapters check.
    const limit = settings.options!.find((o) => o.name === 'flag_daily_limit') as unknown as { min_value: number; max_value: number };
    expect([limit.min_value, limit.max_value]).toEqual([1, 50]);
    expect(data.find((c) => c.name === 'deliver')!.default_member_permissions).toBeUndefined();
  });
});
