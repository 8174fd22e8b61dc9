import { and, eq, sql } from 'drizzle-orm';
import type { Community, Locale, Member, PendingNotice, Platform } from '../domain/member.js';
import type { CommunitySettingsPatch, CommunityStore, MemberSettingsPatch, MemberStore } from '../domain/ports.js';
import type { Database } from './database.js';
import { communities, members } from './schema.js';

export function toMember(row: typeof members.$inferSelect): Member {
  return {
    id: row.id,
    platform: row.platform as Platform,
    platformUserId: row.platformUserId,
    displayName: row.displayName,
    locale: row.locale as Locale | null,
    platformLocale: row.platformLocale as Locale | null,
    timezone: row.timezone,
    quietStartMinute: row.quietStartMinute,
    quietEndMinute: row.quietEndMinute,
    skipWeekends: row.skipWeekends,
    skipHolidays: row.skipHolidays,
    pendingNotice: row.pendingNotice as PendingNotice | null,
  };
}

export function toCommunity(row: typeof communities.$inferSelect): Community {
  return {
    id: row.id,
    platform: row.platform as Platform,
    platformCommunityId: row.platformCommunityId,
    name: row.name,
    fallbackChannelId: row.fallbackChannelId,
    moderatorRoleId: row.moderatorRoleId,
    sharing: row.sharing as Community['sharing'],
    showFromOthers: row.showFromOthers as Community['showFromOthers'],
    consensusMinWriters: row.consensusMinWriters,
    flagDailyLimit: row.flagDailyLimit,
    flagRequiresDelivery: row.flagRequiresDelivery,
  };
}

export class PgMemberStore implements MemberStore {
  constructor(private readonly db: Database) {}

  async ensureMember(ref: { platform: Platform; platformUserId: string; displayName: string; platformLocale?: Locale }): Promise<Member> {
    const [row] = await this.db
      .insert(members)
      .values(ref)
      .onConflictDoUpdate({
        target: [members.platform, members.platformUserId],
        set: {
          displayName: sql`excluded.display_name`,
          ...(ref.platformLocale ? { platformLocale: sql`excluded.platform_locale` } : {}),
        },
      })
      .returning();
    return toMember(row!);
  }

  async findMember(platform: Platform, platformUserId: string): Promise<Member | undefined> {
    const [row] = await this.db.select().from(members).where(and(eq(members.platform, platform), eq(members.platformUserId, platformUserId)));
    return row && toMember(row);
  }

  async updateSettings(memberId: number, patch: MemberSettingsPatch): Promise<Member> {
    const [row] = await this.db.update(members).set(patch).where(eq(members.id, memberId)).returning();
    if (!row) throw new Error(`member ${memberId} does not exist`);
    return toMember(row);
  }

  async setPendingNotice(memberId: number, notice: PendingNotice | null): Promise<void> {
    await this.db.update(members).set({ pendingNotice: notice }).where(eq(members.id, memberId));
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
    return toCommunity(row!);
  }

  async findCommunity(platform: Platform, platformCommunityId: string): Promise<Community | undefined> {
    const [row] = await this.db.select().from(communities).where(and(eq(communities.platform, platform), eq(communities.platformCommunityId, platformCommunityId)));
    return row && toCommunity(row);
  }

  async setFallbackChannel(communityId: number, channelId: string | null): Promise<void> {
    await this.updateSettings(communityId, { fallbackChannelId: channelId });
  }

  async updateSettings(communityId: number, patch: CommunitySettingsPatch): Promise<Community> {
    const [row] = await this.db.update(communities).set(patch).where(eq(communities.id, communityId)).returning();
    if (!row) throw new Error(`community ${communityId} does not exist`);
    return toCommunity(row);
  }
}
