import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { DELIVERY_STATUSES } from '../domain/delivery.js';
import { AUDIT_ACTIONS } from '../domain/audit.js';
import { DELIVERY_EVENT_KINDS } from '../domain/events.js';
import { ESCROW_STATES } from '../domain/marketplace.js';
import { LOCALES } from '../domain/member.js';
import { REMINDER_STATES } from '../domain/nudge-plan.js';
import { NUDGE_RECORD_STATES } from '../domain/ports.js';
import { FLAG_CATEGORIES, FLAG_STATES, SHARING_MODES, SHOW_FROM_OTHERS } from '../domain/warning-list.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
/**
 * A check that a text column holds one of the values the domain defines (written into the schema
 * as literals, so the migration reads like the list).
 */
const oneOf = (column: AnyPgColumn, values: readonly string[]) => sql`${column} in ${values}`.inlineParams();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const communities = pgTable(
  'communities',
  {
    id: id(),
    platform: text('platform').notNull(),
    platformCommunityId: text('platform_community_id').notNull(),
    name: text('name').notNull(),
    /** Where nudges go, mentioning the writer, when their DMs are closed. */
    fallbackChannelId: text('fallback_channel_id'),
    /** Members with this role may moderate, besides those the platform lets manage the community. */
    moderatorRoleId: text('moderator_role_id'),
    /** private: this community's flags and figures stay here; federated: other communities may see them. */
    sharing: text('sharing').notNull().default('private'),
    /** What lookups here show from federated communities: all, consensus (N distinct writers), none. */
    showFromOthers: text('show_from_others').notNull().default('consensus'),
    consensusMinWriters: smallint('consensus_min_writers').notNull().default(2),
    /** Flags one member may file here per day. */
    flagDailyLimit: smallint('flag_daily_limit').notNull().default(3),
    /** Whether a report must be linked to one of the reporter's deliveries for the client. */
    flagRequiresDelivery: boolean('flag_requires_delivery').notNull().default(true),
    /** In pooled figures, one writer's deliveries for one client count at most this many times. */
    maxPerWriter: smallint('max_per_writer').notNull().default(3),
    /** Pooled figures from here show only where at least this many writers other than the viewer contributed. */
    minWriters: smallint('min_writers').notNull().default(2),
    /** Where a new pending report is announced to the moderators (the client and category only). */
    modChannelId: text('mod_channel_id'),
    /** The last report number given in this community: reports are numbered per community. */
    lastFlagNumber: integer('last_flag_number').notNull().default(0),
    /** The community's IANA time zone (the weekly digest's Monday 09:00, report periods); null: DEFAULT_TIMEZONE. */
    timezone: text('timezone'),
    /** The language of what Kenshu posts for the whole community (the digest); null: DEFAULT_LOCALE. */
    locale: text('locale'),
    /**
     * When the next weekly digest is due; null while no moderators' channel is set. A claim moves
     * it forward by a lease and stamps `digest_claim_token`, as a delivery's nudge claim does.
     */
    nextDigestAt: timestamp('next_digest_at', { withTimezone: true }),
    digestClaimToken: text('digest_claim_token'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('communities_platform_key').on(t.platform, t.platformCommunityId),
    check('communities_sharing_known', oneOf(t.sharing, SHARING_MODES)),
    check('communities_show_known', oneOf(t.showFromOthers, SHOW_FROM_OTHERS)),
    check('communities_locale_known', sql`${t.locale} is null or ${oneOf(t.locale, LOCALES)}`),
    index('communities_digest_due').on(t.nextDigestAt).where(sql`${t.nextDigestAt} is not null`),
  ],
);

/**
 * One weekly digest of one community: the record that makes it go out exactly once. `week_start`
 * is the Monday (in the community's time zone) that opens the week the digest reports on.
 */
export const digests = pgTable(
  'digests',
  {
    communityId: bigint('community_id', { mode: 'number' })
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    /** sending → sent | unreachable | failed, as a nudge's record. */
    state: text('state').notNull(),
    /** Sent with the message so a retry after a crash is recognised, not repeated. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** Sends begun, including those cut short by a crash. */
    starts: smallint('starts').notNull().default(0),
    channelId: text('channel_id'),
    messageRef: text('message_ref'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.weekStart] }), check('digests_state_known', oneOf(t.state, NUDGE_RECORD_STATES))],
);

