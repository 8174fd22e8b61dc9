import { lt, sql } from 'drizzle-orm';
import type { Platform } from '../domain/member.js';
import type { PlatformEventStore } from '../domain/ports.js';
import type { Database } from './database.js';
import { platformEvents } from './schema.js';

export class PgPlatformEventStore implements PlatformEventStore {
  constructor(private readonly db: Database) {}

  async claim(ref: { platform: Platform; eventId: string }, at: Date): Promise<boolean> {
    // One statement decides between instances: the primary key lets exactly one insert through.
    const rows = await this.db.insert(platformEvents).values({ platform: ref.platform, eventId: ref.eventId, seenAt: at }).onConflictDoNothing().returning({ eventId: platformEvents.eventId });
    return rows.length === 1;
  }

  async forgetBefore(before: Date): Promise<number> {
    const rows = await this.db.delete(platformEvents).where(lt(platformEvents.seenAt, sql`${before.toISOString()}::timestamptz`)).returning({ eventId: platformEvents.eventId });
    return rows.length;
  }
}
