import type { ButtonStore, ClientStore, CommunityStore, DeliveryEventStore, DeliveryStore, MemberStore, NudgeStore, PlatformEventStore } from '../domain/ports.js';
import { PgEventStore } from './pg-event-store.js';
import { PgButtonStore } from './pg-button-store.js';
import { PgClientStore } from './pg-client-store.js';
import type { Database } from './database.js';
import { PgDeliveryStore } from './pg-delivery-store.js';
import { PgCommunityStore, PgMemberStore } from './pg-member-store.js';
import { PgNudgeStore } from './pg-nudge-store.js';
import { PgPlatformEventStore } from './pg-platform-event-store.js';

import { PgWarningListStore } from './pg-warning-list-store.js';
import { PgReportStore } from './pg-report-store.js';
import type { ReportStore } from '../domain/reports.js';
import type { WarningListStore } from '../domain/warning-list.js';
import type { ModerationStore } from '../domain/moderation.js';
import { PgModerationStore } from './pg-moderation-store.js';
import { countCalls, reportUnavailable as bounded, withoutDeadline } from './unavailable.js';
import { DATABASE_CALL_DEADLINE_MS, SLOW_CALL_DEADLINE_MS } from '../database-deadline.js';
import type { PrivacyStore } from '../domain/privacy.js';
import { PgPrivacyStore } from './pg-privacy-store.js';
import type { ModReportStore } from '../domain/mod-report.js';
import { PgModReportStore } from './pg-mod-report-store.js';

export { PgDigestStore } from './pg-digest-store.js';
export { DataDirInUseError, openDatabase, type Database, type OpenDatabase } from './database.js';

export interface Stores {
  communities: CommunityStore;
  members: MemberStore;
  deliveries: DeliveryStore;
  nudges: NudgeStore;
  clients: ClientStore;
  warnings: WarningListStore;
  reports: ReportStore;
  buttons: ButtonStore;
  events: DeliveryEventStore;
  moderation: ModerationStore;
  privacy: PrivacyStore;
  modReports: ModReportStore;
  /** Platform events already handled (Slack's retried events). */
  platformEvents: PlatformEventStore;
}

/**
 * The stores over `db`. `deadlines`: each call in an interaction is bounded (DATABASE_CALL_DEADLINE_MS),
 * for PostgreSQL, which can accept connections and never answer; the embedded database runs in this
 * process, where a burst's queue, not a hang, is what makes a call slow, so main.ts turns them off there.
 */
export function createStores(db: Database, { deadlines = true }: { deadlines?: boolean } = {}): Stores {
  const reportUnavailable = <T extends object>(store: T, deadlineMs = DATABASE_CALL_DEADLINE_MS, slower: Partial<Record<keyof T & string, number>> = {}) =>
    bounded(store, deadlines ? deadlineMs : null, slower);
  return {
    communities: reportUnavailable(new PgCommunityStore(db)),
    members: reportUnavailable(new PgMemberStore(db)),
    deliveries: reportUnavailable(new PgDeliveryStore(db)),
    nudges: countCalls(new PgNudgeStore(db)),
    clients: reportUnavailable(new PgClientStore(db)),
    warnings: reportUnavailable(new PgWarningListStore(db)),
    reports: reportUnavailable(new PgReportStore(db), DATABASE_CALL_DEADLINE_MS, { exportShown: SLOW_CALL_DEADLINE_MS }),
    buttons: reportUnavailable(new PgButtonStore(db)),
    events: reportUnavailable(new PgEventStore(db)),
    moderation: reportUnavailable(new PgModerationStore(db)),
    privacy: reportUnavailable(new PgPrivacyStore(db), DATABASE_CALL_DEADLINE_MS, { exportMember: SLOW_CALL_DEADLINE_MS }),
    modReports: reportUnavailable(new PgModReportStore(db), SLOW_CALL_DEADLINE_MS),
    platformEvents: reportUnavailable(new PgPlatformEventStore(db)),
  };
}

/** The same stores (the same objects underneath) with no deadline on any call: for the schedulers. */
export function withoutDeadlines(stores: Stores): Stores {
  return Object.fromEntries(Object.entries(stores).map(([name, store]) => [name, withoutDeadline(store as object)])) as unknown as Stores;
}
