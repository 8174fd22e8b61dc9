import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Stage } from '../domain/ladder.js';
import type { Claim, ClaimedDelivery, NudgeRecord, NudgeRecordState, NudgeStore } from '../domain/ports.js';
import type { Database } from './database.js';
import { GroupCommit } from './group-commit.js';
import { jsonArray, prefixedColumns, rowsOf } from './json-rows.js';
import { stillWaiting } from './rules.js';
import { toDelivery } from './pg-delivery-store.js';
import { toCommunity, toMember } from './pg-member-store.js';
import { clients, communities, deliveries, deliveryEvents, members, nudges } from './schema.js';
import type { DeliveryEvent, DeliveryEventKind } from '../domain/events.js';


type BeginInput = Parameters<NudgeStore['begin']>[0];
type FinishInput = Parameters<NudgeStore['finish']>[0];

/**
 * Up to a round's worth of nudges in one statement, and one statement at the database at a time
 * each way: a batch gathers while the one before it is out. (Two at a time made smaller batches,
 * more statements and fewer nudges a second on the dispatch benchmark: about 2,000 against 2,200.)
 */
const BATCHING = { maxBatch: 100, maxInFlight: 1 };

/**
 * Rows in delivery order: the plan for a batch walks the input in its order (a hash join probed
 * by the input), so every batch locks its deliveries in id order, which keeps two batches from
 * deadlocking each other. Should one still deadlock, its calls fail and their claims run out.
 */
function inOrder<T extends { delivery_id: number }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.delivery_id - b.delivery_id);
}

/**
 * The batch's delivery ids as one array parameter. Said alongside the join with the input, so that
 * the planner looks the rows up by the primary key: it cannot see into the jsonb, and for a join
 * with it alone it reads the whole table.
 */
function idsOf(rows: { delivery_id: number }[]): SQL {
  const ids = rows.map((r) => r.delivery_id);
  if (!ids.every(Number.isSafeInteger)) throw new Error('delivery ids must be integers');
  return sql`${`{${ids.join(',')}}`}::bigint[]`;
}

/** A nudge record as raw SQL returns it: the drivers differ in how they give numbers and times. */
interface RecordRow {
  delivery_id: string | number;
  stage: string | number;
  state: string;
  attempts: string | number;
  starts: string | number;
  channel: string | null;
  sent_at: string | Date | null;
  created_at: string | Date;
}

function rawRecord(row: RecordRow): NudgeRecord {
  return {
    stage: Number(row.stage) as Stage,
    state: row.state as NudgeRecordState,
    attempts: Number(row.attempts),
    starts: Number(row.starts),
    channel: row.channel as NudgeRecord['channel'],
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
    createdAt: new Date(row.created_at),
  };
}

function toRecord(row: typeof nudges.$inferSelect): NudgeRecord {
  return {
    stage: row.stage as Stage,
    state: row.state as NudgeRecordState,
    attempts: row.attempts,
    starts: row.starts,
    channel: row.channel as NudgeRecord['channel'],
    sentAt: row.sentAt,
    createdAt: row.createdAt,
  };
}

/** A delivery event as `json_build_object` gives it. */
interface EventRow {
  id: number;
  delivery_id: number;
  kind: string;
  at: string;
  text: string | null;
  created_at: string;
}

function rawEvent(row: EventRow): DeliveryEvent {
  return { id: Number(row.id), deliveryId: Number(row.delivery_id), kind: row.kind as DeliveryEventKind, at: new Date(row.at), text: row.text, createdAt: new Date(row.created_at) };
}

const deliveryColumns = prefixedColumns(deliveries, 'd_');
const clientColumns = prefixedColumns(clients, 'c_');
const memberColumns = prefixedColumns(members, 'm_');
const communityColumns = prefixedColumns(communities, 'co_');

/**
 * A round's deliveries with everything a nudge is written from: each delivery with its client,
 * writer and community, and its nudges so far and its events as json arrays beside it (three
 * statements' worth in one round trip). `deliveries` is the table or a CTE of that name.
 */
