import { and, count, desc, eq, min, or, sql } from 'drizzle-orm';
import type { Delivery, DeliveryStatus } from '../domain/delivery.js';
import { fromMinorUnits, toMinorUnits } from '../domain/money.js';
import type { Escrow, Marketplace } from '../domain/marketplace.js';
import type { Locale } from '../domain/member.js';
import type { ReminderState } from '../domain/nudge-plan.js';
import type { DeliveryEdit, DeliveryPage, DeliveryPlan, DeliveryScope, DeliveryStore, NewDeliveryRecord, RecordedDelivery, UnpaidTotals } from '../domain/ports.js';
import { clientForDelivery } from './client-rows.js';
import { jsonArray, jsonRowReader, rowsOf } from './json-rows.js';
import { stillWaiting } from './rules.js';
import type { Database } from './database.js';
import { clientAliases, clients, deliveries, members } from './schema.js';

type DeliveryRow = typeof deliveries.$inferSelect;
type ClientRow = typeof clients.$inferSelect;

/** An edited amount in minor units: the domain sends the currency with every change of either. */
function minorUnitsOf(amount: number | null, currency: string | undefined): number | null {
  if (amount === null) return null;
  if (currency === undefined) throw new Error('an amount is stored with its currency');
  return toMinorUnits(amount, currency);
}

export function toDelivery(row: DeliveryRow, client: ClientRow): Delivery {
  return {
    id: row.id,
    number: row.number,
    writerId: row.writerId,
    communityId: row.communityId,
    client: { id: client.id, key: client.key, displayName: client.displayName, profileUrl: client.profileUrl },
    title: row.title,
    marketplace: row.marketplace as Marketplace,
    amount: row.amountMinor === null ? null : fromMinorUnits(row.amountMinor, row.currency),
    currency: row.currency,
    deliveredAt: row.deliveredAt,
    escrow: row.escrow as Escrow,
    jobUrl: row.jobUrl,
    status: row.status as DeliveryStatus,
    acceptedAt: row.acceptedAt,
    paidAt: row.paidAt,
    cancelledAt: row.cancelledAt,
    createdAt: row.createdAt,
    reminders: row.reminders as ReminderState,
    snoozedUntil: row.snoozedUntil,
    lastStage: row.lastStage,
    lastNudgeAt: row.lastNudgeAt,
    nextNudgeAt: row.nextNudgeAt,
    clientName: row.clientName,
    letterLocale: row.letterLocale as Locale,
    dueAt: row.dueAt,
    dueTerms: row.dueTerms,
  };
}


const readDelivery = jsonRowReader(deliveries);
const readClient = jsonRowReader(clients);

/**
 * `/deliver list` and `/deliver show` as prepared statements, one set per scope: built once
 * rather than by drizzle on each call.
 */
function listStatements(db: Database, scope: DeliveryScope) {
  const where = and(eq(deliveries.writerId, sql.placeholder('writerId')), scope === 'open' ? stillWaiting : undefined);
  // What the writer is owed (unpaidStatement's rows, as json) beside each row of the page: `/deliver list` shows both.
  const owed = sql<unknown>`(select json_agg(json_build_object('currency', t.currency, 'amountMinor', t.amount_minor, 'withAmount', t.with_amount,
      'all', t.all_open, 'oldest', t.oldest) order by t.currency)
    from (select ${deliveries.currency} as currency, sum(${deliveries.amountMinor})::text as amount_minor, count(${deliveries.amountMinor}) as with_amount,
        count(*) as all_open, min(${deliveries.deliveredAt}) as oldest
      from ${deliveries} where ${deliveries.writerId} = ${sql.placeholder('writerId')} and ${stillWaiting} group by ${deliveries.currency}) t)`;
  const ordered = { by: desc(deliveries.number), limit: sql.placeholder('limit') };
  return {
    page: db.select({ deliveries, clients }).from(deliveries).innerJoin(clients, eq(clients.id, deliveries.clientId)).where(where).orderBy(ordered.by).limit(ordered.limit).prepare(`kenshu_list_${scope}`),
    pageWithOwed: db
      .select({ deliveries, clients, owed })
      .from(deliveries)
      .innerJoin(clients, eq(clients.id, deliveries.clientId))
      .where(where)
      .orderBy(ordered.by)
      .limit(ordered.limit)
      .prepare(`kenshu_list_owed_${scope}`),
    total: db.select({ n: count() }).from(deliveries).where(where).prepare(`kenshu_count_${scope}`),
  };
}

