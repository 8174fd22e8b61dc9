import type { AuditAction } from './audit.js';
import type { Clock } from './clock.js';
import type { Delivery } from './delivery.js';
import { DomainError } from './errors.js';
import { LIMITS } from './limits.js';
import type { Locale, Platform } from './member.js';
import type { DeliveryStore, NudgeRecord, NudgeStore } from './ports.js';
import { DAY_MS } from './time.js';
import type { ClientRecord, Flag, FlagCategory, FlagState } from './warning-list.js';

/**
 * The moderators' side of the warning list (DESIGN.md §2 Moderators): reports are found by the
 * community's own number, reviewed in the queue, and every decision is written to the audit log
 * with the change itself.
 */

/** Reports on one page of `/mod queue`: two entries to a row of buttons fills Discord's five rows. */
const QUEUE_PAGE_SIZE = 10;

/** What each moderator decision does: from which states, to which, and how the audit log names it. */
const REVIEWS = {
  approve: { from: ['pending'], to: 'approved', audit: 'report.approve', needsReason: false },
  reject: { from: ['pending'], to: 'rejected', audit: 'report.reject', needsReason: true },
  remove: { from: ['approved'], to: 'removed', audit: 'report.remove', needsReason: true },
} as const satisfies Record<string, { from: readonly FlagState[]; to: FlagState; audit: AuditAction; needsReason: boolean }>;
export type ReviewAction = keyof typeof REVIEWS;

export interface ReportReview {
  communityId: number;
  number: number;
  from: readonly FlagState[];
  to: FlagState;
  action: AuditAction;
  actorId: number;
  reason: string | null;
  at: Date;
  /** Set on approval: the report shows until then. */
  expiresAt?: Date;
}

/** Whom to tell about a decision: the report's author, by their platform id. */
interface ReportAuthor {
  platform: Platform;
  platformUserId: string;
  locale: Locale | null;
  timezone: string | null;
}

export interface ReviewedReport {
  before: Flag;
  after: Flag;
  client: ClientRecord;
  author: ReportAuthor;
}

/** A reporter's history in one community, as moderators see it: counts only, never who. */
interface ReporterRecord {
  filed: number;
  approved: number;
  rejected: number;
}

export interface PendingReport {
  flag: Flag;
  note: string | null;
  client: ClientRecord;
  reporterRecord: ReporterRecord;
}

/** What became of a report's linked delivery since it was filed, as lookups show it. */
export type ReportOutcome = 'none' | 'accepted' | 'paid';

/**
 * One of the community's approved reports as `/mod export` gives it: what a lookup shows of it,
 * one row per report, and never who filed it or their note.
 */
export interface ExportedReport {
  number: number;
  /** The client this community's merges lead to, named as this community knows it. */
  client: ClientRecord;
  category: FlagCategory;
  filedAt: Date;
  approvedAt: Date | null;
  expiresAt: Date | null;
  outcome: ReportOutcome;
  /** The client's latest reply recorded in this community, on the client or one merged into it. */
  reply: { text: string; at: Date } | null;
}

export interface ReportStore {
  /** The report a community numbered `number`; another community's reports are not found. */
  findByNumber(communityId: number, number: number): Promise<Flag | undefined>;
  /**
   * Moves a report from one of `from` to `to` and writes its audit row, in one transaction;
   * undefined, with nothing written, when the report is not found in the community or not in `from`.
   */
  review(change: ReportReview): Promise<ReviewedReport | undefined>;
  /** The community's pending reports, oldest first. */
  pending(communityId: number, offset: number, limit: number): Promise<{ reports: PendingReport[]; total: number }>;
  /**
   * The community's reports that show in lookups at `at` (approved, not expired), by number, and
   * the `report.export` audit row naming the moderator, in one transaction.
   */
  exportShown(request: { communityId: number; actorId: number; at: Date }): Promise<ExportedReport[]>;
  /** Where the community's moderators are told of new reports; null when not set. */
  modChannel(communityId: number): Promise<string | null>;
}

