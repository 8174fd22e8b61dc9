import { eq, sql, type SQL } from 'drizzle-orm';
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

/**
 * The name a community shows for a client (the `clients` row of the query it is used in): the
 * first one typed there for a delivery, else the client's identity, its normalized name or its
 * profile key. Never `clients.display_name`, which is whatever anyone typed first, anywhere: a
 * name typed in one community is not shown in another.
 */
export function clientNameIn(communityId: SQL): SQL<string> {
  // Written out with table names: drizzle leaves columns unqualified in a select list, where
  // "id" inside the subquery would be the delivery's.
  return sql<string>`coalesce((select named.client_name from deliveries named
      where named.client_id = clients.id and named.community_id = ${communityId} and named.client_name is not null
      order by named.id limit 1), clients.normalized_name, clients.key)`;
}