/** A row of unpaidStatement, or of the json a page carries beside it. */
interface UnpaidRow {
  currency: string;
  amountMinor: string | null;
  withAmount: number;
  all: number;
  oldest: Date | null;
}

/** The totals from a row per currency: the counts without an amount and the oldest delivery are summed up here. */
function totalsOf(rows: UnpaidRow[]): UnpaidTotals {
  const oldest = rows.map((r) => r.oldest).filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
  return {
    byCurrency: rows.filter((r) => r.withAmount > 0).map((r) => ({ currency: r.currency, amount: fromMinorUnits(Number(r.amountMinor), r.currency), count: r.withAmount })),
    withoutAmount: rows.reduce((n, r) => n + r.all - r.withAmount, 0),
    oldestDeliveredAt: oldest ?? null,
  };
}

/** The owed totals a page carries as json (none when the page is empty: then nothing is open either). */
function owedOf(json: unknown): UnpaidTotals {
  const rows = jsonArray<Omit<UnpaidRow, 'oldest'> & { oldest: string | null }>(json);
  return totalsOf(rows.map((r) => ({ ...r, withAmount: Number(r.withAmount), all: Number(r.all), oldest: r.oldest === null ? null : new Date(r.oldest) })));
}

/** What a writer is still owed, per currency (`/deliver list`'s totals), prepared once. */
function unpaidStatement(db: Database) {
  return db
    .select({
      currency: deliveries.currency,
      amountMinor: sql<string | null>`sum(${deliveries.amountMinor})::text`,
      withAmount: count(deliveries.amountMinor),
      all: count(),
      oldest: min(deliveries.deliveredAt),
    })
    .from(deliveries)
    .where(and(eq(deliveries.writerId, sql.placeholder('writerId')), stillWaiting))
    .groupBy(deliveries.currency)
    .orderBy(deliveries.currency)
    .prepare('kenshu_unpaid_totals');
}

/** The names a client went by in a community, latest first (after each `/deliver new`), prepared once. */
function clientNamesStatement(db: Database) {
  return db
    .select({ name: deliveries.clientName, last: sql`max(${deliveries.id})` })
    .from(deliveries)
    .where(and(eq(deliveries.clientId, sql.placeholder('clientId')), eq(deliveries.communityId, sql.placeholder('communityId')), sql`${deliveries.clientName} is not null`))
    .groupBy(deliveries.clientName)
    .orderBy(desc(sql`max(${deliveries.id})`))
    .limit(sql.placeholder('limit'))
    .prepare('kenshu_client_names');
}

export class PgDeliveryStore implements DeliveryStore {
  private readonly lists: Record<DeliveryScope, ReturnType<typeof listStatements>>;
  private readonly unpaid: ReturnType<typeof unpaidStatement>;
  private readonly names: ReturnType<typeof clientNamesStatement>;

  constructor(private readonly db: Database) {
    this.lists = { open: listStatements(db, 'open'), all: listStatements(db, 'all') };
    this.unpaid = unpaidStatement(db);
    this.names = clientNamesStatement(db);
  }

