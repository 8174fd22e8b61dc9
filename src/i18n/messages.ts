import type { Locale } from '../domain/member.js';
import type { ErrorCode, ErrorParams } from '../domain/errors.js';
import type { StageKey } from '../domain/ladder.js';
import type { Escrow, Marketplace } from '../domain/marketplace.js';
import type { DeliveryStatus } from '../domain/delivery.js';
import type { FlagCategory, FlagState } from '../domain/warning-list.js';
import type { ButtonAction, MODERATION_BUTTONS } from '../domain/reply.js';
import type { ChangeEventKind, WriterEventKind } from '../domain/events.js';
import type { AuditAction } from '../domain/audit.js';
import type { ReportMessages } from './report-messages.js';
import type { SlackMessages } from './slack-messages.js';

/**
 * Everything Kenshu says, in one shape per language. A key missing from either language is a
 * type error, so Japanese and English cannot drift apart.
 */
export interface Messages extends ReportMessages, SlackMessages {
  errors: Record<ErrorCode, (p: ErrorParams) => string>;
  /** Names of command options, as used in error messages. */
  fields: Record<string, string>;
  inputIssue: {
    required: (field: string) => string;
    tooLong: (field: string, max: number) => string;
    /** A whole number outside `min`–`max`, or no number at all. */
    outOfRange: (field: string, min: number, max: number) => string;
    /** `labels`: the choices' names in this language, where they have names apart from their keys. */
    invalidChoice: (field: string, choices: readonly string[], labels?: readonly string[]) => string;
    invalid: (field: string) => string;
  };
  apology: string;
  errorTitle: string;
  status: Record<DeliveryStatus, string>;
  escrow: Record<Escrow, string>;
  marketplace: (m: Marketplace) => string;
  stage: Record<StageKey, { name: string; summary: string }>;
  delivery: {
    recordedTitle: (n: number) => string;
    client: string;
    title: string;
    marketplace: string;
    amount: string;
    delivered: string;
    escrow: string;
    jobUrl: string;
    status: string;
    planHeading: string;
    planLine: (day: number, date: string, name: string, summary: string) => string;
    planNote: string;
    planAlreadyDue: (count: number) => string;
    noPlan: string;
    escrowNotFunded: string;
    directDeal: string;
    markHint: (n: number) => string;
    listTitle: (scope: 'open' | 'all', count: number) => string;
    listEmpty: (scope: 'open' | 'all') => string;
    listLine: (p: { number: number; title: string; client: string; amount: string | null; delivered: string; days: number; status: string }) => string;
    listNext: (date: string, name: string) => string;
    listMore: (shown: number, total: number) => string;
    acceptedTitle: (n: number) => string;
    acceptedEndsLadder: string;
    acceptedAwaitPayment: (n: number) => string;
    paidTitle: (n: number) => string;
    paidBody: (days: number) => string;
    cancelledTitle: (n: number) => string;
    remindersEnded: string;
    daysToAcceptance: (days: number) => string;
  };
  /** Client names and profiles, letters' language, payment terms, edit, reopen, list totals. */
  deliveryEdit: {
    letterLanguage: string;
    /** A letter language, named in the writer's language (Japanese / 日本語, English / 英語). */
    letterLanguageName: (locale: 'ja' | 'en') => string;
    due: string;
    dueValue: (date: string, terms: string | null) => string;
    nameMissing: (n: number) => string;
    knownAs: (names: readonly string[]) => string;
    dueAfterLegal: (legalDate: string) => string;
    invoice: (due: string | null, n: number) => string;
    editedTitle: (n: number) => string;
    changed: (fields: readonly string[]) => string;
    unchanged: string;
    planMoved: (next: string | null) => string;
    planDueNow: string;
    reopenedTitle: (n: number) => string;
    reopenedTo: (status: 'awaiting_review' | 'accepted') => string;
    totalsHeading: string;
    totalOwed: (amount: string, count: number) => string;
    withoutAmount: (count: number) => string;
    oldestUnpaid: (days: number) => string;
  };
  remind: {
    listTitle: (count: number) => string;
    listEmpty: string;
    listLine: (p: { number: number; title: string; client: string }) => string;
    next: (when: string, stageName: string) => string;
    snoozedUntil: (when: string) => string;
    paused: string;
    stopped: string;
    nothingLeft: string;
    snoozedTitle: (n: number, when: string) => string;
    pausedTitle: (n: number) => string;
    resumedTitle: (n: number) => string;
    stoppedTitle: (n: number) => string;
    resumeHint: (n: number) => string;
    settingsTitle: string;
    settingsSaved: string;
    timezone: string;
    quietHours: string;
    quietOff: string;
    weekends: string;
    holidays: string;
    language: string;
    send: string;
    skip: string;
    languageName: (locale: 'ja' | 'en') => string;
    settingsHint: string;
  };
  nudge: {
    buttons: Record<Exclude<ButtonAction, (typeof MODERATION_BUTTONS)[number] | 'erase'>, string>;
    notYetDue: (when: string) => string;
    /** After a letter's heading when it is in another language than the advice: (日本語) / (in English). */
    inLanguage: (locale: Locale) => string;
    fallbackTitle: string;
    fallbackBody: (n: number) => string;
    dmClosedNotice: string;
  };
  client: {
    category: Record<FlagCategory, string>;
    state: Record<FlagState, string>;
    reason: string;
    identity: string;
    aliases: string;
    profile: string;
    figuresHeading: (federated: boolean) => string;
    figures: (p: { deliveries: number; writers: number }) => string;
    medianAcceptance: (days: number) => string;
    paidShare: (paid: number, settled: number) => string;
    deskShare: (desk: number, total: number) => string;
    overdue: (n: number) => string;
    /** Other writers' deliveries are known here, but too few of them to show figures. */
    figuresWithheld: string;
    ownHeading: string;
    own: (p: { deliveries: number; paid: number }) => string;
    reportsHeading: string;
    report: (p: { category: string; count: number; writers: number; first: string; last: string }) => string;
    outcome: (p: { accepted: number; paid: number; paidAfterDesk: number }) => string;
    noReports: string;
    noTrackRecordTitle: (name: string) => string;
    noTrackRecord: string;
    checkMarketplace: string;
    candidatesTitle: (count: number) => string;
    candidatesHint: (count: number) => string;
    flaggedTitle: (id: number) => string;
    flaggedBody: string;
    retractedTitle: (id: number) => string;
  };
  mod: {
    settingsTitle: string;
    saved: string;
    fallbackChannel: string;
    moderatorRole: string;
    sharing: string;
    sharingValue: Record<'private' | 'federated', string>;
    showFromOthers: string;
    showValue: (mode: 'all' | 'consensus' | 'none', n: number) => string;
    flagDailyLimit: string;
    flagDelivery: string;
    flagDeliveryValue: Record<'required' | 'optional', string>;
    maxPerWriter: string;
    minWriters: string;
    notSet: string;
    platformModerators: string;
    channel: (id: string, platform: 'discord' | 'slack' | 'console') => string;
    role: (id: string, platform: 'discord' | 'slack' | 'console') => string;
    hint: string;
    /** The community's time zone and language: the weekly digest's Monday 09:00 and its words. */
    timezone: string;
    language: string;
    languageName: Record<'ja' | 'en', string>;
    botDefault: (value: string) => string;
    digest: string;
    digestSchedule: (p: { timezone: string; channel: string; language: string; next: string }) => string;
    digestNone: string;
    /** The weekly digest posted to the moderators' channel. */
    digestTitle: (week: string) => string;
    digestPeriod: (timezone: string) => string;
    digestMore: string;
    digestQueueButton: string;
  };
  /** /mod reply, /mod merge, /mod unmerge, and the client's reply as lookups show it. */
  modClients: {
    replyRecordedTitle: (client: string) => string;
    replyReplacedTitle: (client: string) => string;
    replyClearedTitle: (client: string) => string;
    replyShownWhere: string;
    /** The text recorded, as the reply shows it back. */
    replyLabel: string;
    previousLabel: string;
    reportersTold: (count: number) => string;
    noReportersToTell: string;
    dmTitle: (client: string) => string;
    dmBody: (client: string) => string;
    repliesHeading: string;
    replyLine: (date: string, text: string) => string;
    mergedTitle: (from: string, into: string) => string;
    mergedBody: (from: string, into: string) => string;
    /** `into:` followed another client here, so the merge went to that one. */
    mergedResolved: (asked: string, into: string) => string;
    unmergedTitle: (from: string) => string;
    unmergedBody: (from: string, into: string) => string;
  };
  /** /mod audit: the community's moderation actions and settings changes. */
  modAudit: {
    title: (page: number, pages: number) => string;
    empty: string;
    pastEnd: (pages: number) => string;
    action: Record<AuditAction, string>;
    erasedMember: string;
    /** When Kenshu itself acted (no member). */
    kenshu: string;
    line: (p: { when: string; who: string; action: string; target: string }) => string;
    change: (before: string, after: string) => string;
    none: string;
    reason: (text: string) => string;
    more: (nextPage: number) => string;
    timezone: (tz: string) => string;
  };
  /** The review queue: /mod queue, approve, reject, remove, what the reporter is told, the moderators' channel notice. */
  modQueue: {
    title: (total: number) => string;
    empty: string;
    page: (page: number, pages: number) => string;
    entryHeading: (number: number, category: string) => string;
    /** `where`: the marketplace and profile; empty for a client known by name only. */
    client: (name: string, where: string) => string;
    filed: (date: string) => string;
    noDelivery: string;
    delivery: (p: { marketplace: string; delivered: string; recorded: string; status: string }) => string;
    reminders: (sent: readonly string[]) => string;
    reminder: (stage: string, date: string) => string;
    reporterRecord: (p: { filed: number; approved: number; rejected: number }) => string;
    note: (text: string) => string;
    noNote: string;
    hint: string;
    approveButton: (n: number) => string;
    rejectButton: (n: number) => string;
    nextButton: string;
    approvedTitle: (n: number) => string;
    approvedBody: (until: string) => string;
    rejectedTitle: (n: number) => string;
    removedTitle: (n: number) => string;
    reason: string;
    reporterTold: string;
    reporterNotTold: string;
    dmApprovedTitle: (n: number) => string;
    dmApprovedBody: (until: string) => string;
    dmRejectedTitle: (n: number) => string;
    dmRejectedBody: string;
    dmRemovedTitle: (n: number) => string;
    dmRemovedBody: string;
    dmAbout: (client: string, category: string) => string;
    newReportTitle: (n: number) => string;
    newReportHint: string;
    rejectModalTitle: (n: number) => string;
    rejectModalReason: string;
  };
  /** The writer's record of a delivery: /deliver log, show and evidence, and the nudge buttons that confirm. */
  record: {
    loggedTitle: (n: number, kind: WriterEventKind) => string;
    when: (date: string) => string;
    text: (text: string) => string;
    alreadyRecorded: (date: string) => string;
    otherDayHint: (n: number, kind: WriterEventKind, example: string) => string;
    whyRecord: string;
    showHint: (n: number) => string;
    showActions: (n: number) => string;
    showTitle: (n: number, title: string) => string;
    timelineIntro: string;
    timelineLine: (date: string, text: string) => string;
    more: (count: number, n: number) => string;
    entry: {
      recorded: string;
      delivered: string;
      reminder: (stage: string) => string;
      reminderFallback: (stage: string) => string;
      reminderUnreachable: (stage: string) => string;
      reminderFailed: (stage: string) => string;
      writer: Record<WriterEventKind, string>;
      withText: (label: string, text: string) => string;
      change: Record<ChangeEventKind, string>;
    };
    evidenceTitle: (n: number) => string;
    evidenceBody: string;
    evidenceHotline: (name: string, phone: string) => string;
    fileSaved: (path: string) => string;
    file: {
      heading: (n: number, title: string) => string;
      written: (when: string, timezone: string) => string;
      factsHeading: string;
      client: string;
      clientProfile: string;
      marketplace: string;
      jobUrl: string;
      title: string;
      amount: string;
      escrow: string;
      delivered: string;
      recorded: string;
      status: string;
      agreedDue: string;
      legalDue: string;
      legalDueValue: (date: string, passed: boolean) => string;
      legalNote: (actName: string, days: number) => string;
      contactsHeading: string;
      deskHeading: string;
      repliesHeading: string;
      notesHeading: string;
      changesHeading: string;
      noneRecorded: string;
      confirmedNote: string;
      remindersHeading: string;
      remindersNote: string;
      noReminders: string;
      timelineHeading: string;
    };
  };
  /** Autocomplete choices. */
  /** /privacy export and /privacy delete: a member's own data, handed over or erased. */
  privacy: {
    exportTitle: string;
    exportBody: (p: { deliveries: number; reports: number }) => string;
    exportPrivate: string;
    deleteTitle: string;
    deleteWill: (p: { deliveries: number; pendingReports: number }) => string[];
    deleteKeeps: (approvedReports: number) => string;
    deleteFinal: string;
    confirmButton: string;
    erasedTitle: string;
    erasedBody: string;
    alreadyErased: string;
  };
  suggest: {
    delivery: (p: { number: number; title: string; client: string }) => string;
  };
  help: {
    title: string;
    intro: string;
    optionsLabel: string;
    required: string;
    /** Under a group's list of subcommands (`/deliver` typed alone). */
    groupHint: (group: string) => string;
    consoleExtras: string[];
    /** On Slack, which keeps /remind for itself: how the commands above are typed there. */
    slackTyping: string;
  };
  console: {
    welcome: (who: string, driver: string) => string;
    switched: (who: string) => string;
    currentMember: (who: string) => string;
    unknownConsoleCommand: (word: string) => string;
    bye: string;
    tickDone: (p: { at: string; sent: number; waiting: number; other: number }) => string;
    noButtons: string;
    unknownButton: (label: string, labels: readonly string[]) => string;
  };
  /** Who may change what in /mod settings: the moderators' channel, the moderator list, sharing. */
  access: {
    modChannel: string;
    modChannelNotSet: string;
    listedModerators: string;
    noListedModerators: string;
    saved: (settings: readonly string[]) => string;
    nothingChanged: string;
    federateTitle: string;
    federateExposure: (p: { reports: number; deliveries: number }) => string;
    federateHow: string;
    hint: string;
  };
}
