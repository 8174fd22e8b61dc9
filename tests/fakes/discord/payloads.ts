/**
 * Discord API v10 objects as the fake Discord sends them, typed with discord-api-types (re-exported
 * by discord.js) so that the compiler checks every field Discord documents as always present.
 */
import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildHubType,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  Locale,
  MessageType,
  PermissionFlagsBits,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIDMChannel,
  type APIEmbed,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type ChannelFlags,
  type GuildMemberFlags,
  type GuildSystemChannelFlags,
  type RoleFlags,
  type UserFlags,
  type GatewayGuildCreateDispatchData,
} from 'discord.js';

/** Discord's epoch (2015-01-01T00:00:00Z), the zero of every snowflake's timestamp. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake with the current time in it, as Discord makes them (worker and process ids 0). */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | increment).toString();
}

/** The permissions of a fresh server's @everyone role, as Discord creates it. */
export const EVERYONE_PERMISSIONS = (
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.Stream |
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak |
  PermissionFlagsBits.UseVAD |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.CreatePrivateThreads |
  PermissionFlagsBits.SendMessagesInThreads
).toString();

/** What a bot invited with the usual "send messages + slash commands" scopes may do. */
export const BOT_PERMISSIONS = (
  BigInt(EVERYONE_PERMISSIONS) |
  PermissionFlagsBits.ManageMessages |
  PermissionFlagsBits.ManageThreads
).toString();

export interface FakeUser {
  id: string;
  username: string;
  /** The display name; null when the user has none (Discord then shows the username). */
  globalName?: string | null;
  bot?: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  topic?: string | null;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  /** Guild text channels; the first is where guild interactions happen unless told otherwise. */
  channels: FakeChannel[];
  /** Extra roles beside @everyone (whose id is the guild id) and the bot's managed role. */
  roles?: Array<{ id: string; name: string; permissions?: string }>;
  /** Discord's `preferred_locale` (e.g. 'ja'); also the interactions' `guild_locale`. */
  locale?: `${Locale}`;
}

export function apiUser(user: FakeUser): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName ?? null,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

function role(id: string, name: string, position: number, permissions: string, extra: Partial<APIRole> = {}): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
    ...extra,
  };
}

/** The role Discord creates for a bot when it joins a guild (managed, tagged with the bot id). */
function botRoleId(guildId: string): string {
  // Stable and distinct from every other id the fake hands out: derived, not random.
  return (BigInt(guildId) + 1n).toString();
}

export function guildRoles(guild: FakeGuild, bot: FakeUser): APIRole[] {
  return [
    role(guild.id, '@everyone', 0, EVERYONE_PERMISSIONS),
    role(botRoleId(guild.id), bot.username, 1, BOT_PERMISSIONS, { managed: true, tags: { bot_id: bot.id } }),
    ...(guild.roles ?? []).map((r, i) => role(r.id, r.name, i + 2, r.permissions ?? EVERYONE_PERMISSIONS)),
  ];
}

export function textChannel(guild: FakeGuild, channel: FakeChannel, position: number): APITextChannel {
  return {
    id: channel.id,
    type: ChannelType.GuildText,
    guild_id: guild.id,
    name: channel.name,
    position,
    parent_id: null,
    topic: channel.topic ?? null,
    nsfw: false,
    rate_limit_per_user: 0,
    last_message_id: null,
    last_pin_timestamp: null,
    permission_overwrites: [],
    flags: 0 as ChannelFlags,
  };
}

export function dmChannel(id: string, recipient: APIUser, lastMessageId: string | null = null): APIDMChannel {
  return { id, type: ChannelType.DM, name: null, last_message_id: lastMessageId, flags: 0 as ChannelFlags, recipients: [recipient] };
}

function guildMember(user: APIUser, roles: string[], joinedAt: string): APIGuildMember {
  return {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function interactionMember(
  user: APIUser,
  roles: string[],
  permissions: string,
  joinedAt: string,
): APIInteractionGuildMember {
  return { ...guildMember(user, roles, joinedAt), user, permissions };
}

/**
 * A GUILD_CREATE payload. Real Discord includes the bot's own member in `members` (so that
 * `guild.members.me` works); nobody else's, since the fake's client has no GuildMembers intent.
 */
export function guildCreate(guild: FakeGuild, bot: FakeUser, joinedAt: string): GatewayGuildCreateDispatchData {
  const locale = guild.locale ?? Locale.EnglishUS;
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: guildRoles(guild, bot),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: guild.channels[0]?.id ?? null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: locale as Locale,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null satisfies GuildHubType | null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [guildMember(apiUser(bot), [botRoleId(guild.id)], joinedAt)],
    channels: guild.channels.map((c, i) => textChannel(guild, c, i)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** The parts of a message body (REST JSON) that the fake keeps; everything else is ignored. */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  flags?: number;
  nonce?: string | number;
  enforce_nonce?: boolean;
  allowed_mentions?: unknown;
  tts?: boolean;
}

export function message(
  fields: {
    id: string;
    channelId: string;
    author: APIUser;
    guildId?: string | null;
    webhookId?: string;
    applicationId?: string;
    type?: MessageType;
  },
  body: MessageBody,
): APIMessage {
  return {
    id: fields.id,
    type: fields.type ?? MessageType.Default,
    channel_id: fields.channelId,
    ...(fields.guildId ? { guild_id: fields.guildId } : {}),
    author: fields.author,
    content: body.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts ?? false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    pinned: false,
    flags: body.flags ?? 0,
    ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
    ...(fields.webhookId ? { webhook_id: fields.webhookId } : {}),
    ...(fields.applicationId ? { application_id: fields.applicationId } : {}),
  };
}

/** One action row holding one button: what a bot message with a button looks like. */
export function buttonRow(customId: string, label = 'OK'): APIActionRowComponent<APIComponentInMessageActionRow> {
  return { type: 1, id: 1, components: [{ type: 2, id: 2, style: 1, custom_id: customId, label }] };
}
