import type { Logger } from 'pino';
import type { CommandContext, Reply } from '../../commands/command.js';
import { executeCommand } from '../../commands/execute.js';
import { groupReply, subcommandsOf, topLevelCommands } from '../../commands/help.js';
import { findCommand } from '../../commands/index.js';
import { DomainError } from '../../domain/errors.js';
import { bindPositionals, type ParsedText } from './parse-command-text.js';

/**
 * Runs a typed line, as the console (and Slack's slash commands) receive them. A group typed alone
 * (`/deliver`) lists its subcommands; an unknown one is refused with the names there are.
 * Errors in the line itself are thrown as coded errors for the adapter to show.
 */
export async function runCommandText(parsed: ParsedText, ctx: CommandContext, logger: Logger): Promise<Reply> {
  const { words, options } = parsed;
  const found = findCommand(words);
  if (!found) {
    const group = (words[0] ?? '').normalize('NFKC').toLowerCase();
    const subcommands = await subcommandsOf(group);
    if (subcommands.length === 0) throw new DomainError('UNKNOWN_COMMAND', { command: `/${words.slice(0, 2).join(' ')}`.slice(0, 60), commands: await topLevelCommands() });
    if (words.length === 1 && Object.keys(options).length === 0) {
      const reply = await groupReply(group, ctx.locale);
      if (reply) return reply;
    }
    throw new DomainError('UNKNOWN_COMMAND', { command: `/${words.slice(0, 2).join(' ')}`.slice(0, 60), group: `/${group}`, subcommands });
  }
  const input = bindPositionals(found.command, words.slice(found.consumed), options);
  return executeCommand(found.command, input, ctx, logger);
}
