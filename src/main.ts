import { ConsoleNotifier } from './adapters/console/console-notifier.js';
import { runConsole } from './adapters/console/console.js';
import { ShiftableClock } from './adapters/console/shiftable-clock.js';
import { systemClock } from './clock.js';
import type { CommandDeps } from './commands/command.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { startHealthServer } from './health.js';
import { createLogger } from './logger.js';
import { NudgeScheduler } from './scheduler/nudge-scheduler.js';
import { createStores, openDatabase } from './store/index.js';

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

async function main(): Promise<void> {
  const config = readConfig();
  const platform = config.discord ? 'discord' : config.slack ? 'slack' : 'console';
  const logger = createLogger({ level: config.logLevel ?? (platform === 'console' ? 'warn' : 'info'), fd: platform === 'console' ? 2 : 1 });

  if (platform !== 'console') {
    logger.fatal({ platform }, `${platform} tokens are set, but this version of Kenshu has no ${platform} adapter yet; unset them to use the console`);
    process.exitCode = 1;
    return;
  }

  const database = await openDatabase('url' in config.database ? { databaseUrl: config.database.url } : { dataDir: config.database.dataDir }, logger);
  logger.info({ driver: database.driver }, 'database ready');
  const stores = createStores(database.db);
  const clock = new ShiftableClock(systemClock);
  const deps: CommandDeps = { ...stores, clock, defaultTimezone: config.defaultTimezone };
  const health = config.httpPort ? startHealthServer(config.httpPort, () => database.ping(), logger) : undefined;

  const notifier = new ConsoleNotifier(process.stdout);
  const scheduler = new NudgeScheduler({
    nudges: stores.nudges,
    members: stores.members,
    notifiers: { console: notifier },
    clock,
    logger,
    defaultTimezone: config.defaultTimezone,
    defaultLocale: config.defaultLocale,
  });
  scheduler.start(config.nudgeCron);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await scheduler.stop();
    health?.close();
    await database.close();
  };
  process.once('SIGTERM', () => process.stdin.destroy());

  try {
    await runConsole({
      notifier,
      tick: (now) => scheduler.tick(now),
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
    await stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Kenshu stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
