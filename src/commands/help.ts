import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import type { Locale } from '../domain/member.js';
import { messagesFor } from '../i18n/index.js';
import { commandPath, defineCommand, type AnyCommand, type Reply } from './command.js';
import { choiceName, describeOptions, textOption, type OptionMeta } from './options.js';

// Imported when needed, not at the top: the list includes this command.
const allCommands = async (): Promise<readonly AnyCommand[]> => (await import('./index.js')).commands;

/**
 * `/deliver` typed alone, as a text adapter sees it (Discord cannot send a group alone): its
 * subcommands, one line each; undefined when no command has that group.
 */
export async function groupReply(group: string, locale: Locale): Promise<Reply | undefined> {
  const { groupDescriptions } = await import('./index.js');
  const members = (await allCommands()).filter((c) => c.group === group && c.name !== undefined);
  const description = groupDescriptions[group];
  if (members.length === 0 || !description) return undefined;
  const m = messagesFor(locale).help;
  return { tone: 'info', title: `/${group}: ${description[locale]}`, lines: members.map((c) => `${commandPath(c)}: ${c.description[locale]}`), footer: [m.groupHint(group)] };
}

/** The group's subcommand names, for an error about one that does not exist. */
export async function subcommandsOf(group: string): Promise<string[]> {
  return (await allCommands()).filter((c) => c.group === group && c.name !== undefined).map((c) => c.name!);
}

/** The top-level commands, `/deliver` … `/help`, for an error about one that does not exist. */
export async function topLevelCommands(): Promise<string[]> {
  return [...new Set((await allCommands()).map((c) => `/${c.group}`))];
}

export default defineCommand({
  group: 'help',
  description: { en: 'What Kenshu can do', ja: 'Kenshu でできること' },
  access: 'member',
  input: z.object({
    command: textOption({ en: 'Only this command, e.g. deliver', ja: 'このコマンドだけ(例: deliver)' }, 20).optional(),
    subcommand: textOption({ en: 'Only this subcommand, e.g. new', ja: 'このサブコマンドだけ(例: new)' }, 20).optional(),
  }),
  positional: ['command', 'subcommand'],
  async run(input, ctx) {
    const m = messagesFor(ctx.locale);
    const group = input.command?.normalize('NFKC').toLowerCase().replace(/^\//, '');
    const name = input.subcommand?.normalize('NFKC').toLowerCase();
    const all = await allCommands();
    const chosen = all.filter((c) => (group === undefined || c.group === group) && (name === undefined || c.name === name));
    if (chosen.length === 0) {
      const typed = `/${[group, name].filter(Boolean).join(' ')}`;
      throw group !== undefined && name !== undefined && all.some((c) => c.group === group)
        ? new DomainError('UNKNOWN_COMMAND', { command: typed, group: `/${group}`, subcommands: await subcommandsOf(group) })
        : new DomainError('UNKNOWN_COMMAND', { command: typed, commands: await topLevelCommands() });
    }
    // Keys are English words and what is typed in English; Japanese readers see the choices' names.
    const choice = (meta: OptionMeta, c: string) => (ctx.locale === 'en' ? c : choiceName(meta, c, ctx.locale));
    const sections = chosen.map((command) => ({
      heading: `${commandPath(command)}: ${command.description[ctx.locale]}`,
      lines: describeOptions(command.input).map(
        (o) =>
          `${o.name}:${o.required ? ` (${m.help.required})` : ''} ${o.meta.description[ctx.locale]}${o.meta.choices ? ` [${o.meta.choices.map((c) => choice(o.meta, c)).join(' | ')}]` : ''}`,
      ),
    }));
    if (ctx.platform === 'console' && group === undefined) sections.push({ heading: 'console', lines: m.help.consoleExtras });
    return { tone: 'info', title: m.help.title, lines: [m.help.intro, ...(ctx.platform === 'slack' ? [m.help.slackTyping] : [])], sections };
  },
});
