import { asc, eq } from 'drizzle-orm';
import type { DeliveryEvent, DeliveryEventKind, NewDeliveryEvent } from '../domain/events.js';
import type { DeliveryEventStore } from '../domain/ports.js';
import type { Database } from './database.js';
import { deliveryEvents } from './schema.js';

function toEvent(row: typeof deliveryEvents.$inferSelect): DeliveryEvent {
  return { id: row.id, deliveryId: row.deliveryId, kind: row.kind as DeliveryEventKind, at: row.at, text: row.text, createdAt: row.createdAt };
}

export class PgEventStore implements DeliveryEventStore {
  constructor(private readonly db: Database) {}

  async add(event: NewDeliveryEvent): Promise<DeliveryEvent> {
    const [row] = await this.db.insert(deliveryEvents).values(event).returning();
    return toEvent(row!);
  }

  async list(deliveryId: number): Promise<DeliveryEvent[]> {
    const rows = await this.db.select().from(deliveryEvents).where(eq(deliveryEvents.deliveryId, deliveryId)).orderBy(asc(deliveryEvents.at), asc(deliveryEvents.id));
    return rows.map(toEvent);
  }
}
