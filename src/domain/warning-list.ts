import type { ClientIdentity } from './client-identity.js';
import { parseClientIdentity } from './client-identity.js';
import type { Clock } from './clock.js';
import { findOwnDelivery, type Writer } from './deliveries.js';
import type { DeliveryStore } from './ports.js';
import type { ReportStore } from './reports.js';
import { DomainError } from './errors.js';
import { DEFAULT_STAGE_DAYS } from './ladder.js';
import { LIMITS } from './limits.js';
import type { Marketplace } from './marketplace.js';
import { DAY_MS } from './time.js';

/**
 * The shared warning list (DESIGN.md §2): factual, structured reports about clients' business
 * profiles, linked to the reporter's own deliveries, moderated before anyone sees them, and shown
 * only as counts and dates.
 */

export const FLAG_CATEGORIES = [
  'no_response_after_delivery',
  'late_acceptance',
  'unpaid',
  'paid_after_platform_intervention',
  'scope_creep',
  'off_platform_request',
  'abusive_communication',
  'unfair_rejection',
] as const;
export type FlagCategory = (typeof FLAG_CATEGORIES)[number];

export const FLAG_STATES = ['pending', 'approved', 'rejected', 'retracted', 'removed', 'expired'] as const;
export type FlagState = (typeof FLAG_STATES)[number];

export const SHARING_MODES = ['private', 'federated'] as const;
export const SHOW_FROM_OTHERS = ['all', 'consensus', 'none'] as const;
export type ShowFromOthers = (typeof SHOW_FROM_OTHERS)[number];
/** Whether a report must link one of the reporter's deliveries (`flagRequiresDelivery`). */
export const FLAG_DELIVERY_MODES = ['required', 'optional'] as const;

export interface ClientRecord {
  id: number;
  key: string;
  marketplace: Marketplace | null;
  displayName: string;
  profileUrl: string | null;
}

export interface Flag {
  id: number;
  /** The community's own number for it (`Report #3`). */
  number: number;
  clientId: number;
  communityId: number;
  reporterId: number;
  deliveryId: number | null;
  category: FlagCategory;
  state: FlagState;
  deliveredAt: Date | null;
  daysWaited: number | null;
  createdAt: Date;
  expiresAt: Date | null;
}

/** What a community shows of the others. */
export interface ViewerPolicy {
  communityId: number;
  /** Who looks: their own deliveries are shown apart, never pooled. */
  memberId: number;
  showFromOthers: ShowFromOthers;
  consensusMinWriters: number;
}

export interface PooledFigures {
  deliveries: number;
  writers: number;
  /** Median days from delivery to acceptance, over accepted deliveries; null when none. */
  medianDaysToAcceptance: number | null;
  /** Of deliveries not cancelled: paid, or accepted where acceptance released the escrowed fee. */
  paid: number;
  settled: number;
  /** Deliveries for which the platform-desk stage was sent. */
  neededDesk: number;
  overdueNow: number;
}

/** The viewer's own deliveries for the client, shown apart from the pooled figures. */
interface OwnFigures {
  deliveries: number;
  paid: number;
}

export interface FlagSummary {
  category: FlagCategory;
  count: number;
  writers: number;
  first: Date;
  last: Date;
  /** What became of the linked deliveries since: accepted but not yet paid, and paid (or released). */
  laterAccepted: number;
  laterPaid: number;
  paidAfterDesk: number;
}

/**
 * Where a client may be known from: a client only another private community has recorded does not
 * exist as far as this community can tell, not even by name.
 */
export interface Visibility {
  communityId: number;
  includeFederated: boolean;
  /** Reports approved and not expired at this time count. */
  now: Date;
}

export interface WarningListStore {
  /** The client a key names, directly or as a merged alias, if it is known within `visibility`. */
  resolve(key: string, visibility?: Visibility): Promise<ClientRecord | undefined>;
  /** The client an identity names, directly or as a merged alias; created if nobody named it before. */
  ensureClient(identity: ClientIdentity): Promise<ClientRecord>;
  /** Clients known within `visibility` whose normalized name (or an alias's) is most similar, best first. */
  search(normalizedName: string, limit: number, visibility: Visibility): Promise<{ client: ClientRecord; similarity: number }[]>;
  aliases(clientId: number): Promise<{ key: string; displayName: string }[]>;
  /**
   * Everything a lookup shows about a found client, in one statement: the client the viewer's
   * community merged it into (if any), whether federated communities count (per the viewer's
   * setting), the figures, report summaries, aliases and replies over the client and those merged
   * into it there.
   */
  summarize(input: { clientId: number; communityId: number; viewerId: number; now: Date; federated: 'all' | 'none' | { minWriters: number } }): Promise<LookupSummary>;
  createFlag(flag: Omit<Flag, 'id' | 'number' | 'state' | 'expiresAt'> & { note: string | null }): Promise<Flag>;
  countFlagsSince(reporterId: number, communityId: number, since: Date): Promise<number>;
  findFlag(id: number): Promise<Flag | undefined>;
  setFlagState(change: { id: number; from: readonly FlagState[]; to: FlagState; at: Date; by?: number; expiresAt?: Date | null }): Promise<Flag | undefined>;
}

