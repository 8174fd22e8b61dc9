/**
 * Drain benchmark: how long Kenshu takes to work through a backlog of 10,000 due nudges to 10,000
 * distinct writers on Discord, where every request counts against the bot's global limit of 50
 * requests a second.
 *
 *   npm run bench:drain
 *   BENCH_NUDGES=500 npm run bench:drain
 *
 * The real NudgeScheduler sends through the real DiscordNotifier and discord.js client (REST and
 * gateway, paced as DiscordBot paces it: src/adapters/discord/global-pace.ts) to the fake Discord on 127.0.0.1, which enforces the global limit over a sliding
 * second (tests/fakes/discord/global-limit.ts) and counts every request. The database is a
 * PostgreSQL database of the run's own on BENCH_DATABASE_URL (or TEST_DATABASE_URL, or the local
 * test server), dropped afterwards. Two phases, each on one fresh due delivery per writer and with
 * a fresh Discord client (a new process, as far as discord.js's caches go):
 *
 *   1. first time: no DM channel known; each nudge opens the writer's channel, then posts:
 *      2 requests, so the floor is nudges × 2 / 50 s;
 *   2. channels known (kept by phase 1 in members.dm_channel_id): 1 request, floor nudges / 50 s.
 *
 * Scheduler settings: its defaults (batch 100, DEFAULT_CONCURRENCY nudges worked on, of which the
 * Discord notifier takes its maxInFlight at once; a 60 s lease) and a clock that
 * runs in real time from a Thursday noon in Tokyo. Ticks run back to back until one claims
 * nothing. In production NUDGE_CRON starts a tick each minute and skips a minute while one runs;
 * one tick sends at most 50 rounds of a batch (5,000 nudges), so a backlog this size takes a few
 * ticks, and production adds up to a minute between one tick's end and the next start: printed
 * as the worst case besides the measured time.
 *
 * BENCH_LATENCY_MS (default 0) adds that much to every answer of the fake. A report, not a test:
 * a missed target exits 0; an error, a duplicate, a global 429 or a missing nudge exits 1.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import type { Sql } from 'postgres';
import { DiscordBot } from '../src/adapters/discord/discord-bot.js';
import { DiscordNotifier } from '../src/adapters/discord/discord-notifier.js';
import type { CommandDeps } from '../src/commands/command.js';
import { commands } from '../src/commands/index.js';
import type { Clock } from '../src/domain/clock.js';
import { DEFAULT_CONCURRENCY, NudgeScheduler, type TickReport } from '../src/scheduler/nudge-scheduler.js';
import { createStores, type OpenDatabase } from '../src/store/index.js';
import { FakeDiscord } from '../tests/fakes/discord/fake-discord.js';
import { addReport, emptyReport } from '../tests/scheduler/due-nudges.js';
import { ownBenchDatabase, runBench, type BenchRun } from './bench-database.js';
import { seedReferenceData } from './bench-seed.js';

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';
const DEFAULT_NUDGES = 10_000;
const CLIENTS = 1_000;
/** Discord's global limit for a bot. */
const GLOBAL_PER_SECOND = 50;
const BATCH = 100;
const CONCURRENCY = DEFAULT_CONCURRENCY;
const LEASE_MS = 60_000;
const ROUNDS_PER_TICK = 50;
const TARGET_RATIO = 1.2;
const TZ = 'Asia/Tokyo';
/** Thursday 12:00 in Tokyo: outside the default quiet hours for the whole run. */
const START = new Date('2026-11-26T03:00:00.000Z');
/** CrowdWorks, funded escrow, delivered 3.5 days before: its first stage is due. */
const DELIVERED = new Date(START.getTime() - 3.5 * 24 * 60 * 60 * 1000);
/** Writers' Discord ids: snowflakes, this plus the member id. */
const USER_ID_BASE = 400_000_000_000_000_000n;
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDIx.kenshu.bench-token-not-a-secret';
/** discord.js's own pace (its default: Discord's limit); BENCH_PACE to try another. */
const PACE = Number(process.env.BENCH_PACE ?? GLOBAL_PER_SECOND);

