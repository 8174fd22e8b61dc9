import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { AuditAction } from '../domain/audit.js';
import type { Community, Locale, Member, PendingNotice, Platform } from '../domain/member.js';
import type {
  CommunitySettingsPatch,
  CommunityStore,
  FederationExposure,
  MemberSettingsPatch,
  MemberStore,
  SettingsChange,
  SettingsChangeBy,
  SettingsChangeResult,
} from '../domain/ports.js';
import { nextDigestAt } from '../domain/mod-report.js';
import { writeAudit } from './audit.js';
import { jsonRowReader } from './json-rows.js';
import type { Database } from './database.js';
import { communities, communityModerators, deliveries, flags, members } from './schema.js';

/** Each setting a patch may hold, under the name members type (`/mod settings sharing:`) and audit rows show. */
const SETTING_NAMES: Record<keyof CommunitySettingsPatch, string> = {
  fallbackChannelId: 'fallback_channel',
  modChannelId: 'mod_channel',
  moderatorRoleId: 'moderator_role',
  sharing: 'sharing',
  showFromOthers: 'show_from_others',
  consensusMinWriters: 'consensus_min_writers',
  flagDailyLimit: 'flag_daily_limit',
  flagRequiresDelivery: 'flag_delivery',
  maxPerWriter: 'max_per_writer',
  minWriters: 'min_writers',
  timezone: 'timezone',
  locale: 'language',
};

function digestDueAfter(at: Date, modChannelId: string | null, timezone: string): Date | null {
  return modChannelId ? nextDigestAt(at, timezone) : null;
}

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
    ...(row.dmChannelId === null ? {} : { dmChannelId: row.dmChannelId }),
  };
}

export function toCommunity(row: typeof communities.$inferSelect): Community {
  return {
    id: row.id,
    platform: row.platform as Platform,
    platformCommunityId: row.platformCommunityId,
    name: row.name,
    fallbackChannelId: row.fallbackChannelId,
    modChannelId: row.modChannelId,
    moderatorRoleId: row.moderatorRoleId,
    sharing: row.sharing as Community['sharing'],
    showFromOthers: row.showFromOthers as Community['showFromOthers'],
    consensusMinWriters: row.consensusMinWriters,
    flagDailyLimit: row.flagDailyLimit,
    flagRequiresDelivery: row.flagRequiresDelivery,
    maxPerWriter: row.maxPerWriter,
    minWriters: row.minWriters,
    timezone: row.timezone,
    locale: row.locale as Locale | null,
  };
}

/**
 * Every command finds who is asking and where: these two reads are built once, as prepared
 * statements, rather than by drizzle on each call (building a query cost more CPU than running it).
 */
function findMemberStatement(db: Database) {
  return db
    .select()
    .from(members)
    .where(and(eq(members.platform, sql.placeholder('platform')), eq(members.platformUserId, sql.placeholder('platformUserId'))))
    .prepare('kenshu_find_member');
}

function findCommunityStatement(db: Database) {
  return db
    .select()
    .from(communities)
    .where(and(eq(communities.platform, sql.placeholder('platform')), eq(communities.platformCommunityId, sql.placeholder('platformCommunityId'))))
    .prepare('kenshu_find_community');
}

/** The community and the member of a command, each as one json value (null for one not seen yet), in one prepared read. */
function findBothStatement(db: Database) {
  return db
    .select({
      community: sql<unknown>`(select to_json(c) from ${communities} c
        where c.platform = ${sql.placeholder('communityPlatform')} and c.platform_community_id = ${sql.placeholder('platformCommunityId')})`,
      member: sql<unknown>`(select to_json(m) from ${members} m
        where m.platform = ${sql.placeholder('memberPlatform')} and m.platform_user_id = ${sql.placeholder('platformUserId')})`,
    })
    .from(sql`(select 1) as one`)
    .prepare('kenshu_find_member_in');
}

const readCommunity = jsonRowReader(communities);
const readMember = jsonRowReader(members);

type MemberRef = Parameters<MemberStore['ensureMember']>[0];

/** Nothing the platform says about the member differs from what is kept. */
const isCurrent = (known: Member, ref: MemberRef) => known.displayName === ref.displayName && (!ref.platformLocale || known.platformLocale === ref.platformLocale);

export class PgMemberStore implements MemberStore {
  private readonly findStatement: ReturnType<typeof findMemberStatement>;
  private readonly findBoth: ReturnType<typeof findBothStatement>;
  private readonly communities: PgCommunityStore;

  constructor(private readonly db: Database) {
    this.findStatement = findMemberStatement(db);
    this.findBoth = findBothStatement(db);
    this.communities = new PgCommunityStore(db);
  }

  async ensureMemberIn(communityRef: Parameters<MemberStore['ensureMemberIn']>[0], memberRef: MemberRef): Promise<{ community: Community; member: Member }> {
    const [row] = await this.findBoth.execute({
      communityPlatform: communityRef.platform,
      platformCommunityId: communityRef.platformCommunityId,
      memberPlatform: memberRef.platform,
      platformUserId: memberRef.platformUserId,
    });
    const knownCommunity = row?.community ? toCommunity(readCommunity(row.community)) : undefined;
    const knownMember = row?.member ? toMember(readMember(row.member)) : undefined;
    // Only what is new or changed goes on to be written, as ensureCommunity and ensureMember do.
    const [community, member] = await Promise.all([
      knownCommunity && knownCommunity.name === communityRef.name ? knownCommunity : this.communities.ensureCommunity(communityRef),
      knownMember && isCurrent(knownMember, memberRef) ? knownMember : this.ensureMember(memberRef),
    ]);
    return { community, member };
  }

