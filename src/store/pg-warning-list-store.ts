import { and, count, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { ClientIdentity } from '../domain/client-identity.js';
import { DomainError } from '../domain/errors.js';
import type { Marketplace } from '../domain/marketplace.js';
import type { ClientRecord, Flag, FlagCategory, FlagState, FlagSummary, LookupSummary, PooledFigures, Visibility, WarningListStore } from '../domain/warning-list.js';
import { clientNameIn, upsertClient } from './client-rows.js';
import { deskConfirmed, firstStageDays, paidOrReleased, recordedForFirstStage, shownAt } from './rules.js';
import type { Database } from './database.js';
import { clientAliases, clientMerges, clientReplies, clients, communities, deliveries, flags } from './schema.js';
import { hasErrorCode } from './errors.js';

export function toClient(row: typeof clients.$inferSelect, name: string = row.displayName): ClientRecord {
  return { id: row.id, key: row.key, marketplace: row.marketplace as Marketplace | null, displayName: name, profileUrl: row.profileUrl };
}

export function toFlag(row: typeof flags.$inferSelect): Flag {
  return {
    id: row.id,
    number: row.number,
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
  return hasErrorCode(error, (code) => code === '23505');
}

/**
 * The lookup's statements are built once per store and prepared (see `lookupStatements`): these
 * name their parameters.
 */
const param = {
  key: sql.placeholder('key'),
  name: sql.placeholder('name'),
  limit: sql.placeholder('limit'),
  clientId: sql.placeholder('clientId'),
  communityId: sql.placeholder('communityId'),
  includeFederated: sql.placeholder('includeFederated'),
  now: sql.placeholder('now'),
  minWriters: sql.placeholder('minWriters'),
  viewerId: sql.placeholder('viewerId'),
};

/** Federated communities other than the viewer's: their data may be shown elsewhere. */
const federatedCommunities = sql`(select ${communities.id} from ${communities} where ${communities.sharing} = 'federated')`;

/** The viewer's community, and the federated ones when `include` (an SQL boolean) holds. */
function inScopeWhen(column: typeof deliveries.communityId | typeof flags.communityId | typeof clientReplies.communityId, include: SQL): SQL {
  return sql`(${column} = ${param.communityId} or (${include} and ${column} in ${federatedCommunities}))`;
}

/**
 * The client a lookup shows in the viewer's community: the one a moderator there merged the found
 * client into, else the found client itself. Other communities' merges never apply.
 */
const rootOf = sql`coalesce((select ${clientMerges.intoClientId} from ${clientMerges}
    where ${clientMerges.communityId} = ${param.communityId} and ${clientMerges.fromClientId} = ${param.clientId}), ${param.clientId}::bigint)`;

/** The root (an SQL expression) and the clients the viewer's community merged into it: one client in its view. */
function groupOf(root: SQL): SQL {
  return sql`(select ${root} union all select ${clientMerges.fromClientId} from ${clientMerges}
    where ${clientMerges.communityId} = ${param.communityId} and ${clientMerges.intoClientId} = ${root})`;
}

/** Inside the summary statement: the root worked out once, and its group. */
const root = sql`scope.root`;
const group = groupOf(root);

/** Approved and not yet expired: what a lookup may show. */
const visible = shownAt(sql`${param.now}::timestamptz`);

interface FiguresJson {
  withheld: boolean;
  own: { deliveries: number; paid: number };
  deliveries: number;
  writers: number;
  median: number | null;
  paid: number;
  settled: number;
  desk: number;
  overdue: number;
}

interface ClientJson {
  id: number;
  key: string;
  marketplace: Marketplace | null;
  displayName: string;
  profileUrl: string | null;
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

/**
 * Other writers' deliveries for the client in scope that may count in pooled figures: recorded
 * long enough (`recordedForFirstStage`), each numbered per writer in the order recorded, with the
 * settings of the community it was recorded in.
 */
function eligibleDeliveries(include: SQL): SQL {
  return sql`select ${deliveries.id} as id, ${deliveries.communityId} as community, ${deliveries.writerId} as writer,
      row_number() over (partition by ${deliveries.writerId} order by ${deliveries.createdAt}, ${deliveries.id}) as nth,
      ${communities.maxPerWriter} as cap, ${communities.minWriters} as min_writers
    from ${deliveries} join ${communities} on ${communities.id} = ${deliveries.communityId}
    where ${deliveries.clientId} in ${group} and ${inScopeWhen(deliveries.communityId, include)}
      and ${deliveries.writerId} <> ${param.viewerId}::bigint and ${recordedForFirstStage(sql`${param.now}::timestamptz`)}`;
}

/**
 * Pooled, anonymous figures over a client's deliveries in scope, as one JSON value. A community's
 * deliveries count only where at least its `min_writers` writers other than the viewer contributed
 * there (else they are only `withheld`: known, too few to show), and each writer's at most its
 * `max_per_writer` times, first recorded first. The viewer's own deliveries never enter the pool:
 * they are counted apart (`own`), so subtracting them reveals nobody.
 */
function figuresJson(include: SQL): SQL {
  return sql`with eligible as (${eligibleDeliveries(include)}),
      shown_communities as (select community from eligible group by community, min_writers having count(distinct writer) >= min_writers),
      pool as (select id from eligible where nth <= cap and community in (select community from shown_communities))
    select json_build_object(
      'withheld', exists (select 1 from eligible where community not in (select community from shown_communities)),
      'own', (select json_build_object('deliveries', count(*), 'paid', count(*) filter (where ${paidOrReleased})) from ${deliveries}
        where ${deliveries.clientId} in ${group} and ${inScopeWhen(deliveries.communityId, include)} and ${deliveries.writerId} = ${param.viewerId}::bigint),
      'deliveries', count(*),
      'writers', count(distinct ${deliveries.writerId}),
      'median', percentile_cont(0.5) within group (order by extract(epoch from ${deliveries.acceptedAt} - ${deliveries.deliveredAt}) / 86400) filter (where ${deliveries.acceptedAt} is not null),
      'paid', count(*) filter (where ${paidOrReleased}),
      'settled', count(*) filter (where ${deliveries.status} <> 'cancelled'),
      'desk', count(*) filter (where ${deskConfirmed}),
      'overdue', count(*) filter (where ${deliveries.status} = 'awaiting_review' and ${deliveries.deliveredAt} <= ${param.now}::timestamptz - make_interval(days => ${firstStageDays})))
    from ${deliveries}
    where ${deliveries.id} in (select id from pool)`;
}

/** Approved, unexpired reports in scope by category, with what became of their deliveries, as JSON. */
function flagSummariesJson(include: SQL): SQL {
  return sql`select coalesce(json_agg(s order by s.count desc, s.category), '[]'::json) from (
      select ${flags.category} as category,
        count(*) as count,
        count(distinct ${flags.reporterId}) as writers,
        min(${flags.createdAt}) as first,
        max(${flags.createdAt}) as last,
        count(*) filter (where ${deliveries.status} = 'accepted' and not ${paidOrReleased}) as accepted,
        count(*) filter (where ${paidOrReleased}) as paid,
        count(*) filter (where ${paidOrReleased} and ${deskConfirmed}) as "paidAfterDesk"
      from ${flags}
        -- What became of the linked delivery, only where its figures may show: a report filed in a
        -- federated community can link a delivery recorded in a private one.
        left join ${deliveries} on ${deliveries.id} = ${flags.deliveryId} and ${inScopeWhen(deliveries.communityId, include)}
      where ${flags.clientId} in ${group} and ${visible} and ${inScopeWhen(flags.communityId, include)}
      group by ${flags.category}) s`;
}

/** Whether federated communities' figures and reports count, for each `show_from_others` setting. */
const includeFederated = {
  all: sql`true`,
  none: sql`false`,
  // Enough distinct writers here and in federated communities have reported the client.
  consensus: sql`((select count(distinct ${flags.reporterId}) from ${flags}
    where ${flags.clientId} in ${groupOf(sql`r.root`)} and ${visible} and ${inScopeWhen(flags.communityId, sql`true`)}) >= ${param.minWriters}::integer)`,
};

/** The client's name as the viewer's community knows it (see `clientNameIn`). */
const nameHere = clientNameIn(sql`${param.communityId}::bigint`);

/** The aliases of the client and of those merged into it here, then the merged clients themselves. */
const aliasesJson = sql`select coalesce(json_agg(json_build_object('key', a.key, 'displayName', a.name) order by a.merged, a.id), '[]'::json) from (
      select false as merged, ${clientAliases.id} as id, ${clientAliases.key} as key, ${clientAliases.displayName} as name
        from ${clientAliases} where ${clientAliases.clientId} in ${group}
      union all
      select true, ${clients.id}, ${clients.key}, ${nameHere}
        from ${clients} where ${clients.id} in ${group} and ${clients.id} <> ${root}) a`;

/** The client shown: the root, as JSON. */
const rootJson = sql`select json_build_object('id', ${clients.id}, 'key', ${clients.key}, 'marketplace', ${clients.marketplace}, 'displayName', ${nameHere}, 'profileUrl', ${clients.profileUrl})
    from ${clients} where ${clients.id} = ${root}`;

/**
 * The client's replies recorded by moderators, where that community's reports may show: the
 * viewer's own, and federated communities' when the viewer shows theirs (as `include` says). Newest first.
 */
function repliesJson(include: SQL): SQL {
  return sql`select coalesce(json_agg(json_build_object('text', ${clientReplies.text}, 'at', ${clientReplies.updatedAt}) order by ${clientReplies.updatedAt} desc), '[]'::json)
    from ${clientReplies} where ${clientReplies.clientId} in ${group} and ${inScopeWhen(clientReplies.communityId, include)}`;
}

const showsFederated = sql`${param.includeFederated}::boolean`;

/**
 * The client may be found from the viewer's community: it has a delivery or a report there, or a
 * federated community's moderators approved a report about it (what they approved is all that
 * crosses the border), or, when it is a marketplace profile, a federated community tracked
 * deliveries for it (a profile id is public; its figures are the summary's to decide). A client
 * known elsewhere only by a typed name, a pending or a rejected report cannot be found at all.
 */
const knownWithin = or(
  sql`exists (select 1 from ${deliveries} where ${deliveries.clientId} = ${clients.id} and ${deliveries.communityId} = ${param.communityId})`,
  sql`exists (select 1 from ${flags} where ${flags.clientId} = ${clients.id} and ${flags.communityId} = ${param.communityId})`,
  sql`(${showsFederated} and exists (select 1 from ${flags} where ${flags.clientId} = ${clients.id} and ${visible} and ${flags.communityId} in ${federatedCommunities}))`,
  sql`(${showsFederated} and ${clients.marketplace} is not null
    and exists (select 1 from ${deliveries} where ${deliveries.clientId} = ${clients.id} and ${deliveries.communityId} in ${federatedCommunities}))`,
)!;

/**
 * `/client lookup`'s statements, built once and prepared. A lookup is a handful of small queries,
 * and building their SQL anew each time allocated about 200 kB per lookup, enough garbage that
 * collecting it showed in the latency's tail; prepared statements also save the server parsing
 * them and postgres.js a round trip to describe them.
 */
function lookupStatements(db: Database) {
  const resolveDirect = (name: string, where: SQL) => db.select({ client: clients }).from(clients).where(where).prepare(name);
  const resolveAlias = (name: string, where: SQL) =>
    db.select({ client: clients }).from(clientAliases).innerJoin(clients, eq(clients.id, clientAliases.clientId)).where(where).prepare(name);
  // Found for a viewer: with the name the viewer's community knows the client by.
  const resolveKnown = (name: string, where: SQL) => db.select({ client: clients, name: nameHere }).from(clients).where(where).prepare(name);
  const resolveAliasKnown = (name: string, where: SQL) =>
    db.select({ client: clients, name: nameHere }).from(clientAliases).innerJoin(clients, eq(clients.id, clientAliases.clientId)).where(where).prepare(name);
  const search = (name: string, column: typeof clients.normalizedName | typeof clientAliases.normalizedName) => {
    const similarity = sql<number>`similarity(${column}, ${param.name}::text)`;
    // `%` uses the trigram indexes; similarity ranks what it finds.
    const where = and(sql`${column} % ${param.name}::text`, knownWithin);
    const query =
      column === clients.normalizedName
        ? db.select({ client: clients, name: nameHere, similarity }).from(clients).where(where)
        : db.select({ client: clients, name: nameHere, similarity }).from(clientAliases).innerJoin(clients, eq(clients.id, clientAliases.clientId)).where(where);
    return query.orderBy(desc(similarity)).limit(param.limit).prepare(name);
  };
  const summarize = (mode: keyof typeof includeFederated) => {
    // `scope` is worked out once per statement (offset 0 keeps it from being inlined twice).
    const federated = sql`scope.federated`;
    return db
      .select({
        federated: sql<boolean>`${federated}`,
        figures: sql<FiguresJson>`(${figuresJson(federated)})`,
        flags: sql<FlagSummaryJson[]>`(${flagSummariesJson(federated)})`,
        aliases: sql<{ key: string; displayName: string }[]>`(${aliasesJson})`,
        client: sql<ClientJson | null>`(${rootJson})`,
        replies: sql<{ text: string; at: string }[]>`(${repliesJson(federated)})`,
      })
      .from(sql`(select r.root, ${includeFederated[mode]} as federated from (select ${rootOf} as root offset 0) r offset 0) as scope`)
      .prepare(`kenshu_lookup_summary_${mode}`);
  };
  return {
    resolve: resolveDirect('kenshu_resolve', eq(clients.key, param.key)),
    resolveKnown: resolveKnown('kenshu_resolve_known', and(eq(clients.key, param.key), knownWithin)!),
    resolveAlias: resolveAlias('kenshu_resolve_alias', eq(clientAliases.key, param.key)),
    resolveAliasKnown: resolveAliasKnown('kenshu_resolve_alias_known', and(eq(clientAliases.key, param.key), knownWithin)!),
    searchClients: search('kenshu_search_clients', clients.normalizedName),
    searchAliases: search('kenshu_search_aliases', clientAliases.normalizedName),
    aliases: db
      .select({ key: clientAliases.key, displayName: clientAliases.displayName })
      .from(clientAliases)
      .where(eq(clientAliases.clientId, param.clientId))
      .orderBy(clientAliases.id)
      .prepare('kenshu_client_aliases'),
    summary: { all: summarize('all'), none: summarize('none'), consensus: summarize('consensus') },
  };
}

export class PgWarningListStore implements WarningListStore {
  private readonly statements: ReturnType<typeof lookupStatements>;

  constructor(private readonly db: Database) {
    this.statements = lookupStatements(db);
  }

  async resolve(key: string, visibility?: Visibility): Promise<ClientRecord | undefined> {
    const s = this.statements;
    // Two plain index lookups: folding the alias into one statement with OR costs a scan.
    if (!visibility) {
      const [direct] = await s.resolve.execute({ key });
      if (direct) return toClient(direct.client);
      const [alias] = await s.resolveAlias.execute({ key });
      return alias && toClient(alias.client);
    }
    const values = { key, ...visibility, now: visibility.now.toISOString() };
    const [direct] = await s.resolveKnown.execute(values);
    if (direct) return toClient(direct.client, direct.name);
    const [alias] = await s.resolveAliasKnown.execute(values);
    return alias && toClient(alias.client, alias.name);
  }

  async ensureClient(identity: ClientIdentity): Promise<ClientRecord> {
    return (await this.resolve(identity.key)) ?? toClient(await upsertClient(this.db, identity));
  }

  async search(normalizedName: string, limit: number, visibility: Visibility): Promise<{ client: ClientRecord; similarity: number }[]> {
    if (normalizedName === '') return [];
    const values = { name: normalizedName, limit, ...visibility, now: visibility.now.toISOString() };
    const direct = await this.statements.searchClients.execute(values);
    const viaAlias = await this.statements.searchAliases.execute(values);
    const best = new Map<number, { client: ClientRecord; similarity: number }>();
    for (const row of [...direct, ...viaAlias]) {
      const s = Number(row.similarity);
      if ((best.get(row.client.id)?.similarity ?? -1) < s) best.set(row.client.id, { client: toClient(row.client, row.name), similarity: s });
    }
    return [...best.values()].sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }

  async aliases(clientId: number): Promise<{ key: string; displayName: string }[]> {
    return this.statements.aliases.execute({ clientId });
  }

  async summarize(input: { clientId: number; communityId: number; viewerId: number; now: Date; federated: 'all' | 'none' | { minWriters: number } }): Promise<LookupSummary> {
    // Whether federated communities count is decided inside the statement: one round trip per lookup.
    const mode = typeof input.federated === 'string' ? input.federated : 'consensus';
    const minWriters = typeof input.federated === 'string' ? 0 : input.federated.minWriters;
    const [row] = await this.statements.summary[mode].execute({ clientId: input.clientId, communityId: input.communityId, viewerId: input.viewerId, now: input.now.toISOString(), minWriters });
    return {
      federated: row!.federated,
      figures: toFigures(row!.figures),
      figuresWithheld: row!.figures.withheld,
      own: row!.figures.own,
      flags: row!.flags.map(toFlagSummary),
      aliases: row!.aliases,
      client: row!.client && { ...row!.client, id: Number(row!.client.id) },
      replies: row!.replies.map((r) => ({ text: r.text, at: new Date(r.at) })),
    };
  }

  async createFlag(flag: Omit<Flag, 'id' | 'number' | 'state' | 'expiresAt'> & { note: string | null }): Promise<Flag> {
    try {
      return await this.db.transaction(async (tx) => {
        // An approved report past its time no longer counts as the reporter's active one.
        await tx
          .update(flags)
          .set({ state: 'expired' })
          .where(and(eq(flags.reporterId, flag.reporterId), eq(flags.clientId, flag.clientId), eq(flags.category, flag.category), eq(flags.state, 'approved'), lte(flags.expiresAt, flag.createdAt)));
        // Numbered per community; the row lock also orders two reports filed at once.
        const [community] = await tx
          .update(communities)
          .set({ lastFlagNumber: sql`${communities.lastFlagNumber} + 1` })
          .where(eq(communities.id, flag.communityId))
          .returning({ number: communities.lastFlagNumber });
        if (!community) throw new Error(`community ${flag.communityId} does not exist`);
        const [row] = await tx.insert(flags).values({ ...flag, number: community.number, state: 'pending' }).returning();
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