const silent = pino({ level: 'silent' });
const log = (line: string) => console.log(line);
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const loadLine = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (${availableParallelism()} cpus)`;

class BenchError extends Error {}

/** Real time, from START: leases run out as they would in production. */
function runningClock(): Clock {
  const origin = performance.now();
  return { now: () => new Date(START.getTime() + (performance.now() - origin)) };
}

function parseCount(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_NUDGES;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 10 || n > 100_000) throw new BenchError(`BENCH_NUDGES: "${raw}" is not a whole number in 10..100000`);
  return n;
}

/**
 * Replaces every delivery with one fresh delivery per writer, its first stage due now. Ids go on
 * from the phase before, so each phase's nudges have keys (nonces) of their own.
 */
async function seedDue(sql: Sql): Promise<void> {
  await sql`truncate deliveries cascade`;
  await sql`
    insert into deliveries (writer_id, community_id, number, client_id, title, marketplace, amount_minor, currency, delivered_at, escrow, next_nudge_at)
    select m.id, 1, 1, 1 + (m.id % ${CLIENTS}::int), '記事 ' || m.id, 'crowdworks', 5000, 'JPY', ${DELIVERED}, 'funded', ${new Date(START.getTime() - 60_000)}
    from members m`;
  await sql`vacuum (analyze) deliveries`;
}

interface PhaseResult {
  label: string;
  floorS: number;
  ms: number;
  ticks: number;
  report: TickReport;
  requests: number;
  byKind: Record<string, number>;
  global429: number;
  other429: number;
  sent: number;
  duplicates: number;
  missing: number;
}

const requestKind = (method: string, route: string) =>
  method === 'POST' && route === '/users/@me/channels' ? 'open' : /^\/channels\/[^/]+\/messages$/.test(route) ? `${method === 'POST' ? 'post' : 'history'}` : 'other';

async function runPhase(label: string, fake: FakeDiscord, { bench, sql }: { bench: OpenDatabase; sql: Sql }, count: number, requestsPerNudge: number): Promise<PhaseResult> {
  await seedDue(sql);
  const deps = { clock: runningClock(), defaultTimezone: TZ, flagTtlDays: 365, notifiers: {} } as unknown as CommandDeps;
  // A client of its own: nothing cached from the phase before, as after a restart.
  const bot = new DiscordBot({ token: fake.token, commands, deps, logger: silent, defaultLocale: 'ja', rest: { api: fake.apiUrl, globalRequestsPerSecond: PACE } });
  await bot.start();
  try {
    // As main.ts gives the schedulers theirs: a pass's calls take as long as they take.
    const stores = createStores(bench.db, { deadlines: false });
    const scheduler = new NudgeScheduler({
      nudges: stores.nudges,
      members: stores.members,
      notifiers: { discord: bot.notifier },
      clock: runningClock(),
      logger: silent,
      defaultTimezone: TZ,
      defaultLocale: 'ja',
      batchSize: BATCH,
      concurrency: CONCURRENCY,
      leaseMs: LEASE_MS,
    });
    // discord.js paces itself in windows that start with a request: let the login's calls age out.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const fromCall = fake.calls.length;
    const fromMessage = fake.messages.length;
    const refusedBefore = fake.globalLimit!.refused;
    const report = emptyReport();
    let ticks = 0;
    const started = performance.now();
    for (;;) {
      const r = await scheduler.tick();
      if (r.claimed === 0) break;
      ticks++;
      addReport(report, r);
      log(`  tick ${ticks}: ${fmtInt(r.claimed)} claimed, ${fmtInt(r.sent)} sent, ${r.retrying} retrying, ${r.errors} errors; ${((performance.now() - started) / 1000).toFixed(1)} s  [${loadLine()}]`);
      if (r.errors > 0) throw new BenchError(`${label}: a tick reported ${r.errors} errors`);
    }
    const ms = performance.now() - started;
    const calls = fake.calls.slice(fromCall);
    const byKind: Record<string, number> = {};
    for (const c of calls) byKind[requestKind(c.method, c.route)] = (byKind[requestKind(c.method, c.route)] ?? 0) + 1;
    const global429 = fake.globalLimit!.refused - refusedBefore;
    const messages = fake.messages.slice(fromMessage);
    const keys = new Set(messages.map((m) => String(m.nonce)));
    return {
      label,
      floorS: (count * requestsPerNudge) / GLOBAL_PER_SECOND,
      ms,
      ticks,
      report,
      requests: calls.length,
      byKind,
      global429,
      other429: calls.filter((c) => c.status === 429).length - global429,
      sent: keys.size,
      duplicates: messages.length - keys.size,
      missing: count - keys.size,
    };
  } finally {
    await bot.stop();
  }
}

function print(p: PhaseResult): void {
  const s = p.ms / 1000;
  const ratio = s / p.floorS;
  const kinds = Object.entries(p.byKind)
    .map(([k, n]) => `${k} ${fmtInt(n)}`)
    .join(', ');
  log(`${p.label}:`);
  log(`  time to drain        ${s.toFixed(1)} s in ${p.ticks} ticks (with NUDGE_CRON each minute: up to ${(s + 60 * Math.max(0, p.ticks - 1)).toFixed(0)} s)`);
  log(`  nudges/s             ${(p.sent / s).toFixed(2)} (${fmtInt(p.sent)} sent)`);
  log(`  requests per nudge   ${(p.requests / Math.max(1, p.sent)).toFixed(3)} (${fmtInt(p.requests)} requests: ${kinds})`);
  log(`  429s                 global ${p.global429}, other ${p.other429}`);
  log(`  duplicates           ${p.duplicates}; missing ${p.missing}; retrying ${p.report.retrying}; failed ${p.report.failed}; unreachable ${p.report.unreachable}`);
  log(`  floor                ${p.floorS.toFixed(1)} s; ratio ${ratio.toFixed(3)}×`);
}

async function main(run: BenchRun): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_SERVER_URL;
  const count = parseCount(process.env.BENCH_NUDGES);
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 0);
  const { created, bench, sql } = await ownBenchDatabase(run, serverUrl, log);
  const fake = await FakeDiscord.start({ token: TOKEN, guilds: [], globalRateLimit: GLOBAL_PER_SECOND, ...(latencyMs > 0 ? { latencyMs } : {}) });
  try {
    const [version] = await sql<{ server_version: string }[]>`show server_version`;
    log(`Kenshu drain benchmark — PostgreSQL ${version?.server_version ?? '?'}, database ${created.name}; fake Discord at ${fake.apiUrl}, global limit ${GLOBAL_PER_SECOND}/s, latency ${latencyMs} ms; discord.js paced at ${PACE}/s`);
    log(`${fmtInt(count)} due nudges to as many writers; ${cpus()[0]?.model ?? '?'}, Node ${process.versions.node}; ${loadLine()}`);
    log(`scheduler: batch ${BATCH}, ${CONCURRENCY} nudges worked on, ${DiscordNotifier.MAX_IN_FLIGHT} sends handed to Discord at once, lease ${LEASE_MS / 1000} s, at most ${ROUNDS_PER_TICK} rounds a tick; ticks back to back`);
    await seedReferenceData(sql, count, CLIENTS);
    await sql`update members set platform_user_id = (${USER_ID_BASE.toString()}::numeric + id)::text`;

    log('');
    const first = await runPhase('Phase 1, first time (open the DM channel, then post)', fake, { bench, sql }, count, 2);
    print(first);
    const [kept] = await sql<{ n: number }[]>`select count(*)::int as n from members where dm_channel_id is not null`;
    log(`  DM channels kept     ${fmtInt(kept?.n ?? 0)} of ${fmtInt(count)}`);
    log('');
    const second = await runPhase('Phase 2, channels known (fresh client, ids from the database)', fake, { bench, sql }, count, 1);
    print(second);
    const ratio = second.ms / 1000 / second.floorS;
    log('');
    log(`Target: phase 2 within ${TARGET_RATIO}× of its floor (${(second.floorS * TARGET_RATIO).toFixed(0)} s): ${ratio <= TARGET_RATIO ? 'MET' : 'NOT MET'} (${ratio.toFixed(3)}×); ${loadLine()}`);

    const failures = [first, second].flatMap((p) => [
      ...(p.duplicates > 0 ? [`${p.label}: ${p.duplicates} duplicates`] : []),
      ...(p.missing > 0 ? [`${p.label}: ${p.missing} not sent`] : []),
      ...(p.global429 > 0 ? [`${p.label}: ${p.global429} global 429s`] : []),
    ]);
    if ((kept?.n ?? 0) !== count) failures.push(`${fmtInt(kept?.n ?? 0)} DM channels kept of ${fmtInt(count)}`);
    if (failures.length > 0) throw new BenchError(failures.join('; '));
  } finally {
    await fake.stop();
    if (!run.interrupted) await run.cleanup?.();
  }
}

runBench('bench-drain', main, (error): error is BenchError => error instanceof BenchError);