const claimedRows = sql`select ${deliveryColumns.columns}, ${clientColumns.columns}, ${memberColumns.columns}, ${communityColumns.columns},
    (select json_agg(json_build_object('delivery_id', n.delivery_id, 'stage', n.stage, 'state', n.state, 'attempts', n.attempts,
      'starts', n.starts, 'channel', n.channel, 'sent_at', n.sent_at, 'created_at', n.created_at) order by n.stage)
    from ${nudges} n where n.delivery_id = ${deliveries.id}) as history,
    (select json_agg(json_build_object('id', e.id, 'delivery_id', e.delivery_id, 'kind', e.kind, 'at', e.at, 'text', e.text,
      'created_at', e.created_at) order by e.at, e.id)
    from ${deliveryEvents} e where e.delivery_id = ${deliveries.id}) as events
  from ${deliveries}
  join ${clients} on ${clients.id} = ${deliveries.clientId}
  join ${members} on ${members.id} = ${deliveries.writerId}
  join ${communities} on ${communities.id} = ${deliveries.communityId}`;

/** The rows still held by `claimToken`, as the scheduler works on them. */
function claimedDeliveries(result: unknown, claimToken: string): ClaimedDelivery[] {
  const claimed: ClaimedDelivery[] = [];
  for (const row of rowsOf(result as Record<string, unknown>[] | { rows: Record<string, unknown>[] })) {
    const delivery = deliveryColumns.read(row);
    if (delivery.claimToken !== claimToken) continue;
    claimed.push({
      delivery: toDelivery(delivery, clientColumns.read(row)),
      writer: toMember(memberColumns.read(row)),
      community: toCommunity(communityColumns.read(row)),
      history: jsonArray<RecordRow>(row.history).map(rawRecord),
      events: jsonArray<EventRow>(row.events).map(rawEvent),
      claimToken,
    });
  }
  return claimed;
}

/**
 * The scheduler's side of the store. A claim moves `next_nudge_at` forward by the lease and
 * stamps a claim token: the row leaves the due range at once (so another instance does not take
 * it) and comes back by itself if this instance dies before finishing.
 */
export class PgNudgeStore implements NudgeStore {
  constructor(private readonly db: Database) {}

  /**
   * The claim and its deliveries in one statement. kenshu_claim_due_rows (drizzle/0025) claims
   * as kenshu_claim_due does and answers the claimed rows as they stand after the claim; a CTE of
   * the table's own name holds them, so that the select reads "deliveries"."…" from the claim just
   * as it reads them from the table, and a data-modifying CTE runs exactly once.
   */
  async claimDue(dueBy: Date, limit: number, leaseUntil: Date): Promise<ClaimedDelivery[]> {
    const claimToken = randomUUID();
    const result: unknown = await this.db.execute(sql`with ${deliveries} as (
        select * from kenshu_claim_due_rows(${dueBy.toISOString()}::timestamptz, ${limit}::integer, ${leaseUntil.toISOString()}::timestamptz, ${claimToken}::text)
      ) ${claimedRows}`);
    return claimedDeliveries(result, claimToken);
  }

  async claim(dueBy: Date, limit: number, leaseUntil: Date): Promise<Claim> {
    const claimToken = randomUUID();
    // kenshu_claim_due (drizzle/0002) holds the claim's SQL and why it reads the index as it does.
    type IdRow = { id: string | number };
    const result: unknown = await this.db.execute(
      sql`select kenshu_claim_due as id from kenshu_claim_due(${dueBy.toISOString()}::timestamptz, ${limit}::integer, ${leaseUntil.toISOString()}::timestamptz, ${claimToken})`,
    );
    return { claimToken, deliveryIds: rowsOf(result as IdRow[] | { rows: IdRow[] }).map((r) => Number(r.id)) };
  }

  async load({ claimToken, deliveryIds: ids }: Claim): Promise<ClaimedDelivery[]> {
    if (ids.length === 0) return [];
    if (!ids.every(Number.isSafeInteger)) throw new Error('delivery ids must be integers');
    return claimedDeliveries(await this.db.execute(sql`${claimedRows} where ${deliveries.id} = any(${`{${ids.join(',')}}`}::bigint[])`), claimToken);
  }

