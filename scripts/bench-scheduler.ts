/**
 * Scheduler benchmark: how long one nudge tick's claim takes as the deliveries table grows.
 *
 *   npm run bench:scheduler
 *   BENCH_SIZES=10000,100000 npm run bench:scheduler
 *
 * It creates a database of its own on the server named by BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL, or the local test server), runs the migrations, grows the deliveries table
 * size by size with realistic data (about 20 % waiting for a future nudge, 80 % finished), and
 * times the real PgNudgeStore.claimDue over postgres.js:
 *
 *   - empty tick:     nothing is due, the claim finds nothing;
 *   - claim-100 tick: exactly 100 deliveries are due (set up outside the timed section).
 *
 * The database is dropped at the end, on error and on Ctrl-C. The targets are a report: missing
 * them still exits 0; an error (or a claim that does not take exactly 100) exits non-zero.
 */
import { randomInt } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { asc, inArray, lte } from 'drizzle-orm';
import { createBenchDatabase, dropBenchDatabase, runBench, type BenchRun } from './bench-database.js';
import { seedReferenceData } from './bench-seed.js';
import postgres from 'postgres';
import { createStores, openDatabase, type OpenDatabase } from '../src/store/index.js';
import { deliveries } from '../src/store/schema.js';

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];

const MEMBERS = 300;
const CLIENTS = 3_000;
/** Rows inserted per statement while seeding, so progress can be shown. */
const SEED_CHUNK = 250_000;

const BATCH = 100;
const LEASE_MS = 60_000;
const EMPTY_WARMUP = 50;
const EMPTY_RUNS = 500;
/** Empty ticks again after the claim-100 runs, with the dead index entries those claims left. */
const CHURN_EMPTY_RUNS = 200;
const CLAIM_WARMUP = 20;
const CLAIM_RUNS = 200;

const TARGET_EMPTY_MS = 1;
const TARGET_CLAIM_P99_MS = 10;
/** "Flat": the largest size's median is within this factor of the smallest's (plus a noise allowance). */
const FLAT_FACTOR = 1.5;
const FLAT_NOISE_MS = 0.25;

type Sql = postgres.Sql;

interface Result {
  size: number;
  emptyMedian: number;
  emptyP99: number;
  claimMedian: number;
  claimP99: number;
  /** The claim and then loading what the claimed deliveries need to be sent, two statements (informational). */
  loadMedian: number;
  loadP99: number;
  /** claimDue: the claim and the load in one statement, as the scheduler runs them (informational). */
  oneMedian: number;
  oneP99: number;
  churnMedian: number;
  churnP99: number;
  deadTuples: number;
  plan: string;
}

class BenchError extends Error {}

function parseSizes(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === '') return DEFAULT_SIZES;
  const sizes = raw.split(',').map((part) => {
    const text = part.trim().replaceAll('_', '');
    if (!/^\d+$/.test(text)) throw new BenchError(`BENCH_SIZES: "${part}" is not a whole number`);
    const size = Number(text);
    if (size < 1_000 || size > 50_000_000) throw new BenchError(`BENCH_SIZES: ${size} is outside 1000..50000000`);
    return size;
  });
  return [...new Set(sizes)].sort((a, b) => a - b);
}

const fmtInt = (n: number) => n.toLocaleString('en-US');
const fmtMs = (ms: number) => `${ms.toFixed(2)} ms`;
const log = (line: string) => console.log(line);

