import { z } from 'zod';
import { messagesFor } from '../i18n/index.js';
import { defineCommand } from './command.js';
import { LIMITS } from '../domain/limits.js';
import type { CommunitySettingsPatch } from '../domain/ports.js';
import { FLAG_DELIVERY_MODES, SHARING_MODES, SHOW_FROM_OTHERS } from '../domain/warning-list.js';
import { choiceOption, integerOption, referenceOption } from './options.js';

const NONE = ['none', 'なし', 'off'] as const;

export default defineCommand({
  group: 'mod',
  name: 'settings',
  description: { en: "The community's Kenshu settings (moderators)", ja: 'コミュニティの Kenshu 設定(モデレーター用)' },
  access: 'moderator',
  input: z.object({
    fallback_channel: referenceOption({ en: 'Where reminders go when a writer’s DMs are closed', ja: 'DMが届かないライターへのリマインドを送るチャンネル' }, 'channel').optional(),
    moderator_role: referenceOption({ en: 'Role whose members moderate Kenshu', ja: 'Kenshu のモデレーターとするロール' }, 'role').optional(),
    clear: choiceOption({ en: 'Remove a setting', ja: '設定を解除' }, ['fallback_channel', 'moderator_role']).optional(),
    sharing: choiceOption({ en: "private: this community's reports stay here; federated: share them", ja: 'private: 報告をこのコミュニティ内に留める、federated: 共有する' }, SHARING_MODES).optional(),
    show_from_others: choiceOption({ en: 'Show from federated communities: all, consensus, none', ja: '他のコミュニティから表示: all、consensus、none' }, SHOW_FROM_OTHERS).optional(),
    consensus_min_writers: integerOption({ en: `With consensus: writers needed (1-${LIMITS.communityCountMax})`, ja: `consensus のときに必要なライター数(1〜${LIMITS.communityCountMax})` }, 1, LIMITS.communityCountMax).optional(),
    flag_daily_limit: integerOption({ en: `Reports per member per day (1-${LIMITS.communityCountMax})`, ja: `1人1日あたりの報告数(1〜${LIMITS.communityCountMax})` }, 1, LIMITS.communityCountMax).optional(),
    flag_delivery: choiceOption({ en: "Reports must link the reporter's delivery: required (default) or optional", ja: '報告に報告者の納品の指定を: required(必須・既定)または optional(任意)' }, FLAG_DELIVERY_MODES).optional(),
  }),
  async run(input, ctx) {
    const patch: CommunitySettingsPatch = {};
    if (input.sharing) patch.sharing = input.sharing;
    if (input.show_from_others) patch.showFromOthers = input.show_from_others;
    if (input.consensus_min_writers !== undefined) patch.consensusMinWriters = input.consensus_min_writers;
    if (input.flag_daily_limit !== undefined) patch.flagDailyLimit = input.flag_daily_limit;
    if (input.flag_delivery) patch.flagRequiresDelivery = input.flag_delivery === 'required';
    if (input.fallback_channel) patch.fallbackChannelId = (NONE as readonly string[]).includes(input.fallback_channel) ? null : input.fallback_channel;
    if (input.moderator_role) patch.moderatorRoleId = (NONE as readonly string[]).includes(input.moderator_role) ? null : input.moderator_role;
    if (input.clear === 'fallback_channel') patch.fallbackChannelId = null;
    if (input.clear === 'moderator_role') patch.moderatorRoleId = null;
    const changed = Object.keys(patch).length > 0;
    const community = changed ? await ctx.deps.communities.updateSettings(ctx.community.id, patch) : ctx.community;
    const m = messagesFor(ctx.locale).mod;
    return {
      tone: changed ? 'success' : 'info',
      title: m.settingsTitle,
      ...(changed ? { lines: [m.saved] } : {}),
      fields: [
        { label: m.fallbackChannel, value: community.fallbackChannelId ? m.channel(community.fallbackChannelId, ctx.platform) : m.notSet },
        { label: m.moderatorRole, value: community.moderatorRoleId ? m.role(community.moderatorRoleId, ctx.platform) : m.platformModerators },
        { label: m.sharing, value: m.sharingValue[community.sharing] },
        { label: m.showFromOthers, value: m.showValue(community.showFromOthers, community.consensusMinWriters) },
        { label: m.flagDailyLimit, value: String(community.flagDailyLimit) },
        { label: m.flagDelivery, value: m.flagDeliveryValue[community.flagRequiresDelivery ? 'required' : 'optional'] },
      ],
      footer: [m.hint],
    };
  },
});
