import {
  ApplicationCommandOptionType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { AnyCommand, Localized } from '../../commands/command.js';
import { JAPANESE_NAMES } from '../../commands/names-ja.js';
import { choiceName, describeOptions, type DescribedOption } from '../../commands/options.js';
import { clip } from '../../presenters/text.js';

/**
 * The slash commands Kenshu registers, built from the neutral command list: `/deliver new` is the
 * `new` subcommand of `/deliver`. Descriptions and names carry Japanese localizations; length
 * limits come from the same constants the commands check.
 */

type Body = RESTPostAPIChatInputApplicationCommandsJSONBody;
type OptionBody = APIApplicationCommandBasicOption;

const DESCRIPTION_MAX = 100;
const jaName = (name: string, path?: string) => {
  const ja = (path && JAPANESE_NAMES[path]) || JAPANESE_NAMES[name];
  if (!ja) throw new Error(`no Japanese name for "${name}" in src/commands/names-ja.ts`);
  return { ja };
};

function optionBody(option: DescribedOption): OptionBody {
  const common = {
    name: option.name,
    name_localizations: jaName(option.name),
    description: clip(option.meta.description.en, DESCRIPTION_MAX),
    description_localizations: { ja: clip(option.meta.description.ja, DESCRIPTION_MAX) },
    required: option.required,
  };
  switch (option.meta.kind) {
    case 'channel':
      return { ...common, type: ApplicationCommandOptionType.Channel };
    case 'role':
      return { ...common, type: ApplicationCommandOptionType.Role };
    case 'user':
      return { ...common, type: ApplicationCommandOptionType.User };
    case 'choice':
      return {
        ...common,
        type: ApplicationCommandOptionType.String,
        choices: (option.meta.choices ?? []).map((c) => ({
          name: choiceName(option.meta, c, 'en'),
          ...(option.meta.labels ? { name_localizations: { ja: choiceName(option.meta, c, 'ja') } } : {}),
          value: c,
        })),
      };
    case 'integer':
      return { ...common, type: ApplicationCommandOptionType.Integer, ...(option.meta.min !== undefined ? { min_value: option.meta.min } : {}), ...(option.meta.max !== undefined ? { max_value: option.meta.max } : {}) };
    case 'text':
      return {
        ...common,
        type: ApplicationCommandOptionType.String,
        ...(option.meta.maxLength ? { max_length: option.meta.maxLength } : {}),
        ...(option.meta.autocomplete ? { autocomplete: true } : {}),
      };
  }
}

/** Required options first, as Discord demands. */
function optionsOf(command: AnyCommand): OptionBody[] {
  const options = describeOptions(command.input);
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required)].map(optionBody);
}

export function discordCommandData(commands: readonly AnyCommand[], groups: Record<string, Localized>): Body[] {
  const byGroup = new Map<string, AnyCommand[]>();
  for (const command of commands) byGroup.set(command.group, [...(byGroup.get(command.group) ?? []), command]);

  return [...byGroup.entries()].map(([group, members]) => {
    const moderatorOnly = members.every((c) => c.access !== 'member');
    const base = {
      name: group,
      name_localizations: jaName(group),
      // No default_member_permissions: Discord would hide the group from holders of the moderator
      // role and from listed moderators. Kenshu's own check decides on every call (access.ts).
      contexts: moderatorOnly ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM],
    };
    const alone = members.find((c) => c.name === undefined);
    if (alone) {
      return { ...base, description: clip(alone.description.en, DESCRIPTION_MAX), description_localizations: { ja: clip(alone.description.ja, DESCRIPTION_MAX) }, options: optionsOf(alone) };
    }
    const description = groups[group];
    if (!description) throw new Error(`no description for the command group "${group}" in src/commands/index.ts`);
    return {
      ...base,
      description: clip(description.en, DESCRIPTION_MAX),
      description_localizations: { ja: clip(description.ja, DESCRIPTION_MAX) },
      options: members.map((c) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: c.name!,
        name_localizations: jaName(c.name!, `${group} ${c.name!}`),
        description: clip(c.description.en, DESCRIPTION_MAX),
        description_localizations: { ja: clip(c.description.ja, DESCRIPTION_MAX) },
        options: optionsOf(c),
      })),
    };
  });
}

/** The neutral command a slash command names. */
export function findDiscordCommand(commands: readonly AnyCommand[], name: string, subcommand: string | null): AnyCommand | undefined {
  return commands.find((c) => c.group === name && (c.name ?? null) === subcommand);
}
