import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upgradedFrom } from '../support/migrations.js';

/**
 * An install made before moderation upgrades in place: its reports are numbered per community in
 * the order they were filed, each community's counter continues from there, and amounts keep
 * their value in whole minor units.
 */

const FIRST_NEW = '0014_moderation';

describe('upgrading an install made before moderation', () => {
  let client: PGlite;
  const rows = async <T>(query: string): Promise<T[]> => (await client.query<T>(query)).rows;

  beforeAll(async () => {
    // Two servers; reports filed in an interleaved order, so global ids and per-community numbers differ.
    client = await upgradedFrom(FIRST_NEW, `
      insert into members (platform, platform_user_id, display_name) values ('discord', '111', 'Aki'), ('discord', '222', 'Ben');
      insert into communities (platform, platform_community_id, name) values ('discord', '9001', 'Writers A'), ('discord', '9002', 'Writers B');
      insert into clients (key, display_name, normalized_name) values ('name:acme', 'Acme', 'acme'), ('name:beta', 'Beta', 'beta');
      insert into deliveries (writer_id, community_id, number, client_id, title, marketplace, amount, currency, delivered_at, escrow)
        select m.id, c.id, a.number, k.id, 'Article', 'direct', a.amount, a.currency, '2026-11-01T00:00:00Z', 'unknown'
        from members m, communities c, clients k, (values (1, 1.25, 'USD'), (2, 5000, 'JPY'), (3, 1.24, 'BHD'), (4, null, 'JPY')) as a(number, amount, currency)
        where m.platform_user_id = '111' and c.platform_community_id = '9001' and k.key = 'name:acme';
      insert into flags (client_id, community_id, reporter_id, category)
        select k.id, c.id, m.id, f.category
        from (values (1, '9001', 'name:acme', '111', 'unpaid'), (2, '9002', 'name:beta', '222', 'unpaid'), (3, '9001', 'name:beta', '111', 'scope_creep'), (4, '9002', 'name:acme', '222', 'scope_creep'), (5, '9002', 'name:acme', '111', 'late_acceptance')) as f(ord, place, client_key, user_id, category)
        join communities c on c.platform_community_id = f.place
        join clients k on k.key = f.client_key
        join members m on m.platform_user_id = f.user_id
        order by f.ord;
    `);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('numbers existing reports per community, in the order they were filed', async () => {
    const flags = await rows<{ place: string; id: number; number: number }>(`
      select c.platform_community_id as place, f.id::int as id, f.number from flags f join communities c on c.id = f.community_id order by f.id`);
    expect(flags.map((f) => [f.place, f.number])).toEqual([
      ['9001', 1],
      ['9002', 1],
      ['9001', 2],
      ['9002', 2],
      ['9002', 3],
    ]);
    const counters = await rows<{ place: string; last: number }>(`select platform_community_id as place, last_flag_number as last from communities order by platform_community_id`);
    expect(counters).toEqual([
      { place: '9001', last: 2 },
      { place: '9002', last: 3 },
    ]);
  });

  it('keeps amounts as they were, now in whole minor units of their currency', async () => {
    const amounts = await rows<{ currency: string; minor: string | null }>(`select currency, amount_minor::text as minor from deliveries order by number`);
    expect(amounts).toEqual([
      { currency: 'USD', minor: '125' },
      { currency: 'JPY', minor: '5000' },
      { currency: 'BHD', minor: '1240' },
      { currency: 'JPY', minor: null },
    ]);
    const columns = await rows<{ name: string }>(`select column_name as name from information_schema.columns where table_name = 'deliveries' and column_name like 'amount%'`);
    expect(columns.map((c) => c.name)).toEqual(['amount_minor']);
  });
});
