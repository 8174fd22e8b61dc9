import { sql } from 'drizzle-orm';
import type { ClientIdentity } from '../domain/client-identity.js';
import type { Database } from './database.js';
import { clients } from './schema.js';

/**
 * The client an identity names, created on first mention: a delivery recorded for it, or a
 * report filed about it where reports need no delivery.
 */
export async function upsertClient(db: Pick<Database, 'insert'>, identity: ClientIdentity): Promise<typeof clients.$inferSelect> {
  const [client] = await db
    .insert(clients)
    .values(
      identity.kind === 'profile'
        ? { key: identity.key, marketplace: identity.marketplace, profileId: identity.profileId, profileUrl: identity.profileUrl, displayName: identity.displayName }
        : { key: identity.key, displayName: identity.displayName, normalizedName: identity.normalizedName },
    )
    // A no-op update, so that RETURNING gives the existing row too.
    .onConflictDoUpdate({ target: clients.key, set: { key: sql`excluded.key` } })
    .returning();
  return client!;
}