export interface LookupSummary {
  federated: boolean;
  /** Other writers' deliveries, where enough of them contributed (see `figuresWithheld`). */
  figures: PooledFigures;
  /** Other writers' deliveries are known but too few writers contributed to show figures. */
  figuresWithheld: boolean;
  own: OwnFigures;
  flags: FlagSummary[];
  aliases: { key: string; displayName: string }[];
  /** The client shown: the one found, or the one the viewer's community merged it into; null for no client. */
  client: ClientRecord | null;
  /** The client's replies recorded where the reports shown come from, newest first. */
  replies: ClientReplyRecord[];
}

interface ClientReplyRecord {
  text: string;
  at: Date;
}

export interface WarningListDeps {
  warnings: WarningListStore;
  deliveries: DeliveryStore;
  clock: Clock;
}

export interface Reporter extends Writer {
  flagDailyLimit: number;
  /** The community's setting: whether the report must be linked to one of the reporter's deliveries. */
  flagRequiresDelivery: boolean;
}


/**
 * Files a report about a client. Unless the community says otherwise it must be linked to one of
 * the reporter's own deliveries for that client, past its first reminder counted from when Kenshu
 * recorded it (so a client is not reported on day 1, nor through a backdated delivery); a delivery that is given is checked whatever the setting. One active report per
 * reporter, client and category; a daily limit per member. It waits for a moderator.
 */
export async function flagClient(
  deps: WarningListDeps,
  reporter: Reporter,
  input: { client: string; reason: FlagCategory; delivery?: string | undefined; note?: string | undefined },
): Promise<{ flag: Flag; client: ClientRecord }> {
  const now = deps.clock.now();
  const identity = parseClientIdentity(input.client);
  const note = input.note?.normalize('NFKC').trim() || null;
  if (note && note.length > LIMITS.noteLength) throw new DomainError('INVALID_INPUT', { field: 'note', issue: 'too_long', max: LIMITS.noteLength });

  if (input.delivery === undefined && reporter.flagRequiresDelivery) throw new DomainError('FLAG_DELIVERY_REQUIRED');
  const delivery = input.delivery === undefined ? undefined : await findOwnDelivery(deps, reporter, input.delivery);
  let client: ClientRecord | undefined;
  if (delivery) {
    client = await deps.warnings.resolve(identity.key);
    if (!client || delivery.client.id !== client.id) {
      throw new DomainError('FLAG_DELIVERY_MISMATCH', { number: delivery.number, client: delivery.clientName ?? delivery.client.displayName });
    }
    // Counted from the later of the delivery date the writer typed and the moment Kenshu recorded
    // it: a backdated delivery (`delivered:2000-01-01`) must not skip the wait, so a report needs
    // Kenshu itself to have seen the silence.
    const firstStageDay = DEFAULT_STAGE_DAYS[delivery.marketplace][1];
    const recordedLater = delivery.createdAt > delivery.deliveredAt;
    const waitFrom = recordedLater ? delivery.createdAt : delivery.deliveredAt;
    const allowedFrom = new Date(waitFrom.getTime() + firstStageDay * DAY_MS);
    if (now < allowedFrom) throw new DomainError('FLAG_TOO_EARLY', { number: delivery.number, days: firstStageDay, from: recordedLater ? 'recorded' : 'delivered' });
  }

  const recent = await deps.warnings.countFlagsSince(reporter.memberId, reporter.communityId, new Date(now.getTime() - DAY_MS));
  if (recent >= reporter.flagDailyLimit) throw new DomainError('FLAG_RATE_LIMITED', { limit: reporter.flagDailyLimit });

  // Without a delivery the report names the client only, which may be new to Kenshu.
  client ??= await deps.warnings.ensureClient(identity);
  const flag = await deps.warnings.createFlag({
    clientId: client.id,
    communityId: reporter.communityId,
    reporterId: reporter.memberId,
    deliveryId: delivery?.id ?? null,
    category: input.reason,
    deliveredAt: delivery?.deliveredAt ?? null,
    daysWaited: delivery ? Math.floor((now.getTime() - delivery.deliveredAt.getTime()) / DAY_MS) : null,
    createdAt: now,
    note,
  });
  // Named as the reporter named it here: the client row's name may have been typed in another community.
  return { flag, client: { ...client, displayName: delivery?.clientName ?? identity.displayName } };
}

