import { and, count, desc, eq, gt, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { DomainError } from '../domain/errors.js';
import { DEFAULT_STAGE_DAYS } from '../domain/ladder.js';
import type { Marketplace } from '../domain/marketplace.js';
import type { ClientRecord, Flag, FlagCategory, FlagState, FlagSummary, LookupSummary, PooledFigures, Scope, Visibility, WarningListStore } from '../domain/warning-list.js';
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

/** The viewer's community, and the federated ones when `include` (an SQL boolean) holds. */
function inScopeWhen(column: typeof deliveries.communityId | typeof flags.communityId, communityId: number, include: SQL): SQL {
  return sql`(${column} = ${communityId} or (${include} and ${column} in ${federatedCommunities}))`;
}

interface FiguresJson {
  deliveries: number;
  writers: number;
  median: number | null;
  paid: number;
  settled: number;
  desk: number;
  overdue: number;
}

interface FlagSummaryJson {
  category: string;
  count: number;
  writers: number;
  first: string;
  last: string;
  accepted: number;
  paid: number;
  paidAfterDesk: number;
}

function toFigures(f: FiguresJson): PooledFigures {
  return {
    deliveries: f.deliveries,
    writers: f.writers,
    medianDaysToAcceptance: f.median === null ? null : Math.round(Number(f.median) * 10) / 10,
    paid: f.paid,
    settled: f.settled,
    neededDesk: f.desk,
    overdueNow: f.overdue,
  };
}

function toFlagSummary(f: FlagSummaryJson): FlagSummary {
  return {
    category: f.category as FlagCategory,
    count: f.count,
    writers: f.writers,
    first: new Date(f.first),
    last: new Date(f.last),
    laterAccepted: f.accepted,
    laterPaid: f.paid,
    paidAfterDesk: f.paidAfterDesk,
  };
}

/** Pooled, anonymous figures over a client's deliveries in scope, as one JSON value. */
function figuresJson(scope: Omit<Scope, 'includeFederated'>, include: SQL): SQL {
  return sql`select json_build_object(
      'deliveries', count(*),
      'writers', count(distinct ${deliveries.writerId}),
      'median', percentile_cont(0.5) within group (order by extract(epoch from ${deliveries.acceptedAt} - ${deliveries.deliveredAt}) / 86400) filter (where ${deliveries.acceptedAt} is not null),
      'paid', count(*) filter (where ${paidOrReleased}),
      'settled', count(*) filter (where ${deliveries.status} <> 'cancelled'),
      'desk', count(*) filter (where ${deskSent}),
      'overdue', count(*) filter (where ${deliveries.status} = 'awaiting_review' and ${deliveries.deliveredAt} <= ${scope.now.toISOString()}::timestamptz - make_interval(days => ${firstStageDays})))
    from ${deliveries}
    where ${deliveries.clientId} = ${scope.clientId} and ${inScopeWhen(deliveries.communityId, scope.communityId, include)}`;
}

/** Approved, unexpired reports in scope by category, with what became of their deliveries, as JSON. */
function flagSummariesJson(scope: Omit<Scope, 'includeFederated'>, include: SQL): SQL {
  return sql`select coalesce(json_agg(s order by s.count desc, s.category), '[]'::json) from (
      select ${flags.category} as category,
        count(*) as count,
        count(distinct ${flags.reporterId}) as writers,
        min(${flags.createdAt}) as first,
        max(${flags.createdAt}) as last,
        count(*) filter (where ${deliveries.status} = 'accepted' and not ${paidOrReleased}) as accepted,
        count(*) filter (where ${paidOrReleased}) as paid,
        count(*) filter (where ${paidOrReleased} and ${deskSent}) as "paidAfterDesk"
      from ${flags} left join ${deliveries} on ${deliveries.id} = ${flags.deliveryId}
      where ${flags.clientId} = ${scope.clientId} and ${visible(scope.now)} and ${inScopeWhen(flags.communityId, scope.communityId, include)}
      group by ${flags.category}) s`;
}

/** Distinct reporters of a client's visible reports here and in federated communities, for `consensus`. */
function consensusWritersSql(clientId: number, communityId: number, now: Date): SQL {
  return sql`select count(distinct ${flags.reporterId}) from ${flags}
    where ${flags.clientId} = ${clientId} and ${visible(now)} and ${inScopeWhen(flags.communityId, communityId, sql`true`)}`;
}

function aliasesJson(clientId: number): SQL {
  return sql`select coalesce(json_agg(json_build_object('key', ${clientAliases.key}, 'displayName', ${clientAliases.displayName}) order by ${clientAliases.id}), '[]'::json)
    from ${clientAliases} where ${clientAliases.clientId} = ${clientId}`;
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
  const where = (column: typeof deliveries.communityId | typeof flags.communityId) => inScopeWhen(column, visibility.communityId, sql`${visibility.includeFederated}`);
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
    const [row] = await this.rows<{ aliases: { key: string; displayName: string }[] }>(sql`select (${aliasesJson(clientId)}) as aliases`);
    return row?.aliases ?? [];
  }

  async consensusWriters(clientId: number, communityId: number, now: Date): Promise<number> {
    const [row] = await this.rows<{ n: number }>(sql`select (${consensusWritersSql(clientId, communityId, now)}) as n`);
    return Number(row?.n ?? 0);
  }

  async figures(scope: Scope): Promise<PooledFigures> {
    const [row] = await this.rows<{ figures: FiguresJson }>(sql`select (${figuresJson(scope, sql`${scope.includeFederated}`)}) as figures`);
    return toFigures(row!.figures);
  }

  async flagSummaries(scope: Scope): Promise<FlagSummary[]> {
    const [row] = await this.rows<{ flags: FlagSummaryJson[] }>(sql`select (${flagSummariesJson(scope, sql`${scope.includeFederated}`)}) as flags`);
    return row!.flags.map(toFlagSummary);
  }

  async summarize(input: { clientId: number; communityId: number; now: Date; federated: 'all' | 'none' | { minWriters: number } }): Promise<LookupSummary> {
    const scope = { clientId: input.clientId, communityId: input.communityId, now: input.now };
    // Whether federated communities count, decided inside the statement: one round trip per lookup.
    const include =
      input.federated === 'all'
        ? sql`true`
        : input.federated === 'none'
          ? sql`false`
          : sql`((${consensusWritersSql(input.clientId, input.communityId, input.now)}) >= ${input.federated.minWriters}::integer)`;
    const [row] = await this.rows<{ federated: boolean; figures: FiguresJson; flags: FlagSummaryJson[]; aliases: { key: string; displayName: string }[] }>(sql`
      with scope as (select ${include} as federated)
      select
        (select federated from scope) as federated,
        (${figuresJson(scope, sql`(select federated from scope)`)}) as figures,
        (${flagSummariesJson(scope, sql`(select federated from scope)`)}) as flags,
        (${aliasesJson(input.clientId)}) as aliases`);
    return { federated: row!.federated, figures: toFigures(row!.figures), flags: row!.flags.map(toFlagSummary), aliases: row!.aliases };
  }

  /** Rows of a raw statement from either driver: postgres.js gives the rows, PGlite an object holding them. */
  private async rows<T>(query: SQL): Promise<T[]> {
    const result: unknown = await this.db.execute(query);
    return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
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