  /**
   * Begins and finishes go to the database in group commits: the sends in flight at one moment
   * share one statement each way, and each send is still begun just before it goes (the check
   * stays as close to the send as a single statement would keep it). One delivery never appears
   * twice in a statement.
   */
  private readonly begins = new GroupCommit((inputs: BeginInput[]) => this.beginAll(inputs), (input) => input.deliveryId, BATCHING);
  private readonly finishes = new GroupCommit((inputs: FinishInput[]) => this.finishAll(inputs), (input) => input.deliveryId, BATCHING);

  begin(input: BeginInput): Promise<NudgeRecord | undefined> {
    return this.begins.call(input);
  }

  finish(input: FinishInput): Promise<void> {
    return this.finishes.call(input);
  }

  /**
   * One statement, so that nothing can change between the check and the record: a writer who
   * presses Paid after the claim either commits first (the check fails, nothing is sent) or waits
   * for this row lock and comes after a send already under way. The update re-reads each row after
   * any such wait, as PostgreSQL does for a row changed by a concurrent commit. Every input row is
   * checked on its own terms (its token, its lease, its stage); the ones held get their stage's
   * record back: opened or restarted just now (from the insert), or finished by an earlier run
   * (read as it stood, since the insert left it alone).
   */
  private async beginAll(inputs: BeginInput[]): Promise<(NudgeRecord | undefined)[]> {
    const rows = inputs.map((i) => ({
      delivery_id: i.deliveryId,
      claim_token: i.claimToken,
      stage: i.stage,
      key: i.key,
      at: i.at.toISOString(),
      held_at: i.heldAt.toISOString(),
      lease_until: i.leaseUntil.toISOString(),
      // Renewed only once less than half of a lease is left: a new version of the row, and of its
      // entry in the due index, is what a renewal costs, and a claim begun soon after it was made
      // still holds the delivery for longer than any send takes.
      renew_before: new Date(i.heldAt.getTime() + (i.leaseUntil.getTime() - i.heldAt.getTime()) / 2).toISOString(),
    }));
    const result: unknown = await this.db.execute(sql`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(inOrder(rows))}::jsonb)
          as i(delivery_id bigint, claim_token text, stage smallint, key text, at timestamptz, held_at timestamptz, lease_until timestamptz, renew_before timestamptz)
      ), held as (
        select input.delivery_id, input.stage, input.key, input.at, input.lease_until, input.renew_before, ${deliveries.nextNudgeAt} as held_until
        from ${deliveries} join input on ${deliveries.id} = input.delivery_id
        where ${deliveries.id} = any(${idsOf(rows)})
          and ${deliveries.claimToken} = input.claim_token
          and ${deliveries.nextNudgeAt} > input.held_at
          and ${stillWaiting}
          and ${deliveries.reminders} = 'active'
          and (${deliveries.snoozedUntil} is null or ${deliveries.snoozedUntil} <= input.at)
          and ${deliveries.lastStage} < input.stage
        for update of ${deliveries}
      ), renewed as (
        update ${deliveries} set next_nudge_at = held.lease_until
        from held
        where ${deliveries.id} = any(${idsOf(rows)}) and ${deliveries.id} = held.delivery_id and held.held_until < held.renew_before
        returning 1
      ), opened as (
        insert into ${nudges} (delivery_id, stage, state, idempotency_key, created_at, starts)
        select delivery_id, stage, 'sending', key, at, 1 from held
        on conflict (delivery_id, stage) do update set starts = ${nudges}.starts + 1 where ${nudges}.state = 'sending'
        returning delivery_id, stage, state, attempts, starts, channel, sent_at, created_at
      )
      select held.delivery_id,
        coalesce(opened.stage, earlier.stage) as stage, coalesce(opened.state, earlier.state) as state,
        coalesce(opened.attempts, earlier.attempts) as attempts, coalesce(opened.starts, earlier.starts) as starts,
        coalesce(opened.channel, earlier.channel) as channel, coalesce(opened.sent_at, earlier.sent_at) as sent_at,
        coalesce(opened.created_at, earlier.created_at) as created_at
      from held
      left join opened on opened.delivery_id = held.delivery_id and opened.stage = held.stage
      left join ${nudges} earlier on opened.delivery_id is null and earlier.delivery_id = held.delivery_id and earlier.stage = held.stage`);
    const records = new Map(rowsOf(result as RecordRow[] | { rows: RecordRow[] }).map((row) => [Number(row.delivery_id), rawRecord(row)]));
    return inputs.map((i) => records.get(i.deliveryId));
  }

