import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Locale, Platform } from '../domain/member.js';
import type { Marketplace } from '../domain/marketplace.js';
import type { ExportedReport, PendingReport, ReportOutcome, ReportStore, ReportReview, ReviewedReport } from '../domain/reports.js';
import type { ClientRecord, Flag, FlagCategory } from '../domain/warning-list.js';
import { writeAudit } from './audit.js';
import { clientNameIn } from './client-rows.js';
import type { Database } from './database.js';
import { laterOutcome, shownAt } from './rules.js';
import { clientMerges, clients, communities, deliveries, flags, members } from './schema.js';
import { toFlag } from './pg-warning-list-store.js';

/** The client with the name the report's community knows it by (see `clientNameIn`). */
function toClient(row: typeof clients.$inferSelect, name: string): ClientRecord {
  return { id: row.id, key: row.key, marketplace: row.marketplace as Marketplace | null, displayName: name, profileUrl: row.profileUrl };
}

/** What the audit log keeps of a report's state: the state and until when it shows. */
function auditState(flag: Flag) {
  return { state: flag.state, expiresAt: flag.expiresAt?.toISOString() ?? null };
}

export class PgReportStore implements ReportStore {
  constructor(private readonly db: Database) {}

  async findByNumber(communityId: number, number: number): Promise<Flag | undefined> {
    const [row] = await this.db
      .select()
      .from(flags)
      .where(and(eq(flags.communityId, communityId), eq(flags.number, number)));
    return row && toFlag(row);
  }

  async review(change: ReportReview): Promise<ReviewedReport | undefined> {
    return this.db.transaction(async (tx) => {
      // Locked, so the state written to the audit log as "before" is the one the change replaced.
      const [locked] = await tx
        .select()
        .from(flags)
        .where(and(eq(flags.communityId, change.communityId), eq(flags.number, change.number), inArray(flags.state, [...change.from])))
        .for('update');
      if (!locked) return undefined;
      const [row] = await tx
        .update(flags)
        .set({ state: change.to, reviewedAt: change.at, reviewedBy: change.actorId, ...(change.expiresAt ? { expiresAt: change.expiresAt } : {}) })
        .where(eq(flags.id, locked.id))
        .returning();
      const before = toFlag(locked);
      const after = toFlag(row!);
      await writeAudit(tx, {
        communityId: change.communityId,
        actorId: change.actorId,
        action: change.action,
        target: `report:${after.number}`,
        before: auditState(before),
        after: auditState(after),
        reason: change.reason,
        at: change.at,
      });
      const [client] = await tx
        .select({ row: clients, name: clientNameIn(sql`${change.communityId}::bigint`) })
        .from(clients)
        .where(eq(clients.id, after.clientId));
      const [author] = await tx
        .select({ platform: members.platform, platformUserId: members.platformUserId, locale: members.locale, platformLocale: members.platformLocale, timezone: members.timezone })
        .from(members)
        .where(eq(members.id, after.reporterId));
      return {
        before,
        after,
        client: toClient(client!.row, client!.name),
        author: { platform: author!.platform as Platform, platformUserId: author!.platformUserId, locale: (author!.locale ?? author!.platformLocale) as Locale | null, timezone: author!.timezone },
      };
    });
  }

  async pending(communityId: number, offset: number, limit: number): Promise<{ reports: PendingReport[]; total: number }> {
    const where = and(eq(flags.communityId, communityId), eq(flags.state, 'pending'));
    const [totalRow] = await this.db.select({ n: count() }).from(flags).where(where);
    const rows = await this.db
      .select({ flag: flags, client: clients, name: clientNameIn(sql`${communityId}::bigint`) })
      .from(flags)
      .innerJoin(clients, eq(clients.id, flags.clientId))
      .where(where)
      .orderBy(asc(flags.createdAt), asc(flags.number))
      .limit(limit)
      .offset(offset);
    const reporterIds = [...new Set(rows.map((r) => r.flag.reporterId))];
    // Reviewed by a moderator and not rejected: approved at some point (it may since have expired, been removed or retracted).
    const records =
      reporterIds.length === 0
        ? []
        : await this.db
            .select({
              reporterId: flags.reporterId,
              filed: count(),
              approved: sql<number>`count(*) filter (where ${flags.reviewedBy} is not null and ${flags.state} <> 'rejected')`.mapWith(Number),
              rejected: sql<number>`count(*) filter (where ${flags.state} = 'rejected')`.mapWith(Number),
            })
            .from(flags)
            .where(and(eq(flags.communityId, communityId), inArray(flags.reporterId, reporterIds)))
            .groupBy(flags.reporterId);
    const byReporter = new Map(records.map((r) => [r.reporterId, { filed: r.filed, approved: r.approved, rejected: r.rejected }]));
    return {
      total: totalRow?.n ?? 0,
      reports: rows.map((r) => ({
        flag: toFlag(r.flag),
        note: r.flag.note,
        client: toClient(r.client, r.name),
        reporterRecord: byReporter.get(r.flag.reporterId) ?? { filed: 0, approved: 0, rejected: 0 },
      })),
    };
  }

  async exportShown(request: { communityId: number; actorId: number; at: Date }): Promise<ExportedReport[]> {
    const { communityId, at } = request;
    const community = sql`${communityId}::bigint`;
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .select({
          number: flags.number,
          category: flags.category,
          filedAt: flags.createdAt,
          approvedAt: flags.reviewedAt,
          expiresAt: flags.expiresAt,
          client: clients,
          name: clientNameIn(community),
          outcome: sql<ReportOutcome>`${laterOutcome}`,
          // The newest reply on the client or one merged into it here, as lookups read replies.
          reply: sql<{ text: string; at: string } | null>`(select json_build_object('text', r.text, 'at', r.updated_at) from client_replies r
            where r.community_id = ${community} and (r.client_id = clients.id
              or r.client_id in (select m.from_client_id from client_merges m where m.community_id = ${community} and m.into_client_id = clients.id))
            order by r.updated_at desc limit 1)`,
        })
        .from(flags)
        // The client this community merged the reported one into, else the reported one.
        .leftJoin(clientMerges, and(eq(clientMerges.communityId, flags.communityId), eq(clientMerges.fromClientId, flags.clientId)))
        .innerJoin(clients, eq(clients.id, sql`coalesce(${clientMerges.intoClientId}, ${flags.clientId})`))
        // What became of the linked delivery, where it was recorded in this community.
        .leftJoin(deliveries, and(eq(deliveries.id, flags.deliveryId), eq(deliveries.communityId, flags.communityId)))
        .where(and(eq(flags.communityId, communityId), shownAt(sql`${at.toISOString()}::timestamptz`)))
        .orderBy(asc(flags.number));
      await writeAudit(tx, {
        communityId,
        actorId: request.actorId,
        action: 'report.export',
        target: `reports:${rows.length}`,
        before: null,
        after: { count: rows.length },
        reason: null,
        at,
      });
      return rows.map((r) => ({
        number: r.number,
        client: toClient(r.client, r.name),
        category: r.category as FlagCategory,
        filedAt: r.filedAt,
        approvedAt: r.approvedAt,
        expiresAt: r.expiresAt,
        outcome: r.outcome,
        reply: r.reply && { text: r.reply.text, at: new Date(r.reply.at) },
      }));
    });
  }

  async modChannel(communityId: number): Promise<string | null> {
    const [row] = await this.db.select({ channel: communities.modChannelId }).from(communities).where(eq(communities.id, communityId));
    return row?.channel ?? null;
  }
}
