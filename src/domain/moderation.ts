import type { AuditAction } from './audit.js';
import { parseClientIdentity, type ClientIdentity } from './client-identity.js';
import type { Clock } from './clock.js';
import { DomainError } from './errors.js';
import { LIMITS } from './limits.js';
import type { Locale, Platform } from './member.js';
import type { ClientRecord, WarningListStore } from './warning-list.js';

/**
 * Moderators' work on clients (DESIGN.md §2, the shared warning list): the client's right of
 * reply, and merging one client's two identities in this community's view. Every change is written
 * to the audit log in the same transaction as the change itself (the store sees to that).
 */

/** A moderator acting in their community. */
export interface Moderator {
  memberId: number;
  communityId: number;
}

/** A reporter to be told something by direct message. */
export interface Recipient {
  memberId: number;
  platform: Platform;
  platformUserId: string;
  locale: Locale | null;
}

/** One line of the audit log as it is shown: the actor's name joined when read. */
export interface AuditRecord {
  at: Date;
  action: AuditAction;
  /** null when the member's row is gone (erased) or Kenshu itself acted. */
  actorName: string | null;
  actorId: number | null;
  target: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface ModerationStore {
  /** The client `clientId` follows in this community, when a moderator merged it into another. */
  mergedInto(clientId: number, communityId: number): Promise<ClientRecord | undefined>;
  /**
   * Records (`text`) or removes (null) the client's reply in this community, with its audit row,
   * in one transaction. Returns the text it replaced; removing when there is none changes nothing.
   */
  setReply(change: { clientId: number; target: string; text: string | null; by: Moderator; at: Date }): Promise<{ before: string | null }>;
  /**
   * Members whose approved, unexpired reports in this community concern the client or one merged
   * into it there.
   */
  reportersOf(clientId: number, communityId: number, now: Date): Promise<Recipient[]>;
  /**
   * `from` follows `into` in this community. When `into` itself follows another client, `from`
   * follows that one; clients that followed `from` follow the same. Refused when that would make
   * `from` follow itself, or when `from` already follows a client. Audited in the same transaction.
   * Returns the client `from` now follows.
   */
  merge(change: { from: ClientRecord; into: ClientRecord; by: Moderator; at: Date }): Promise<ClientRecord>;
  /** Undoes `from`'s merge in this community, audited; the client it followed, or undefined when it followed none. */
  unmerge(change: { from: ClientRecord; by: Moderator; at: Date }): Promise<ClientRecord | undefined>;
  /** The community's audit log, newest first, and how many rows it has in all. */
  auditLog(communityId: number, page: { offset: number; limit: number }): Promise<{ records: AuditRecord[]; total: number }>;
}

export interface ModerationDeps {
  warnings: Pick<WarningListStore, 'resolve'>;
  moderation: ModerationStore;
  clock: Clock;
}

/**
 * The client a moderator names: by profile URL, `marketplace:id` or exact name, and known to this
 * community. A moderator acts on what their community has seen, never on a client only another
 * community recorded (that would tell them it exists).
 */
async function findKnownClient(deps: Pick<ModerationDeps, 'warnings' | 'clock'>, communityId: number, identity: ClientIdentity): Promise<ClientRecord> {
  // Known here: a delivery or a report in this community, and named as this community named it.
  const client = await deps.warnings.resolve(identity.key, { communityId, includeFederated: false, now: deps.clock.now() });
  if (!client) throw new DomainError('CLIENT_NOT_KNOWN_HERE', { client: identity.displayName.slice(0, 80) });
  return client;
}

/** The client's reply text: trimmed, one paragraph's worth of plain text, within the limit. */
function replyText(text: string): string {
  const cleaned = text.normalize('NFKC').replace(/\r\n?/g, '\n').trim();
  if (cleaned === '') throw new DomainError('INVALID_INPUT', { field: 'text', issue: 'required' });
  if (cleaned.length > LIMITS.clientReplyLength) throw new DomainError('INVALID_INPUT', { field: 'text', issue: 'too_long', max: LIMITS.clientReplyLength });
  return cleaned;
}

export type ReplyOutcome =
  | { kind: 'recorded'; client: ClientRecord; text: string; before: string | null; recipients: Recipient[] }
  | { kind: 'cleared'; client: ClientRecord; before: string | null };

/**
 * Records the client's response in this community: a new text replaces the earlier one, `null`
 * removes it. The reply is kept on the client this community's merges lead to, so its own lookup
 * shows it whichever identity is looked up. Returns who should hear that the client replied.
 */
export async function recordClientReply(deps: ModerationDeps, by: Moderator, input: { client: string; text: string | null }): Promise<ReplyOutcome> {
  const text = input.text === null ? null : replyText(input.text);
  const named = await findKnownClient(deps, by.communityId, parseClientIdentity(input.client));
  const client = (await deps.moderation.mergedInto(named.id, by.communityId)) ?? named;
  const at = deps.clock.now();
  const { before } = await deps.moderation.setReply({ clientId: client.id, target: `client:${client.key}`, text, by, at });
  if (text === null) {
    if (before === null) throw new DomainError('CLIENT_REPLY_NONE', { client: client.displayName.slice(0, 80) });
    return { kind: 'cleared', client, before };
  }
  const recipients = (await deps.moderation.reportersOf(client.id, by.communityId, at)).filter((r) => r.memberId !== by.memberId);
  return { kind: 'recorded', client, text, before, recipients };
}

/** `a` follows `b` in this community's view. */
export async function mergeClients(deps: ModerationDeps, by: Moderator, input: { client: string; into: string }): Promise<{ from: ClientRecord; into: ClientRecord; asked: ClientRecord }> {
  // Both read before either is looked up, so a value that is no client at all is named first.
  const [fromIdentity, intoIdentity] = [parseClientIdentity(input.client), parseClientIdentity(input.into, 'into')];
  const from = await findKnownClient(deps, by.communityId, fromIdentity);
  const asked = await findKnownClient(deps, by.communityId, intoIdentity);
  if (from.id === asked.id) throw new DomainError('MERGE_SELF', { client: from.displayName.slice(0, 80) });
  const into = await deps.moderation.merge({ from, into: asked, by, at: deps.clock.now() });
  return { from, into, asked };
}

export async function unmergeClient(deps: ModerationDeps, by: Moderator, input: { client: string }): Promise<{ from: ClientRecord; into: ClientRecord }> {
  const from = await findKnownClient(deps, by.communityId, parseClientIdentity(input.client));
  const into = await deps.moderation.unmerge({ from, by, at: deps.clock.now() });
  if (!into) throw new DomainError('NOT_MERGED', { client: from.displayName.slice(0, 80) });
  return { from, into };
}
