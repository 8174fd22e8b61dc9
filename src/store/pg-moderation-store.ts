import { and, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { AuditAction } from '../domain/audit.js';
import { DomainError } from '../domain/errors.js';
import type { Locale, Platform } from '../domain/member.js';
import type { AuditRecord, Moderator, ModerationStore, Recipient } from '../domain/moderation.js';
import type { ClientRecord } from '../domain/warning-list.js';
import { writeAudit } from './audit.js';
import { shownAt } from './rules.js';
import type { Database } from './database.js';
import { clientNameIn } from './client-rows.js';
import { toClient } from './pg-warning-list-store.js';
import { auditLog, clientMerges, clientReplies, clients, communities, flags, members } from './schema.js';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Merges and unmerges of one community are made one at a time: two at once could otherwise each
 * see no chain and together make one. The community's row is the lock.
 */
async function lockCommunity(tx: Transaction, communityId: number): Promise<void> {
  await tx.select({ id: communities.id }).from(communities).where(eq(communities.id, communityId)).for('update');
}

async function followed(tx: Pick<Database, 'select'>, clientId: number, communityId: number): Promise<ClientRecord | undefined> {
  const [row] = await tx
    .select({ client: clients, name: clientNameIn(sql`${communityId}::bigint`) })
    .from(clientMerges)
    .innerJoin(clients, eq(clients.id, clientMerges.intoClientId))
    .where(and(eq(clientMerges.communityId, communityId), eq(clientMerges.fromClientId, clientId)));
  return row && toClient(row.client, row.name);
}

function name(client: ClientRecord): string {
  return client.displayName.slice(0, 80);
}

export class PgModerationStore implements ModerationStore {
  constructor(private readonly db: Database) {}

  mergedInto(clientId: number, communityId: number): Promise<ClientRecord | undefined> {
    return followed(this.db, clientId, communityId);
  }

  async setReply(change: { clientId: number; target: string; text: string | null; by: Moderator; at: Date }): Promise<{ before: string | null }> {
    const { clientId, by } = change;
    return this.db.transaction(async (tx) => {
      const where = and(eq(clientReplies.clientId, clientId), eq(clientReplies.communityId, by.communityId));
      const [old] = await tx.select({ text: clientReplies.text }).from(clientReplies).where(where).for('update');
      const before = old?.text ?? null;
      if (change.text === null) {
        if (before === null) return { before };
        await tx.delete(clientReplies).where(where);
      } else {
        await tx
          .insert(clientReplies)
          .values({ clientId, communityId: by.communityId, text: change.text, recordedBy: by.memberId, updatedAt: change.at })
          .onConflictDoUpdate({ target: [clientReplies.clientId, clientReplies.communityId], set: { text: change.text, recordedBy: by.memberId, updatedAt: change.at } });
      }
      await writeAudit(tx, {
        communityId: by.communityId,
        actorId: by.memberId,
        action: change.text === null ? 'client.reply_clear' : 'client.reply',
        target: change.target,
        before: { text: before },
        after: { text: change.text },
        reason: null,
        at: change.at,
      });
      return { before };
    });
  }

  async reportersOf(clientId: number, communityId: number, now: Date): Promise<Recipient[]> {
    const merged = this.db.select({ id: clientMerges.fromClientId }).from(clientMerges).where(and(eq(clientMerges.communityId, communityId), eq(clientMerges.intoClientId, clientId)));
    const rows = await this.db
      .selectDistinct({ memberId: members.id, platform: members.platform, platformUserId: members.platformUserId, locale: sql<string | null>`coalesce(${members.locale}, ${members.platformLocale})` })
      .from(flags)
      .innerJoin(members, eq(members.id, flags.reporterId))
      .where(
        and(
          eq(flags.communityId, communityId),
          or(eq(flags.clientId, clientId), inArray(flags.clientId, merged)),
          shownAt(sql`${now.toISOString()}::timestamptz`),
        ),
      )
      .orderBy(members.id);
    return rows.map((r) => ({ memberId: r.memberId, platform: r.platform as Platform, platformUserId: r.platformUserId, locale: r.locale as Locale | null }));
  }

  async merge(change: { from: ClientRecord; into: ClientRecord; by: Moderator; at: Date }): Promise<ClientRecord> {
    const { from, by } = change;
    return this.db.transaction(async (tx) => {
      await lockCommunity(tx, by.communityId);
      const already = await followed(tx, from.id, by.communityId);
      if (already) throw new DomainError('ALREADY_MERGED', { client: name(from), into: name(already) });
      // Into a client that itself follows another: into that one, so no chain forms.
      const into = (await followed(tx, change.into.id, by.communityId)) ?? change.into;
      if (into.id === from.id) throw new DomainError('MERGE_CYCLE', { client: name(from), into: name(change.into) });
      // Clients that followed `from` follow where it goes.
      await tx
        .update(clientMerges)
        .set({ intoClientId: into.id })
        .where(and(eq(clientMerges.communityId, by.communityId), eq(clientMerges.intoClientId, from.id)));
      await tx.insert(clientMerges).values({ communityId: by.communityId, fromClientId: from.id, intoClientId: into.id, createdBy: by.memberId, createdAt: change.at });
      await writeAudit(tx, {
        communityId: by.communityId,
        actorId: by.memberId,
        action: 'client.merge',
        target: `client:${from.key}`,
        before: { into: null },
        after: { into: into.key },
        reason: null,
        at: change.at,
      });
      return into;
    });
  }

  async unmerge(change: { from: ClientRecord; by: Moderator; at: Date }): Promise<ClientRecord | undefined> {
    const { from, by } = change;
    return this.db.transaction(async (tx) => {
      await lockCommunity(tx, by.communityId);
      const into = await followed(tx, from.id, by.communityId);
      if (!into) return undefined;
      await tx.delete(clientMerges).where(and(eq(clientMerges.communityId, by.communityId), eq(clientMerges.fromClientId, from.id)));
      await writeAudit(tx, {
        communityId: by.communityId,
        actorId: by.memberId,
        action: 'client.unmerge',
        target: `client:${from.key}`,
        before: { into: into.key },
        after: { into: null },
        reason: null,
        at: change.at,
      });
      return into;
    });
  }

  async auditLog(communityId: number, page: { offset: number; limit: number }): Promise<{ records: AuditRecord[]; total: number }> {
    const where = eq(auditLog.communityId, communityId);
    const [rows, [total]] = await Promise.all([
      this.db
        .select({
          at: auditLog.createdAt,
          action: auditLog.action,
          actorId: auditLog.actorId,
          actorName: members.displayName,
          target: auditLog.target,
          before: auditLog.before,
          after: auditLog.after,
          reason: auditLog.reason,
        })
        .from(auditLog)
        // Joined when read: the log holds ids only, so an erased member simply has no name.
        .leftJoin(members, eq(members.id, auditLog.actorId))
        .where(where)
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(page.limit)
        .offset(page.offset),
      this.db.select({ n: count() }).from(auditLog).where(where),
    ]);
    return { records: rows.map((r) => ({ ...r, action: r.action as AuditAction })), total: total?.n ?? 0 };
  }
}