  async ensureMember(ref: MemberRef): Promise<Member> {
    // Every command calls this: a read when nothing changed, so a busy member's commands take no
    // row lock and write no new row version.
    const known = await this.findMember(ref.platform, ref.platformUserId);
    if (known && isCurrent(known, ref)) return known;
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
    const [row] = await this.findStatement.execute({ platform, platformUserId });
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

  async rememberDmChannel(memberId: number, channelId: string): Promise<void> {
    await this.db.update(members).set({ dmChannelId: channelId }).where(eq(members.id, memberId));
  }
}

export class PgCommunityStore implements CommunityStore {
  private readonly findStatement: ReturnType<typeof findCommunityStatement>;

  constructor(private readonly db: Database) {
    this.findStatement = findCommunityStatement(db);
  }

  async ensureCommunity(ref: { platform: Platform; platformCommunityId: string; name: string }): Promise<Community> {
    // Every command calls this, most of them in the same few communities: a read when nothing
    // changed, so concurrent commands do not queue on the community's row lock.
    const known = await this.findCommunity(ref.platform, ref.platformCommunityId);
    if (known && known.name === ref.name) return known;
    const [row] = await this.db
      .insert(communities)
      .values(ref)
      .onConflictDoUpdate({ target: [communities.platform, communities.platformCommunityId], set: { name: sql`excluded.name` } })
      .returning();
    return toCommunity(row!);
  }

  async findCommunity(platform: Platform, platformCommunityId: string): Promise<Community | undefined> {
    const [row] = await this.findStatement.execute({ platform, platformCommunityId });
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

  async isListedModerator(communityId: number, memberId: number): Promise<boolean> {
    const [row] = await this.db
      .select({ memberId: communityModerators.memberId })
      .from(communityModerators)
      .where(and(eq(communityModerators.communityId, communityId), eq(communityModerators.memberId, memberId)));
    return row !== undefined;
  }

  async listedModerators(communityId: number): Promise<Member[]> {
    const rows = await this.db
      .select({ member: members })
      .from(communityModerators)
      .innerJoin(members, eq(members.id, communityModerators.memberId))
      .where(eq(communityModerators.communityId, communityId))
      .orderBy(asc(communityModerators.createdAt), asc(members.id));
    return rows.map((r) => toMember(r.member));
  }

  async changeSettings(communityId: number, change: SettingsChange, by: SettingsChangeBy): Promise<SettingsChangeResult> {
    return this.db.transaction(async (tx) => {
      // Locked, so two admins changing one setting at once each record the value they replaced.
      const [before] = await tx.select().from(communities).where(eq(communities.id, communityId)).for('update');
      if (!before) throw new Error(`community ${communityId} does not exist`);
      const changed: string[] = [];
      const audit = (action: Extract<AuditAction, 'settings.change' | 'moderator.add' | 'moderator.remove'>, target: string, from: unknown, to: unknown) =>
        writeAudit(tx, { communityId, actorId: by.actorId, action, target, before: from, after: to, reason: null, at: by.at });

      const patch: CommunitySettingsPatch = {};
      for (const key of Object.keys(change.patch) as (keyof CommunitySettingsPatch)[]) {
        const value = change.patch[key];
        if (value === undefined || value === before[key]) continue;
        Object.assign(patch, { [key]: value });
        changed.push(SETTING_NAMES[key]);
        await audit('settings.change', `setting:${SETTING_NAMES[key]}`, { value: before[key] }, { value });
      }
      let row = before;
      if (Object.keys(patch).length > 0) {
        // The digest follows its channel and time zone: a new channel's first digest is the next
        // Monday 09:00, never a past week's at once; no channel, no digest.
        const digest =
          patch.modChannelId !== undefined || patch.timezone !== undefined
            ? { nextDigestAt: digestDueAfter(by.at, patch.modChannelId !== undefined ? patch.modChannelId : before.modChannelId, (patch.timezone !== undefined ? patch.timezone : before.timezone) ?? by.defaultTimezone), digestClaimToken: null }
            : {};
        [row = before] = await tx
          .update(communities)
          .set({ ...patch, ...digest })
          .where(eq(communities.id, communityId))
          .returning();
      }

      if (change.addModerator !== undefined) {
        const added = await tx.insert(communityModerators).values({ communityId, memberId: change.addModerator, createdAt: by.at }).onConflictDoNothing().returning();
        if (added.length > 0) {
          changed.push('add_moderator');
          await audit('moderator.add', `member:${change.addModerator}`, { listed: false }, { listed: true });
        }
      }
      if (change.removeModerator !== undefined) {
        const removed = await tx
          .delete(communityModerators)
          .where(and(eq(communityModerators.communityId, communityId), eq(communityModerators.memberId, change.removeModerator)))
          .returning();
        if (removed.length > 0) {
          changed.push('remove_moderator');
          await audit('moderator.remove', `member:${change.removeModerator}`, { listed: true }, { listed: false });
        }
      }
      return { community: toCommunity(row), changed };
    });
  }

  async federationExposure(communityId: number): Promise<FederationExposure> {
    const [[reports], [tracked]] = await Promise.all([
      this.db.select({ n: count() }).from(flags).where(and(eq(flags.communityId, communityId), eq(flags.state, 'approved'))),
      this.db.select({ n: count() }).from(deliveries).where(eq(deliveries.communityId, communityId)),
    ]);
    return { approvedReports: reports?.n ?? 0, trackedDeliveries: tracked?.n ?? 0 };
  }
}
