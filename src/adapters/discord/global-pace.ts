import { setTimeout as sleep } from 'node:timers/promises';
import { DefaultRestOptions, type RESTOptions } from 'discord.js';

/** Discord's global limit: a bot's requests in any one second. */
const DISCORD_GLOBAL_PER_SECOND = 50;
/** A second, and a few ms for timers that measure a little differently from performance.now(). */
const WINDOW_MS = 1005;

/**
 * Lets at most `perSecond` requests be counted in any `windowMs`, however the window is cut: each
 * waits until the answer to the one `perSecond` before it came a window ago. Counted from the
 * answer, not from the send: Discord counts a request somewhere in between, and a request that
 * took long to arrive (a new connection) must not crowd the next second. discord.js counts its
 * own global budget in windows that start with a request and begin afresh after a global 429, so
 * one window's tail and the next one's head can put more than 50 into one second; behind this,
 * they cannot.
 */
export class GlobalPace {
  /** When the answers to the last `perSecond` requests came (a promise while one is in flight), oldest at `next`. */
  private readonly slots: Promise<number>[] = [];
  private next = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly perSecond: number = DISCORD_GLOBAL_PER_SECOND,
    private readonly windowMs: number = WINDOW_MS,
  ) {}

  /** Resolves, in the order asked, when one more request may go, with the call to make once it is answered. */
  take(): Promise<() => void> {
    const turn = this.queue.then(async () => {
      if (this.slots.length === this.perSecond) {
        const until = (await this.slots[this.next]!) + this.windowMs;
        // A timer can fire up to a millisecond before its time as performance.now() counts it
        // (timers count whole milliseconds from the loop's clock): wait again until it has passed.
        while (performance.now() < until) await sleep(Math.max(1, Math.ceil(until - performance.now())));
      }
      let answered!: (at: number) => void;
      const slot = new Promise<number>((resolve) => (answered = resolve));
      if (this.slots.length < this.perSecond) this.slots.push(slot);
      else {
        this.slots[this.next] = slot;
        this.next = (this.next + 1) % this.perSecond;
      }
      return () => answered(performance.now());
    });
    this.queue = turn;
    return turn;
  }
}

/**
 * discord.js's own `makeRequest`, with every request made with the bot's token paced by `pace`;
 * requests without it (interaction callbacks, webhooks) are outside Discord's global limit.
 */
export function pacedRequests(pace: GlobalPace, makeRequest: RESTOptions['makeRequest'] = DefaultRestOptions.makeRequest): RESTOptions['makeRequest'] {
  return async (url, init) => {
    if (!new Headers(init.headers).get('authorization')?.startsWith('Bot ')) return makeRequest(url, init);
    const answered = await pace.take();
    try {
      return await makeRequest(url, init);
    } finally {
      answered();
    }
  };
}