export const members = pgTable(
  'members',
  {
    id: id(),
    platform: text('platform').notNull(),
    platformUserId: text('platform_user_id').notNull(),
    displayName: text('display_name').notNull(),
    locale: text('locale'),
    /** The language the member's chat client last reported; used for DMs when they chose none. */
    platformLocale: text('platform_locale'),
    timezone: text('timezone'),
    quietStartMinute: smallint('quiet_start_minute').default(22 * 60),
    quietEndMinute: smallint('quiet_end_minute').default(8 * 60),
    skipWeekends: boolean('skip_weekends').notNull().default(false),
    skipHolidays: boolean('skip_holidays').notNull().default(false),
    /** Something the writer must hear on their next command, e.g. that their DMs are closed. */
    pendingNotice: text('pending_notice'),
    /** The writer's Discord DM channel once opened: a nudge goes straight to it, without opening it again. */
    dmChannelId: text('dm_channel_id'),
    /** The last short number given to one of this writer's deliveries. */
    lastDeliveryNumber: integer('last_delivery_number').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('members_platform_key').on(t.platform, t.platformUserId),
    check('members_locale_known', sql`${t.locale} is null or ${oneOf(t.locale, LOCALES)}`),
  ],
);

export const clients = pgTable(
  'clients',
  {
    id: id(),
    /** `crowdworks:123456` for a marketplace profile, `name:<normalized>` for a named client. */
    key: text('key').notNull(),
    marketplace: text('marketplace'),
    profileId: text('profile_id'),
    profileUrl: text('profile_url'),
    displayName: text('display_name').notNull(),
    normalizedName: text('normalized_name'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('clients_key').on(t.key),
    index('clients_normalized_name').on(t.normalizedName.op('text_pattern_ops')),
    // Fuzzy name search (pg_trgm, on PostgreSQL and in PGlite alike).
    index('clients_normalized_name_trgm').using('gin', t.normalizedName.op('gin_trgm_ops')),
  ],
);

/**
 * Other names and profiles of the same client, joined by a moderator: a lookup of any of them finds
 * the client. Keys are unique across clients and aliases alike (checked when merging).
 */
export const clientAliases = pgTable(
  'client_aliases',
  {
    id: id(),
    clientId: bigint('client_id', { mode: 'number' })
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    displayName: text('display_name').notNull(),
    normalizedName: text('normalized_name'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('client_aliases_key').on(t.key),
    index('client_aliases_client').on(t.clientId),
    index('client_aliases_normalized_name_trgm').using('gin', t.normalizedName.op('gin_trgm_ops')),
  ],
);

export const deliveries = pgTable(
  'deliveries',
  {
    id: id(),
    writerId: bigint('writer_id', { mode: 'number' })
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    communityId: bigint('community_id', { mode: 'number' })
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    clientId: bigint('client_id', { mode: 'number' })
      .notNull()
      .references(() => clients.id),
    title: text('title').notNull(),
    marketplace: text('marketplace').notNull(),
    /** The fee in whole minor units of `currency` (yen, cents, fils: see money.ts), never rounded. */
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    currency: text('currency').notNull().default('JPY'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull(),
    escrow: text('escrow').notNull(),
    jobUrl: text('job_url'),
    status: text('status').notNull().default('awaiting_review'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    reminders: text('reminders').notNull().default('active'),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    /** The highest stage sent or skipped so far; 0 before the first. */
    lastStage: smallint('last_stage').notNull().default(0),
    /** When that stage went out: the next one follows at the ladder's usual gap from it. */
    lastNudgeAt: timestamp('last_nudge_at', { withTimezone: true }),
    /** The client's name as the writer typed it for this delivery; letters address it. */
    clientName: text('client_name'),
    /** The language of the letters to the client and the desk (the reader's), not of the advice. */
    letterLocale: text('letter_locale').notNull().default('ja'),
    /** When payment is due under the terms agreed (direct deals); null when none were given. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** Those terms as the writer gave them, normalized (`net30`, `month_end_next_month_end`, a date). */
    dueTerms: text('due_terms'),
    /** When the scheduler should look at this delivery next; null when nothing is left to send. */
    nextNudgeAt: timestamp('next_nudge_at', { withTimezone: true }),
    /** The scheduler claim that holds this delivery; a status change clears it. */
    claimToken: text('claim_token'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('deliveries_writer_number').on(t.writerId, t.number),
    // A client's deliveries within a community: whether a community knows the client, and what
    // `/client lookup` counts, read from the index alone (the busiest clients' figures would
    // otherwise read a heap page per delivery). created_at: figures count a delivery only once
    // recorded for its first reminder's days.
    index('deliveries_by_client').on(t.clientId, t.communityId, t.id, t.writerId, t.status, t.deliveredAt, t.acceptedAt, t.escrow, t.marketplace, t.createdAt),
    // The moderators' report and the weekly digest read one community at a time, never the whole
    // table: its deliveries by when they were recorded, its open ones, and for the cap on one
    // writer's deliveries per client, a writer's deliveries for a client.
    index('deliveries_by_community').on(t.communityId, t.createdAt),
    index('deliveries_open_by_community').on(t.communityId, t.deliveredAt).where(sql`${t.status} = 'awaiting_review'`),
    index('deliveries_by_writer_client').on(t.writerId, t.clientId, t.createdAt),
    // Only deliveries with something left to send are in this index, so a tick costs what is due,
    // not the size of the table.
    index('deliveries_due').on(t.nextNudgeAt).where(sql`${t.nextNudgeAt} is not null`),
    check('deliveries_reminders_known', oneOf(t.reminders, REMINDER_STATES)),
    check('deliveries_status_known', oneOf(t.status, DELIVERY_STATUSES)),
    check('deliveries_escrow_known', oneOf(t.escrow, ESCROW_STATES)),
    check('deliveries_amount_positive', sql`${t.amountMinor} is null or ${t.amountMinor} > 0`),
    check('deliveries_letter_locale_known', oneOf(t.letterLocale, LOCALES)),
  ],
);

/**
 * The writer's record of a delivery: what they confirmed doing (a message to the client, a
 * request to the desk, the client's reply, a note) and the status changes. Letters state earlier
 * contacts only from these rows, never from the reminders Kenshu sent.
 */
export const deliveryEvents = pgTable(
  'delivery_events',
  {
    id: id(),
    deliveryId: bigint('delivery_id', { mode: 'number' })
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** When it happened, as the writer said; when it was recorded otherwise. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    text: text('text'),
    createdAt: createdAt(),
  },
  (t) => [
    index('delivery_events_by_delivery').on(t.deliveryId, t.at),
    // A period's outcomes (the moderators' report), read by when they happened.
    index('delivery_events_by_time').on(t.at),
    // "Did this delivery need the platform desk?", asked per delivery by client lookups.
    index('delivery_events_desk').on(t.deliveryId).where(sql`${t.kind} = 'desk'`),
    check('delivery_events_kind_known', oneOf(t.kind, DELIVERY_EVENT_KINDS)),
  ],
);

/** One row per (delivery, stage): the record that makes each stage go out at most once. */
export const nudges = pgTable(
  'nudges',
  {
    id: id(),
    deliveryId: bigint('delivery_id', { mode: 'number' })
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    stage: smallint('stage').notNull(),
    /** sending → sent | unreachable | failed; or skipped when a higher stage went out instead. */
    state: text('state').notNull(),
    /** Sent with the message (Discord nonce, Slack metadata) so a retry is recognised, not repeated. */
    idempotencyKey: text('idempotency_key').notNull(),
    channel: text('channel'),
    /** Sends the platform answered with a transient failure (rate limit, outage); bounded by retryAt. */
    attempts: smallint('attempts').notNull().default(0),
    /** Sends begun, including those cut short by a crash; bounded separately, far higher. */
    starts: smallint('starts').notNull().default(0),
    messageRef: text('message_ref'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('nudges_delivery_stage').on(t.deliveryId, t.stage),
    check('nudges_state_known', oneOf(t.state, NUDGE_RECORD_STATES)),
  ],
);

/**
 * A member's factual report about a client's business profile, linked to one of their deliveries.
 * The note is for moderators only; lookups show counts and dates, never the reporter or the note.
 */
export const flags = pgTable(
  'flags',
  {
    id: id(),
    clientId: bigint('client_id', { mode: 'number' })
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    communityId: bigint('community_id', { mode: 'number' })
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    reporterId: bigint('reporter_id', { mode: 'number' })
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    deliveryId: bigint('delivery_id', { mode: 'number' }).references(() => deliveries.id, { onDelete: 'set null' }),
    /** The community's own number for it (`Report #3`), never a global id. */
    number: integer('number').notNull(),
    category: text('category').notNull(),
    /** pending → approved | rejected; retracted by the reporter; removed by a moderator; expired after its time. */
    state: text('state').notNull().default('pending'),
    note: text('note'),
    /** The linked delivery's dates, copied when the flag is filed. */
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    daysWaited: smallint('days_waited'),
    createdAt: createdAt(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: bigint('reviewed_by', { mode: 'number' }).references(() => members.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    retractedAt: timestamp('retracted_at', { withTimezone: true }),
  },
  (t) => [
    // One active flag per reporter, client and category.
    uniqueIndex('flags_one_active').on(t.reporterId, t.clientId, t.category).where(sql`${t.state} in ('pending', 'approved')`),
    index('flags_client_community').on(t.clientId, t.communityId),
    uniqueIndex('flags_community_number').on(t.communityId, t.number),
    index('flags_reporter_created').on(t.reporterId, t.createdAt),
    check('flags_state_known', oneOf(t.state, FLAG_STATES)),
    check('flags_category_known', oneOf(t.category, FLAG_CATEGORIES)),
  ],
);

/**
 * The buttons of the latest message each member was shown that had any, for the console's
 * `/press`: a scripted console runs one process per script, so they cannot live in memory.
 */
export const memberButtons = pgTable('member_buttons', {
  memberId: bigint('member_id', { mode: 'number' })
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  buttons: jsonb('buttons').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Members a community lists as moderators, for platforms without roles and for the console. */
export const communityModerators = pgTable(
  'community_moderators',
  {
    communityId: bigint('community_id', { mode: 'number' })
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.memberId] })],
);

/**
 * The client's right of reply: what a client answered, recorded by a moderator of the community
 * whose reports it answers, shown beside those reports wherever they are visible. One per client
 * and community; a new text replaces it.
 */
export const clientReplies = pgTable(
  'client_replies',
  {
    clientId: bigint('client_id', { mode: 'number' })
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    communityId: bigint('community_id', { mode: 'number' })
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.communityId] })],
);

/**
 * One client known under two identities, in one community's view: lookups, reports, figures and
 * aliases of `from` follow `into` there. Other communities keep their own view.
 */
export const clientMerges = pgTable(
  'client_merges',
  {
    communityId: bigint('community_id', { mode: 'number' })
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    fromClientId: bigint('from_client_id', { mode: 'number' })
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    intoClientId: bigint('into_client_id', { mode: 'number' })
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.fromClientId] }), check('client_merges_not_self', sql`${t.fromClientId} <> ${t.intoClientId}`)],
);

/**
 * Every moderation action and settings change, written in the same transaction as the change.
 * Members are named by Kenshu's id only (no foreign key): a member who erases their data shows as
 * an erased member and the rows stay as they are. Rows are never updated or deleted.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    communityId: bigint('community_id', { mode: 'number' })
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    actorId: bigint('actor_id', { mode: 'number' }),
    action: text('action').notNull(),
    /** What it acted on: `report:3`, `client:crowdworks:123`, `setting:sharing`, `member:42`. */
    target: text('target').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('audit_log_community_time').on(t.communityId, t.createdAt), check('audit_log_action_known', oneOf(t.action, AUDIT_ACTIONS))],
);

/**
 * Events a platform delivered and Kenshu handled, by the platform's own id. Slack sends an event
 * again, with the same `event_id`, when it thinks the first try went unanswered
 * (api.slack.com/apis/events-api#retries), and several instances may share this database: the
 * first insert wins and every repeat is dropped. Rows are only needed while retries can come.
 */
export const platformEvents = pgTable(
  'platform_events',
  {
    platform: text('platform').notNull(),
    eventId: text('event_id').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.eventId] }), index('platform_events_seen_at_idx').on(t.seenAt)],
);
