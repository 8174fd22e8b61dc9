import type { ClientIdentity } from './client-identity.js';
import type { Delivery, DeliveryStatus, NewDelivery } from './delivery.js';
import type { DeliveryEvent, NewDeliveryEvent } from './events.js';
import type { Stage } from './ladder.js';
import type { Escrow } from './marketplace.js';
import type { Community, Locale, Member, PendingNotice, Platform } from './member.js';
import type { NudgeState, ReminderState } from './nudge-plan.js';
import type { ReplyButton } from './reply.js';

/** Storage the domain needs. Implemented over SQL in src/store; nothing here knows SQL. */

export interface CommunityStore {
  /** The community for a platform server or workspace, created on first sight. */
  ensureCommunity(ref: { platform: Platform; platformCommunityId: string; name: string }): Promise<Community>;
  /** The community as it is now, without creating it or changing anything. */
  findCommunity(platform: Platform, platformCommunityId: string): Promise<Community | undefined>;
  setFallbackChannel(communityId: number, channelId: string | null): Promise<void>;
  updateSettings(communityId: number, patch: CommunitySettingsPatch): Promise<Community>;
  /** Whether the member is listed as one of the community's moderators (beside platform roles). */
  isListedModerator(communityId: number, memberId: number): Promise<boolean>;
  /** The members listed as the community's moderators, oldest first. */
  listedModerators(communityId: number): Promise<Member[]>;
  /**
   * Settings and the moderator list changed together, in one transaction that also writes one
   * audit row for each setting whose value changes and each moderator added or removed. What
   * did not change writes nothing.
   */
  changeSettings(communityId: number, change: SettingsChange, by: SettingsChangeBy): Promise<SettingsChangeResult>;
  /** What switching the community to `federated` would let other communities see. */
  federationExposure(communityId: number): Promise<FederationExposure>;
}

/** Who changes settings and when; the bot's time zone, which the digest follows while the community has none. */
export interface SettingsChangeBy {
  actorId: number;
  at: Date;
  defaultTimezone: string;
}

export interface SettingsChange {
  patch: CommunitySettingsPatch;
  /** Member ids to list as moderators, or to take off the list. */
  addModerator?: number;
  removeModerator?: number;
}

export interface SettingsChangeResult {
  community: Community;
  /** Setting names (`sharing`) and `add_moderator` / `remove_moderator`, for what actually changed. */
  changed: string[];
}

export interface FederationExposure {
  approvedReports: number;
  trackedDeliveries: number;
}

export interface ClientSuggestion {
  key: string;
  displayName: string;
}

export interface ClientStore {
  /** Clients this community has recorded deliveries with, whose name or key starts with `prefix`. */
  suggest(communityId: number, prefix: string, limit: number): Promise<ClientSuggestion[]>;
}

export type CommunitySettingsPatch = Partial<Pick<Community, 'fallbackChannelId' | 'modChannelId' | 'moderatorRoleId' | 'sharing' | 'showFromOthers' | 'consensusMinWriters' | 'flagDailyLimit' | 'flagRequiresDelivery' | 'maxPerWriter' | 'minWriters' | 'timezone' | 'locale'>>;

export interface MemberSettingsPatch {
  locale?: Locale | null;
  timezone?: string | null;
  quietStartMinute?: number | null;
  quietEndMinute?: number | null;
  skipWeekends?: boolean;
  skipHolidays?: boolean;
}

export interface MemberStore {
  /** The member for a platform user, created on first sight; display name and locale are refreshed. */
  ensureMember(ref: { platform: Platform; platformUserId: string; displayName: string; platformLocale?: Locale }): Promise<Member>;
  /** The member as they are now, without creating or refreshing them. */
  findMember(platform: Platform, platformUserId: string): Promise<Member | undefined>;
  /**
   * Who is asking and where: `CommunityStore.ensureCommunity` and `ensureMember` together, in one
   * read when neither is new or changed (nearly every command).
   */
  ensureMemberIn(
    community: { platform: Platform; platformCommunityId: string; name: string },
    member: { platform: Platform; platformUserId: string; displayName: string; platformLocale?: Locale },
  ): Promise<{ community: Community; member: Member }>;
  updateSettings(memberId: number, patch: MemberSettingsPatch): Promise<Member>;
  setPendingNotice(memberId: number, notice: PendingNotice | null): Promise<void>;
  /** Keeps the writer's DM channel as the platform opened it, for their next nudges. */
  rememberDmChannel(memberId: number, channelId: string): Promise<void>;
}

export interface NewDeliveryRecord extends NewDelivery {
  client: ClientIdentity;
  writerId: number;
  communityId: number;
  nextNudgeAt: Date | null;
}

export type DeliveryScope = 'open' | 'all';

