import type { z } from 'zod';
import type { AccessLevel } from './access.js';
import type { Clock } from '../domain/clock.js';
import type { Writer } from '../domain/deliveries.js';
import type { Community, Locale, Member, Platform } from '../domain/member.js';
import type { ButtonStore, ClientStore, CommunityStore, DeliveryEventStore, DeliveryStore, MemberStore, NudgeStore, PlatformEventStore } from '../domain/ports.js';
import { reminderSettingsOf } from '../domain/reminders.js';
import type { Reporter, WarningListStore } from '../domain/warning-list.js';
import type { ReportStore } from '../domain/reports.js';
import type { Reply } from '../domain/reply.js';
import type { ModerationStore } from '../domain/moderation.js';
import type { Notifier } from '../domain/notifier.js';
import type { PrivacyStore } from '../domain/privacy.js';
import type { ModReportStore } from '../domain/mod-report.js';

export interface Localized {
  en: string;
  ja: string;
}

/**
 * What the platform itself says about the caller: `admin` (Discord: server owner or Manage
 * Server; the console's owner), `moderator` (holds the community's moderator role). The
 * community's own list of moderators is read by the access check (access.ts).
 */
export type Role = 'admin' | 'moderator';

/** What the command path measures; src/metrics.ts implements it. */
export interface CommandMetrics {
  /** How long one command, button or form took, by where it came from and its name (`/deliver new`). */
  commandSeconds(platform: Platform, command: string, seconds: number): void;
}

/** The ports commands may use; built once in main.ts and handed to every adapter. */
export interface CommandDeps {
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
  /** `/mod report` and the weekly digest: a community's figures over a period. */
  modReports: ModReportStore;
  /** For adapters, not commands: platform events already handled, so a resent one is dropped. */
  platformEvents: PlatformEventStore;
  clock: Clock;
  /** Where command latencies are counted (GET /metrics); none in tests that do not look. */
  metrics?: CommandMetrics;
  defaultTimezone: string;
  /** The language of what Kenshu posts for a community that chose none (DEFAULT_LOCALE); shown by /mod settings. */
  defaultLocale?: Locale;
  /** How long an approved report stays visible (FLAG_TTL_DAYS). */
  flagTtlDays: number;
  /**
   * How Kenshu reaches members outside the reply (a reporter told of a moderator's decision, the
   * moderators' channel told of a new report): the same notifiers the scheduler sends nudges
   * through, filled in once the adapters exist.
   */
  notifiers: Partial<Record<Platform, Notifier>>;
}

/** Who is asking, where, and in which language: resolved by the adapter before `run`. */
export interface CommandContext {
  platform: Platform;
  community: Community;
  member: Member;
  locale: Locale;
  timezone: string;
  roles: ReadonlySet<Role>;
  /** A direct message with Kenshu: the writer's personal space, where nobody moderates. */
  direct: boolean;
  /**
   * Whether a channel id names one of this community's own channels (on Discord, the guild's), so a
   * setting never points outside it. Absent where the community has no such list to check (the
   * console's one local community, where a channel is a name).
   */
  hasChannel?: (id: string) => Promise<boolean>;
  deps: CommandDeps;
}

export function writerOf(ctx: CommandContext): Writer {
  return { memberId: ctx.member.id, communityId: ctx.community.id, timezone: ctx.timezone, locale: ctx.locale, settings: reminderSettingsOf(ctx.member, ctx.deps.defaultTimezone) };
}

/** The one asking, as the author of a report, with the rules of the community they report in. */
export function reporterOf(ctx: CommandContext): Reporter {
  return { ...writerOf(ctx), flagDailyLimit: ctx.community.flagDailyLimit, flagRequiresDelivery: ctx.community.flagRequiresDelivery };
}

export type { Reply } from '../domain/reply.js';

/**
 * One command, defined once for every adapter: `/deliver new` is group `deliver`, name `new`.
 * `positional` lists options that may be given without their name in typed text (`/deliver paid 3`).
 */
export interface Command<S extends z.ZodObject = z.ZodObject> {
  group: string;
  name?: string;
  description: Localized;
  input: S;
  positional?: readonly (keyof z.output<S> & string)[];
  /**
   * Who may run it, checked on every call by `authorize` (access.ts): `member` (anyone),
   * `moderator` or `admin`. Required, so a new command states it rather than inheriting one.
   */
  access: AccessLevel;
  run(input: z.output<S>, ctx: CommandContext): Promise<Reply>;
}

/** A command with its input type erased, as adapters see it in the list. */
export type AnyCommand = Command<z.ZodObject>;

/** Checks a definition against its own input type, then erases that type for the list. */
export function defineCommand<S extends z.ZodObject>(command: Command<S>): AnyCommand {
  return command;
}

export function commandPath(command: AnyCommand): string {
  return command.name ? `/${command.group} ${command.name}` : `/${command.group}`;
}
