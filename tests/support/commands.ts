import pino from 'pino';
import type { CommandContext, CommandDeps, Reply, Role } from '../../src/commands/command.js';
import type { ReplyFile } from '../../src/domain/reply.js';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import type { Locale } from '../../src/domain/member.js';
import { createStores, type OpenDatabase } from '../../src/store/index.js';
import { MemoryClock } from './clock.js';
import { emptyDatabase } from './empty-database.js';
import { openMemoryDatabase } from './databases.js';

export const silentLogger = pino({ level: 'silent' });

/**
 * Embedded databases of closed harnesses, emptied and ready for the next: opening one costs
 * seconds, emptying one milliseconds, and an emptied database is what a fresh one holds.
 */
const spareDatabases: OpenDatabase[] = [];

/** Empties a harness's database and keeps it for the next; one that cannot be emptied is closed. */
async function releaseDatabase(database: OpenDatabase): Promise<void> {
  try {
    await emptyDatabase(database.db);
    spareDatabases.push(database);
  } catch {
    // Closed by the test itself (a database that broke), or in a state not worth reusing.
    await database.close().catch(() => undefined);
  }
}

/** A community on embedded PGlite with a fake clock, and a way to run commands as any member. */
export async function commandHarness(start = '2026-11-26T10:00:00+09:00') {
  const database: OpenDatabase = spareDatabases.pop() ?? (await openMemoryDatabase());
  const clock = new MemoryClock(start);
  const deps: CommandDeps = { ...createStores(database.db), clock, defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
  const community = await deps.communities.ensureCommunity({ platform: 'discord', platformCommunityId: 'guild-1', name: 'Writers' });

  async function contextFor(user: string, locale: Locale = 'en', roles: Role[] = []): Promise<CommandContext> {
    const community = await deps.communities.ensureCommunity({ platform: 'discord', platformCommunityId: 'guild-1', name: 'Writers' });
    const member = await deps.members.ensureMember({ platform: 'discord', platformUserId: user, displayName: user });
    // As an adapter does: the member's own choices first, then the platform's locale.
    return { platform: 'discord', community, member, locale: member.locale ?? locale, timezone: member.timezone ?? 'Asia/Tokyo', roles: new Set(roles), direct: false, deps };
  }

  /** Runs `/group name` with raw option values, as an adapter would after parsing. */
  async function run(path: string, raw: Record<string, unknown>, as: { user?: string; locale?: Locale; roles?: Role[] } = {}): Promise<Reply> {
    const found = findCommand(path.replace(/^\//, '').split(' '));
    if (!found) throw new Error(`no command ${path}`);
    return executeCommand(found.command, raw, await contextFor(as.user ?? 'alice', as.locale ?? 'en', as.roles), silentLogger);
  }

  /**
   * Runs `work` with the clock at `when`, then puts it back: a delivery recorded on the day it was
   * delivered, as a writer who records at once does (the waits for reports and figures count from then).
   */
  async function at<T>(when: string | Date, work: () => Promise<T>): Promise<T> {
    const now = clock.now();
    const then = typeof when === 'string' ? new Date(when) : when;
    if (then >= now) return work();
    clock.set(then);
    try {
      return await work();
    } finally {
      clock.set(now);
    }
  }

  let closed: Promise<void> | undefined;
  return { database, deps, clock, community, contextFor, run, at, close: () => (closed ??= releaseDatabase(database)) };
}

/** Everything a reply says, as one string, for assertions about its content. */
/** A reply's file as text: a test's way to read what a member would open. */
export function fileText(file: ReplyFile | undefined): string {
  if (!file) throw new Error('the reply carries no such file');
  return 'text' in file ? file.text : Buffer.from(file.bytes).toString('utf8');
}

export function replyText(reply: Reply): string {
  return [
    reply.title,
    ...(reply.lines ?? []),
    ...(reply.fields ?? []).map((f) => `${f.label}: ${f.value}`),
    ...(reply.sections ?? []).flatMap((s) => [s.heading, ...s.lines]),
    ...(reply.footer ?? []),
  ].join('\n');
}