/** Nearest-rank percentile of an already sorted list. */
function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function summarize(samples: number[]): { median: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

// ---------------------------------------------------------------------------------------------
// Database lifecycle


// ---------------------------------------------------------------------------------------------
// Seeding

/**
 * Adds deliveries number `from` .. `to` (1-based ordinals; identity ids follow them in a fresh
 * database) plus the nudge history of their stages already sent. About 20 % wait for a future
 * nudge (1 hour to 30 days ahead); the rest are paid or cancelled, with next_nudge_at null.
 */
async function seedDeliveries(sql: Sql, from: number, to: number): Promise<void> {
  await sql`
    insert into deliveries (
      writer_id, community_id, number, client_id, title, marketplace, amount_minor, currency,
      delivered_at, escrow, status, accepted_at, paid_at, cancelled_at, reminders,
      last_stage, next_nudge_at, created_at, updated_at
    )
    select
      w.id,
      c.id,
      (s.g - 1) / ${MEMBERS}::int + 1,
      1 + (s.g::bigint * 7919) % ${CLIENTS}::int,
      'Bench delivery ' || s.g,
      (array['crowdworks', 'lancers', 'coconala', 'upwork', 'direct', 'other'])[1 + s.g % 6],
      case when s.g % 10 = 0 then null else 5000 + (s.g % 40) * 2500 end,
      'JPY',
      s.delivered_at,
      (array['funded', 'not_funded', 'unknown'])[1 + s.g % 3],
      case when s.active and s.r < 0.14 then 'awaiting_review'
           when s.active then 'accepted'
           when s.r < 0.95 then 'paid'
           else 'cancelled' end,
      case when s.active and s.r >= 0.14 then s.delivered_at + interval '2 days'
           when not s.active and s.r < 0.95 then s.delivered_at + interval '3 days' end,
      case when not s.active and s.r < 0.95 then s.delivered_at + interval '20 days' end,
      case when not s.active and s.r >= 0.95 then s.delivered_at + interval '5 days' end,
      case when s.active and s.r < 0.02 then 'paused' else 'active' end,
      case when s.r2 < 0.55 then 0 when s.r2 < 0.85 then 1 else 2 end,
      case when s.active then now() + interval '1 hour' + s.r2 * interval '30 days' end,
      s.delivered_at,
      s.delivered_at
    from (
      select g, r, r2, r < 0.2 as active,
             now() - case when r < 0.2 then r2 * interval '20 days' else interval '20 days' + r2 * interval '700 days' end as delivered_at
      from (select g, random() as r, random() as r2 from generate_series(${from}::int, ${to}::int) g) raw
    ) s
    cross join (select id from communities limit 1) c
    join (select id, row_number() over (order by id) - 1 as slot from members) w on w.slot = s.g % ${MEMBERS}::int
  `;
  await sql`
    insert into nudges (delivery_id, stage, state, idempotency_key, channel, attempts, created_at, sent_at)
    select d.id, st.stage, 'sent', 'kn' || d.id || 's' || st.stage, 'dm', 1,
           d.delivered_at + st.stage * interval '3 days', d.delivered_at + st.stage * interval '3 days'
    from deliveries d
    cross join lateral generate_series(1, d.last_stage::int) as st(stage)
    where d.id between ${from}::bigint and ${to}::bigint
  `;
}

async function growTo(sql: Sql, current: number, target: number): Promise<void> {
  const started = performance.now();
  for (let from = current + 1; from <= target; from += SEED_CHUNK) {
    const to = Math.min(target, from + SEED_CHUNK - 1);
    await seedDeliveries(sql, from, to);
    const seconds = (performance.now() - started) / 1000;
    const added = to - current;
    log(`  seeded ${fmtInt(to).padStart(11)} / ${fmtInt(target)} deliveries  (${seconds.toFixed(1)} s, ${fmtInt(Math.round(added / seconds))} rows/s)`);
  }
  await sql`update members m set last_delivery_number = (select coalesce(max(number), 0) from deliveries d where d.writer_id = m.id)`;
  // VACUUM (ANALYZE) rather than a bare ANALYZE: it also sets hint bits and the visibility map,
  // so an autovacuum of the freshly inserted rows does not start in the middle of the timings.
  const analyzeStarted = performance.now();
  await sql`vacuum (analyze) deliveries, nudges, members, clients, communities`;
  log(`  vacuum (analyze) done (${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s)`);
}

async function checkShape(sql: Sql, size: number): Promise<void> {
  const [row] = await sql<{ total: string; future: string; finished: string; due: string; max_id: string }[]>`
    select count(*) as total,
           count(*) filter (where next_nudge_at > now()) as future,
           count(*) filter (where next_nudge_at is null) as finished,
           count(*) filter (where next_nudge_at <= now()) as due,
           coalesce(max(id), 0) as max_id
    from deliveries`;
  if (!row) throw new BenchError('could not count deliveries');
  const [total, future, finished, due, maxId] = [row.total, row.future, row.finished, row.due, row.max_id].map(Number) as [number, number, number, number, number];
  if (total !== size || maxId !== size) throw new BenchError(`expected ${size} deliveries with ids 1..${size}, found ${total} (max id ${maxId})`);
  if (due !== 0) throw new BenchError(`${due} deliveries are already due after seeding`);
  const [nudgeRow] = await sql<{ n: string }[]>`select count(*) as n from nudges`;
  log(`  table: ${fmtInt(total)} deliveries, ${((100 * future) / total).toFixed(1)} % future, ${((100 * finished) / total).toFixed(1)} % finished; ${fmtInt(Number(nudgeRow?.n ?? 0))} nudge records`);
}

// ---------------------------------------------------------------------------------------------
// Measuring

const loadLine = () => loadavg().map((l) => l.toFixed(2)).join(' ') + ` (${availableParallelism()} cpus)`;

/** Dead row versions in deliveries as the statistics collector counts them (approximate). */
async function deadDeliveries(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: string }[]>`select n_dead_tup as n from pg_stat_user_tables where relname = 'deliveries'`;
  return Number(row?.n ?? 0);
}

