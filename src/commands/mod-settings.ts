import { z } from 'zod';
import { messagesFor } from '../i18n/index.js';
import { defineCommand } from './command.js';
import { choiceOption, referenceOption } from './options.js';

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
  }),
  async run(input, ctx) {
    const patch: { fallbackChannelId?: string | null; moderatorRoleId?: string | null } = {};
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
      ],
      footer: [m.hint],
    };
  },
});
