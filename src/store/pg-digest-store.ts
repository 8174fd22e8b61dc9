import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { ClaimedCommunity, DigestRecord, DigestRecordState, DigestStore } from '../domain/digest.js';
import { nextDigestAt } from '../domain/mod-report.js';
import type { Database } from './database.js';
import { toCommunity } from './pg-member-store.js';
import { communities, digests } from './schema.js';

function toRecord(row: typeof digests.$inferSelect): DigestRecord {
  return {
    communityId: row.communityId,
    weekStart: row.weekStart,
    state: row.state as DigestRecordState,
    starts: row.starts,
    channelId: row.channelId,
    messageRef: row.messageRef,
    lastError: row.lastError,
    sentAt: row.sentAt,
  };
}

/**
 * The digest scheduler's side of the store, on the nudges' pattern (PgNudgeStore): a claim moves
 * `next_digest_at` forward by the lease and stamps `digest_claim_token`, so the community leaves
 * the due range at once and comes back by itself if this instance dies before finishing.
 */
export class PgDigestStore implements DigestStore {
  constructor(private readonly db: Database) {}

  async scheduleUnscheduled(now: Date, defaultTimezone: string): Promise<number> {
    // Few rows ever match (channels set before digests existed): the rest is a scan of a small table.
    const waiting = await this.db
      .select({ id: communities.id, timezone: communities.timezone })
      .from(communities)
      .where(and(isNotNull(communities.modChannelId), isNull(communities.nextDigestAt)));
    let scheduled = 0;
    for (const c of waiting) {
      const updated = await this.db
        .update(communities)
        .set({ nextDigestAt: nextDigestAt(now, c.timezone ?? defaultTimezone) })
        .where(and(eq(communities.id, c.id), isNotNull(communities.modChannelId), isNull(communities.nextDigestAt)))
        .returning({ id: communities.id });
      scheduled += updated.length;
    }
    return scheduled;
  }

  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<ClaimedCommunity[]> {
    const claimToken = randomUUID();
    const due = sql`(select ${communities.id} from ${communities}
      where ${communities.nextDigestAt} <= ${now.toISOString()}::timestamptz and ${communities.modChannelId} is not null
      order by ${communities.nextDigestAt} limit ${limit} for update skip locked)`;
    const rows = await this.db
      .update(communities)
      .set({ nextDigestAt: leaseUntil, digestClaimToken: claimToken })
      .where(sql`${communities.id} in ${due}`)
      .returning();
    return rows.map((row) => ({ community: toCommunity(row), claimToken }));
  }

  async begin(input: Parameters<DigestStore['begin']>[0]): Promise<DigestRecord | undefined> {
    return this.db.transaction(async (tx) => {
      // First, and holding the community's row until the record is open: a settings change that
      // commits before this is seen, one that comes after waits for the record.
      const [held] = await tx
        .update(communities)
        .set({ nextDigestAt: input.leaseUntil })
        .where(
          and(
            eq(communities.id, input.communityId),
            eq(communities.digestClaimToken, input.claimToken),
            gt(communities.nextDigestAt, input.heldAt),
            eq(communities.modChannelId, input.channelId),
          ),
        )
        .returning({ id: communities.id });
      if (!held) return undefined;
      await tx
        .insert(digests)
        .values({ communityId: input.communityId, weekStart: input.weekStart, state: 'sending', idempotencyKey: input.key, channelId: input.channelId, createdAt: input.at })
        .onConflictDoNothing();
      const week = and(eq(digests.communityId, input.communityId), eq(digests.weekStart, input.weekStart));
      const [opened] = await tx
        .update(digests)
        .set({ starts: sql`${digests.starts} + 1`, channelId: input.channelId })
        .where(and(week, eq(digests.state, 'sending')))
        .returning();
      if (opened) return toRecord(opened);
      const [existing] = await tx.select().from(digests).where(week);
      return toRecord(existing!);
    });
  }

  async finish(input: Parameters<DigestStore['finish']>[0]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .update(digests)
        .set({ state: input.state, messageRef: input.messageRef ?? null, lastError: input.error?.slice(0, 500) ?? null, sentAt: input.state === 'sent' ? input.at : null })
        .where(and(eq(digests.communityId, input.communityId), eq(digests.weekStart, input.weekStart), eq(digests.state, 'sending')));
      // A settings change meanwhile (channel cleared, time zone changed) took the claim away: its schedule stands.
      await tx
        .update(communities)
        .set({ nextDigestAt: input.nextDigestAt, digestClaimToken: null })
        .where(and(eq(communities.id, input.communityId), eq(communities.digestClaimToken, input.claimToken)));
    });
  }

  async release(input: Parameters<DigestStore['release']>[0]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .update(digests)
        .set({ lastError: input.error.slice(0, 500) })
        .where(and(eq(digests.communityId, input.communityId), eq(digests.weekStart, input.weekStart)));
      await tx
        .update(communities)
        .set({ nextDigestAt: input.nextDigestAt, digestClaimToken: null })
        .where(and(eq(communities.id, input.communityId), eq(communities.digestClaimToken, input.claimToken)));
    });
  }

  async history(communityId: number): Promise<DigestRecord[]> {
    const rows = await this.db.select().from(digests).where(eq(digests.communityId, communityId)).orderBy(asc(digests.weekStart));
    return rows.map(toRecord);
  }
}