function pickIds(maxId: number, count: number): number[] {
  const ids = new Set<number>();
  while (ids.size < count) ids.add(randomInt(1, maxId + 1));
  return [...ids];
}

interface Prepared {
  ids: number[];
  originals: { id: number; next: string | null }[];
}

/** Makes exactly these deliveries due a minute ago, unclaimed; remembers what they were. */
async function makeDue(sql: Sql, maxId: number): Promise<Prepared> {
  const ids = pickIds(maxId, BATCH);
  const dueAt = new Date(Date.now() - 60_000);
  const rows = await sql<{ id: string; old_next: Date | null }[]>`
    with old as (
      select id, next_nudge_at from deliveries where id in ${sql(ids)} for update
    )
    update deliveries d
    set next_nudge_at = ${dueAt}, claim_token = null
    from old
    where d.id = old.id
    returning d.id, old.next_nudge_at as old_next`;
  if (rows.length !== BATCH) throw new BenchError(`made ${rows.length} deliveries due instead of ${BATCH}`);
  return { ids, originals: rows.map((r) => ({ id: Number(r.id), next: r.old_next ? r.old_next.toISOString() : null })) };
}

/** Puts the deliveries back as they were before makeDue, so the table keeps its shape. */
async function restore(sql: Sql, prepared: Prepared): Promise<void> {
  await sql`
    update deliveries d
    set next_nudge_at = v.next, claim_token = null
    from jsonb_to_recordset(${sql.json(prepared.originals)}) as v(id bigint, next timestamptz)
    where d.id = v.id`;
}

async function measureEmpty(store: ReturnType<typeof createStores>['nudges'], warmup: number, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const now = new Date();
    const started = performance.now();
    const claimed = await store.claimDue(now, BATCH, new Date(now.getTime() + LEASE_MS));
    const elapsed = performance.now() - started;
    if (claimed.length !== 0) throw new BenchError(`empty tick claimed ${claimed.length} deliveries`);
    if (i >= warmup) samples.push(elapsed);
  }
  return samples;
}

/**
 * The claim (kenshu_claim_due: the rows taken and held), the claim and then the load of what the
 * claimed deliveries need to be sent (delivery, client, writer, community, nudge history) in two
 * statements, and, from the same state made due again, claimDue: the two in one statement
 * (kenshu_claim_due_rows), which is what the scheduler runs.
 */
