import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer } from '../src/health.js';
import { createMetrics } from '../src/metrics.js';
import { NudgeScheduler } from '../src/scheduler/nudge-scheduler.js';
import { commandHarness, silentLogger } from './support/commands.js';
import { RecordingNotifier } from './support/recording-notifier.js';

describe('GET /metrics', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('shows nudges by platform, stage and outcome, tick and claim durations, interaction latency, database load and event-loop lag', async () => {
    const h = await commandHarness('2026-11-02T12:00:00+09:00');
    cleanups.push(() => h.close());
    const metrics = createMetrics({ inFlight: () => 0, size: 1 });
    h.deps.metrics = metrics;
    const notifier = new RecordingNotifier('discord', h.clock);
    const scheduler = new NudgeScheduler({ nudges: h.deps.nudges, members: h.deps.members, notifiers: { discord: notifier }, clock: h.clock, logger: silentLogger, defaultTimezone: 'Asia/Tokyo', defaultLocale: 'en', metrics });

    await h.run('/deliver new', { client: 'Metered Co', title: 'Counted', marketplace: 'direct' });
    // A day at a time until the first nudge goes out.
    for (let day = 0; day < 30 && notifier.messages.length === 0; day++) {
      h.clock.set(new Date(h.clock.now().getTime() + 86_400_000));
      await scheduler.tick();
    }
    expect(notifier.messages).toHaveLength(1);

    const server = startHealthServer({ port: 0, ping: () => Promise.resolve(), logger: silentLogger, metrics: metrics.registry });
    cleanups.push(() => server.close());
    await new Promise((resolve) => server.once('listening', resolve));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();

    expect(text).toMatch(new RegExp(`^kenshu_nudges_total\\{platform="discord",stage="${notifier.messages[0]!.stage}",outcome="sent"\\} 1$`, 'm'));
    expect(text).toMatch(/^kenshu_scheduler_tick_seconds_count \d+$/m);
    expect(text).toMatch(/^kenshu_scheduler_claim_seconds_count \d+$/m);
    expect(text).toMatch(/^kenshu_interaction_seconds_count\{platform="discord",command="\/deliver new"\} 1$/m);
    expect(text).toMatch(/^kenshu_database_calls_in_flight 0$/m);
    expect(text).toMatch(/^kenshu_database_pool_size 1$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('each registry is its own: two can be created side by side', () => {
    const a = createMetrics({ inFlight: () => 0, size: 1 });
    const b = createMetrics({ inFlight: () => 0, size: 1 });
    expect(a.registry).not.toBe(b.registry);
  });
});
