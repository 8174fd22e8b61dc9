import { setTimeout as sleep } from 'node:timers/promises';
import { REST, Routes, type RESTOptions } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { GlobalPace, pacedRequests } from '../../../src/adapters/discord/global-pace.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { GlobalLimit } from '../../fakes/discord/global-limit.js';

describe('the fake’s global limit', () => {
  it('refuses the request that would make 51 within any one second, and says when a whole second’s worth may go again', () => {
    const limit = new GlobalLimit(50);
    for (let t = 0; t < 50; t++) expect(limit.admit(t)).toEqual({ ok: true });
    expect(limit.admit(100)).toEqual({ ok: false, retryAfterMs: 949 });
    expect(limit.admit(999)).toMatchObject({ ok: false });
    // The first has aged out: one more may go, not 50.
    expect(limit.admit(1000)).toEqual({ ok: true });
    expect(limit.admit(1000)).toMatchObject({ ok: false });
    expect(limit.refused).toBe(3);
  });
});

describe('GlobalPace', () => {
  it('lets `perSecond` go at once, then each one window after the answer to the one that many before it', async () => {
    const pace = new GlobalPace(5, 200);
    const started = performance.now();
    const went: number[] = [];
    const answered: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const answer = await pace.take();
        went[i] = performance.now() - started;
        await sleep(30); // the request on its way and back
        answered[i] = performance.now() - started;
        answer();
      }),
    );
    expect(went.slice(0, 5).every((t) => t < 100)).toBe(true);
    for (let i = 5; i < went.length; i++) expect(went[i]! - answered[i - 5]!).toBeGreaterThanOrEqual(199);
  });

  /**
   * discord.js counts in windows that begin with a request: 30 requests, then 70 just before that
   * window ends, put 20 into it and 50 into the next at once — 70 within one second by Discord's
   * count. Paced, the same burst stays within the limit the fake Discord enforces.
   */
  it('keeps discord.js within the fake Discord’s global limit across a window boundary', async () => {
    const fake = await FakeDiscord.start({ guilds: [], globalRateLimit: 50 });
    try {
      const options: Partial<RESTOptions> = { api: fake.apiUrl, retries: 0, makeRequest: pacedRequests(new GlobalPace()) };
      const rest = new REST(options).setToken(fake.token);
      // Distinct channels: distinct discord.js buckets, so nothing queues per route.
      const burst = (from: number, n: number) => Array.from({ length: n }, (_, i) => rest.get(Routes.channel(String(700_000_000_000_000_000n + BigInt(from + i)))).catch(() => undefined));
      const first = burst(0, 30);
      await sleep(990);
      await Promise.all([...first, ...burst(30, 70)]);
      expect(fake.calls.filter((c) => c.route.startsWith('/channels/'))).toHaveLength(100);
      expect(fake.globalLimit!.refused).toBe(0);
    } finally {
      await fake.stop();
    }
  });
});
