import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CommandContext, CommandDeps, Role } from '../../commands/command.js';
import { errorReply, executeCommand } from '../../commands/execute.js';
import { findCommand } from '../../commands/index.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { LIMITS } from '../../domain/limits.js';
import type { Community, Locale, Member } from '../../domain/member.js';
import { messagesFor } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { bindPositionals, parseCommandText } from '../text/parse-command-text.js';
import { renderReply } from './render.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** A terminal gets a prompt; piped input is echoed so a transcript reads like a session. */
  interactive: boolean;
  deps: CommandDeps;
  defaultLocale: Locale;
  /** Shown in the greeting: where the data lives. */
  storage: string;
  logger: Logger;
}

/** The console plays one local community whose first member writes and owns it. */
const COMMUNITY = { platform: 'console', platformCommunityId: 'local', name: 'Kenshu console' } as const;
const OWNER_NAME = 'writer';

/**
 * Kenshu in a terminal: type commands as a writer would and read the replies. Lines are handled
 * one at a time, in order, so a piped script behaves exactly like typing; it ends with the input.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { deps, output, logger } = options;
  const log = logger.child({ platform: 'console' });
  const community: Community = await deps.communities.ensureCommunity(COMMUNITY);
  let member: Member = await deps.members.ensureMember({ platform: 'console', platformUserId: OWNER_NAME, displayName: OWNER_NAME });

  const context = (): CommandContext => ({
    platform: 'console',
    community,
    member,
    locale: member.locale ?? options.defaultLocale,
    timezone: member.timezone ?? deps.defaultTimezone,
    roles: new Set<Role>(member.platformUserId === OWNER_NAME ? ['owner'] : []),
    deps,
  });
  const say = (text: string) => output.write(`${text}\n`);
  const m = () => messagesFor(context().locale);

  const rl = createInterface({ input: options.input, ...(options.interactive ? { output, prompt: 'kenshu› ' } : {}), terminal: options.interactive });
  rl.on('SIGINT', () => rl.close());

  say(m().console.welcome(member.displayName, options.storage));
  if (options.interactive) rl.prompt();

  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      if (options.interactive) rl.prompt();
      continue;
    }
    if (!options.interactive) say(`› ${line}`);
    const ctx = context();
    try {
      const { words, options: named } = parseCommandText(line);
      const head = (words[0] ?? '').toLowerCase();
      if (head === 'quit' || head === 'exit') break;
      if (head === 'as') {
        const name = words.slice(1).join(' ').trim();
        if (name === '') say(m().console.currentMember(member.displayName));
        else {
          if (name.length > LIMITS.memberNameLength) throw new DomainError('INVALID_INPUT', { field: 'name', issue: 'too_long', max: LIMITS.memberNameLength });
          member = await deps.members.ensureMember({ platform: 'console', platformUserId: name, displayName: name });
          say(m().console.switched(member.displayName));
        }
      } else {
        const found = findCommand(words);
        if (!found) throw new DomainError('UNKNOWN_COMMAND', { command: `/${words.slice(0, 2).join(' ')}`.slice(0, 60) });
        const input = bindPositionals(found.command, words.slice(found.consumed), named);
        say(renderReply(await executeCommand(found.command, input, ctx, log)));
      }
    } catch (error) {
      if (isDomainError(error)) say(renderReply(errorReply(error, ctx)));
      else {
        log.error({ err: error }, 'console line failed');
        say(renderReply({ tone: 'error', title: m().errorTitle, lines: [m().apology] }));
      }
    }
    if (options.interactive) rl.prompt();
  }
  rl.close();
  say(m().console.bye);
}
