import { setTimeout as sleep } from 'node:timers/promises';
import { DefaultRestOptions, type RESTOptions } from 'discord.js';

/** Discord's global limit: a bot's requests in any one second. */
const DISCORD_GLOBAL_PER_SECOND = 50;
/**
 * Kept between a request and the one `perSecond` after it beyond the second, for the jitter between
 * when a request leaves and when Discord counts it: discord.js's own default `offset`.
 */
const MARGIN_MS = 50;

/**
 * Lets at most `perSecond` requests go in any `windowMs`, however the window is cut: each waits
 * until the one `perSecond` before it is a window (and a margin) old. discord.js counts its
 * global budget in windows that start with a request and begin afresh once one has passed, so a
 * window's last requests and the next one's first can come closer than Discord counts; and after
 * a global 429 it sends a whole window's worth at once. Behind this, neither happens.
 */
export class GlobalPace {
  /** When each of the last `perSecond` requests went, oldest at `next`. */
  private readonly sent: number[] = [];
  private next = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number = DISCORD_GLOBAL_PER_SECOND,
    private readonly windowMs: number = 1000 + MARGIN_MS,
  ) {}

  /** Resolves when one more request may go, in the order asked. */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      if (this.sent.length === this.perSecond) {
        const wait = this.sent[this.next]! + this.windowMs - performance.now();
        if (wait > 0) await sleep(wait);
      }
      const now = performance.now();
      if (this.sent.length < this.perSecond) this.sent.push(now);
      else {
        this.sent[this.next] = now;
        this.next = (this.next + 1) % this.perSecond;
      }
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
    const headers = new Headers(init.headers);
    if (headers.get('authorization')?.startsWith('Bot ')) await pace.take();
    return makeRequest(url, init);
  };
}
