/**
 * Moderators' report benchmark: what `/mod report` and the weekly digest cost with 200
 * communities, 5,000 writers and 1,000,000 deliveries over two years stored.
 *
 *   npm run bench:report
 *   BENCH_KEEP_DATABASE=1 npm run bench:report    # leave the database for EXPLAIN by hand
 *   BENCH_KEEP_DATABASE=1 BENCH_SEED_ONLY=1 npm run bench:report    # only seed, and keep it
 *
 * It creates a database of its own on the server named by BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL, or the local test server), runs the migrations and seeds, in SQL from a
 * fixed seed: 200 communities (most in Tokyo time, some in New York and London, a quarter read
 * in English) and 5,000 writers, skewed so that a few big communities hold most; 20,000 clients,
 * a few merged in some communities; 1,000,000 deliveries over the two years before "now", more
 * of them recent, with the events that dated their outcomes and the nudge records of the stages
 * sent; flags on some deliveries and the audit log rows of their approvals and rejections.
 *
 * Then, with a fixed clock (a Monday 09:05 in Tokyo, when the digest goes out), it times:
 * (a) PgModReportStore.report's one statement for the last full week and month of the biggest
 * and of the median community, 50 runs after 10 warm-ups; (b) renderReportChart in Japanese and
 * English, 10 runs, and the RSS after; (c) a whole digest round: buildModReport for every
 * community, one after another as the digest scheduler posts them. EXPLAIN ANALYZE shows which
 * index the biggest community's deliveries are read by. The figures are a report: no target is
 * asserted; only an error exits non-zero. The database is dropped at the end, on error and on Ctrl-C.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { digestWeek, lastFullPeriod, type ModReport, type PeriodKind, type ReportPeriod } from '../src/domain/mod-report.js';
import type { Locale } from '../src/domain/member.js';
import { buildModReport } from '../src/presenters/mod-report.js';
import { renderReportChart } from '../src/presenters/report-chart.js';
import { createStores, type Database } from '../src/store/index.js';
import { PgModReportStore } from '../src/store/pg-mod-report-store.js';
import { seededRandom } from '../tests/scheduler/due-nudges.js';
import { ownBenchDatabase, runBench, type BenchRun } from './bench-database.js';

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';
const DEFAULT_TIMEZONE = 'Asia/Tokyo';

/** "Now": Monday 2025-06-02 09:05 in Tokyo, just after the weekly digest fell due there. */
const NOW = new Date('2025-06-02T00:05:00.000Z');
const COMMUNITIES = 200;
const WRITERS = 5_000;
const CLIENTS = 20_000;
const DELIVERIES = 1_000_000;
const DELIVERY_CHUNK = 250_000;
/** Community of a writer: 1 + COMMUNITIES·r^HOME_SKEW, so the first communities are the big ones. */
const HOME_SKEW = 4;
/** Client rank = CLIENTS·r^CLIENT_SKEW, spread over ids with a stride coprime with CLIENTS. */
const CLIENT_SKEW = 2;
const SPREAD = 7_919;

const STATEMENT_RUNS = 50;
const STATEMENT_WARMUP = 10;
const CHART_RUNS = 10;

type Sql = postgres.Sql;

class BenchError extends Error {}

