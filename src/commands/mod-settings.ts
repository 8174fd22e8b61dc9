import { IANAZone } from 'luxon';
import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { LIMITS } from '../domain/limits.js';
import { LOCALES, type Member } from '../domain/member.js';
import { nextDigestAt } from '../domain/mod-report.js';
import type { CommunitySettingsPatch, SettingsChange } from '../domain/ports.js';
import { FLAG_DELIVERY_MODES, SHARING_MODES, SHOW_FROM_OTHERS } from '../domain/warning-list.js';
import { formatDateTime, messagesFor } from '../i18n/index.js';
import { authorize, type AccessLevel } from './access.js';
import { defineCommand, type CommandContext, type Reply } from './command.js';
import { choiceOption, integerOption, referenceOption, textOption } from './options.js';

const NONE = ['none', 'なし', 'off'] as const;
const CLEARABLE = ['fallback_channel', 'mod_channel', 'moderator_role'] as const;

const input = z.object({
  mod_channel: referenceOption({ en: "Where Kenshu posts for moderators (weekly report, new reports)", ja: 'Kenshu がモデレーター向けに投稿するチャンネル(週次レポート・新しい報告)' }, 'channel').optional(),
  fallback_channel: referenceOption({ en: 'Where reminders go when a writer’s DMs are closed', ja: 'DMが届かないライターへのリマインドを送るチャンネル' }, 'channel').optional(),
  moderator_role: referenceOption({ en: 'Role whose members moderate Kenshu (admins)', ja: 'Kenshu のモデレーターとするロール(管理者のみ)' }, 'role').optional(),
  add_moderator: referenceOption({ en: 'Make this member a moderator (admins)', ja: 'このメンバーをモデレーターにする(管理者のみ)' }, 'user').optional(),
  remove_moderator: referenceOption({ en: 'Take this member off the moderators (admins)', ja: 'このメンバーをモデレーターから外す(管理者のみ)' }, 'user').optional(),
  timezone: textOption({ en: "The community's IANA time zone, e.g. Asia/Tokyo (the weekly digest's Monday 09:00)", ja: 'コミュニティのタイムゾーン(例: Asia/Tokyo、週次レポートの月曜 9:00 の基準)' }, 64).optional(),
  language: choiceOption({ en: 'Language of what Kenshu posts to the community (the weekly digest)', ja: 'Kenshu がコミュニティに投稿する言語(週次レポート)' }, LOCALES, { 日本語: 'ja', japanese: 'ja', 英語: 'en', english: 'en' }).optional(),
  clear: choiceOption({ en: 'Remove a setting', ja: '設定を解除' }, CLEARABLE).optional(),
  sharing: choiceOption({ en: "private: this community's reports stay here; federated: share them (admins)", ja: 'private: 報告をこのコミュニティ内に留める、federated: 共有する(管理者のみ)' }, SHARING_MODES).optional(),
  show_from_others: choiceOption({ en: 'Show from federated communities: all, consensus, none (admins)', ja: '他のコミュニティから表示: all、consensus、none(管理者のみ)' }, SHOW_FROM_OTHERS).optional(),
  consensus_min_writers: integerOption({ en: `With consensus: writers needed (1-${LIMITS.communityCountMax})`, ja: `consensus のときに必要なライター数(1〜${LIMITS.communityCountMax})` }, 1, LIMITS.communityCountMax).optional(),
  flag_daily_limit: integerOption({ en: `Reports per member per day (1-${LIMITS.communityCountMax})`, ja: `1人1日あたりの報告数(1〜${LIMITS.communityCountMax})` }, 1, LIMITS.communityCountMax).optional(),
  max_per_writer: integerOption({ en: `Pooled figures: deliveries one writer counts for per client (1-${LIMITS.figuresCountMax})`, ja: `集計で1人のライターの納品を1クライアントにつき何件まで数えるか(1〜${LIMITS.figuresCountMax})` }, 1, LIMITS.figuresCountMax).optional(),
  min_writers: integerOption({ en: `Pooled figures show from this many writers besides the viewer (1-${LIMITS.figuresCountMax})`, ja: `集計を表示する最低ライター数(見る人以外、1〜${LIMITS.figuresCountMax})` }, 1, LIMITS.figuresCountMax).optional(),
  flag_delivery: choiceOption({ en: "Reports must link the reporter's delivery: required (default) or optional", ja: '報告に報告者の納品の指定を: required(必須・既定)または optional(任意)' }, FLAG_DELIVERY_MODES).optional(),
  confirm: choiceOption({ en: 'yes: confirm switching sharing to federated', ja: 'yes: 共有(federated)への切り替えを確定' }, ['yes'], { はい: 'yes' }).optional(),
});

