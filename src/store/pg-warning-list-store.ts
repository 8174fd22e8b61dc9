import { and, count, countDistinct, desc, eq, gt, gte, inArray, isNull, lte, max, min, ne, or, sql, type SQL } from 'drizzle-orm';
import { DomainError } from '../domain/errors.js';
import { DEFAULT_STAGE_DAYS } from '../domain/ladder.js';
import type { Marketplace } from '../domain/marketplace.js';
import type { ClientRecord, Flag, FlagCategory, FlagState, FlagSummary, PooledFigures, Scope, Visibility, WarningListStore } from '../domain/warning-list.js';
import type { Database } from './database.js';
import { clientAliases, clients, communities, deliveries, flags, nudges } from './schema.js';

function toClient(row: typeof clients.$inferSelect): ClientRecord {
  return { id: row.id, key: row.key, marketplace: row.marketplace as Marketplace | null, displayName: row.displayName, profileUrl: row.profileUrl };
}

function toFlag(row: typeof flags.$inferSelect): Flag {
  return {
    id: row.id,
    clientId: row.clientId,
    communityId: row.communityId,
    reporterId: row.reporterId,
    deliveryId: row.deliveryId,
    category: row.category as FlagCategory,
    state: row.state as FlagState,
    deliveredAt: row.deliveredAt,
    daysWaited: row.daysWaited,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** Federated communities other than the viewer's: their data may be shown elsewhere. */
const federatedCommunities = sql`(select ${communities.id} from ${communities} where ${communities.sharing} = 'federated')`;

/** The communities a scope counts: the viewer's own, and federated ones when allowed. */
function inScope(column: typeof deliveries.communityId | typeof flags.communityId, scope: Scope): SQL {
  return scope.includeFederated ? or(eq(column, scope.communityId), sql`${column} in ${federatedCommunities}`)! : eq(column, scope.communityId);
}

/** Approved and not yet expired: what a lookup may show. */
function visible(now: Date): SQL {
  return and(eq(flags.state, 'approved'), or(isNull(flags.expiresAt), gt(flags.expiresAt, now)))!;
}

/** Days before a delivery counts as overdue: its marketplace's first reminder. */
const firstStageDays = sql.join(
  [
    sql`case ${deliveries.marketplace}`,
    ...Object.entries(DEFAULT_STAGE_DAYS).map(([marketplace, days]) => sql`when ${marketplace} then ${days[1]}::integer`),
    sql`else 3 end`,
  ],
  sql` `,
);

/** Paid, or accepted where acceptance releases the escrowed fee (see acceptanceReleasesPayment). */
const paidOrReleased = sql`(${deliveries.status} = 'paid' or (${deliveries.status} = 'accepted' and ${deliveries.escrow} = 'funded' and ${deliveries.marketplace} not in ('direct', 'other')))`;

const deskSent = sql`exists (select 1 from ${nudges} where ${nudges.deliveryId} = ${deliveries.id} and ${nudges.stage} = 3 and ${nudges.state} = 'sent')`;

/** The client has a delivery or a report in a community the viewer may know of. */
function knownWithin(visibility: Visibility): SQL {
  const where = (column: typeof deliveries.communityId | typeof flags.communityId) =>
    visibility.includeFederated ? or(eq(column, visibility.communityId), sql`${column} in ${federatedCommunities}`)! : eq(column, visibility.communityId);
  return or(
    sql`exists (select 1 from ${deliveries} where ${deliveries.clientId} = ${clients.id} and ${where(deliveries.communityId)})`,
    sql`exists (select 1 from ${flags} where ${flags.clientId} = ${clients.id} and ${where(flags.communityId)})`,
  )!;
}

export class PgWarningListStore implements WarningListStore {
  constructor(private readonly db: Database) {}

  async resolve(key: string, visibility?: Visibility): Promise<ClientRecord | undefined> {
    const known = visibility ? knownWithin(visibility) : undefined;
    // Two plain index lookups: folding the alias into one statement with OR costs a scan.
    const [direct] = await this.db.select().from(clients).where(and(eq(clients.key, key), known));
    if (direct) return toClient(direct);
    const [alias] = await this.db
      .select({ client: clients })
      .from(clientAliases)
      .innerJoin(clients, eq(clients.id, clientAliases.clientId))
      .where(and(eq(clientAliases.key, key), known));
    return alias && toClient(alias.client);
  }

  async search(normalizedName: string, limit: number, visibility: Visibility): Promise<{ client: ClientRecord; similarity: number }[]> {
    if (normalizedName === '') return [];
    // `%` uses the trigram indexes; similarity ranks what it finds.
    const similarity = sql<number>`similarity(${clients.normalizedName}, ${normalizedName})`;
    const direct = await this.db
      .select({ client: clients, similarity })
      .from(clients)
      .where(and(sql`${clients.normalizedName} % ${normalizedName}`, knownWithin(visibility)))
      .orderBy(desc(similarity))
      .limit(limit);
    const aliasSimilarity = sql<number>`similarity(${clientAliases.normalizedName}, ${normalizedName})`;
    const viaAlias = await this.db
      .select({ client: clients, similarity: aliasSimilarity })
      .from(clientAliases)
      .innerJoin(clients, eq(clients.id, clientAliases.clientId))
      .where(and(sql`${clientAliases.normalizedName} % ${normalizedName}`, knownWithin(visibility)))
      .orderBy(desc(aliasSimilarity))
      .limit(limit);
    const best = new Map<number, { client: ClientRecord; similarity: number }>();
    for (const row of [...direct, ...viaAlias]) {
      const s = Number(row.similarity);
      if ((best.get(row.client.id)?.similarity ?? -1) < s) best.set(row.client.id, { client: toClient(row.client), similarity: s });
    }
    return [...best.values()].sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }

  async aliases(clientId: number): Promise<{ key: string; displayName: string }[]> {
    return this.db.select({ key: clientAliases.key, displayName: clientAliases.displayName }).from(clientAliases).where(eq(clientAliases.clientId, clientId)).orderBy(clientAliases.id);
  }

  async consensusWriters(clientId: number, communityId: number, now: Date): Promise<number> {
    const [row] = await this.db
      .select({ n: countDistinct(flags.reporterId) })
      .from(flags)
      .where(and(eq(flags.clientId, clientId), visible(now), inScope(flags.communityId, { clientId, communityId, includeFederated: true, now })));
    return row?.n ?? 0;
  }

  async figures(scope: Scope): Promise<PooledFigures> {
    const notCancelled = ne(deliveries.status, 'cancelled');
    const [row] = await this.db
      .select({
        deliveries: count(),
        writers: countDistinct(deliveries.writerId),
        medianDays: sql<string | null>`percentile_cont(0.5) within group (order by extract(epoch from ${deliveries.acceptedAt} - ${deliveries.deliveredAt}) / 86400) filter (where ${deliveries.acceptedAt} is not null)`,
        paid: sql<number>`count(*) filter (where ${paidOrReleased})`.mapWith(Number),
        settled: sql<number>`count(*) filter (where ${notCancelled})`.mapWith(Number),
        neededDesk: sql<number>`count(*) filter (where ${deskSent})`.mapWith(Number),
        overdueNow: sql<number>`count(*) filter (where ${deliveries.status} = 'awaiting_review' and ${deliveries.deliveredAt} <= ${scope.now.toISOString()}::timestamptz - make_interval(days => ${firstStageDays}))`.mapWith(Number),
      })
      .from(deliveries)
      .where(and(eq(deliveries.clientId, scope.clientId), inScope(deliveries.communityId, scope)));
    return {
      deliveries: row?.deliveries ?? 0,
      writers: row?.writers ?? 0,
      medianDaysToAcceptance: row?.medianDays == null ? null : Math.round(Number(row.medianDays) * 10) / 10,
      paid: row?.paid ?? 0,
      settled: row?.settled ?? 0,
      neededDesk: row?.neededDesk ?? 0,
      overdueNow: row?.overdueNow ?? 0,
    };
  }

  async flagSummaries(scope: Scope): Promise<FlagSummary[]> {
    const rows = await this.db
      .select({
        category: flags.category,
        count: count(),
        writers: countDistinct(flags.reporterId),
        first: min(flags.createdAt),
        last: max(flags.createdAt),
        laterAccepted: sql<number>`count(*) filter (where ${deliveries.status} = 'accepted' and not ${paidOrReleased})`.mapWith(Number),
        laterPaid: sql<number>`count(*) filter (where ${paidOrReleased})`.mapWith(Number),
        paidAfterDesk: sql<number>`count(*) filter (where ${paidOrReleased} and ${deskSent})`.mapWith(Number),
      })
      .from(flags)
      .leftJoin(deliveries, eq(deliveries.id, flags.deliveryId))
      .where(and(eq(flags.clientId, scope.clientId), visible(scope.now), inScope(flags.communityId, scope)))
      .groupBy(flags.category)
      .orderBy(desc(count()));
    return rows.map((r) => ({ ...r, category: r.category as FlagCategory, first: r.first!, last: r.last! }));
  }

  async createFlag(flag: Omit<Flag, 'id' | 'state' | 'expiresAt'> & { note: string | null }): Promise<Flag> {
    try {
      return await this.db.transaction(async (tx) => {
        // An approved report past its time no longer counts as the reporter's active one.
        await tx
          .update(flags)
          .set({ state: 'expired' })
          .where(and(eq(flags.reporterId, flag.reporterId), eq(flags.clientId, flag.clientId), eq(flags.category, flag.category), eq(flags.state, 'approved'), lte(flags.expiresAt, flag.createdAt)));
        const [row] = await tx.insert(flags).values({ ...flag, state: 'pending' }).returning();
        return toFlag(row!);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('FLAG_DUPLICATE', { category: flag.category });
      throw error;
    }
  }

  async countFlagsSince(reporterId: number, communityId: number, since: Date): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(flags)
      .where(and(eq(flags.reporterId, reporterId), eq(flags.communityId, communityId), gte(flags.createdAt, since)));
    return row?.n ?? 0;
  }

  async findFlag(id: number): Promise<Flag | undefined> {
    const [row] = await this.db.select().from(flags).where(eq(flags.id, id));
    return row && toFlag(row);
  }

  async setFlagState(change: { id: number; from: readonly FlagState[]; to: FlagState; at: Date; by?: number; expiresAt?: Date | null }): Promise<Flag | undefined> {
    const [row] = await this.db
      .update(flags)
      .set({
        state: change.to,
        ...(change.to === 'retracted' ? { retractedAt: change.at } : { reviewedAt: change.at }),
        ...(change.by !== undefined ? { reviewedBy: change.by } : {}),
        ...(change.expiresAt !== undefined ? { expiresAt: change.expiresAt } : {}),
      })
      .where(and(eq(flags.id, change.id), inArray(flags.state, [...change.from])))
      .returning();
    return row && toFlag(row);
  }
}