async function measureClaim(sql: Sql, store: ReturnType<typeof createStores>['nudges'], maxId: number): Promise<{ claim: number[]; total: number[]; one: number[] }> {
  const claimSamples: number[] = [];
  const totalSamples: number[] = [];
  const oneSamples: number[] = [];
  const check = (run: number, claimed: { delivery: { id: number } }[], ids: number[]) => {
    if (claimed.length !== BATCH) throw new BenchError(`claim-100 run ${run} claimed ${claimed.length} deliveries, expected ${BATCH}`);
    const wanted = new Set(ids);
    const stray = claimed.find((c) => !wanted.has(c.delivery.id));
    if (stray) throw new BenchError(`claim-100 run ${run} claimed delivery ${stray.delivery.id}, which was not made due`);
  };
  for (let i = 0; i < CLAIM_WARMUP + CLAIM_RUNS; i++) {
    const prepared = await makeDue(sql, maxId);
    const now = new Date();
    const started = performance.now();
    const claim = await store.claim(now, BATCH, new Date(now.getTime() + LEASE_MS));
    const claimedAt = performance.now();
    const claimed = await store.load(claim);
    const loadedAt = performance.now();
    await restore(sql, prepared);
    check(i + 1, claimed, prepared.ids);

    const again = await makeDue(sql, maxId);
    const onceAt = performance.now();
    const inOne = await store.claimDue(new Date(), BATCH, new Date(Date.now() + LEASE_MS));
    const oneDoneAt = performance.now();
    await restore(sql, again);
    check(i + 1, inOne, again.ids);
    if (i >= CLAIM_WARMUP) {
      claimSamples.push(claimedAt - started);
      totalSamples.push(loadedAt - started);
      oneSamples.push(oneDoneAt - onceAt);
    }
  }
  return { claim: claimSamples, total: totalSamples, one: oneSamples };
}

/**
 * EXPLAIN ANALYZE of the claim with 100 rows due, in a transaction that is rolled back: the same
 * inner select and UPDATE as the kenshu_claim_due function (drizzle/0002), with its setting
 * (bitmap scans off), to see which index each uses.
 */
