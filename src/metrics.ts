import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CommandMetrics } from './commands/command.js';
import type { Platform } from './domain/member.js';
import type { NudgeOutcome, SchedulerMetrics } from './scheduler/nudge-scheduler.js';

/** How busy the database is: calls in flight now, and connections at most. */
export interface PoolUsage {
  /** Store calls sent and not yet answered (postgres.js has no pool statistics to ask). */
  inFlight(): number;
  /** Connections the pool may open (PostgreSQL); one for the embedded database. */
  readonly size: number;
}

export interface Metrics extends CommandMetrics, SchedulerMetrics {
  /** Served at GET /metrics. */
  readonly registry: Registry;
}

/**
 * Kenshu's Prometheus metrics, in a registry of their own (tests create several). The only module
 * that knows prom-client: the scheduler and the command path see the small interfaces they record through.
 */
export function createMetrics(pool: PoolUsage): Metrics {
  const registry = new Registry();
  // Process figures, among them nodejs_eventloop_lag_seconds: a blocked loop delays every acknowledgement.
  collectDefaultMetrics({ register: registry });
  const nudges = new Counter({ name: 'kenshu_nudges_total', help: 'Nudge stages handled, by platform, stage and outcome.', labelNames: ['platform', 'stage', 'outcome'] as const, registers: [registry] });
  const tick = new Histogram({ name: 'kenshu_scheduler_tick_seconds', help: 'How long one pass of the nudge scheduler took.', buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60], registers: [registry] });
  const claim = new Histogram({ name: 'kenshu_scheduler_claim_seconds', help: 'How long claiming one batch of due deliveries took.', buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry] });
  const command = new Histogram({
    name: 'kenshu_interaction_seconds',
    help: 'How long a command, button or form took from validation to reply, by platform and command.',
    labelNames: ['platform', 'command'] as const,
    // Discord's and Slack's 3 s are the line that matters.
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'kenshu_database_calls_in_flight',
    help: 'Store calls sent to the database and not yet answered.',
    registers: [registry],
    collect() {
      this.set(pool.inFlight());
    },
  });
  new Gauge({ name: 'kenshu_database_pool_size', help: 'Connections the database pool may open.', registers: [registry] }).set(pool.size);
  return {
    registry,
    nudgeOutcome: (platform: Platform, stage: number, outcome: NudgeOutcome) => nudges.inc({ platform, stage: String(stage), outcome }),
    tickSeconds: (seconds) => tick.observe(seconds),
    claimSeconds: (seconds) => claim.observe(seconds),
    commandSeconds: (platform, name, seconds) => command.observe({ platform, command: name }, seconds),
  };
}
