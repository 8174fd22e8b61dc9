/**
 * A member's own data, as `/privacy export` hands it over and `/privacy delete` erases it. The
 * export holds only what the member owns: never another member's data, never who moderated.
 */
export interface MemberExport {
  profile: {
    platform: string;
    platformUserId: string;
    displayName: string;
    settings: {
      locale: string | null;
      timezone: string | null;
      quietStartMinute: number | null;
      quietEndMinute: number | null;
      skipWeekends: boolean;
      skipHolidays: boolean;
    };
    createdAt: string;
  };
  deliveries: ExportedDelivery[];
  reports: ExportedReport[];
}

export interface ExportedDelivery {
  number: number;
  /** The community it was recorded in; a DM is the member's personal space. */
  community: string;
  client: string;
  clientProfileUrl: string | null;
  title: string;
  marketplace: string;
  amount: number | null;
  currency: string;
  deliveredAt: string;
  escrow: string;
  jobUrl: string | null;
  status: string;
  acceptedAt: string | null;
  paidAt: string | null;
  cancelledAt: string | null;
  reminders: string;
  snoozedUntil: string | null;
  dueAt: string | null;
  dueTerms: string | null;
  letterLocale: string;
  createdAt: string;
  events: { kind: string; at: string; text: string | null; recordedAt: string }[];
  nudges: { stage: number; state: string; sentAt: string | null }[];
}

export interface ExportedReport {
  /** The community's own number for it. */
  number: number;
  community: string;
  client: string;
  category: string;
  state: string;
  note: string | null;
  /** The number of the reporter's delivery it is linked to, if any. */
  delivery: number | null;
  filedAt: string;
  reviewedAt: string | null;
  expiresAt: string | null;
  retractedAt: string | null;
}

/** What `/privacy delete` erases, or erased. */
export interface ErasureSummary {
  deliveries: number;
  /** Reports still waiting for review, withdrawn with the rest. */
  pendingReports: number;
  /** Approved reports, kept as anonymous counts about the client with no link to the member. */
  approvedReports: number;
}

export interface ErasureRequest {
  memberId: number;
  /** Where the erase was asked: its audit row goes to this community's log. */
  communityId: number;
  at: Date;
}

export interface PrivacyStore {
  exportMember(memberId: number): Promise<MemberExport | undefined>;
  /** What erasing the member would remove, without changing anything. */
  erasureSummary(memberId: number): Promise<ErasureSummary>;
  /**
   * Erases the member in one transaction with its audit row: deliveries (events, nudges), settings,
   * profile, notes and reports; approved reports stay, moved to a tombstone with no identity.
   * Undefined when there was no such member (already erased).
   */
  eraseMember(request: ErasureRequest): Promise<ErasureSummary | undefined>;
}
