import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Stage } from '../domain/ladder.js';
import type { Claim, ClaimedDelivery, NudgeRecord, NudgeRecordState, NudgeStore } from '../domain/ports.js';
import type { Database } from './database.js';
import { stillWaiting } from './rules.js';
import { toDelivery } from './pg-delivery-store.js';
import { toCommunity, toMember } from './pg-member-store.js';
import { clients, communities, deliveries, deliveryEvents, members, nudges } from './schema.js';
import { toEvent } from './pg-event-store.js';
import type { DeliveryEvent } from '../domain/events.js';

/** postgres.js returns the rows themselves, PGlite an object holding them. */
function rowsOf<T>(result: T[] | { rows: T[] }): T[] {
  return Array.isArray(result) ? result : result.rows;
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

/**
 * The scheduler's side of the store. A claim moves `next_nudge_at` forward by the lease and
 * stamps a claim token: the row leaves the due range at once (so another instance does not take
 * it) and comes back by itself if this instance dies before finishing.
 */
export class PgNudgeStore implements NudgeStore {
  constructor(private readonly db: Database) {}

  async claimDue(dueBy: Date, limit: number, leaseUntil: Date): Promise<ClaimedDelivery[]> {
    return this.load(await this.claim(dueBy, limit, leaseUntil));
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
    const [rows, records, eventRows] = await Promise.all([
      this.db
        .select()
        .from(deliveries)
        .innerJoin(clients, eq(clients.id, deliveries.clientId))
        .innerJoin(members, eq(members.id, deliveries.writerId))
        .innerJoin(communities, eq(communities.id, deliveries.communityId))
        .where(inArray(deliveries.id, ids)),
      this.db.select().from(nudges).where(inArray(nudges.deliveryId, ids)).orderBy(asc(nudges.stage)),
      this.db.select().from(deliveryEvents).where(inArray(deliveryEvents.deliveryId, ids)).orderBy(asc(deliveryEvents.at), asc(deliveryEvents.id)),
    ]);
    const events = new Map<number, DeliveryEvent[]>();
    for (const e of eventRows) events.set(e.deliveryId, [...(events.get(e.deliveryId) ?? []), toEvent(e)]);
    const history = new Map<number, (typeof records)[number][]>();
    for (const n of records) history.set(n.deliveryId, [...(history.get(n.deliveryId) ?? []), n]);
    return rows
      .filter((r) => r.deliveries.claimToken === claimToken)
      .map((r) => ({
        delivery: toDelivery(r.deliveries, r.clients),
        writer: toMember(r.members),
        community: toCommunity(r.communities),
        history: (history.get(r.deliveries.id) ?? []).map(toRecord),
        events: events.get(r.deliveries.id) ?? [],
        claimToken,
      }));
  }

  async begin(input: Parameters<NudgeStore['begin']>[0]): Promise<NudgeRecord | undefined> {
    const at = input.at.toISOString();
    // One statement, so that nothing can change between the check and the record: a writer who
    // presses Paid after the claim either commits first (the check fails, nothing is sent) or
    // waits for this row lock and comes after a send already under way. The update re-reads the
    // row after any such wait, as PostgreSQL does for a row changed by a concurrent commit.
    type BeginRow = { held: number };
    const result: unknown = await this.db.execute(sql`
      with held as (
        update ${deliveries} set next_nudge_at = ${input.leaseUntil.toISOString()}::timestamptz
        where ${deliveries.id} = ${input.deliveryId}
          and ${deliveries.claimToken} = ${input.claimToken}
          and ${deliveries.nextNudgeAt} > ${input.heldAt.toISOString()}::timestamptz
          and ${stillWaiting}
          and ${deliveries.reminders} = 'active'
          and (${deliveries.snoozedUntil} is null or ${deliveries.snoozedUntil} <= ${at}::timestamptz)
          and ${deliveries.lastStage} < ${input.stage}
        returning ${deliveries.id}
      ), opened as (
        insert into ${nudges} (delivery_id, stage, state, idempotency_key, created_at, starts)
        select id, ${input.stage}, 'sending', ${input.key}, ${at}::timestamptz, 1 from held
        on conflict (delivery_id, stage) do update set starts = ${nudges}.starts + 1 where ${nudges}.state = 'sending'
      )
      select count(*)::integer as held from held`);
    const [row] = rowsOf(result as BeginRow[] | { rows: BeginRow[] });
    if (!row || Number(row.held) === 0) return undefined;
    // Held: the stage's record, opened just now or finished by an earlier run.
    const [record] = await this.db.select().from(nudges).where(and(eq(nudges.deliveryId, input.deliveryId), eq(nudges.stage, input.stage)));
    return toRecord(record!);
  }

  async finish(input: Parameters<NudgeStore['finish']>[0]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .update(nudges)
        .set({
          state: input.state,
          channel: input.channel,
          messageRef: input.messageRef ?? null,
          lastError: input.error ?? null,
          sentAt: input.state === 'sent' ? input.at : null,
        })
        .where(and(eq(nudges.deliveryId, input.deliveryId), eq(nudges.stage, input.stage), eq(nudges.state, 'sending')));
      const stillOurs = eq(deliveries.claimToken, input.claimToken);
      await tx
        .update(deliveries)
        .set({
          lastStage: sql`greatest(${deliveries.lastStage}, ${input.stage})`,
          // The next stage keeps the ladder's gap from this one.
          lastNudgeAt: sql`case when ${input.stage} >= ${deliveries.lastStage} then ${input.at.toISOString()}::timestamptz else ${deliveries.lastNudgeAt} end`,
          // If the writer changed the delivery meanwhile, their newer plan stands.
          nextNudgeAt: sql`case when ${stillOurs} then ${input.nextNudgeAt?.toISOString() ?? null}::timestamptz else ${deliveries.nextNudgeAt} end`,
          claimToken: sql`case when ${stillOurs} then null else ${deliveries.claimToken} end`,
        })
        .where(eq(deliveries.id, input.deliveryId));
    });
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