type Input = z.output<typeof input>;
type Setting = Exclude<keyof Input, 'clear' | 'confirm'>;

/**
 * Who may change each setting. Moderators run the review (where notices go, the limits on
 * reports); only admins decide who moderates and what the community shares with others.
 */
const SETTING_ACCESS: Readonly<Record<Setting, AccessLevel>> = {
  mod_channel: 'moderator',
  fallback_channel: 'moderator',
  timezone: 'moderator',
  language: 'moderator',
  consensus_min_writers: 'moderator',
  flag_daily_limit: 'moderator',
  flag_delivery: 'moderator',
  max_per_writer: 'moderator',
  min_writers: 'moderator',
  moderator_role: 'admin',
  add_moderator: 'admin',
  remove_moderator: 'admin',
  sharing: 'admin',
  show_from_others: 'admin',
};

const MODERATOR_SETTINGS = (Object.keys(SETTING_ACCESS) as Setting[]).filter((s) => SETTING_ACCESS[s] === 'moderator');

/** The settings a call touches, by name: `clear:moderator_role` touches moderator_role. */
function settingsTouched(given: Input): Setting[] {
  const touched = (Object.keys(SETTING_ACCESS) as Setting[]).filter((s) => given[s] !== undefined);
  if (given.clear && !touched.includes(given.clear)) touched.push(given.clear);
  return touched;
}

/** A member named in an option: on Discord a picked user's id, in the console the name `/as` uses. */
async function memberNamed(value: string, ctx: CommandContext): Promise<Member> {
  const member = await ctx.deps.members.findMember(ctx.platform, value);
  if (!member) throw new DomainError('MEMBER_NOT_FOUND', { name: value.slice(0, 40) });
  return member;
}

const channelOrNone = (value: string) => ((NONE as readonly string[]).includes(value) ? null : value);

/** Channels the call would save must be this community's own: a notice must not leak to another server. */
async function checkChannelsHere(given: Input, ctx: CommandContext): Promise<void> {
  if (!ctx.hasChannel) return;
  for (const option of ['mod_channel', 'fallback_channel'] as const) {
    const channel = given[option] === undefined ? null : channelOrNone(given[option]);
    if (channel !== null && !(await ctx.hasChannel(channel))) throw new DomainError('CHANNEL_NOT_IN_COMMUNITY', { option, platform: ctx.platform });
  }
}

function patchOf(given: Input): CommunitySettingsPatch {
  const patch: CommunitySettingsPatch = {};
  if (given.sharing) patch.sharing = given.sharing;
  if (given.show_from_others) patch.showFromOthers = given.show_from_others;
  if (given.consensus_min_writers !== undefined) patch.consensusMinWriters = given.consensus_min_writers;
  if (given.flag_daily_limit !== undefined) patch.flagDailyLimit = given.flag_daily_limit;
  if (given.max_per_writer !== undefined) patch.maxPerWriter = given.max_per_writer;
  if (given.min_writers !== undefined) patch.minWriters = given.min_writers;
  if (given.flag_delivery) patch.flagRequiresDelivery = given.flag_delivery === 'required';
  if (given.fallback_channel) patch.fallbackChannelId = channelOrNone(given.fallback_channel);
  if (given.mod_channel) patch.modChannelId = channelOrNone(given.mod_channel);
  if (given.timezone !== undefined) {
    if (!IANAZone.isValidZone(given.timezone)) throw new DomainError('INVALID_TIMEZONE', { value: given.timezone.slice(0, 64) });
    // The zone's own spelling (america/new_york → America/New_York), as the digest and reports show it.
    patch.timezone = new Intl.DateTimeFormat('en', { timeZone: given.timezone }).resolvedOptions().timeZone;
  }
  if (given.language) patch.locale = given.language;
  if (given.moderator_role) patch.moderatorRoleId = channelOrNone(given.moderator_role);
  if (given.clear === 'fallback_channel') patch.fallbackChannelId = null;
  if (given.clear === 'mod_channel') patch.modChannelId = null;
  if (given.clear === 'moderator_role') patch.moderatorRoleId = null;
  return patch;
}

