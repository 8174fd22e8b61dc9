/**
 * How fast Kenshu acknowledges Slack slash commands over HTTP under load: 200 signed `/kenshu`
 * commands at once, from 200 different writers, POSTed to Kenshu's real Slack adapter (Bolt's
 * HTTP receiver on 127.0.0.1) with the Web API and every `response_url` on a Slack on loopback
 * (tests/fakes/slack), all in this process.
 *
 *   npm run bench:slack
 *
 * Ack latency is each POST's HTTP response time (Bolt answers the request when the command is
 * acknowledged); time to answer runs to the moment the fake records the reply at the command's
 * response_url. Embedded PGlite always; PostgreSQL too, in a database of its own, on the server
 * named by BENCH_DATABASE_URL (or TEST_DATABASE_URL, or the local test server when it answers).
 * Target (DESIGN.md §5): acknowledged within 100 ms p99 at 200 concurrent. A report: it exits 0
 * whether or not the target is met, 1 on an error.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { SlackBot } from '../src/adapters/slack/slack-bot.js';
import { slackNotifier } from '../src/adapters/slack/slack-notifier.js';
import { systemClock } from '../src/clock.js';
import type { CommandDeps } from '../src/commands/command.js';
import { createLogger } from '../src/logger.js';
import { createStores, openDatabase, type OpenDatabase } from '../src/store/index.js';
import { FakeSlack } from '../tests/fakes/slack/fake-slack.js';
import { formBody, signedRequest } from '../tests/fakes/slack/payloads.js';
import { createBenchDatabase, dropBenchDatabase, runBench, type BenchRun } from './bench-database.js';

const CONCURRENT = Number(process.env.BENCH_CONCURRENCY ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_P99_MS = 100;
const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';
const SECRET = 'kenshu-bench-signing-secret-not-a-secret';
const CHANNEL = 'C0GENERAL';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const sortedCopy = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const userId = (i: number) => `U${String(i).padStart(9, '0')}`;

/** One burst's figures: per command, the ack and answer latencies; for the burst, the event loop's p99 delay. */
interface Burst {
  acks: number[];
  answers: number[];
  loopP99: number;
}

/** A busy evening's mix: recording deliveries, listing them, checking reminders. */
function commandText(i: number, round: number): string {
  switch (i % 3) {
    case 0:
      return `deliver new client:"Client ${i % 40}" title:"Article ${round}-${i}" marketplace:crowdworks`;
    case 1:
      return 'deliver list';
    default:
      return 'remind list';
  }
}

async function burst(fake: FakeSlack, eventsUrl: string, round: number): Promise<Burst> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const sent = await Promise.all(
    Array.from({ length: CONCURRENT }, async (_, i) => {
      const payload = fake.slashCommand({ command: '/kenshu', text: commandText(i, round), user: userId(i), channel: CHANNEL });
      const body = formBody(payload);
      const sentAt = Date.now();
      const start = performance.now();
      const res = await fetch(eventsUrl, { method: 'POST', headers: signedRequest(body, SECRET), body });
      const ack = performance.now() - start;
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`Kenshu answered a slash command with HTTP ${res.status}`);
      return { id: payload.response_url!.split('/respond/')[1]!, sentAt, ack };
    }),
  );
  await fake.waitFor(() => sent.every((s) => fake.respondedAt(s.id) !== undefined), 60_000);
  loop.disable();
  return {
    acks: sent.map((s) => s.ack),
    answers: sent.map((s) => fake.respondedAt(s.id)! - s.sentAt),
    loopP99: loop.percentile(99) / 1e6,
  };
}