/** `12`, `#12` → 12; anything else names no report. */
function parseReportNumber(text: string): number {
  const match = /^#?\s*(\d{1,9})$/.exec(text.normalize('NFKC').trim());
  if (!match) throw new DomainError('REPORT_NOT_FOUND', { number: text.slice(0, 20) });
  return Number(match[1]);
}

export interface Moderator {
  memberId: number;
  communityId: number;
}

/**
 * A moderator approves, rejects or removes one of the community's reports. Approval starts the
 * report's time in lookups (`ttlDays`); rejecting and removing need a reason, which the reporter
 * is told. A report in another state, or another community's, changes nothing and logs nothing.
 */
export async function reviewReport(
  deps: { reports: ReportStore; clock: Clock },
  moderator: Moderator,
  input: { action: ReviewAction; report: string; reason?: string | undefined; ttlDays: number },
): Promise<ReviewedReport> {
  const rule = REVIEWS[input.action];
  const number = parseReportNumber(input.report);
  const reason = input.reason?.normalize('NFKC').trim() || null;
  if (rule.needsReason && !reason) throw new DomainError('INVALID_INPUT', { field: 'reason', issue: 'required' });
  if (reason && reason.length > LIMITS.reviewReasonLength) throw new DomainError('INVALID_INPUT', { field: 'reason', issue: 'too_long', max: LIMITS.reviewReasonLength });
  const at = deps.clock.now();
  const reviewed = await deps.reports.review({
    communityId: moderator.communityId,
    number,
    from: rule.from,
    to: rule.to,
    action: rule.audit,
    actorId: moderator.memberId,
    reason,
    at,
    ...(input.action === 'approve' ? { expiresAt: new Date(at.getTime() + input.ttlDays * DAY_MS) } : {}),
  });
  if (reviewed) return reviewed;
  const flag = await deps.reports.findByNumber(moderator.communityId, number);
  if (!flag) throw new DomainError('REPORT_NOT_FOUND', { number });
  throw new DomainError('REPORT_NOT_REVIEWABLE', { number, state: flag.state, action: input.action });
}

/** One entry of the queue, with the linked delivery's facts and the reminders it was sent. */
export interface QueueEntry extends PendingReport {
  delivery: Delivery | null;
  nudges: NudgeRecord[];
}

/** One page (from 1) of the community's pending reports, oldest first. */
export async function reviewQueue(
  deps: { reports: ReportStore; deliveries: DeliveryStore; nudges: NudgeStore },
  communityId: number,
  page: number,
): Promise<{ entries: QueueEntry[]; total: number; page: number; pages: number }> {
  let { reports, total } = await deps.reports.pending(communityId, (page - 1) * QUEUE_PAGE_SIZE, QUEUE_PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  // Past the end (the queue shrank since the page was shown): the last page.
  if (page > pages) {
    page = pages;
    ({ reports, total } = await deps.reports.pending(communityId, (page - 1) * QUEUE_PAGE_SIZE, QUEUE_PAGE_SIZE));
  }
  const entries = await Promise.all(
    reports.map(async (report) => {
      const delivery = report.flag.deliveryId === null ? null : ((await deps.deliveries.findById(report.flag.deliveryId)) ?? null);
      return { ...report, delivery, nudges: delivery ? await deps.nudges.history(delivery.id) : [] };
    }),
  );
  return { entries, total, page, pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)) };
}

/**
 * A moderator takes the community's approved, unexpired reports away as a file: read and logged
 * together, so no export goes unrecorded.
 */
export async function exportReports(deps: { reports: ReportStore; clock: Clock }, moderator: Moderator): Promise<{ reports: ExportedReport[]; at: Date }> {
  const at = deps.clock.now();
  const reports = await deps.reports.exportShown({ communityId: moderator.communityId, actorId: moderator.memberId, at });
  return { reports, at };
}