export default defineCommand({
  group: 'mod',
  name: 'settings',
  description: { en: "The community's Kenshu settings (moderators; some admins only)", ja: 'コミュニティの Kenshu 設定(モデレーター用・一部は管理者のみ)' },
  access: 'moderator',
  input,
  async run(given, ctx) {
    // Per option: one admin-only option refuses the whole call, before anything is read or saved.
    const touched = settingsTouched(given);
    const adminOnly = touched.filter((s) => SETTING_ACCESS[s] === 'admin');
    if (adminOnly.length > 0) await authorize({ access: 'admin' }, ctx, { options: adminOnly, allowed: MODERATOR_SETTINGS });

    await checkChannelsHere(given, ctx);

    const change: SettingsChange = { patch: patchOf(given) };
    if (given.add_moderator) change.addModerator = (await memberNamed(given.add_moderator, ctx)).id;
    if (given.remove_moderator) change.removeModerator = (await memberNamed(given.remove_moderator, ctx)).id;

    const a = messagesFor(ctx.locale).access;
    // Sharing leaves the community: say what would be seen elsewhere and ask once more.
    if (change.patch.sharing === 'federated' && ctx.community.sharing !== 'federated' && given.confirm !== 'yes') {
      const exposure = await ctx.deps.communities.federationExposure(ctx.community.id);
      return { tone: 'warning', title: a.federateTitle, lines: [a.federateExposure({ reports: exposure.approvedReports, deliveries: exposure.trackedDeliveries }), a.federateHow] };
    }

    const asked = touched.length > 0;
    const { community, changed } = asked
      ? await ctx.deps.communities.changeSettings(ctx.community.id, change, { actorId: ctx.member.id, at: ctx.deps.clock.now(), defaultTimezone: ctx.deps.defaultTimezone })
      : { community: ctx.community, changed: [] };
    return settingsReply({ ...ctx, community }, asked ? (changed.length ? a.saved(changed) : a.nothingChanged) : undefined, changed.length > 0);
  },
});

async function settingsReply(ctx: CommandContext, outcome: string | undefined, saved: boolean): Promise<Reply> {
  const { community } = ctx;
  const m = messagesFor(ctx.locale).mod;
  const a = messagesFor(ctx.locale).access;
  const listed = await ctx.deps.communities.listedModerators(community.id);
  const timezone = community.timezone ?? ctx.deps.defaultTimezone;
  const language = community.locale ?? ctx.deps.defaultLocale;
  const languageName = (l: typeof language) => (l ? m.languageName[l] : '—');
  const digest = community.modChannelId
    ? m.digestSchedule({
        timezone,
        channel: m.channel(community.modChannelId, ctx.platform),
        language: languageName(language),
        next: formatDateTime(nextDigestAt(ctx.deps.clock.now(), timezone), ctx.locale, timezone),
      })
    : m.digestNone;
  return {
    tone: saved ? 'success' : 'info',
    title: m.settingsTitle,
    ...(outcome ? { lines: [outcome] } : {}),
    fields: [
      { label: a.modChannel, value: community.modChannelId ? m.channel(community.modChannelId, ctx.platform) : a.modChannelNotSet },
      { label: m.digest, value: digest },
      { label: m.timezone, value: community.timezone ?? m.botDefault(timezone) },
      { label: m.language, value: community.locale ? languageName(community.locale) : m.botDefault(languageName(language)) },
      { label: m.fallbackChannel, value: community.fallbackChannelId ? m.channel(community.fallbackChannelId, ctx.platform) : m.notSet },
      { label: m.moderatorRole, value: community.moderatorRoleId ? m.role(community.moderatorRoleId, ctx.platform) : m.platformModerators },
      { label: a.listedModerators, value: listed.length ? listed.map((member) => member.displayName).join(', ') : a.noListedModerators },
      { label: m.sharing, value: m.sharingValue[community.sharing] },
      { label: m.showFromOthers, value: m.showValue(community.showFromOthers, community.consensusMinWriters) },
      { label: m.flagDailyLimit, value: String(community.flagDailyLimit) },
      { label: m.flagDelivery, value: m.flagDeliveryValue[community.flagRequiresDelivery ? 'required' : 'optional'] },
      { label: m.maxPerWriter, value: String(community.maxPerWriter) },
      { label: m.minWriters, value: String(community.minWriters) },
    ],
    footer: [a.hint],
  };
}
