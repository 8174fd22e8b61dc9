/**
 * The audit log: every moderation action and settings change, one row each, written with the
 * change itself (never without it, never after a failed one). Members are named by Kenshu's id;
 * their names are joined when the log is shown.
 */
export const AUDIT_ACTIONS = [
  'report.approve',
  'report.reject',
  'report.remove',
  'client.reply',
  'client.reply_clear',
  'client.merge',
  'client.unmerge',
  'settings.change',
  'moderator.add',
  'moderator.remove',
  /** A moderator took the community's approved reports away as a file (/mod export). */
  'report.export',
  /** A member erased their own data (/privacy delete); the row names them by id only. */
  'privacy.erase',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  communityId: number;
  /** The member who acted; null for Kenshu itself. */
  actorId: number | null;
  action: AuditAction;
  /** What it acted on: `report:3`, `client:crowdworks:123`, `setting:sharing`, `member:42`. */
  target: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  at: Date;
}