  /**
   * Closes each stage's record and moves its delivery on, in one statement: the record and the
   * delivery of a nudge are written together or not at all.
   */
  private async finishAll(inputs: FinishInput[]): Promise<void[]> {
    const rows = inputs.map((i) => ({
      delivery_id: i.deliveryId,
      claim_token: i.claimToken,
      stage: i.stage,
      state: i.state,
      channel: i.channel,
      message_ref: i.messageRef ?? null,
      last_error: i.error ?? null,
      at: i.at.toISOString(),
      next_nudge_at: i.nextNudgeAt?.toISOString() ?? null,
    }));
    await this.db.execute(sql`
      with input as (
        select * from jsonb_to_recordset(${JSON.stringify(inOrder(rows))}::jsonb)
          as i(delivery_id bigint, claim_token text, stage smallint, state text, channel text, message_ref text, last_error text, at timestamptz, next_nudge_at timestamptz)
      ), closed as (
        update ${nudges}
        set state = input.state, channel = input.channel, message_ref = input.message_ref, last_error = input.last_error,
          sent_at = case when input.state = 'sent' then input.at end
        from input
        where ${nudges.deliveryId} = any(${idsOf(rows)}) and ${nudges.deliveryId} = input.delivery_id and ${nudges.stage} = input.stage and ${nudges.state} = 'sending'
        returning 1
      ), moved as (
        update ${deliveries}
        set last_stage = greatest(${deliveries.lastStage}, input.stage),
          -- The next stage keeps the ladder's gap from this one.
          last_nudge_at = case when input.stage >= ${deliveries.lastStage} then input.at else ${deliveries.lastNudgeAt} end,
          -- If the writer changed the delivery meanwhile (the claim is no longer ours), their newer plan stands.
          next_nudge_at = case when ${deliveries.claimToken} = input.claim_token then input.next_nudge_at else ${deliveries.nextNudgeAt} end,
          claim_token = case when ${deliveries.claimToken} = input.claim_token then null else ${deliveries.claimToken} end
        from input
        where ${deliveries.id} = any(${idsOf(rows)}) and ${deliveries.id} = input.delivery_id
        returning 1
      )
      select (select count(*) from closed) as closed, (select count(*) from moved) as moved`);
    return inputs.map(() => undefined);
  }

  async countFailure(input: { deliveryId: number; stage: Stage; error: string }): Promise<number> {
    const [row] = await this.db
      .update(nudges)
      .set({ attempts: sql`${nudges.attempts} + 1`, lastError: input.error.slice(0, 500) })
      .where(and(eq(nudges.deliveryId, input.deliveryId), eq(nudges.stage, input.stage)))
      .returning({ attempts: nudges.attempts });
    return row?.attempts ?? 1;
  }

  async release(input: { deliveryId: number; claimToken: string; nextNudgeAt: Date | null }): Promise<void> {
    await this.db
      .update(deliveries)
      .set({ nextNudgeAt: input.nextNudgeAt, claimToken: null })
      .where(and(eq(deliveries.id, input.deliveryId), eq(deliveries.claimToken, input.claimToken)));
  }

  async history(deliveryId: number): Promise<NudgeRecord[]> {
    const rows = await this.db.select().from(nudges).where(eq(nudges.deliveryId, deliveryId)).orderBy(asc(nudges.stage));
    return rows.map(toRecord);
  }
}
