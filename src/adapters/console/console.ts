import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DateTime } from 'luxon';
import type { Readable, Writable } from 'node:stream';
import type { CommandContext, CommandDeps, Role } from '../../commands/command.js';
import type { Adapter, Runtime } from '../adapter.js';
import { errorReply } from '../../commands/execute.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { LIMITS } from '../../domain/limits.js';
import type { Community, Locale, Member } from '../../domain/member.js';
import { messagesFor } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { parseCommandText } from '../text/parse-command-text.js';
import { runCommandText } from '../text/run-command-text.js';
import { pressButton } from '../../commands/press-button.js';
import { buttonId, fileBytes, type Reply } from '../../domain/reply.js';
import { formatDateTime } from '../../i18n/index.js';
import { ConsoleNotifier } from './console-notifier.js';
import { renderReply } from './render.js';
import { ShiftableClock } from './shiftable-clock.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** A terminal gets a prompt; piped input is echoed so a transcript reads like a session. */
  interactive: boolean;
  /** Shown in the greeting: where the data lives. */
  storage: string;
  /** Where the files a reply carries are written (KENSHU_EXPORT_DIR). */
  exportDir: string;
}

/** Names Kenshu gives files (presenters/timeline.ts); anything else would be a bug, never a path to follow. */
const SAFE_FILE_NAME = /^[a-z0-9][a-z0-9.-]{0,99}$/;

/** Writes a reply's files into the export directory; returns their full paths. */
async function saveFiles(dir: string, files: NonNullable<Reply['files']>): Promise<string[]> {
  if (files.length === 0) return [];
  const target = resolve(dir);
  await mkdir(target, { recursive: true });
  return Promise.all(
    files.map(async (file) => {
      if (!SAFE_FILE_NAME.test(file.name)) throw new Error('unsafe file name in a reply');
      const path = join(target, file.name);
      await writeFile(path, fileBytes(file));
      return path;
    }),
  );
}

/** Writes a reply's files (text or binary, byte for byte) and says where each one went. */
export async function showFiles(files: NonNullable<Reply['files']>, dir: string, locale: Locale, say: (text: string) => void): Promise<void> {
  for (const path of await saveFiles(dir, files)) say(`  ${messagesFor(locale).record.fileSaved(path)}`);
}

/** `2026-12-01T10:00+09:00`, or a bare date/time in the member's zone (`2026-12-01 10:00`). */
function parseTickTime(text: string, timezone: string): Date {
  const t = text.normalize('NFKC').trim().replace(' ', 'T');
  const parsed = DateTime.fromISO(t, { zone: timezone, setZone: true });
  if (!parsed.isValid) throw new DomainError('INVALID_DATE', { value: text.slice(0, 40) });
  return parsed.toJSDate();
}

/** The console plays one local community whose first member writes and owns it. */
const COMMUNITY = { platform: 'console', platformCommunityId: 'local', name: 'Kenshu console' } as const;
const OWNER_NAME = 'writer';

/**
 * Kenshu in a terminal: type commands as a writer would and read the replies. Lines are handled
 * one at a time, in order, so a piped script behaves exactly like typing; it ends with the input.
 * It keeps a clock of its own, which `/tick at:` moves, so a ladder of weeks plays out in a minute.
 */
export function createConsoleAdapter(runtime: Runtime, options: ConsoleOptions): Adapter {
  const clock = new ShiftableClock(runtime.deps.clock);
  const log = runtime.logger.child({ platform: 'console' });
  const notifier = new ConsoleNotifier(options.output, async (userId, buttons) => {
    try {
      await runtime.deps.buttons.remember({ platform: 'console', platformUserId: userId }, buttons, clock.now());
    } catch (error) {
      log.warn({ err: error }, 'could not keep the buttons for /press');
    }
  });
  // Commands reach members by DM through the console too (a client's reply told to its reporters).
  // Commands reach members through the same notifier (a reporter told of a decision).
  const deps: CommandDeps = { ...runtime.deps, clock, notifiers: { ...runtime.deps.notifiers, console: notifier } };
  let finished: Promise<void> | undefined;
  return {
    platform: 'console',
    notifier,
    start() {
      // Output piped into a reader that stopped (`| head`): end the session as if input ended.
      options.output.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        options.input.destroy();
      });
      finished = runConsole(runtime, { ...options, deps, clock, notifier, log });
      return Promise.resolve();
    },
    // The terminal is always there.
    connected: () => true,
    get finished() {
      return finished ?? Promise.resolve();
    },
    async stop() {
      options.input.destroy();
      await finished?.catch(() => undefined);
    },
  };
}