/** A delivery's id with what its reminder plan depends on. */
export interface DeliveryPlan extends NudgeState {
  id: number;
}

export interface DeliveryPage {
  deliveries: Delivery[];
  /** How many match in all, beyond the page. */
  total: number;
  /** What the writer is still owed (as `unpaidTotals`), when asked for with the page. */
  owed?: UnpaidTotals;
}

/** A delivery as just recorded. */
export interface RecordedDelivery extends Delivery {
  /** When asked for: the names writers in its community typed for its client before it, most recently used first. */
  earlierClientNames?: string[];
}

export interface DeliveryStore {
  /**
   * Stores a delivery, creating its client on first sight, and gives it the writer's next
   * short number. All or nothing. `clientNames`: also read, in the same statement, the names the
   * client went by in the community before this delivery (as `clientNames`, at most that many).
   */
  record(delivery: NewDeliveryRecord, now: Date, options?: { clientNames?: number }): Promise<RecordedDelivery>;
  findByNumber(writerId: number, number: number): Promise<Delivery | undefined>;
  findById(id: number): Promise<Delivery | undefined>;
  /**
   * Newest first. `open` means still waiting for something: review, or payment after an
   * acceptance that does not release it (see acceptanceReleasesPayment). `withOwed`: the page also
   * carries what the writer is owed (`owed`), read with it rather than after it; a store may leave it out.
   */
  listByWriter(writerId: number, options: { scope: DeliveryScope; limit: number; withOwed?: boolean }): Promise<DeliveryPage>;
  /**
   * The writer's open deliveries that match what they typed, newest first: the number starts with
   * the digits typed, or the title or the client's name contains the text (case folded). All of
   * them when nothing was typed; at most `limit`.
   */
  suggestOpen(writerId: number, typed: string, limit: number): Promise<Delivery[]>;
  /** What the plan of each of the writer's open deliveries depends on: all of them, unpaged. */
  openPlans(writerId: number): Promise<DeliveryPlan[]>;
  /**
   * Sets the next look of several of the writer's deliveries in one statement (a change of their
   * settings); like a status change, it wins over a scheduler claim in flight.
   */
  reschedule(writerId: number, plans: readonly { id: number; nextNudgeAt: Date | null }[], at: Date): Promise<void>;
  /**
   * Moves a delivery from `from` to `to` only if it is still in `from` (another instance or a
   * button click may have moved it); undefined when it was not.
   */
  changeStatus(change: { id: number; from: DeliveryStatus; to: DeliveryStatus; at: Date; nextNudgeAt: Date | null }): Promise<Delivery | undefined>;
  /**
   * Pauses, resumes, stops or snoozes reminders and sets the next look. Like a status change, it
   * wins over a scheduler claim in flight.
   */
  updateReminders(change: { id: number; reminders?: ReminderState; snoozedUntil?: Date | null; nextNudgeAt: Date | null; at: Date }): Promise<Delivery>;
  /**
   * The names writers in this community typed for the client (`client_name`), distinct, most
   * recently used first: never names typed in another community.
   */
  clientNames(clientId: number, communityId: number, limit: number): Promise<string[]>;
  /**
   * Changes the fields given, only while the delivery is still in status `from` (the next look was
   * worked out from it). A new client identity re-links the delivery to that client. Like a status
   * change, it wins over a scheduler claim in flight. Undefined when the status had moved.
   */
  edit(change: DeliveryEdit): Promise<Delivery | undefined>;
  /**
   * Undoes an acceptance, a payment or a cancellation: moves the delivery from `from` back to `to`,
   * clearing when it was paid and cancelled (and accepted, going back to review). Undefined when
   * the status had moved meanwhile.
   */
  reopen(change: { id: number; from: DeliveryStatus; to: 'awaiting_review' | 'accepted'; at: Date; nextNudgeAt: Date | null }): Promise<Delivery | undefined>;
  /** What the writer is still owed, over all their open deliveries (as `listByWriter`'s `open`). */
  unpaidTotals(writerId: number): Promise<UnpaidTotals>;
}

export interface DeliveryEdit {
  id: number;
  from: DeliveryStatus;
  at: Date;
  nextNudgeAt: Date | null;
  client?: ClientIdentity;
  clientName?: string | null;
  title?: string;
  amount?: number | null;
  currency?: string;
  deliveredAt?: Date;
  escrow?: Escrow;
  dueAt?: Date | null;
  dueTerms?: string | null;
  letterLocale?: Locale;
}

export interface UnpaidTotals {
  /** Per currency, the sum of the amounts recorded and how many deliveries it covers. */
  byCurrency: { currency: string; amount: number; count: number }[];
  /** Open deliveries recorded without an amount. */
  withoutAmount: number;
  /** When the oldest open delivery was delivered; null when none is open. */
  oldestDeliveredAt: Date | null;
}

