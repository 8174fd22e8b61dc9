import cron, { type ScheduledTask } from 'node-cron';
import { inBackground } from '../database-deadline.js';

/**
 * node-cron's part of a scheduler: a pass on a schedule, never two at once in one process (a call
 * while one runs shares it), and a stop that waits for the pass running. What is due is never
 * node-cron's business: each pass reads it from the database. A pass's store calls have no
 * deadline: nobody is waiting on them, and a claim that runs out brings its deliveries back.
 */
export class Ticker<R> {
  private task: ScheduledTask | undefined;
  private running: Promise<R> | undefined;

  constructor(
    private readonly name: string,
    private readonly pass: (now: Date | undefined) => Promise<R>,
    private readonly passed: (report: R) => void,
  ) {}

  tick(now?: Date): Promise<R> {
    this.running ??= inBackground(() => this.pass(now)).finally(() => (this.running = undefined));
    return this.running;
  }

  start(expression: string): void {
    this.task = cron.schedule(expression, async () => this.passed(await this.tick()), { name: this.name, noOverlap: true });
  }

  async stop(): Promise<void> {
    await this.task?.destroy();
    this.task = undefined;
    await this.running?.catch(() => undefined);
  }
}
