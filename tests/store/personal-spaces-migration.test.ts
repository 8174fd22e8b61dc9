import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upgradedFrom } from '../support/migrations.js';

/**
 * The move to personal spaces, on a database made by the migrations before it and holding what
 * the shared "Direct messages" community collected: each writer's deliveries and reports end up
 * in their own space, numbered as before, and the shared community is gone.
 */

const THIS_MIGRATION = '0015_personal_spaces';

describe('the personal spaces migration', () => {
  let client: PGlite;

  const rows = async <T>(query: string): Promise<T[]> => (await client.query<T>(query)).rows;

  beforeAll(async () => {
    // Two writers used Kenshu in DMs (the shared community) and one of them in a server too.
    client = await upgradedFrom(THIS_MIGRATION, `
      insert into members (platform, platform_user_id, display_name) values ('discord', '111', 'Aki'), ('discord', '222', 'Ben');
      insert into communities (platform, platform_community_id, name, last_flag_number) values ('discord', 'dm', 'Direct messages', 2), ('discord', '9001', 'Writers', 0);
      insert into clients (key, display_name, normalized_name) values ('name:acme', 'Acme', 'acme'), ('crowdworks:5', 'crowdworks:5', null);
      insert into deliveries (writer_id, community_id, number, client_id, title, marketplace, delivered_at, escrow, client_name)
        select m.id, c.id, d.number, k.id, d.title, 'direct', '2026-11-01T00:00:00Z', 'unknown', d.client_name
        from (values ('111', 'dm', 1, 'name:acme', 'Aki in DM', 'Acme'), ('111', '9001', 2, 'crowdworks:5', 'Aki in server', null),
                     ('111', 'dm', 3, 'crowdworks:5', 'Aki in DM again', null), ('222', 'dm', 1, 'name:acme', 'Ben in DM', 'ACME')) as d(user_id, place, number, client_key, title, client_name)
        join members m on m.platform_user_id = d.user_id
        join communities c on c.platform_community_id = d.place
        join clients k on k.key = d.client_key;
      insert into flags (client_id, community_id, reporter_id, delivery_id, number, category)
        select k.id, c.id, m.id, d.id, f.number, 'unpaid'
        from (values ('111', 1, 1), ('222', 1, 2)) as f(user_id, delivery_number, number)
        join members m on m.platform_user_id = f.user_id
        join communities c on c.platform_community_id = 'dm'
        join deliveries d on d.writer_id = m.id and d.number = f.delivery_number
        join clients k on k.id = d.client_id;
    `);
  });
  afterAll(async () => {
    await client?.close();
  });

  it("moves each writer's deliveries into their own space, keeping their numbers", async () => {
    const deliveries = await rows<{ user: string; number: number; title: string; place: string }>(`
      select m.platform_user_id as user, d.number, d.title, c.platform_community_id as place
      from deliveries d join members m on m.id = d.writer_id join communities c on c.id = d.community_id
      order by m.platform_user_id, d.number`);
    expect(deliveries).toEqual([
      { user: '111', number: 1, title: 'Aki in DM', place: 'dm:111' },
      { user: '111', number: 2, title: 'Aki in server', place: '9001' },
      { user: '111', number: 3, title: 'Aki in DM again', place: 'dm:111' },
      { user: '222', number: 1, title: 'Ben in DM', place: 'dm:222' },
    ]);
  });

  it("moves each report into its reporter's space, with its number, and numbers there go on from it", async () => {
    const flags = await rows<{ user: string; number: number; place: string; last: number }>(`
      select m.platform_user_id as user, f.number, c.platform_community_id as place, c.last_flag_number as last
      from flags f join members m on m.id = f.reporter_id join communities c on c.id = f.community_id order by f.number`);
    expect(flags).toEqual([
      { user: '111', number: 1, place: 'dm:111', last: 1 },
      { user: '222', number: 2, place: 'dm:222', last: 2 },
    ]);
  });

  it('leaves no shared community: one private personal space per writer, with the defaults', async () => {
    const communities = await rows<{ place: string; name: string; sharing: string; show: string }>(
      `select platform_community_id as place, name, sharing, show_from_others as show from communities order by platform_community_id`,
    );
    expect(communities).toEqual([
      { place: '9001', name: 'Writers', sharing: 'private', show: 'consensus' },
      { place: 'dm:111', name: 'Direct messages', sharing: 'private', show: 'consensus' },
      { place: 'dm:222', name: 'Direct messages', sharing: 'private', show: 'consensus' },
    ]);
  });
});
