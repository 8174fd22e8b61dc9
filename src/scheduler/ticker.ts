import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';

/**
 * node-cron's logger, written through ours: a pass that throws, a listener that throws, a pass
 * still running when the next is due, a missed run. Left alone, node-cron writes these to the
 * console with its own prefix, where neither redaction nor a log collector sees them.
 */
function cronLogger(log: Logger): CronLogger {
  const withError = (level: 'error' | 'debug') => (message: string | Error, err?: Error) => {
    if (message instanceof Error) log[level]({ err: message }, 'scheduled pass failed');
    else if (err !== undefined) log[level]({ err }, message);
    else log[level](message);
  };
  return { info: (message) => log.info(message), warn: (message) => log.warn(message), error: withError('error'), debug: withError('debug') };
}

/**
 * node-cron's part of a scheduler: a pass on a schedule, never two at once in one process (a call
 * while one runs shares it), and a stop that waits for the pass running. What is due is never
 * node-cron's business: each pass reads it from the database. A pass's store calls have no
 * deadline: nobody is waiting on them, and a claim that runs out brings its deliveries back.
 */
export class Ticker<R> {
  private task: ScheduledTask | undefined;
  private running: Promise<R> | undefined;
  private readonly log: Logger;

  constructor(
    private readonly name: string,
    log: Logger,
    private readonly pass: (now: Date | undefined) => Promise<R>,
    private readonly passed: (report: R) => void,
  ) {
    this.log = log.child({ cron: name });
  }

  tick(now?: Date): Promise<R> {
    this.running ??= this.pass(now).finally(() => (this.running = undefined));
    return this.running;
  }

  start(expression: string): void {
    this.task = cron.schedule(expression, async () => this.passed(await this.tick()), { name: this.name, noOverlap: true, logger: cronLogger(this.log) });
  }

  async stop(): Promise<void> {
    await this.task?.destroy();
    this.task = undefined;
    await this.running?.catch(() => undefined);
  }
}