  /**
   * One statement, so all or nothing without a transaction's four extra round trips: the client
   * the delivery is for (the one a moderator merged this name or profile into when it is an
   * alias, else the one with its key, created on first mention), the writer's next number, and
   * the delivery; when asked, the names the client went by in the community until then (the
   * statement's snapshot does not see the delivery it inserts).
   */
  async record(delivery: NewDeliveryRecord, now: Date, options: { clientNames?: number } = {}): Promise<RecordedDelivery> {
    const identity = delivery.client;
    const profile = identity.kind === 'profile' ? identity : undefined;
    const text = (value: string | null | undefined) => sql`${value ?? null}::text`;
    const time = (value: Date | null) => sql`${value?.toISOString() ?? null}::timestamptz`;
    // As clientNames reads them, for the client this statement settles on.
    const names =
      options.clientNames === undefined
        ? sql`null::json`
        : sql`(select json_agg(n.name order by n.last desc) from (
            select d.client_name as name, max(d.id) as last from ${deliveries} d
            where d.client_id = client.id and d.community_id = ${delivery.communityId}::bigint and d.client_name is not null
            group by d.client_name order by max(d.id) desc limit ${options.clientNames}::integer) n)`;
    const result: unknown = await this.db.execute(sql`
      with alias as (
        select ${clients}.* from ${clientAliases} join ${clients} on ${clients.id} = ${clientAliases.clientId}
        where ${clientAliases.key} = ${text(identity.key)}
      ), created as (
        insert into ${clients} (key, marketplace, profile_id, profile_url, display_name, normalized_name)
        select ${text(identity.key)}, ${text(profile?.marketplace)}, ${text(profile?.profileId)}, ${text(profile?.profileUrl)}, ${text(identity.displayName)},
          ${text(identity.kind === 'name' ? identity.normalizedName : null)}
        where not exists (select 1 from alias) and exists (select 1 from ${members} where ${members.id} = ${delivery.writerId}::bigint)
        -- A no-op update, so that RETURNING gives the existing row too.
        on conflict (key) do update set key = excluded.key
        returning *
      ), client as (
        select * from alias union all select * from created
      ), writer as (
        -- The row lock taken here also orders concurrent recordings by the same writer.
        update ${members} set last_delivery_number = ${members.lastDeliveryNumber} + 1
        where ${members.id} = ${delivery.writerId}::bigint
        returning ${members.lastDeliveryNumber} as number
      ), recorded as (
        insert into ${deliveries} (writer_id, community_id, number, client_id, title, marketplace, amount_minor, currency, delivered_at, escrow,
          job_url, client_name, letter_locale, due_at, due_terms, next_nudge_at, created_at, updated_at)
        select ${delivery.writerId}::bigint, ${delivery.communityId}::bigint, writer.number, client.id, ${text(delivery.title)}, ${text(delivery.marketplace)},
          ${delivery.amount === null ? null : toMinorUnits(delivery.amount, delivery.currency)}::bigint, ${text(delivery.currency)}, ${time(delivery.deliveredAt)},
          ${text(delivery.escrow)}, ${text(delivery.jobUrl)}, ${text(delivery.clientName)}, ${text(delivery.letterLocale)}, ${time(delivery.dueAt)},
          ${text(delivery.dueTerms)}, ${time(delivery.nextNudgeAt)}, ${time(now)}, ${time(now)}
        from writer, client
        returning *
      )
      select to_json(recorded) as delivery, to_json(client) as client, ${names} as names from recorded, client`);
    type Row = { delivery: unknown; client: unknown; names: unknown };
    const [row] = rowsOf(result as Row[] | { rows: Row[] });
    if (!row) throw new Error(`member ${delivery.writerId} does not exist`);
    const recorded = toDelivery(readDelivery(row.delivery), readClient(row.client));
    if (options.clientNames === undefined) return recorded;
    return { ...recorded, earlierClientNames: jsonArray<string>(row.names) };
  }

  async findByNumber(writerId: number, number: number): Promise<Delivery | undefined> {
    const [row] = await this.db
      .select()
      .from(deliveries)
      .innerJoin(clients, eq(clients.id, deliveries.clientId))
      .where(and(eq(deliveries.writerId, writerId), eq(deliveries.number, number)));
    return row && toDelivery(row.deliveries, row.clients);
  }

  async findById(id: number): Promise<Delivery | undefined> {
    const [row] = await this.db.select().from(deliveries).innerJoin(clients, eq(clients.id, deliveries.clientId)).where(eq(deliveries.id, id));
    return row && toDelivery(row.deliveries, row.clients);
  }

