import { PassThrough } from 'node:stream';
import type { Runtime } from '../../src/adapters/adapter.js';
import { createConsoleAdapter } from '../../src/adapters/console/console.js';
import type { CommandDeps } from '../../src/commands/command.js';
import type { Clock } from '../../src/domain/clock.js';
import type { Locale } from '../../src/domain/member.js';
import { NudgeScheduler } from '../../src/scheduler/nudge-scheduler.js';
import type { Stores } from '../../src/store/index.js';
import { silentLogger } from './commands.js';

/**
 * Plays `lines` as a piped script through the console adapter in this process, composed as
 * main.ts does it: a new adapter, scheduler and notifier on the given stores, as a new `npm start`
 * would be. Returns the transcript: the welcome, then each command's block after `› `.
 */
export async function playConsole(setup: { stores: Stores; clock: Clock; locale: Locale; exportDir: string }, lines: readonly string[]): Promise<string[]> {
  const { stores, clock, locale } = setup;
  const deps: CommandDeps = { ...stores, clock, defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
  // As main.ts does: commands reach members through the adapter's notifier once it exists.
  const input = new PassThrough();
  const output = new PassThrough();
  let transcript = '';
  output.setEncoding('utf8').on('data', (d: string) => (transcript += d));
  const runtime: Runtime = { deps, logger: silentLogger, defaultLocale: locale, tick: (now) => scheduler.tick(now) };
  const adapter = createConsoleAdapter(runtime, { input, output, interactive: false, storage: 'test', exportDir: setup.exportDir });
  deps.notifiers.console = adapter.notifier;
  const scheduler = new NudgeScheduler({ nudges: stores.nudges, members: stores.members, notifiers: { console: adapter.notifier }, clock, logger: silentLogger, defaultTimezone: 'Asia/Tokyo', defaultLocale: locale });
  await adapter.start();
  input.end(lines.map((l) => `${l}\n`).join(''));
  await adapter.finished;
  await adapter.stop();
  const start = transcript.indexOf('\n› ');
  return [transcript.slice(0, start), ...transcript.split('\n› ').slice(1)];
}
