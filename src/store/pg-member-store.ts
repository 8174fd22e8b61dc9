import { sql } from 'drizzle-orm';
import type { Community, Locale, Member, Platform } from '../domain/member.js';
import type { CommunityStore, MemberStore } from '../domain/ports.js';
import type { Database } from './database.js';
import { communities, members } from './schema.js';

function toMember(row: typeof members.$inferSelect): Member {
  return {
    id: row.id,
    platform: row.platform as Platform,
    platformUserId: row.platformUserId,
    displayName: row.displayName,
    locale: row.locale as Locale | null,
    timezone: row.timezone,
    quietStartMinute: row.quietStartMinute,
    quietEndMinute: row.quietEndMinute,
    skipWeekends: row.skipWeekends,
  };
}

export class PgMemberStore implements MemberStore {
  constructor(private readonly db: Database) {}

  async ensureMember(ref: { platform: Platform; platformUserId: string; displayName: string }): Promise<Member> {
    const [row] = await this.db
      .insert(members)
      .values(ref)
      .onConflictDoUpdate({ target: [members.platform, members.platformUserId], set: { displayName: sql`excluded.display_name` } })
      .returning();
    return toMember(row!);
  }
}

export class PgCommunityStore implements CommunityStore {
  constructor(private readonly db: Database) {}

  async ensureCommunity(ref: { platform: Platform; platformCommunityId: string; name: string }): Promise<Community> {
    const [row] = await this.db
      .insert(communities)
      .values(ref)
      .onConflictDoUpdate({ target: [communities.platform, communities.platformCommunityId], set: { name: sql`excluded.name` } })
      .returning();
    return { id: row!.id, platform: row!.platform as Platform, platformCommunityId: row!.platformCommunityId, name: row!.name };
  }
}