interface Session extends ConsoleOptions {
  deps: CommandDeps;
  clock: ShiftableClock;
  notifier: ConsoleNotifier;
  log: Logger;
}

async function runConsole(runtime: Runtime, options: Session): Promise<void> {
  const { deps, output, log } = options;
  let community: Community = await deps.communities.ensureCommunity(COMMUNITY);
  let member: Member = await deps.members.ensureMember({ platform: 'console', platformUserId: OWNER_NAME, displayName: OWNER_NAME });

  const context = (): CommandContext => ({
    platform: 'console',
    community,
    member,
    locale: member.locale ?? runtime.defaultLocale,
    timezone: member.timezone ?? deps.defaultTimezone,
    // The console's owner administers its community; others moderate only if it lists them.
    roles: new Set<Role>(member.platformUserId === OWNER_NAME ? ['admin'] : []),
    direct: false,
    deps,
  });
  const say = (text: string) => output.write(`${text}\n`);
  const show = async (reply: Reply) => {
    say(renderReply(reply));
    await showFiles(reply.files ?? [], options.exportDir, context().locale, say);
    await options.notifier.remember(member.platformUserId, reply);
  };
  const m = () => messagesFor(context().locale);
  // A post's files (a digest's chart) are written like a reply's, told in the reader's language.
  options.notifier.writeFilesWith((files) => showFiles(files, options.exportDir, context().locale, say));

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
    let ctx = context();
    try {
      const { words, options: named } = parseCommandText(line);
      const head = (words[0] ?? '').toLowerCase();
      if (head === 'quit' || head === 'exit') break;
      // Read afresh for every line: settings changed by the last command (a language, a
      // moderator's /mod settings) apply to the next one.
      [community, member] = await Promise.all([
        deps.communities.findCommunity(COMMUNITY.platform, COMMUNITY.platformCommunityId).then((c) => c ?? deps.communities.ensureCommunity(COMMUNITY)),
        deps.members.findMember('console', member.platformUserId).then((found) => found ?? deps.members.ensureMember({ platform: 'console', platformUserId: member.platformUserId, displayName: member.displayName })),
      ]);
      ctx = context();
      if (head === 'as') {
        const name = words.slice(1).join(' ').trim();
        if (name === '') say(m().console.currentMember(member.displayName));
        else {
          if (name.length > LIMITS.memberNameLength) throw new DomainError('INVALID_INPUT', { field: 'name', issue: 'too_long', max: LIMITS.memberNameLength });
          member = await deps.members.ensureMember({ platform: 'console', platformUserId: name, displayName: name });
          say(m().console.switched(member.displayName));
        }
      } else if (head === 'tick') {
        const at = named.at ?? words[1];
        if (at !== undefined) options.clock.set(parseTickTime(at, ctx.timezone));
        const now = options.clock.now();
        const report = await runtime.tick(now);
        say(m().console.tickDone({ at: formatDateTime(now, ctx.locale, ctx.timezone), sent: report.sent + report.viaFallback, waiting: report.waiting, other: report.claimed - report.sent - report.viaFallback - report.waiting }));
      } else if (head === 'press') {
        const label = words.slice(1).join(' ').trim();
        // The buttons of the member's latest message that had any, wherever it was printed.
        const buttons = await deps.buttons.latest(member.id);
        if (buttons.length === 0) say(m().console.noButtons);
        else {
          const wanted = label.normalize('NFKC').toLowerCase();
          const button = buttons.find((b) => b.label.normalize('NFKC').toLowerCase() === wanted || b.action === wanted);
          if (!button) say(m().console.unknownButton(label, buttons.map((b) => b.label)));
          else await show(await pressButton(buttonId(button), ctx, log));
        }
      } else {
        await show(await runCommandText({ words, options: named }, ctx, log));
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
