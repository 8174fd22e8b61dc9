import { and, asc, eq, exists, like, or, sql } from 'drizzle-orm';
import { normalizeClientName } from '../domain/client-identity.js';
import type { ClientStore, ClientSuggestion } from '../domain/ports.js';
import { clientNameIn } from './client-rows.js';
import type { Database } from './database.js';
import { clients, deliveries } from './schema.js';

/** LIKE treats % and _ as wildcards; what a user typed must match literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class PgClientStore implements ClientStore {
  constructor(private readonly db: Database) {}

  async suggest(communityId: number, prefix: string, limit: number): Promise<ClientSuggestion[]> {
    const name = escapeLike(normalizeClientName(prefix));
    const key = escapeLike(prefix.normalize('NFKC').trim().toLowerCase());
    // Typing nothing (or only punctuation) matches no name, rather than every name.
    const byName = name === '' && key !== '' ? undefined : like(clients.normalizedName, `${name}%`);
    // The name this community typed, never the one someone elsewhere typed first.
    const shown = clientNameIn(sql`${communityId}::bigint`);
    const rows = await this.db
      .select({ key: clients.key, displayName: shown })
      .from(clients)
      .where(
        and(
          or(byName, like(clients.key, `${key}%`)),
          exists(this.db.select({ one: deliveries.id }).from(deliveries).where(and(eq(deliveries.clientId, clients.id), eq(deliveries.communityId, communityId)))),
        ),
      )
      .orderBy(asc(shown))
      .limit(limit);
    return rows;
  }
}
