import { fromMinorUnits } from '../domain/money.js';
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, inArray, notExists, or, sql } from 'drizzle-orm';
import type { ErasureRequest, ErasureSummary, ExportedDelivery, ExportedReport, MemberExport, PrivacyStore } from '../domain/privacy.js';
import { personalSpace, type Platform } from '../domain/member.js';
import { writeAudit } from './audit.js';
import type { Database } from './database.js';
import { clientMerges, clientReplies, clients, communities, deliveries, deliveryEvents, flags, members, nudges } from './schema.js';

type Reader = Pick<Database, 'select'>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * The client as this member knows it: the name they typed for the delivery, else the client's key
 * (a marketplace profile, or the normalized name). Never the display name a client row got from
 * whoever recorded it first, which may be another member's typing.
 */
const ownClientName = sql<string>`coalesce(${deliveries.clientName}, ${clients.key})`;

async function summarize(db: Reader, memberId: number): Promise<ErasureSummary> {
  const [[delivered], reports] = await Promise.all([
    db.select({ n: count() }).from(deliveries).where(eq(deliveries.writerId, memberId)),
    db.select({ state: flags.state, n: count() }).from(flags).where(eq(flags.reporterId, memberId)).groupBy(flags.state),
  ]);
  const inState = (state: string) => reports.find((r) => r.state === state)?.n ?? 0;
  return { deliveries: delivered?.n ?? 0, pendingReports: inState('pending'), approvedReports: inState('approved') };
}

export class PgPrivacyStore implements PrivacyStore {
  constructor(private readonly db: Database) {}

  async exportMember(memberId: number): Promise<MemberExport | undefined> {
    const [member] = await this.db.select().from(members).where(eq(members.id, memberId));
    if (!member) return undefined;
    const deliveryRows = await this.db
      .select({ d: deliveries, community: communities.name, client: ownClientName, profileUrl: clients.profileUrl })
      .from(deliveries)
      .innerJoin(communities, eq(communities.id, deliveries.communityId))
      .innerJoin(clients, eq(clients.id, deliveries.clientId))
      .where(eq(deliveries.writerId, memberId))
      .orderBy(asc(deliveries.number));
    const ids = deliveryRows.map((r) => r.d.id);
    const [eventRows, nudgeRows] = ids.length
      ? await Promise.all([
          this.db.select().from(deliveryEvents).where(inArray(deliveryEvents.deliveryId, ids)).orderBy(asc(deliveryEvents.at), asc(deliveryEvents.id)),
          this.db.select().from(nudges).where(inArray(nudges.deliveryId, ids)).orderBy(asc(nudges.stage)),
        ])
      : [[], []];
    const exported: ExportedDelivery[] = deliveryRows.map(({ d, community, client, profileUrl }) => ({
      number: d.number,
      community,
      client,
      clientProfileUrl: profileUrl,
      title: d.title,
      marketplace: d.marketplace,
      amount: d.amountMinor === null ? null : fromMinorUnits(d.amountMinor, d.currency),
      currency: d.currency,
      deliveredAt: d.deliveredAt.toISOString(),
      escrow: d.escrow,
      jobUrl: d.jobUrl,
      status: d.status,
      acceptedAt: iso(d.acceptedAt),
      paidAt: iso(d.paidAt),
      cancelledAt: iso(d.cancelledAt),
      reminders: d.reminders,
      snoozedUntil: iso(d.snoozedUntil),
      dueAt: iso(d.dueAt),
      dueTerms: d.dueTerms,
      letterLocale: d.letterLocale,
      createdAt: d.createdAt.toISOString(),
      events: eventRows.filter((e) => e.deliveryId === d.id).map((e) => ({ kind: e.kind, at: e.at.toISOString(), text: e.text, recordedAt: e.createdAt.toISOString() })),
      // What was sent to the member, not how (message ids and keys are Kenshu's own bookkeeping).
      nudges: nudgeRows.filter((n) => n.deliveryId === d.id).map((n) => ({ stage: n.stage, state: n.state, sentAt: iso(n.sentAt) })),
    }));
    // Reports: the member's own side only. Who reviewed them is the moderators' and stays out.
    const reportRows = await this.db
      .select({ f: flags, community: communities.name, client: ownClientName, delivery: deliveries.number })
      .from(flags)
      .innerJoin(communities, eq(communities.id, flags.communityId))
      .innerJoin(clients, eq(clients.id, flags.clientId))
      .leftJoin(deliveries, and(eq(deliveries.id, flags.deliveryId), eq(deliveries.writerId, memberId)))
      .where(eq(flags.reporterId, memberId))
      .orderBy(asc(flags.createdAt), asc(flags.id));
    const reports: ExportedReport[] = reportRows.map(({ f, community, client, delivery }) => ({
      number: f.number,
      community,
      client,
      category: f.category,
      state: f.state,
      note: f.note,
      delivery,
      filedAt: f.createdAt.toISOString(),
      reviewedAt: iso(f.reviewedAt),
      expiresAt: iso(f.expiresAt),
      retractedAt: iso(f.retractedAt),
    }));
    return {
      profile: {
        platform: member.platform,
        platformUserId: member.platformUserId,
        displayName: member.displayName,
        settings: {
          locale: member.locale,
          timezone: member.timezone,
          quietStartMinute: member.quietStartMinute,
          quietEndMinute: member.quietEndMinute,
          skipWeekends: member.skipWeekends,
          skipHolidays: member.skipHolidays,
        },
        createdAt: member.createdAt.toISOString(),
      },
      deliveries: exported,
      reports,
    };
  }

