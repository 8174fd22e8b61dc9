import type { Sql } from 'postgres';

/**
 * The rows every delivery benchmark starts from: one Discord community, `members` writers
 * (`bench-user-1`…, a quarter of them in English, the rest in Japanese, all in Asia/Tokyo with
 * the default quiet hours) and `clients` clients (`name:bench-client-1`…), ids 1.. in a fresh
 * database. Three set-based statements, so it takes milliseconds.
 */
export async function seedReferenceData(sql: Sql, members: number, clients: number): Promise<void> {
  await sql`
    insert into communities (platform, platform_community_id, name)
    values ('discord', 'bench-guild', 'Bench community')`;
  await sql`
    insert into members (platform, platform_user_id, display_name, locale, timezone)
    select 'discord', 'bench-user-' || g, 'Writer ' || g, case when g % 4 = 0 then 'en' else 'ja' end, 'Asia/Tokyo'
    from generate_series(1, ${members}::int) g`;
  await sql`
    insert into clients (key, marketplace, display_name, normalized_name)
    select 'name:bench-client-' || g, null, 'Client ' || g, 'bench-client-' || g
    from generate_series(1, ${clients}::int) g`;
}