/** Warm-up and `ROUNDS` measured bursts against Kenshu on `database`; prints the figures and returns the overall ack p99. */
async function measure(label: string, database: OpenDatabase): Promise<number> {
  const fake = await FakeSlack.start({ users: Array.from({ length: CONCURRENT }, (_, i) => ({ id: userId(i), name: `writer${i}`, locale: 'en-US' })) });
  const deps: CommandDeps = { ...createStores(database.db), clock: systemClock, defaultTimezone: 'Asia/Tokyo', defaultLocale: 'en', flagTtlDays: 365, notifiers: {} };
  const bot = new SlackBot({
    botToken: fake.botToken,
    signingSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
    deps,
    logger: createLogger({ level: 'warn', fd: 2 }),
    defaultLocale: 'en',
    makeNotifier: () => slackNotifier({ botToken: fake.botToken, apiUrl: fake.apiUrl }),
  });
  try {
    await bot.start();
    const eventsUrl = bot.eventsUrl!;
    console.log(`\n## ${label}`);
    // Warm-up, not measured: one burst of the same size, so the JIT, the connection pool and the
    // cache of what Slack says about each writer are as in a Kenshu that has been running a while.
    await burst(fake, eventsUrl, -1);
    const all: Burst = { acks: [], answers: [], loopP99: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const b = await burst(fake, eventsUrl, round);
      const acks = sortedCopy(b.acks);
      const answers = sortedCopy(b.answers);
      console.log(
        `  round ${round + 1}: ack median ${ms(percentile(acks, 50))}, p99 ${ms(percentile(acks, 99))}; ` +
          `answer median ${ms(percentile(answers, 50))}, p99 ${ms(percentile(answers, 99))}; event-loop delay p99 ${ms(b.loopP99)}`,
      );
      all.acks.push(...b.acks);
      all.answers.push(...b.answers);
      all.loopP99 = Math.max(all.loopP99, b.loopP99);
    }
    const acks = sortedCopy(all.acks);
    const answers = sortedCopy(all.answers);
    console.log('');
    console.log(`| ${label}: ${CONCURRENT} concurrent × ${ROUNDS} | median | p95 | p99 | max |`);
    console.log('|---|---|---|---|---|');
    console.log(`| ack (HTTP response) | ${ms(percentile(acks, 50))} | ${ms(percentile(acks, 95))} | ${ms(percentile(acks, 99))} | ${ms(acks.at(-1)!)} |`);
    console.log(`| answer (response_url) | ${ms(percentile(answers, 50))} | ${ms(percentile(answers, 95))} | ${ms(percentile(answers, 99))} | ${ms(answers.at(-1)!)} |`);
    console.log(`event-loop delay p99 during the bursts: worst round ${ms(all.loopP99)}`);
    const p99 = percentile(acks, 99);
    console.log(`${p99 < TARGET_P99_MS ? 'MET' : 'NOT MET'}  acknowledged within ${TARGET_P99_MS} ms p99: ${ms(p99)}`);
    console.log(`${percentile(answers, 99) < 3000 ? 'MET' : 'NOT MET'}  answered within Slack's 3 s: p99 ${ms(percentile(answers, 99))}`);
    return p99;
  } finally {
    await bot.stop().catch(() => undefined);
    await fake.stop();
  }
}

/** The PostgreSQL server to use, and whether it was asked for (then failing to reach it is an error). */
function postgresServer(): { url: string; explicit: boolean } {
  const named = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  return { url: named || DEFAULT_SERVER_URL, explicit: Boolean(named) };
}

async function main(run: BenchRun): Promise<void> {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown cpu';
  console.log(`Kenshu Slack benchmark: ${ROUNDS} rounds of ${CONCURRENT} concurrent signed slash commands over HTTP (deliver new / deliver list / remind list), after a warm-up`);
  console.log(`machine: ${availableParallelism()} cores (${cpu}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; Node ${process.version}`);
  const results: string[] = [];

  const pglite = await openDatabase({ memory: true });
  try {
    results.push(`PGlite (embedded): ack p99 ${ms(await measure('PGlite (embedded)', pglite))}`);
  } finally {
    await pglite.close();
  }

  const server = postgresServer();
  const host = new URL(server.url);
  let created: { name: string; url: string };
  try {
    created = await createBenchDatabase(server.url);
  } catch (error) {
    if (server.explicit) throw error;
    console.log(`\nPostgreSQL: skipped (no server answers at ${host.hostname}:${host.port || 5432}; set BENCH_DATABASE_URL to name one)`);
    created = { name: '', url: '' };
  }
  if (created.name) {
    let database: OpenDatabase | undefined;
    run.cleanup = async () => {
      await database?.close().catch(() => undefined);
      await dropBenchDatabase(server.url, created.name);
    };
    try {
      database = await openDatabase({ databaseUrl: created.url });
      const label = `PostgreSQL (${host.hostname}:${host.port || 5432}, database ${created.name})`;
      results.push(`${label}: ack p99 ${ms(await measure(label, database))}`);
    } finally {
      await run.cleanup();
      run.cleanup = undefined;
    }
  }

  console.log('\n## Summary');
  for (const line of results) console.log(`  ${line}`);
}

runBench('bench:slack', main, (error): error is Error => error instanceof Error && 'code' in error);