  erasureSummary(memberId: number): Promise<ErasureSummary> {
    return summarize(this.db, memberId);
  }

  async eraseMember(request: ErasureRequest): Promise<ErasureSummary | undefined> {
    return this.db.transaction(async (tx) => {
      const [member] = await tx.select().from(members).where(eq(members.id, request.memberId)).for('update');
      if (!member) return undefined;
      const summary = await summarize(tx, member.id);
      const touched = await tx
        .select({ id: deliveries.clientId })
        .from(deliveries)
        .where(eq(deliveries.writerId, member.id))
        .union(tx.select({ id: flags.clientId }).from(flags).where(eq(flags.reporterId, member.id)));

      // Approved reports are the community's, not the member's: they keep counting, each under a
      // tombstone of its own (so distinct writers stay distinct) with no name, no platform id, no
      // note and no link to a delivery.
      const approved = await tx
        .select({ id: flags.id })
        .from(flags)
        .where(and(eq(flags.reporterId, member.id), eq(flags.state, 'approved')));
      if (approved.length > 0) {
        const [tombstone] = await tx
          .insert(members)
          .values({ platform: member.platform, platformUserId: `erased:${randomUUID()}`, displayName: '', quietStartMinute: null, quietEndMinute: null })
          .returning({ id: members.id });
        await tx
          .update(flags)
          .set({ reporterId: tombstone!.id, note: null, deliveryId: null })
          .where(inArray(flags.id, approved.map((f) => f.id)));
      }

      // The rest goes with the member row: deliveries with their events and nudges, every other
      // report (pending ones are thereby withdrawn), buttons and moderator listings.
      await tx.delete(members).where(eq(members.id, member.id));

      // The personal space's key holds the platform id. It is kept, under a key with no identity,
      // for the audit row of an erase asked in a DM.
      const space = personalSpace(member.platform as Platform, member.platformUserId);
      await tx
        .update(communities)
        .set({ platformCommunityId: sql`'erased:' || ${communities.id}`, fallbackChannelId: null, modChannelId: null, moderatorRoleId: null })
        .where(and(eq(communities.platform, space.platform), eq(communities.platformCommunityId, space.platformCommunityId)));

      // A client only this member named goes too: its name is what they typed.
      const clientIds = touched.map((t) => t.id);
      if (clientIds.length > 0) {
        await tx
          .delete(clients)
          .where(
            and(
              inArray(clients.id, clientIds),
              notExists(tx.select({ one: sql`1` }).from(deliveries).where(eq(deliveries.clientId, clients.id))),
              notExists(tx.select({ one: sql`1` }).from(flags).where(eq(flags.clientId, clients.id))),
              notExists(
                tx
                  .select({ one: sql`1` })
                  .from(clientMerges)
                  .where(or(eq(clientMerges.fromClientId, clients.id), eq(clientMerges.intoClientId, clients.id))),
              ),
              notExists(tx.select({ one: sql`1` }).from(clientReplies).where(eq(clientReplies.clientId, clients.id))),
            ),
          );
      }

      await writeAudit(tx, {
        communityId: request.communityId,
        actorId: member.id,
        action: 'privacy.erase',
        target: `member:${member.id}`,
        before: null,
        after: { ...summary },
        reason: null,
        at: request.at,
      });
      return summary;
    });
  }
}
