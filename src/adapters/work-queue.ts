/**
 * The work a chat adapter still has to do once it has acknowledged an interaction: run a few at a
 * time, each started from a macrotask of its own.
 *
 * Why: a burst of acknowledged commands that all start their database work at once becomes one
 * long chain of microtasks (PGlite runs queries synchronously on the main thread, and resolved
 * promises chain without going back to the event loop's poll phase), so the HTTP server does not
 * read, or acknowledge, the next requests until the whole burst is done. Started with setImmediate
 * and bounded to what the database can serve at once (PGlite one query at a time, PostgreSQL its
 * pool), the work lets new requests in between jobs, and waits in a queue rather than in the
 * database driver.
 *
 * A small class rather than p-queue/p-limit: those start queued work in a microtask, which is the
 * very thing to avoid here, and are only in node_modules as other packages' dependencies.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];

  /** `concurrency`: how many jobs run at once (at least 1). */
  constructor(readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`WorkQueue concurrency must be a whole number ≥ 1, not ${concurrency}`);
  }

  /** Jobs queued or running. */
  get size(): number {
    return this.running + this.waiting.length;
  }

  /** Queues `job`; it starts in a later macrotask, when fewer than `concurrency` jobs run. Settles as the job does. */
  run<T>(job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        setImmediate(() => {
          // Through then, so a job that throws before its first await rejects like one that fails later.
          Promise.resolve()
            .then(job)
            .then(resolve, reject)
            .finally(() => {
              this.running--;
              this.pump();
            });
        });
      });
      this.pump();
    });
  }

  /** Resolves once nothing is queued or running (when an adapter stops). */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      this.running++;
      this.waiting.shift()!();
    }
    if (this.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
