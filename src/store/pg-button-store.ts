import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Platform } from '../domain/member.js';
import type { ButtonStore } from '../domain/ports.js';
import { BUTTON_ACTIONS, type ReplyButton } from '../domain/reply.js';
import type { Database } from './database.js';
import { memberButtons, members } from './schema.js';

/** What a stored row must hold to be offered again; anything else is treated as no buttons. */
const StoredButtons = z.array(
  z.object({
    action: z.enum(BUTTON_ACTIONS),
    deliveryId: z.number().int().positive(),
    label: z.string().max(80),
    style: z.enum(['primary', 'secondary', 'success', 'danger']),
  }),
);

export class PgButtonStore implements ButtonStore {
  constructor(private readonly db: Database) {}

  async remember(ref: { platform: Platform; platformUserId: string }, buttons: readonly ReplyButton[], at: Date): Promise<void> {
    const value = buttons.map(({ action, deliveryId, label, style }) => ({ action, deliveryId, label, style }));
    // The member is named by platform id, as a notifier knows them; one statement finds and writes.
    await this.db
      .insert(memberButtons)
      .select(
        this.db
          .select({ memberId: members.id, buttons: sql`${JSON.stringify(value)}::jsonb`.as('buttons'), updatedAt: sql`${at.toISOString()}::timestamptz`.as('updated_at') })
          .from(members)
          .where(and(eq(members.platform, ref.platform), eq(members.platformUserId, ref.platformUserId))),
      )
      .onConflictDoUpdate({ target: memberButtons.memberId, set: { buttons: sql`excluded.buttons`, updatedAt: sql`excluded.updated_at` } });
  }

  async latest(memberId: number): Promise<ReplyButton[]> {
    const [row] = await this.db.select({ buttons: memberButtons.buttons }).from(memberButtons).where(eq(memberButtons.memberId, memberId));
    const parsed = StoredButtons.safeParse(row?.buttons);
    return parsed.success ? parsed.data : [];
  }
}