async function explainClaim(sql: Sql, bench: OpenDatabase, maxId: number): Promise<string> {
  const prepared = await makeDue(sql, maxId);
  try {
    const now = new Date();
    const due = bench.db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(lte(deliveries.nextNudgeAt, now))
      .orderBy(asc(deliveries.nextNudgeAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    const update = bench.db
      .update(deliveries)
      .set({ nextNudgeAt: new Date(now.getTime() + LEASE_MS), claimToken: 'explain' })
      .where(inArray(deliveries.id, due))
      .returning({ id: deliveries.id });
    const inner = due.toSQL();
    const outer = update.toSQL();
    const explain = async (tx: postgres.TransactionSql, query: { sql: string; params: unknown[] }) => {
      const rows = await tx.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers off, timing on) ${query.sql}`, query.params as postgres.ParameterOrJSON<never>[]);
      return rows.map((r) => r['QUERY PLAN']);
    };
    let innerPlan: string[] = [];
    let outerPlan: string[] = [];
    await sql
      .begin(async (tx) => {
        await tx`set local enable_bitmapscan = off`;
        innerPlan = await explain(tx, inner);
        outerPlan = await explain(tx, outer);
        throw new RollBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
    return describePlans(innerPlan, outerPlan);
  } finally {
    await restore(sql, prepared);
  }
}

class RollBack extends Error {}

function describePlans(inner: string[], outer: string[]): string {
  const time = (plan: string[]) => plan.find((l) => l.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?';
  const rowsOf = (line: string | undefined) => (line === undefined ? undefined : /actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/.exec(line)?.[1]);
  const indexScan = inner.find((l) => /(Index Scan|Index Only Scan)( Backward)? using deliveries_due/.test(l));
  const bitmapIndex = inner.find((l) => /Bitmap Index Scan on deliveries_due/.test(l));
  const heapBlocks = inner.find((l) => /Heap Blocks:/.test(l))?.trim();
  let innerLine: string;
  if (indexScan) {
    const kind = /(Index Only Scan|Index Scan)/.exec(indexScan)?.[1] ?? 'Index Scan';
    innerLine = `deliveries_due used: yes — ${kind} using deliveries_due (rows=${rowsOf(indexScan) ?? '?'})`;
  } else if (bitmapIndex) {
    innerLine =
      `deliveries_due used: only as a bitmap — Bitmap Index Scan on deliveries_due (index entries=${rowsOf(bitmapIndex) ?? '?'}) ` +
      `→ Bitmap Heap Scan (${heapBlocks ?? 'heap blocks ?'}) → Sort`;
  } else {
    const scan = inner.find((l) => /on deliveries\b/.test(l))?.trim().replace(/\s+\(.*$/, '').replace(/^->\s*/, '');
    innerLine = `deliveries_due used: NO — ${scan ?? 'no scan of deliveries found'}`;
  }
  const outerSeq = outer.some((l) => /Seq Scan on deliveries/.test(l));
  const outerJoin = outer.find((l) => /(Nested Loop|Hash Join|Hash Semi Join|Merge Join)/.test(l))?.trim().replace(/\s+\(.*$/, '').replace(/^->\s*/, '');
  const outerPkey = outer.some((l) => /Index Scan using deliveries_pkey/.test(l));
  return [
    `inner select: ${innerLine}; ${time(inner)}`,
    `whole update: ${outerSeq ? 'SEQ SCAN on deliveries' : 'no seq scan'}, ${outerJoin ?? 'no join'}${outerPkey ? ' + Index Scan using deliveries_pkey' : ''}; ${time(outer)}`,
  ].join('\n    ');
}

// ---------------------------------------------------------------------------------------------
// Report

function printTable(results: readonly Result[]): void {
  const header = ['size', 'empty median', 'empty p99', 'claim100 median', 'claim100 p99', '+load median', '+load p99', 'in one median', 'in one p99'];
  const rows = results.map((r) => [
    fmtInt(r.size),
    fmtMs(r.emptyMedian),
    fmtMs(r.emptyP99),
    fmtMs(r.claimMedian),
    fmtMs(r.claimP99),
    fmtMs(r.loadMedian),
    fmtMs(r.loadP99),
    fmtMs(r.oneMedian),
    fmtMs(r.oneP99),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  log(line(header));
  log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) log(line(row));
}

/** Informational: the empty tick again once the claim runs have left dead index entries behind. */
function printChurn(results: readonly Result[]): void {
  log(`Empty tick after the ${CLAIM_WARMUP + CLAIM_RUNS} claim-100 runs of each size (dead entries left in deliveries_due, before any vacuum; not a target):`);
  for (const r of results) {
    log(`  ${fmtInt(r.size).padStart(11)}: median ${fmtMs(r.churnMedian)}, p99 ${fmtMs(r.churnP99)}  (${fmtInt(r.deadTuples)} dead delivery rows)`);
  }
  log('Claim plans (EXPLAIN ANALYZE with 100 due, after the claim runs):');
  for (const r of results) log(`  ${fmtInt(r.size).padStart(11)}: ${r.plan.replace(/\n\s*/g, '\n               ')}`);
}

function printTargets(results: readonly Result[]): void {
  const first = results[0]!;
  const last = results[results.length - 1]!;
  const at = fmtInt(last.size);
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const worstEmpty = Math.max(...results.map((r) => r.emptyMedian));
  const lines: string[] = [];
  lines.push(`  ${verdict(worstEmpty < TARGET_EMPTY_MS)}  empty tick < ${TARGET_EMPTY_MS} ms (median, every size): worst ${fmtMs(worstEmpty)}`);
  const claimLabel = last.size === 1_000_000 ? 'at 1,000,000' : `at ${at} (largest size run; target is stated for 1,000,000)`;
  lines.push(`  ${verdict(last.claimP99 < TARGET_CLAIM_P99_MS)}  claim-100 p99 < ${TARGET_CLAIM_P99_MS} ms ${claimLabel}: ${fmtMs(last.claimP99)}`);
  if (results.length < 2) {
    lines.push('  n/a   flat as the table grows: only one size was run');
  } else {
    const flat = (a: number, b: number) => b <= a * FLAT_FACTOR + FLAT_NOISE_MS;
    const emptyFlat = flat(first.emptyMedian, last.emptyMedian);
    const claimFlat = flat(first.claimMedian, last.claimMedian);
    lines.push(
      `  ${verdict(emptyFlat && claimFlat)}  flat as the table grows (median at ${at} ≤ ${FLAT_FACTOR}× median at ${fmtInt(first.size)} + ${FLAT_NOISE_MS} ms): ` +
        `empty ${fmtMs(first.emptyMedian)} → ${fmtMs(last.emptyMedian)} (${(last.emptyMedian / first.emptyMedian).toFixed(2)}×), ` +
        `claim-100 ${fmtMs(first.claimMedian)} → ${fmtMs(last.claimMedian)} (${(last.claimMedian / first.claimMedian).toFixed(2)}×)`,
    );
  }
  log('Targets:');
  for (const l of lines) log(l);
}

// ---------------------------------------------------------------------------------------------
// Main


async function main(run: BenchRun): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_SERVER_URL;
  const sizes = parseSizes(process.env.BENCH_SIZES);
  const startedAt = performance.now();

  const created = await createBenchDatabase(serverUrl);
  let sql: Sql | undefined;
  let bench: OpenDatabase | undefined;
  let cleaning: Promise<void> | undefined;
  run.cleanup = () =>
    (cleaning ??= (async () => {
      const timeout = run.interrupted ? 1 : 5;
      await bench?.close().catch(() => undefined);
      await sql?.end({ timeout }).catch(() => undefined);
      await dropBenchDatabase(serverUrl, created.name);
      log(`dropped database ${created.name}`);
    })());

  try {
    const host = new URL(serverUrl);
    log(`Kenshu scheduler benchmark — server ${host.hostname}:${host.port || 5432}, database ${created.name}`);
    log(`sizes: ${sizes.map(fmtInt).join(', ')}; batch ${BATCH}, lease ${LEASE_MS / 1000} s; empty ${EMPTY_RUNS} runs (+${EMPTY_WARMUP} warm-up), claim-100 ${CLAIM_RUNS} runs (+${CLAIM_WARMUP} warm-up)`);

    bench = await openDatabase({ databaseUrl: created.url });
    sql = postgres(created.url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    const [version] = await sql<{ server_version: string }[]>`show server_version`;
    log(`PostgreSQL ${version?.server_version ?? '?'}; migrations applied`);
    const store = createStores(bench.db).nudges;
    await seedReferenceData(sql, MEMBERS, CLIENTS);

    const results: Result[] = [];
    let current = 0;
    for (const size of sizes) {
      log('');
      log(`== ${fmtInt(size)} deliveries ==`);
      await growTo(sql, current, size);
      current = size;
      await checkShape(sql, size);

      log(`  load average ${loadLine()}`);
      const empty = summarize(await measureEmpty(store, EMPTY_WARMUP, EMPTY_RUNS));
      log(`  empty tick:     median ${fmtMs(empty.median)}, p99 ${fmtMs(empty.p99)}`);
      const measured = await measureClaim(sql, store, size);
      const claim = summarize(measured.claim);
      const withLoad = summarize(measured.total);
      const inOne = summarize(measured.one);
      log(
        `  claim-100 tick: median ${fmtMs(claim.median)}, p99 ${fmtMs(claim.p99)} (every run claimed exactly ${BATCH}); with the load: median ${fmtMs(withLoad.median)}, p99 ${fmtMs(withLoad.p99)}; ` +
          `claim and load in one statement (the scheduler's): median ${fmtMs(inOne.median)}, p99 ${fmtMs(inOne.p99)}`,
      );
      const plan = await explainClaim(sql, bench, size);
      log(`  plan (100 due, after the claim runs): ${plan}`);
      const deadTuples = await deadDeliveries(sql);
      const churn = summarize(await measureEmpty(store, 0, CHURN_EMPTY_RUNS));
      log(`  empty tick after the claim runs (${fmtInt(deadTuples)} dead delivery rows, no vacuum yet): median ${fmtMs(churn.median)}, p99 ${fmtMs(churn.p99)}`);
      log(`  load average ${loadLine()}`);
      results.push({
        size,
        emptyMedian: empty.median,
        emptyP99: empty.p99,
        claimMedian: claim.median,
        claimP99: claim.p99,
        loadMedian: withLoad.median,
        loadP99: withLoad.p99,
        oneMedian: inOne.median,
        oneP99: inOne.p99,
        churnMedian: churn.median,
        churnP99: churn.p99,
        deadTuples,
        plan,
      });
    }

    log('');
    printTable(results);
    log('');
    printChurn(results);
    log('');
    printTargets(results);
    log('');
    log(`total time ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  } finally {
    if (!run.interrupted) await run.cleanup?.();
  }
}

runBench('bench-scheduler', main, (error): error is BenchError => error instanceof BenchError);