/** `12`, `#12`, `F12` → 12. */
function parseFlagNumber(text: string): number {
  const match = /^(?:#|f)?\s*(\d{1,9})$/i.exec(text.normalize('NFKC').trim());
  if (!match) throw new DomainError('FLAG_NOT_FOUND', { id: text.slice(0, 20) });
  return Number(match[1]);
}

/**
 * A reporter takes back their own report, pending or approved, by the number the community gave
 * it: a number is looked for only in the community the reporter is in.
 */
export async function retractFlag(deps: Pick<WarningListDeps, 'warnings' | 'clock'> & { reports: ReportStore }, reporter: Writer, numberText: string): Promise<Flag> {
  const number = parseFlagNumber(numberText);
  const flag = await deps.reports.findByNumber(reporter.communityId, number);
  if (!flag || flag.reporterId !== reporter.memberId) throw new DomainError('FLAG_NOT_FOUND', { id: number });
  const after = await deps.warnings.setFlagState({ id: flag.id, from: ['pending', 'approved'], to: 'retracted', at: deps.clock.now() });
  if (!after) throw new DomainError('FLAG_NOT_ACTIVE', { id: number, state: flag.state });
  return after;
}

export type LookupResult =
  | {
      kind: 'found';
      client: ClientRecord;
      aliases: { key: string; displayName: string }[];
      figures: PooledFigures;
      figuresWithheld: boolean;
      own: OwnFigures;
      flags: FlagSummary[];
      federated: boolean;
      replies: ClientReplyRecord[];
    }
  | { kind: 'candidates'; candidates: ClientRecord[] }
  | { kind: 'unknown'; identity: ClientIdentity };

/** Fuzzy matches at least this similar are offered; one far ahead of the rest is taken as the answer. */
const FUZZY_MIN = 0.3;
const FUZZY_SURE = 0.6;

/**
 * What the community knows about a client: found by profile URL or `marketplace:id`, by exact
 * name after normalization, or else by a fuzzy name match. Counts come from the viewer's community
 * and, per its setting, from federated ones; a private community's data never leaves it.
 */
export async function lookupClient(deps: Pick<WarningListDeps, 'warnings' | 'clock'>, viewer: ViewerPolicy, query: string): Promise<LookupResult> {
  const now = deps.clock.now();
  const identity = parseClientIdentity(query);
  // Federated communities' clients can be found unless this community shows nothing of others;
  // whether their figures and reports show is decided below, per client.
  const visibility: Visibility = { communityId: viewer.communityId, includeFederated: viewer.showFromOthers !== 'none', now };
  let client = await deps.warnings.resolve(identity.key, visibility);
  if (!client && identity.kind === 'name') {
    const matches = await deps.warnings.search(identity.normalizedName, 5, visibility);
    const good = matches.filter((m) => m.similarity >= FUZZY_MIN);
    const [best, second] = good;
    if (best && best.similarity >= FUZZY_SURE && (!second || best.similarity - second.similarity >= 0.15)) client = best.client;
    else if (good.length > 0) return { kind: 'candidates', candidates: good.map((m) => m.client) };
  }
  if (!client) return { kind: 'unknown', identity };

  const federated = viewer.showFromOthers === 'consensus' ? { minWriters: viewer.consensusMinWriters } : viewer.showFromOthers;
  const summary = await deps.warnings.summarize({ clientId: client.id, communityId: viewer.communityId, viewerId: viewer.memberId, now, federated });
  // The viewer's merges lead to the client shown; its figures and reports include those merged into it.
  return { kind: 'found', client: summary.client ?? client, aliases: summary.aliases, figures: summary.figures, figuresWithheld: summary.figuresWithheld, own: summary.own, flags: summary.flags, federated: summary.federated, replies: summary.replies };
}