/** A nudge stage's record: at most one per (delivery, stage). */
export const NUDGE_RECORD_STATES = ['sending', 'sent', 'skipped', 'unreachable', 'failed'] as const;
export type NudgeRecordState = (typeof NUDGE_RECORD_STATES)[number];

export interface NudgeRecord {
  stage: Stage;
  state: NudgeRecordState;
  /** Sends the platform refused for now (rate limit, outage). */
  attempts: number;
  /** Sends begun, counting those a crash cut short. */
  starts: number;
  channel: 'dm' | 'fallback' | null;
  sentAt: Date | null;
  createdAt: Date;
}

/** A delivery the scheduler holds for a lease, with what it needs to decide and to send. */
export interface ClaimedDelivery {
  delivery: Delivery;
  writer: Member;
  community: Community;
  history: NudgeRecord[];
  /** The writer's record of the delivery, oldest first. */
  events: DeliveryEvent[];
  claimToken: string;
}

export interface Claim {
  claimToken: string;
  deliveryIds: number[];
}

export interface NudgeStore {
  /**
   * Takes up to `limit` deliveries whose next look is due by `dueBy`, skipping those another
   * instance holds, and holds them until `leaseUntil`: if this instance dies, they come due again
   * then. The lease is counted from when the claim is made, not from when the tick began: a long
   * tick's later rounds would otherwise be claimed with leases already run out.
   */
  claimDue(dueBy: Date, limit: number, leaseUntil: Date): Promise<ClaimedDelivery[]>;
  /** The claim alone (what claimDue does before loading what it needs to send). */
  claim(dueBy: Date, limit: number, leaseUntil: Date): Promise<Claim>;
  /** What the deliveries of a claim need to be decided and sent. */
  load(claim: Claim): Promise<ClaimedDelivery[]>;
  /**
   * Opens the record of a stage about to be sent (counting a start) and, once less than half of
   * the lease from `heldAt` to `leaseUntil` is left, renews the claim until `leaseUntil`, in one
   * statement that first checks the send is still wanted: the claim is still
   * `claimToken`'s and has not run out by `heldAt`, and the delivery still waits for this stage
   * (not paid, cancelled, paused or snoozed since it was claimed, the stage not yet handled).
   * Undefined when it is not: nothing is recorded and nothing may be sent. Otherwise the stage's
   * record: if an earlier run already finished it, nothing is sent either.
   */
  begin(input: { deliveryId: number; claimToken: string; stage: Stage; key: string; at: Date; heldAt: Date; leaseUntil: Date }): Promise<NudgeRecord | undefined>;
  /** Closes a stage's record and moves the delivery on, in one transaction. */
  finish(input: {
    deliveryId: number;
    claimToken: string;
    stage: Stage;
    state: 'sent' | 'unreachable' | 'failed';
    channel: 'dm' | 'fallback' | null;
    messageRef?: string | undefined;
    error?: string | undefined;
    at: Date;
    nextNudgeAt: Date | null;
  }): Promise<void>;
  /**
   * Counts a transient failure of a stage's send and returns how many there have been. Only what
   * the platform answered counts: a crash mid-send must not use up the retries.
   */
  countFailure(input: { deliveryId: number; stage: Stage; error: string }): Promise<number>;
  /** Gives the delivery back with its next look at `nextNudgeAt` (a retry, or a wait). */
  release(input: { deliveryId: number; claimToken: string; nextNudgeAt: Date | null }): Promise<void>;
  history(deliveryId: number): Promise<NudgeRecord[]>;
}

/** The writer's record of each delivery (events.ts). */
export interface DeliveryEventStore {
  add(event: NewDeliveryEvent): Promise<DeliveryEvent>;
  /** The delivery's events, oldest first (by when they happened, then by when they were recorded). */
  list(deliveryId: number): Promise<DeliveryEvent[]>;
}

/**
 * Platform events already handled, by the platform's own event id, so that a resent event (Slack
 * retries one it thinks went unanswered) or one delivered to two instances is acted on once.
 */
export interface PlatformEventStore {
  /** True for the first claim of an event id on any instance; false for every repeat. */
  claim(ref: { platform: Platform; eventId: string }, at: Date): Promise<boolean>;
  /** Forgets claims made before `before`, once the platform no longer resends them; how many went. */
  forgetBefore(before: Date): Promise<number>;
}

/**
 * The buttons of the latest message a member was shown that had any, for a platform whose
 * messages cannot carry clickable buttons (the console's `/press`). Kept in the database, so a
 * button printed by one process can be pressed from the next.
 */
export interface ButtonStore {
  remember(ref: { platform: Platform; platformUserId: string }, buttons: readonly ReplyButton[], at: Date): Promise<void>;
  latest(memberId: number): Promise<ReplyButton[]>;
}
