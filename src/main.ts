import { ConsoleNotifier } from './adapters/console/console-notifier.js';
import { runConsole } from './adapters/console/console.js';
import { ShiftableClock } from './adapters/console/shiftable-clock.js';
import { DiscordBot } from './adapters/discord/discord-bot.js';
import { systemClock } from './clock.js';
import type { CommandDeps } from './commands/command.js';
import { commands } from './commands/index.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import type { Notifier } from './domain/notifier.js';
import { startHealthServer } from './health.js';
import { createLogger, type Logger } from './logger.js';
import { NudgeScheduler } from './scheduler/nudge-scheduler.js';
import { createStores, DataDirInUseError, openDatabase } from './store/index.js';

/** The composition root: configuration, logger, database, then the adapter that fits the tokens. */

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Resolves on the first SIGINT or SIGTERM. */
function shutdownSignal(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        logger.info({ signal }, 'shutting down');
        resolve();
      });
    }
  });
}

async function main(): Promise<void> {
  const config = readConfig();
  const mode = config.discord ? 'discord' : config.slack ? 'slack' : 'console';
  const logger = createLogger({ level: config.logLevel ?? (mode === 'console' ? 'warn' : 'info'), fd: mode === 'console' ? 2 : 1 });

  if (config.slack && !config.discord) {
    logger.fatal('Slack tokens are set, but this version of Kenshu has no Slack adapter yet; use Discord or the console');
    process.exitCode = 1;
    return;
  }
  if (config.slack) logger.warn('Slack tokens are set but ignored: this version of Kenshu has no Slack adapter yet');

  const database = await openDatabase('url' in config.database ? { databaseUrl: config.database.url } : { dataDir: config.database.dataDir }, logger);
  logger.info({ driver: database.driver }, 'database ready');
  const stores = createStores(database.db);
  const clock = new ShiftableClock(systemClock);
  const deps: CommandDeps = { ...stores, clock, defaultTimezone: config.defaultTimezone, flagTtlDays: config.flagTtlDays };
  const health = config.httpPort ? startHealthServer(config.httpPort, () => database.ping(), logger) : undefined;

  const scheduler = (notifier: Notifier) =>
    new NudgeScheduler({
      nudges: stores.nudges,
      members: stores.members,
      notifiers: { [notifier.platform]: notifier },
      clock,
      logger,
      defaultTimezone: config.defaultTimezone,
      defaultLocale: config.defaultLocale,
    });

  try {
    if (config.discord) {
      const bot = new DiscordBot({
        token: config.discord.token,
        commands,
        deps,
        logger,
        defaultLocale: config.defaultLocale,
        ...(config.discord.apiUrl ? { rest: { api: config.discord.apiUrl } } : {}),
      });
      const nudges = scheduler(bot.notifier);
      const stopping = shutdownSignal(logger);
      await bot.start();
      nudges.start(config.nudgeCron);
      await stopping;
      await nudges.stop();
      await bot.stop();
    } else {
      const notifier = new ConsoleNotifier(process.stdout);
      const nudges = scheduler(notifier);
      nudges.start(config.nudgeCron);
      process.once('SIGTERM', () => process.stdin.destroy());
      // Output piped into a reader that stopped (`| head`): end the session as if input ended.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        process.stdin.destroy();
      });
      try {
        await runConsole({
          notifier,
          tick: (now) => nudges.tick(now),
          clock,
          input: process.stdin,
          output: process.stdout,
          interactive: process.stdin.isTTY === true,
          deps,
          defaultLocale: config.defaultLocale,
          storage: database.driver === 'pglite' && 'dataDir' in config.database ? `PGlite (${config.database.dataDir})` : 'PostgreSQL',
          logger,
        });
      } finally {
        await nudges.stop();
      }
    }
  } finally {
    health?.close();
    await database.close();
  }
}

main().catch((error: unknown) => {
  // A known condition is told in a sentence; anything else with its stack, to be reported.
  const known = error instanceof DataDirInUseError;
  process.stderr.write(`Kenshu stopped: ${error instanceof Error ? (known ? error.message : (error.stack ?? error.message)) : String(error)}\n`);
  process.exit(1);
});