const fmtInt = (n: number) => n.toLocaleString('en-US');
const fmtMs = (ms: number) => (ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const log = (line: string) => console.log(line);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const loadLine = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Nearest-rank percentile of an already sorted list. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function summarize(samples: readonly number[]): { median: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? 0 };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

// ---------------------------------------------------------------------------------------------
// Seeding

const skewedClient = (r: string) => `(1 + (floor(${CLIENTS} * power(${r}, ${CLIENT_SKEW}))::bigint * ${SPREAD}) % ${CLIENTS})`;

async function seedPeople(sql: Sql): Promise<void> {
  // Settings drawn in Node from the shared seeded generator, the rows written by one statement each.
  const rand = seededRandom(20_250_602);
  const zones = Array.from({ length: COMMUNITIES }, () => {
    const r = rand();
    return r < 0.8 ? null : r < 0.9 ? 'America/New_York' : 'Europe/London';
  });
  const locales = Array.from({ length: COMMUNITIES }, () => (rand() < 0.25 ? 'en' : null));
  await sql`
    insert into communities (platform, platform_community_id, name, mod_channel_id, sharing, min_writers, max_per_writer, timezone, locale, next_digest_at)
    select case when t.n % 4 = 0 then 'slack' else 'discord' end, 'bench-community-' || t.n, 'ライター互助会 ' || t.n, 'mod-chan-' || t.n,
           case when t.n % 3 = 0 then 'private' else 'federated' end, 2 + t.n % 2, 3, t.zone, t.locale, ${NOW}::timestamptz
    from unnest(${zones}::text[], ${locales}::text[]) with ordinality as t(zone, locale, n)
    order by t.n`;
  await sql`
    insert into members (platform, platform_user_id, display_name, locale, timezone)
    select 'discord', 'bench-writer-' || g, 'Writer ' || g, case when g % 4 = 0 then 'en' else 'ja' end, 'Asia/Tokyo'
    from generate_series(1, ${WRITERS}::int) g`;
  await sql`create table bench_homes (member_id bigint primary key, community_id bigint not null)`;
  await sql`insert into bench_homes select g, 1 + floor(${COMMUNITIES} * power(random(), ${HOME_SKEW}))::int from generate_series(1, ${WRITERS}::int) g`;
  await sql`
    insert into clients (key, marketplace, profile_id, display_name, normalized_name)
    select case when g % 3 = 0 then m.marketplace || ':' || (100000 + g) else 'name:クライアント' || g end,
           case when g % 3 = 0 then m.marketplace end, case when g % 3 = 0 then (100000 + g)::text end,
           case when g % 3 = 0 then m.marketplace || ':' || (100000 + g) else '株式会社クライアント' || g end,
           case when g % 3 = 0 then null else 'クライアント' || g end
    from generate_series(1, ${CLIENTS}::int) g
    cross join lateral (select (array['crowdworks', 'lancers', 'coconala'])[1 + (g / 3) % 3] as marketplace) m`;
  const [check] = await sql<{ c: string; m: string; k: string }[]>`
    select (select max(id) from communities) as c, (select max(id) from members) as m, (select max(id) from clients) as k`;
  if (Number(check?.c) !== COMMUNITIES || Number(check?.m) !== WRITERS || Number(check?.k) !== CLIENTS) throw new BenchError('communities, members or clients did not get ids from 1');
}

/** Deliveries `from`..`to` (ordinals; identity ids follow them in a fresh database), their events and nudges. */
async function seedDeliveries(sql: Sql, from: number, to: number): Promise<void> {
  await sql`
    insert into deliveries (writer_id, community_id, number, client_id, title, marketplace, amount_minor, currency, delivered_at, escrow, status,
                            accepted_at, paid_at, cancelled_at, last_stage, next_nudge_at, created_at, updated_at)
    select h.member_id, h.community_id, (s.g - 1) / ${WRITERS}::int + 1, s.client_id, '記事作成 ' || s.g, s.marketplace,
           3000 + (s.g % 60) * 1500, 'JPY', s.delivered_at,
           case when s.marketplace in ('crowdworks', 'lancers', 'coconala') then (case when s.r4 < 0.92 then 'funded' else 'not_funded' end)
                when s.marketplace = 'upwork' then (case when s.r4 < 0.6 then 'funded' else 'unknown' end) else 'not_funded' end,
           s.status,
           case when s.status in ('accepted', 'paid') then least(${NOW}::timestamptz, s.delivered_at + s.accept_days * interval '1 day') end,
           case when s.status = 'paid' then least(${NOW}::timestamptz, s.delivered_at + (s.accept_days + 1 + s.r4 * 12) * interval '1 day') end,
           case when s.status = 'cancelled' then least(${NOW}::timestamptz, s.delivered_at + interval '5 days') end,
           case when s.status = 'awaiting_review' then
                  case when s.age >= 50 then 5 when s.age >= 21 then 4 when s.age >= 8 then 3 when s.age >= 7 then 2 when s.age >= 3 then 1 else 0 end
                when s.status = 'cancelled' then 1
                else case when s.accept_days >= 21 then 4 when s.accept_days >= 8 then 3 when s.accept_days >= 7 then 2 when s.accept_days >= 3 then 1 else 0 end end,
           case when s.status = 'awaiting_review' and s.age < 50 then ${NOW}::timestamptz + (1 + s.r4 * 72) * interval '1 hour' end,
           least(${NOW}::timestamptz, s.delivered_at + s.r1 * interval '2 days'), s.delivered_at
    from (
      select raw.*, c.id as client_id,
             coalesce(c.marketplace, case when raw.r3 < 0.7 then 'direct' when raw.r3 < 0.85 then 'other' else 'upwork' end) as marketplace,
             ${NOW}::timestamptz - raw.age * interval '1 day' as delivered_at,
             case when raw.age < 21 then (case when raw.r3 < 0.4 then 'awaiting_review' when raw.r3 < 0.75 then 'accepted' else 'paid' end)
                  else (case when raw.r3 < 0.03 then 'awaiting_review' when raw.r3 < 0.08 then 'accepted' when raw.r3 < 0.93 then 'paid' else 'cancelled' end) end as status,
             1 + floor(power(raw.r4, 2.5) * 30) as accept_days
      from (select g, r1, r2, r3, r4, power(r1, 1.7) * 730 as age
            from (select g, random() as r1, random() as r2, random() as r3, random() as r4 from generate_series(${from}::int, ${to}::int) g) rnd) raw
      join clients c on c.id = ${sql.unsafe(skewedClient('raw.r2'))}
    ) s
    join bench_homes h on h.member_id = 1 + (s.g - 1) % ${WRITERS}::int
    order by s.g`;
  // The outcomes as Kenshu records them when the writer marks them, and some contacts besides.
  await sql`
    insert into delivery_events (delivery_id, kind, at, created_at)
    select d.id, e.kind, e.at, e.at
    from deliveries d
    cross join lateral (values ('accepted', d.accepted_at), ('paid', d.paid_at), ('cancelled', d.cancelled_at),
                               ('sent', case when d.id % 7 = 0 then d.delivered_at + interval '4 days' end)) as e(kind, at)
    where d.id between ${from}::bigint and ${to}::bigint and e.at is not null and e.at <= ${NOW}::timestamptz`;
  await sql`
    insert into nudges (delivery_id, stage, state, idempotency_key, channel, attempts, created_at, sent_at)
    select d.id, st.stage,
           case when (st.stage = 3 and d.marketplace in ('direct', 'other')) or (st.stage = 2 and d.marketplace = 'coconala') then 'skipped'
                when d.id % 20 = 0 then 'unreachable' else 'sent' end,
           'kn' || d.id || 's' || st.stage, 'dm', 1, d.delivered_at + st.stage * interval '3 days',
           case when not ((st.stage = 3 and d.marketplace in ('direct', 'other')) or (st.stage = 2 and d.marketplace = 'coconala')) and d.id % 20 <> 0
                then least(${NOW}::timestamptz, d.delivered_at + st.stage * interval '3 days') end
    from deliveries d
    cross join lateral generate_series(1, d.last_stage::int) as st(stage)
    where d.id between ${from}::bigint and ${to}::bigint`;
}

/** Flags on some deliveries, the moderators' decisions in the audit log, and a few merges. */
async function seedModeration(sql: Sql): Promise<void> {
  await sql`create sequence bench_flag_number`;
  await sql`
    insert into flags (client_id, community_id, reporter_id, delivery_id, number, category, state, delivered_at, days_waited, created_at, reviewed_at, reviewed_by, retracted_at)
    select f.client_id, f.community_id, f.writer_id, f.id, nextval('bench_flag_number'), f.category, f.state, f.delivered_at,
           floor(extract(epoch from f.created_at - f.delivered_at) / 86400), f.created_at,
           case when f.state in ('approved', 'rejected', 'removed') then least(${NOW}::timestamptz, f.created_at + f.r * 4 * interval '1 day') end,
           case when f.state in ('approved', 'rejected', 'removed') then 1 + (f.writer_id * 13) % ${WRITERS} end,
           case when f.state = 'retracted' then least(${NOW}::timestamptz, f.created_at + interval '2 days') end
    from (
      select d.*, least(${NOW}::timestamptz - interval '1 hour', d.delivered_at + (3 + d.r * 25) * interval '1 day') as created_at,
             (array['no_response_after_delivery', 'late_acceptance', 'unpaid', 'scope_creep', 'off_platform_request', 'abusive_communication'])[1 + d.id % 6] as category,
             case when d.delivered_at > ${NOW}::timestamptz - interval '20 days' and d.r < 0.5 then 'pending'
                  when d.r < 0.75 then 'approved' when d.r < 0.9 then 'rejected' when d.r < 0.96 then 'retracted' else 'removed' end as state
      from (select id, client_id, community_id, writer_id, delivered_at, status, random() as r, random() as pick
            from deliveries where delivered_at < ${NOW}::timestamptz - interval '4 days') d
      where d.pick < case d.status when 'awaiting_review' then 0.5 when 'cancelled' then 0.3 when 'accepted' then 0.1 else 0.03 end
    ) f
    on conflict do nothing`;
  await sql`
    insert into audit_log (community_id, actor_id, action, target, created_at)
    select community_id, reviewed_by, case state when 'rejected' then 'report.reject' else 'report.approve' end, 'report:' || number, reviewed_at
    from flags where reviewed_at is not null
    union all
    select community_id, reviewed_by, 'report.remove', 'report:' || number, reviewed_at + interval '10 days'
    from flags where state = 'removed' and reviewed_at + interval '10 days' <= ${NOW}::timestamptz`;
  await sql`update communities c set last_flag_number = coalesce((select max(number) from flags f where f.community_id = c.id), 0)`;
  await sql`
    insert into client_merges (community_id, from_client_id, into_client_id, created_at)
    select c, f, i, ${NOW}::timestamptz - interval '90 days'
    from (select c, ${sql.unsafe(skewedClient('(c * 5 + k) / 1000.0'))} as f, ${sql.unsafe(skewedClient('(c * 5 + k) / 1000.0 + 0.0005'))} as i
          from generate_series(1, 40) c, generate_series(1, 5) k) m
    where f <> i
    on conflict do nothing`;
}

async function seed(sql: Sql): Promise<void> {
  await sql`select setseed(0.42)`;
  let started = performance.now();
  await seedPeople(sql);
  log(`  seeded ${COMMUNITIES} communities, ${fmtInt(WRITERS)} writers, ${fmtInt(CLIENTS)} clients  (${seconds(started)})`);
  started = performance.now();
  for (let from = 1; from <= DELIVERIES; from += DELIVERY_CHUNK) {
    const to = Math.min(DELIVERIES, from + DELIVERY_CHUNK - 1);
    await seedDeliveries(sql, from, to);
    log(`  seeded ${fmtInt(to).padStart(9)} / ${fmtInt(DELIVERIES)} deliveries, their events and nudges  (${seconds(started)})`);
  }
  const [check] = await sql<{ n: string; max: string }[]>`select count(*) as n, max(id) as max from deliveries`;
  if (Number(check?.n) !== DELIVERIES || Number(check?.max) !== DELIVERIES) throw new BenchError(`deliveries did not get ids 1..${DELIVERIES}`);
  await sql`update members m set last_delivery_number = (select coalesce(max(number), 0) from deliveries d where d.writer_id = m.id)`;
  started = performance.now();
  await seedModeration(sql);
  await sql`drop table bench_homes`;
  log(`  seeded flags, audit log and merges  (${seconds(started)})`);
  started = performance.now();
  // Statistics for the planner and the visibility map set, then the bulk load written out, so
  // neither an autovacuum nor a checkpoint starts in the middle of the timings.
  await sql`vacuum (analyze)`;
  await sql`checkpoint`;
  log(`  vacuum (analyze) and checkpoint  (${seconds(started)})`);
}

interface CommunityRow {
  id: number;
  minWriters: number;
  timezone: string;
  locale: Locale;
  deliveries: number;
  writers: number;
}

async function describeData(sql: Sql): Promise<CommunityRow[]> {
  const rows = await sql<{ id: string; min_writers: number; timezone: string | null; locale: Locale | null; deliveries: string; writers: string }[]>`
    select c.id, c.min_writers, c.timezone, c.locale, count(d.id) as deliveries, count(distinct d.writer_id) as writers
    from communities c left join deliveries d on d.community_id = c.id
    group by c.id order by count(d.id) desc, c.id`;
  const communities = rows.map((r) => ({ id: Number(r.id), minWriters: r.min_writers, timezone: r.timezone ?? DEFAULT_TIMEZONE, locale: r.locale ?? 'ja', deliveries: Number(r.deliveries), writers: Number(r.writers) }));
  const top = communities.slice(0, 5).map((c) => fmtInt(c.deliveries));
  const topTen = communities.slice(0, 10).reduce((s, c) => s + c.deliveries, 0);
  log(`  deliveries per community: biggest ${top.join(', ')}; top 10 hold ${((100 * topTen) / DELIVERIES).toFixed(0)} %; median ${fmtInt(communities[COMMUNITIES / 2]!.deliveries)}; smallest ${fmtInt(communities.at(-1)!.deliveries)}`);
  const [counts] = await sql<{ events: string; nudges: string; flags: string; audit: string; merges: string }[]>`
    select (select count(*) from delivery_events) as events, (select count(*) from nudges) as nudges, (select count(*) from flags) as flags,
           (select count(*) from audit_log) as audit, (select count(*) from client_merges) as merges`;
  log(`  rows: ${fmtInt(Number(counts?.events))} delivery events, ${fmtInt(Number(counts?.nudges))} nudges, ${fmtInt(Number(counts?.flags))} flags, ${fmtInt(Number(counts?.audit))} audit log rows, ${fmtInt(Number(counts?.merges))} merges`);
  const sizes = await sql<{ name: string; size: string }[]>`
    select relname as name, pg_size_pretty(pg_total_relation_size(oid)) as size from pg_class
    where relname in ('deliveries', 'delivery_events', 'nudges', 'flags', 'audit_log') order by pg_total_relation_size(oid) desc`;
  log(`  sizes (with indexes): ${sizes.map((r) => `${r.name} ${r.size}`).join(', ')}`);
  return communities;
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Row {
  what: string;
  runs: number;
  median: number;
  p95?: number;
  max: number;
  note?: string;
}

async function timeStatement(store: PgModReportStore, community: CommunityRow, kind: PeriodKind): Promise<{ row: Row; report: ModReport }> {
  const period = lastFullPeriod(kind, NOW, community.timezone);
  const call = () => store.report(community.id, period, NOW, community.minWriters);
  for (let i = 0; i < STATEMENT_WARMUP; i++) await call();
  const samples: number[] = [];
  let report: ModReport | undefined;
  for (let i = 0; i < STATEMENT_RUNS; i++) {
    const { ms, value } = await timed(call);
    samples.push(ms);
    report = value;
  }
  const recorded = report!.deliveries.counts?.recorded;
  const note = `${fmtInt(community.deliveries)} deliveries in all, ${recorded === undefined ? 'withheld' : fmtInt(recorded)} recorded in the ${kind}`;
  return { row: { what: `statement, #${community.id} ${kind}`, runs: STATEMENT_RUNS, ...summarize(samples), note }, report: report! };
}

/** The statement `report()` runs, with its parameters, taken from the store without running it. */
async function reportStatement(communityId: number, period: ReportPeriod): Promise<{ text: string; params: unknown[] }> {
  let captured: SQL | undefined;
  const capture = { execute: (query: SQL) => ((captured = query), Promise.reject(new BenchError('captured'))) } as unknown as Database;
  await new PgModReportStore(capture).report(communityId, period, NOW, 2).catch(() => undefined);
  if (!captured) throw new BenchError('the report store ran no statement');
  const { sql: text, params } = new PgDialect().sqlToQuery(captured);
  return { text, params };
}

/** EXPLAIN ANALYZE's lines that say how deliveries and their events are read, and the totals. */
async function explainReport(sql: Sql, community: CommunityRow): Promise<string[]> {
  const { text, params } = await reportStatement(community.id, lastFullPeriod('week', NOW, community.timezone));
  const plan = await sql.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${text}`, params as postgres.ParameterOrJSON<never>[]);
  const lines = plan.map((r) => r['QUERY PLAN']);
  const scans = new Map<string, number>();
  for (const line of lines) {
    const match = /(Seq Scan|Parallel Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan) (?:using (\S+) )?on (\S+)/.exec(line);
    if (!match || !['deliveries', 'delivery_events', 'nudges', 'deliveries_by_community', 'deliveries_by_client'].some((t) => line.includes(t))) continue;
    const key = `${match[1]} ${match[2] ? `using ${match[2]} ` : ''}on ${match[3]}`;
    scans.set(key, (scans.get(key) ?? 0) + 1);
  }
  const summary = [...scans.entries()].map(([k, n]) => `${k}${n > 1 ? ` ×${n}` : ''}`);
  const used = lines.some((l) => l.includes('deliveries_by_community'));
  return [
    `deliveries_by_community ${used ? 'is used' : 'is NOT used: the planner prefers the other paths below'} for community #${community.id}'s week`,
    ...summary.map((s) => `  ${s}`),
    ...lines.filter((l) => /^(Planning|Execution) Time/.test(l.trim())).map((l) => `  ${l.trim()}`),
  ];
}

async function timeCharts(report: ModReport): Promise<Row[]> {
  const rows: Row[] = [];
  for (const locale of ['ja', 'en'] as const) {
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < CHART_RUNS; i++) {
      const { ms, value } = await timed(() => renderReportChart(report, locale));
      samples.push(ms);
      bytes = value.byteLength;
    }
    const { median, max } = summarize(samples);
    rows.push({ what: `chart, ${locale}`, runs: CHART_RUNS, median, max, note: `first ${fmtMs(samples[0]!)}; PNG ${fmtInt(Math.round(bytes / 1024))} KiB; RSS after ${fmtInt(Math.round(process.memoryUsage().rss / 1024 / 1024))} MiB` });
  }
  return rows;
}

