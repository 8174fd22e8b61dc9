import { eq, sql } from 'drizzle-orm';
import type { ClientIdentity } from '../domain/client-identity.js';
import type { Database } from './database.js';
import { clientAliases, clients } from './schema.js';

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

/**
 * The client a delivery is for: the one a moderator merged this name or profile into when it is
 * an alias (alias keys are never client keys), else the client with that key, created on first
 * mention.
 */
export async function clientForDelivery(db: Pick<Database, 'insert' | 'select'>, identity: ClientIdentity): Promise<typeof clients.$inferSelect> {
  const [alias] = await db.select({ client: clients }).from(clientAliases).innerJoin(clients, eq(clients.id, clientAliases.clientId)).where(eq(clientAliases.key, identity.key));
  return alias?.client ?? upsertClient(db, identity);
}
