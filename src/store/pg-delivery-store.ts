import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Delivery, DeliveryStatus } from '../domain/delivery.js';
import type { Escrow, Marketplace } from '../domain/marketplace.js';
import type { ReminderState } from '../domain/nudge-plan.js';
import type { DeliveryPage, DeliveryScope, DeliveryStore, NewDeliveryRecord } from '../domain/ports.js';
import { upsertClient } from './client-rows.js';
import { stillWaiting } from './rules.js';
import type { Database } from './database.js';
import { clients, deliveries, members } from './schema.js';

type DeliveryRow = typeof deliveries.$inferSelect;
type ClientRow = typeof clients.$inferSelect;

export function toDelivery(row: DeliveryRow, client: ClientRow): Delivery {
  return {
    id: row.id,
    number: row.number,
    writerId: row.writerId,
    communityId: row.communityId,
    client: { id: client.id, key: client.key, displayName: client.displayName, profileUrl: client.profileUrl },
    title: row.title,
    marketplace: row.marketplace as Marketplace,
    amount: row.amount,
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
    nextNudgeAt: row.nextNudgeAt,
  };
}


export class PgDeliveryStore implements DeliveryStore {
  constructor(private readonly db: Database) {}

  async record(delivery: NewDeliveryRecord, now: Date): Promise<Delivery> {
    return this.db.transaction(async (tx) => {
      const client = await upsertClient(tx, delivery.client);

      // The row lock taken here also orders concurrent recordings by the same writer.
      const [writer] = await tx
        .update(members)
        .set({ lastDeliveryNumber: sql`${members.lastDeliveryNumber} + 1` })
        .where(eq(members.id, delivery.writerId))
        .returning({ number: members.lastDeliveryNumber });
      if (!client || !writer) throw new Error(`member ${delivery.writerId} does not exist`);

      const [row] = await tx
        .insert(deliveries)
        .values({
          writerId: delivery.writerId,
          communityId: delivery.communityId,
          number: writer.number,
          clientId: client.id,
          title: delivery.title,
          marketplace: delivery.marketplace,
          amount: delivery.amount,
          currency: delivery.currency,
          deliveredAt: delivery.deliveredAt,
          escrow: delivery.escrow,
          jobUrl: delivery.jobUrl,
          nextNudgeAt: delivery.nextNudgeAt,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return toDelivery(row!, client);
    });
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

  async listByWriter(writerId: number, options: { scope: DeliveryScope; limit: number }): Promise<DeliveryPage> {
    const where = and(eq(deliveries.writerId, writerId), options.scope === 'open' ? stillWaiting : undefined);
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(deliveries)
        .innerJoin(clients, eq(clients.id, deliveries.clientId))
        .where(where)
        .orderBy(desc(deliveries.number))
        .limit(options.limit),
      this.db.select({ n: count() }).from(deliveries).where(where),
    ]);
    return { deliveries: rows.map((r) => toDelivery(r.deliveries, r.clients)), total: total?.n ?? 0 };
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
      .where(and(eq(deliveries.id, change.id), eq(deliveries.status, change.from)))
      .returning();
    if (!row) return undefined;
    const [client] = await this.db.select().from(clients).where(eq(clients.id, row.clientId));
    return toDelivery(row, client!);
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
      .where(eq(deliveries.id, change.id))
      .returning();
    if (!row) throw new Error(`delivery ${change.id} does not exist`);
    const [client] = await this.db.select().from(clients).where(eq(clients.id, row.clientId));
    return toDelivery(row, client!);
  }
}
