import type { Adapter, Runtime } from './adapters/adapter.js';
import { createConsoleAdapter } from './adapters/console/console.js';
import { systemClock } from './clock.js';
import type { CommandDeps } from './commands/command.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { startHealthServer } from './health.js';
import { createMetrics } from './metrics.js';
import { databaseCallsInFlight } from './database-deadline.js';
import { createLogger, type Logger } from './logger.js';
import { NudgeScheduler } from './scheduler/nudge-scheduler.js';
import { DigestScheduler } from './scheduler/digest-scheduler.js';
import { composeDigest } from './presenters/digest.js';
import { createStores, DataDirInUseError, openDatabase, PgDigestStore, withoutDeadlines } from './store/index.js';

/** The composition root: configuration, logger, database, then the adapters the configuration asks for. */

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

/**
 * The chat platforms whose tokens are set; the console when there are none. A platform's client
 * library is loaded only when it is used: discord.js and Bolt each take tens of MiB in memory.
 */
async function chooseAdapters(config: Config, runtime: Runtime): Promise<Adapter[]> {
  const platforms: Adapter[] = [];
  if (config.discord) {
    const { createDiscordAdapter } = await import('./adapters/discord/discord-bot.js');
    platforms.push(createDiscordAdapter(config.discord, runtime));
  }
  if (config.slack) {
    const slack = config.slack;
    const [{ createSlackAdapter }, { slackNotifier }] = await Promise.all([import('./adapters/slack/slack-bot.js'), import('./adapters/slack/slack-notifier.js')]);
    platforms.push(createSlackAdapter(slack, runtime, () => slackNotifier(slack)));
  }
  if (platforms.length > 0) return platforms;
  const storage = 'url' in config.database ? 'PostgreSQL' : `PGlite (${config.database.dataDir})`;
  return [createConsoleAdapter(runtime, { input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true, storage, exportDir: config.exportDir })];
}

async function main(): Promise<void> {
  const config = readConfig();
  const consoleOnly = !config.discord && !config.slack;
  // The console shares the terminal: logs go to stderr, and only warnings unless asked.
  const logger = createLogger({ level: config.logLevel ?? (consoleOnly ? 'warn' : 'info'), fd: consoleOnly ? 2 : 1 });

  const database = await openDatabase('url' in config.database ? { databaseUrl: config.database.url, poolSize: config.database.poolSize } : { dataDir: config.database.dataDir }, logger);
  const poolSize = 'url' in config.database ? config.database.poolSize : 1;
  logger.info({ driver: database.driver }, 'database ready');
  const stores = createStores(database.db, { deadlines: database.driver === 'postgres' });
  // The schedulers' passes take as long as their calls take: nobody waits on them.
  const background = withoutDeadlines(stores);
  const metrics = createMetrics({ inFlight: databaseCallsInFlight, size: poolSize });
  const notifiers: CommandDeps['notifiers'] = {};
  const deps: CommandDeps = { ...stores, metrics, clock: systemClock, defaultTimezone: config.defaultTimezone, defaultLocale: config.defaultLocale, flagTtlDays: config.flagTtlDays, notifiers };

  // The schedulers send through the adapters' notifiers; the console ticks them by hand with /tick.
  const runtime: Runtime = {
    deps,
    logger,
    defaultLocale: config.defaultLocale,
    // PGlite runs one query at a time on this thread: two commands at once keep it busy while one
    // waits on Slack. PostgreSQL serves as many as the pool has connections.
    workConcurrency: database.driver === 'postgres' ? poolSize : 2,
    tick: async (now) => {
      const report = await scheduler.tick(now);
      await digests.tick(now);
      return report;
    },
  };
  const adapters = await chooseAdapters(config, runtime);
  for (const adapter of adapters) notifiers[adapter.platform] = adapter.notifier;
  const platforms = () => Object.fromEntries(adapters.map((adapter) => [adapter.platform, adapter.connected?.() ?? true]));
  const health = config.httpPort ? startHealthServer({ port: config.httpPort, ping: () => database.ping(), logger, platforms, metrics: metrics.registry }) : undefined;
  const scheduler = new NudgeScheduler({
    nudges: background.nudges,
    members: background.members,
    notifiers,
    clock: systemClock,
    logger,
    defaultTimezone: config.defaultTimezone,
    defaultLocale: config.defaultLocale,
    metrics,
  });
  const digests = new DigestScheduler({
    digests: new PgDigestStore(database.db),
    notifiers,
    composeDigest: composeDigest(background),
    clock: systemClock,
    logger,
    defaultTimezone: config.defaultTimezone,
    defaultLocale: config.defaultLocale,
  });

  const started: Adapter[] = [];
  try {
    for (const adapter of adapters) {
      await adapter.start();
      started.push(adapter);
    }
    scheduler.start(config.nudgeCron);
    digests.start(config.nudgeCron);
    await Promise.race([shutdownSignal(logger), ...adapters.map((adapter) => adapter.finished)]);
  } finally {
    await scheduler.stop();
    await digests.stop();
    for (const adapter of started) await adapter.stop();
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
