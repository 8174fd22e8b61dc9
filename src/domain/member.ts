export type Platform = 'discord' | 'slack' | 'console';

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A community: one Discord server, one Slack workspace, or the local console. */
export interface Community {
  id: number;
  platform: Platform;
  platformCommunityId: string;
  name: string;
  /** Where nudges go when a writer's DMs are closed; null: tell them on their next command. */
  fallbackChannelId: string | null;
  /** Where Kenshu posts what moderators should see (the weekly digest, new reports); null: nowhere. */
  modChannelId: string | null;
  /** Members with this role moderate, besides those the platform lets manage the community. */
  moderatorRoleId: string | null;
  /** private: reports and figures stay in this community; federated: others may see them. */
  sharing: 'private' | 'federated';
  /** What lookups here show from federated communities. */
  showFromOthers: 'all' | 'consensus' | 'none';
  /** With `consensus`: a client's data from elsewhere shows once this many writers reported it. */
  consensusMinWriters: number;
  flagDailyLimit: number;
  /**
   * Whether a report must be linked to one of the reporter's own deliveries for the client (the
   * default): the check against reports by people who never worked for the client.
   */
  flagRequiresDelivery: boolean;
  /** In pooled figures, one writer's deliveries for one client count at most this many times. */
  maxPerWriter: number;
  /** Figures from here show only where at least this many writers other than the viewer contributed. */
  minWriters: number;
  /** IANA time zone of what Kenshu does for the whole community (the weekly digest); null: the bot's default. */
  timezone: string | null;
  /** Language of what Kenshu posts for the whole community; null: the bot's default. */
  locale: Locale | null;
}

/**
 * A person on one platform. Their deliveries and reminder settings follow them across the
 * communities of that platform, since nudges reach them by direct message.
 */
export interface Member {
  id: number;
  platform: Platform;
  platformUserId: string;
  displayName: string;
  /** Chosen reply language; null follows the platform's locale, then the bot's default. */
  locale: Locale | null;
  /** The language their chat client last reported, for messages outside an interaction (DMs). */
  platformLocale: Locale | null;
  /** IANA time zone; null means the bot's default. */
  timezone: string | null;
  /** Quiet hours as minutes after local midnight; null start means no quiet hours. */
  quietStartMinute: number | null;
  quietEndMinute: number | null;
  skipWeekends: boolean;
  skipHolidays: boolean;
  /** Something to tell the writer on their next command (their DMs were closed). */
  pendingNotice: PendingNotice | null;
  /** Their Discord DM channel, once Kenshu has opened it: nudges go straight there. */
  dmChannelId?: string;
}

export type PendingNotice = 'dm_closed';

/**
 * A writer's personal space on a platform: the community a command given in a direct message
 * acts in. One per member, never shared: what a writer records there no other member can see.
 */
export function personalSpace(platform: Platform, platformUserId: string): { platform: Platform; platformCommunityId: string; name: string } {
  return { platform, platformCommunityId: `dm:${platformUserId}`, name: 'Direct messages' };
}