function printTable(rows: readonly Row[]): void {
  const head = ['measured', 'runs', 'median', 'p95', 'max', ''];
  const body = rows.map((r) => [r.what, String(r.runs), fmtMs(r.median), r.p95 === undefined ? '–' : fmtMs(r.p95), fmtMs(r.max), r.note ?? '']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`.trimEnd();
  log(line(head));
  log(line(widths.map((w) => '-'.repeat(w))));
  for (const b of body) log(line(b));
}

async function main(session: BenchRun): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_SERVER_URL;
  const startedAt = performance.now();

  const { created, bench, sql } = await ownBenchDatabase(session, serverUrl, log);

  try {
    const host = new URL(serverUrl);
    log(`Kenshu moderators' report benchmark — server ${host.hostname}:${host.port || 5432}, database ${created.name}`);
    log(`data: ${COMMUNITIES} communities, ${fmtInt(WRITERS)} writers, ${fmtInt(DELIVERIES)} deliveries over two years; clock fixed at ${NOW.toISOString()}`);
    const [version] = await sql<{ server_version: string }[]>`show server_version`;
    const [buffers] = await sql<{ shared_buffers: string }[]>`show shared_buffers`;
    const [workMem] = await sql<{ work_mem: string }[]>`show work_mem`;
    const machine = `${availableParallelism()} cores, PostgreSQL ${version?.server_version ?? '?'} (shared_buffers ${buffers?.shared_buffers ?? '?'}, work_mem ${workMem?.work_mem ?? '?'}), Node ${process.version}`;
    log(`machine: ${machine}; load average ${loadLine()}`);
    log('');
    log('== seeding ==');
    const seedStarted = performance.now();
    await seed(sql);
    const communities = await describeData(sql);
    log(`  seeding took ${seconds(seedStarted)}`);
    if (process.env.BENCH_SEED_ONLY === '1') return;

    const biggest = communities[0]!;
    const median = communities[COMMUNITIES / 2]!;
    const store = new PgModReportStore(bench.db);
    log('');
    log('== measuring ==');
    log(`  load average ${loadLine()}`);
    const rows: Row[] = [];
    let biggestWeek: ModReport | undefined;
    for (const community of [biggest, median]) {
      for (const kind of ['week', 'month'] as const) {
        const { row, report } = await timeStatement(store, community, kind);
        rows.push(row);
        log(`  ${row.what}: median ${fmtMs(row.median)}, p95 ${fmtMs(row.p95!)}, max ${fmtMs(row.max)}`);
        if (community === biggest && kind === 'week') biggestWeek = report;
      }
    }
    for (const row of await timeCharts(biggestWeek!)) {
      rows.push(row);
      log(`  ${row.what}: median ${fmtMs(row.median)}, max ${fmtMs(row.max)}`);
    }

    // The digest round: every community's week, one after another, as the scheduler posts them.
    const modReports = createStores(bench.db).modReports;
    const perCommunity: { id: number; ms: number }[] = [];
    const roundStarted = performance.now();
    for (const community of [...communities].sort((a, b) => a.id - b.id)) {
      const { ms } = await timed(() => buildModReport({ modReports }, community, digestWeek(NOW, community.timezone), NOW, community.locale));
      perCommunity.push({ id: community.id, ms });
    }
    const roundMs = performance.now() - roundStarted;
    const round = summarize(perCommunity.map((c) => c.ms));
    const slowest = [...perCommunity].sort((a, b) => b.ms - a.ms)[0]!;
    rows.push({ what: 'digest, per community', runs: COMMUNITIES, median: round.median, p95: round.p95, max: round.max, note: `slowest #${slowest.id}` });
    log(`  digest round: ${COMMUNITIES} communities in ${(roundMs / 1000).toFixed(1)} s`);
    log(`  load average ${loadLine()}`);

    log('');
    log('== EXPLAIN (ANALYZE, BUFFERS) of the weekly statement for the biggest community ==');
    for (const line of await explainReport(sql, biggest)) log(`  ${line}`);

    log('');
    log(`== figures ==  ${machine}; load average ${loadLine()}`);
    log(`  biggest community #${biggest.id}: ${fmtInt(biggest.deliveries)} deliveries, ${fmtInt(biggest.writers)} writers; median community #${median.id}: ${fmtInt(median.deliveries)} deliveries, ${fmtInt(median.writers)} writers`);
    printTable(rows);
    log(`  digest round (buildModReport for all ${COMMUNITIES} communities, sequentially): ${(roundMs / 1000).toFixed(1)} s in all`);
    log('');
    log(`total time ${seconds(startedAt)}`);
  } finally {
    if (!session.interrupted) await session.cleanup?.();
  }
}

runBench('bench-report', main, (error): error is BenchError => error instanceof BenchError);
