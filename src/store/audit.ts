import type { AuditEntry } from '../domain/audit.js';
import type { Database } from './database.js';
import { auditLog } from './schema.js';

/** A database or the transaction a change runs in: the audit row goes in with the change. */
type Writer = Pick<Database, 'insert'>;

/** Writes one audit row; call it inside the transaction of the change it records. */
export async function writeAudit(tx: Writer, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    communityId: entry.communityId,
    actorId: entry.actorId,
    action: entry.action,
    target: entry.target,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason,
    createdAt: entry.at,
  });
}
