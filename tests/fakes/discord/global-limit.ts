/**
 * Discord's global rate limit for a bot: at most `perSecond` requests (50 unless Discord raised
 * it for the bot) in any one second. Counted over a sliding window, which is never more lenient
 * than Discord's own count whichever way its windows are aligned: a request that would make
 * `perSecond + 1` within the last 1000 ms is refused (and not counted).
 *
 * A refusal's retry-after is the time until the last second's requests have all aged out, when a
 * whole second's worth may go again: what a client (discord.js) assumes when, after a global 429,
 * it starts a fresh window of `perSecond` requests.
 */
export class GlobalLimit {
  /** When each of the last `perSecond` admitted requests came, oldest first from `next`. */
  private readonly admitted: number[] = [];
  private next = 0;
  /** Requests refused so far. */
  refused = 0;

  constructor(readonly perSecond: number) {}

  /** Admits a request at `now` (ms), or says how long until one could be admitted. */
  admit(now: number): { ok: true } | { ok: false; retryAfterMs: number } {
    if (this.admitted.length < this.perSecond) {
      this.admitted.push(now);
      return { ok: true };
    }
    const oldest = this.admitted[this.next]!;
    if (now - oldest < 1000) {
      this.refused += 1;
      const newest = this.admitted[(this.next + this.perSecond - 1) % this.perSecond]!;
      return { ok: false, retryAfterMs: newest + 1000 - now };
    }
    this.admitted[this.next] = now;
    this.next = (this.next + 1) % this.perSecond;
    return { ok: true };
  }
}

/** Discord's answer to a request over the global limit. */
export function globalLimitReply(retryAfterMs: number): { status: number; body: unknown; headers: Record<string, string> } {
  const seconds = Math.max(0.001, retryAfterMs / 1000);
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: Number(seconds.toFixed(3)), global: true },
    headers: { 'retry-after': seconds.toFixed(3), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
  };
}