  async listByWriter(writerId: number, options: { scope: DeliveryScope; limit: number; withOwed?: boolean }): Promise<DeliveryPage> {
    const list = this.lists[options.scope];
    const rows: { deliveries: DeliveryRow; clients: ClientRow; owed?: unknown }[] = await (options.withOwed ? list.pageWithOwed : list.page).execute({ writerId, limit: options.limit });
    // A page with room left holds them all: most writers' lists need no count.
    const total = rows.length < options.limit ? rows.length : ((await list.total.execute({ writerId }))[0]?.n ?? rows.length);
    const page = { deliveries: rows.map((r) => toDelivery(r.deliveries, r.clients)), total };
    return options.withOwed ? { ...page, owed: owedOf(rows[0]?.owed) } : page;
  }

  async suggestOpen(writerId: number, typed: string, limit: number): Promise<Delivery[]> {
    const text = typed.normalize('NFKC').trim().toLowerCase();
    const digits = text.replace(/^#/, '');
    // strpos and starts_with match the text literally: nothing typed is a pattern.
    const matches =
      text === ''
        ? undefined
        : or(
            /^\d+$/.test(digits) ? sql`starts_with(${deliveries.number}::text, ${digits})` : undefined,
            sql`strpos(lower(${deliveries.title}), ${text}) > 0`,
            sql`strpos(lower(${clients.displayName}), ${text}) > 0`,
          );
    const rows = await this.db
      .select()
      .from(deliveries)
      .innerJoin(clients, eq(clients.id, deliveries.clientId))
      .where(and(eq(deliveries.writerId, writerId), stillWaiting, matches))
      .orderBy(desc(deliveries.number))
      .limit(limit);
    return rows.map((r) => toDelivery(r.deliveries, r.clients));
  }

  async openPlans(writerId: number): Promise<DeliveryPlan[]> {
    const rows = await this.db
      .select({
        id: deliveries.id,
        marketplace: deliveries.marketplace,
        escrow: deliveries.escrow,
        status: deliveries.status,
        deliveredAt: deliveries.deliveredAt,
        dueAt: deliveries.dueAt,
        reminders: deliveries.reminders,
        snoozedUntil: deliveries.snoozedUntil,
        lastStage: deliveries.lastStage,
        lastNudgeAt: deliveries.lastNudgeAt,
      })
      .from(deliveries)
      .where(and(eq(deliveries.writerId, writerId), stillWaiting));
    return rows.map((r) => ({ ...r, marketplace: r.marketplace as Marketplace, escrow: r.escrow as Escrow, status: r.status as DeliveryStatus, reminders: r.reminders as ReminderState }));
  }

  async reschedule(writerId: number, plans: readonly { id: number; nextNudgeAt: Date | null }[], at: Date): Promise<void> {
    if (plans.length === 0) return;
    // One statement for all of them: the new times travel as one JSON parameter.
    const json = JSON.stringify(plans.map((p) => ({ id: p.id, next_nudge_at: p.nextNudgeAt?.toISOString() ?? null })));
    await this.db.execute(sql`
      update ${deliveries} set next_nudge_at = plan.next_nudge_at, claim_token = null, updated_at = ${at.toISOString()}::timestamptz
      from jsonb_to_recordset(${json}::jsonb) as plan(id bigint, next_nudge_at timestamptz)
      where ${deliveries.id} = plan.id and ${deliveries.writerId} = ${writerId}`);
  }

  async changeStatus(change: { id: number; from: DeliveryStatus; to: DeliveryStatus; at: Date; nextNudgeAt: Date | null }): Promise<Delivery | undefined> {
    const settlesReview = change.to === 'accepted' || change.to === 'paid';
    const [row] = await this.db
      .update(deliveries)
      .set({
        status: change.to,
        updatedAt: change.at,
        nextNudgeAt: change.nextNudgeAt,
        // A scheduler holding this delivery must not overwrite the plan it was claimed with.
        claimToken: null,
        ...(settlesReview ? { acceptedAt: sql`coalesce(${deliveries.acceptedAt}, ${change.at.toISOString()}::timestamptz)` } : {}),
        ...(change.to === 'paid' ? { paidAt: change.at } : {}),
        ...(change.to === 'cancelled' ? { cancelledAt: change.at } : {}),
      })
      .from(clients)
      .where(and(eq(deliveries.id, change.id), eq(deliveries.status, change.from), eq(clients.id, deliveries.clientId)))
      .returning();
    if (!row) return undefined;
    const { clients: client, ...delivery } = row;
    return toDelivery(delivery, client);
  }

  async updateReminders(change: { id: number; reminders?: ReminderState; snoozedUntil?: Date | null; nextNudgeAt: Date | null; at: Date }): Promise<Delivery> {
    const [row] = await this.db
      .update(deliveries)
      .set({
        ...(change.reminders ? { reminders: change.reminders } : {}),
        ...(change.snoozedUntil !== undefined ? { snoozedUntil: change.snoozedUntil } : {}),
        nextNudgeAt: change.nextNudgeAt,
        claimToken: null,
        updatedAt: change.at,
      })
      .from(clients)
      .where(and(eq(deliveries.id, change.id), eq(clients.id, deliveries.clientId)))
      .returning();
    if (!row) throw new Error(`delivery ${change.id} does not exist`);
    const { clients: client, ...delivery } = row;
    return toDelivery(delivery, client);
  }

  async clientNames(clientId: number, communityId: number, limit: number): Promise<string[]> {
    const rows = await this.names.execute({ clientId, communityId, limit });
    return rows.map((r) => r.name!);
  }

  async edit(change: DeliveryEdit): Promise<Delivery | undefined> {
    return this.db.transaction(async (tx) => {
      const client = change.client ? await clientForDelivery(tx, change.client) : undefined;
      const [row] = await tx
        .update(deliveries)
        .set({
          ...(client ? { clientId: client.id } : {}),
          ...(change.clientName !== undefined ? { clientName: change.clientName } : {}),
          ...(change.title !== undefined ? { title: change.title } : {}),
          ...(change.amount !== undefined ? { amountMinor: minorUnitsOf(change.amount, change.currency) } : {}),
          ...(change.currency !== undefined ? { currency: change.currency } : {}),
          ...(change.deliveredAt !== undefined ? { deliveredAt: change.deliveredAt } : {}),
          ...(change.escrow !== undefined ? { escrow: change.escrow } : {}),
          ...(change.dueAt !== undefined ? { dueAt: change.dueAt } : {}),
          ...(change.dueTerms !== undefined ? { dueTerms: change.dueTerms } : {}),
          ...(change.letterLocale !== undefined ? { letterLocale: change.letterLocale } : {}),
          nextNudgeAt: change.nextNudgeAt,
          // A scheduler holding this delivery must not overwrite the plan it was claimed with.
          claimToken: null,
          updatedAt: change.at,
        })
        .where(and(eq(deliveries.id, change.id), eq(deliveries.status, change.from)))
        .returning();
      if (!row) return undefined;
      const [linked] = await tx.select().from(clients).where(eq(clients.id, row.clientId));
      return toDelivery(row, linked!);
    });
  }

  async reopen(change: { id: number; from: DeliveryStatus; to: 'awaiting_review' | 'accepted'; at: Date; nextNudgeAt: Date | null }): Promise<Delivery | undefined> {
    const [row] = await this.db
      .update(deliveries)
      .set({
        status: change.to,
        paidAt: null,
        cancelledAt: null,
        ...(change.to === 'awaiting_review' ? { acceptedAt: null } : {}),
        nextNudgeAt: change.nextNudgeAt,
        claimToken: null,
        updatedAt: change.at,
      })
      .from(clients)
      .where(and(eq(deliveries.id, change.id), eq(deliveries.status, change.from), eq(clients.id, deliveries.clientId)))
      .returning();
    if (!row) return undefined;
    const { clients: client, ...delivery } = row;
    return toDelivery(delivery, client);
  }

  async unpaidTotals(writerId: number): Promise<UnpaidTotals> {
    return totalsOf(await this.unpaid.execute({ writerId }));
  }
}
