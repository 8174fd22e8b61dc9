/**
 * How fast Kenshu acknowledges Slack slash commands over HTTP under load: 200 signed `/kenshu`
 * commands at once, from 200 different writers, POSTed to Kenshu itself, started as `src/main.ts`
 * in a process of its own and serving Slack over HTTP (Bolt's HTTP receiver, SLACK_PORT), with
 * SLACK_API_URL pointing at a Slack on loopback (tests/fakes/slack) in this process, which also
 * receives every `response_url` reply.
 *
 *   npm run bench:slack
 *
 * Ack latency is each POST's HTTP response time (Bolt answers the request when the command is
 * acknowledged); time to answer runs to the moment the fake records the reply at the command's
 * response_url. The bot's own event-loop delay is measured inside it (scripts/bench-loop-probe.ts).
 * Embedded PGlite (a fresh DATA_DIR) always; PostgreSQL too, in a database of its own per run, on
 * the server named by BENCH_DATABASE_URL (or TEST_DATABASE_URL, or the local test server when it
 * answers). Each database is run BENCH_RUNS times (3) with a fresh bot; each run and the worst are
 * reported. Target (DESIGN.md §5): acknowledged within 100 ms p99 at 200 concurrent. A report: it
 * exits 0 whether or not the target is met, 1 on an error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { Agent, request as httpRequest } from 'node:http';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { FakeSlack } from '../tests/fakes/slack/fake-slack.js';
import { formBody, signedRequest } from '../tests/fakes/slack/payloads.js';
import { createBenchDatabase, dropBenchDatabase, runBench, type BenchRun } from './bench-database.js';

const CONCURRENT = Number(process.env.BENCH_CONCURRENCY ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_P99_MS = 100;
const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';
const SECRET = 'kenshu-bench-signing-secret-not-a-secret';
const CHANNEL = 'C0GENERAL';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const sortedCopy = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const userId = (i: number) => `U${String(i).padStart(9, '0')}`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Event-loop delay in ms over a window: p50, p99, max. */
interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** One burst's figures: per command, the ack and answer latencies; the bot's and this process's event-loop delay. */
interface Burst {
  acks: number[];
  answers: number[];
  bot: LoopDelay | undefined;
  generatorP99: number;
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

/** A port nothing listens on right now, for the bot's SLACK_PORT. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Kenshu in a child process, with the loop probe answering over IPC. */
class BotProcess {
  private output = '';
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static start(env: Record<string, string>): BotProcess {
    // BENCH_BOT_NODE_OPTIONS passes flags to the bot's node, such as --cpu-prof --cpu-prof-dir=prof.
    const extra = (process.env.BENCH_BOT_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
    const child = spawn(process.execPath, [...extra, '--import', 'tsx', '--import', './scripts/bench-loop-probe.ts', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', NUDGE_CRON: '0 0 1 1 *', DEFAULT_LOCALE: 'en', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    return new BotProcess(child);
  }

  get log(): string {
    return this.output;
  }

  /** Resolves once the bot's HTTP receiver answers; rejects if the bot exits first. */
  async ready(url: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`Kenshu exited with ${this.child.exitCode} before serving Slack:\n${this.output}`);
      try {
        await (await fetch(url)).arrayBuffer();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error(`Kenshu did not serve Slack within ${timeoutMs} ms:\n${this.output}`);
  }

  /** Asks the probe in the bot; undefined when it does not answer within a second. */
  private ask(message: 'reset' | 'report'): Promise<LoopDelay | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), 1000);
      const onMessage = (m: unknown) => {
        if (typeof m === 'object' && m !== null && (m as { probe?: string }).probe === message) done(m as LoopDelay);
      };
      const done = (value: LoopDelay | undefined) => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(value);
      };
      this.child.on('message', onMessage);
      this.child.send(message);
    });
  }

  async resetLoop(): Promise<void> {
    await this.ask('reset');
  }

  reportLoop(): Promise<LoopDelay | undefined> {
    return this.ask('report');
  }

  /** SIGTERM, as a service manager stops it; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    if (this.child.connected) this.child.disconnect();
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

/** One pool of kept-alive connections for every burst, as Slack's own servers keep theirs. */
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

async function burst(fake: FakeSlack, bot: BotProcess, eventsUrl: string, round: number): Promise<Burst> {
  await bot.resetLoop();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  // Everything a request needs is built before the clock starts, and sent with node:http on
  // kept-alive connections: the generator's own cost per request stays out of the figures.
  const requests = Array.from({ length: CONCURRENT }, (_, i) => {
    const payload = fake.slashCommand({ command: '/kenshu', text: commandText(i, round), user: userId(i), channel: CHANNEL });
    const body = formBody(payload);
    return { id: payload.response_url!.split('/respond/')[1]!, body, headers: { ...signedRequest(body, SECRET), 'content-length': String(Buffer.byteLength(body)) } };
  });
  const sent = await Promise.all(
    requests.map(
      ({ id, body, headers }) =>
        new Promise<{ id: string; sentAt: number; ack: number }>((resolve, reject) => {
          const sentAt = Date.now();
          const start = performance.now();
          const req = httpRequest(eventsUrl, { method: 'POST', headers, agent }, (res) => {
            const ack = performance.now() - start;
            res.resume();
            res.once('end', () => (res.statusCode === 200 ? resolve({ id, sentAt, ack }) : reject(new Error(`Kenshu answered a slash command with HTTP ${res.statusCode}`))));
          });
          req.once('error', reject);
          req.end(body);
        }),
    ),
  );
  await fake.waitFor(() => sent.every((s) => fake.respondedAt(s.id) !== undefined), 60_000);
  loop.disable();
  return {
    acks: sent.map((s) => s.ack),
    answers: sent.map((s) => fake.respondedAt(s.id)! - s.sentAt),
    bot: await bot.reportLoop(),
    generatorP99: loop.percentile(99) / 1e6,
  };
}

/** What one run (a fresh bot, a fresh database) measured. */
interface RunFigures {
  ackP99: number;
  answerP99: number;
  botLoopP99: number | undefined;
}

/**
 * One run: starts Kenshu with `dbEnv` (DATA_DIR or DATABASE_URL), a warm-up burst, then `ROUNDS`
 * measured bursts; prints the figures and returns the run's p99s.
 */
async function measureRun(label: string, dbEnv: Record<string, string>): Promise<RunFigures> {
  const fake = await FakeSlack.start({ users: Array.from({ length: CONCURRENT }, (_, i) => ({ id: userId(i), name: `writer${i}`, locale: 'en-US' })) });
  const port = await freePort();
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  const bot = BotProcess.start({ SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_PORT: String(port), SLACK_API_URL: fake.apiUrl, ...dbEnv });
  try {
    await bot.ready(eventsUrl);
    console.log(`\n### ${label} (load average at start ${load()})`);
    // Warm-up, not measured: one burst of the same size, so the JIT, the connection pool and the
    // cache of what Slack says about each writer are as in a Kenshu that has been running a while.
    await burst(fake, bot, eventsUrl, -1);
    const acksAll: number[] = [];
    const answersAll: number[] = [];
    let botLoopP99: number | undefined;
    let botLoopMax = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const b = await burst(fake, bot, eventsUrl, round);
      const acks = sortedCopy(b.acks);
      const answers = sortedCopy(b.answers);
      const botLoop = b.bot ? `bot loop delay p99 ${ms(b.bot.p99)} max ${ms(b.bot.max)}` : 'bot loop delay: no answer';
      console.log(
        `  round ${round + 1}: ack median ${ms(percentile(acks, 50))}, p99 ${ms(percentile(acks, 99))}; ` +
          `answer median ${ms(percentile(answers, 50))}, p99 ${ms(percentile(answers, 99))}; ${botLoop}; generator loop p99 ${ms(b.generatorP99)}`,
      );
      acksAll.push(...b.acks);
      answersAll.push(...b.answers);
      if (b.bot) {
        botLoopP99 = Math.max(botLoopP99 ?? 0, b.bot.p99);
        botLoopMax = Math.max(botLoopMax, b.bot.max);
      }
    }
    const acks = sortedCopy(acksAll);
    const answers = sortedCopy(answersAll);
    console.log(`  | ${CONCURRENT} concurrent × ${ROUNDS} | median | p95 | p99 | max |`);
    console.log('  |---|---|---|---|---|');
    console.log(`  | ack (HTTP response) | ${ms(percentile(acks, 50))} | ${ms(percentile(acks, 95))} | ${ms(percentile(acks, 99))} | ${ms(acks.at(-1)!)} |`);
    console.log(`  | answer (response_url) | ${ms(percentile(answers, 50))} | ${ms(percentile(answers, 95))} | ${ms(percentile(answers, 99))} | ${ms(answers.at(-1)!)} |`);
    if (botLoopP99 !== undefined) console.log(`  bot event-loop delay: worst round p99 ${ms(botLoopP99)}, max ${ms(botLoopMax)}`);
    console.log(`  load average at end ${load()}`);
    return { ackP99: percentile(acks, 99), answerP99: percentile(answers, 99), botLoopP99 };
  } finally {
    const code = await bot.stop();
    if (code !== 0) console.log(`  Kenshu exited with ${code}:\n${bot.log}`);
    await fake.stop();
  }
}

/** `RUNS` runs on one database; prints each run's line and the worst; returns the summary lines. */
async function measure(label: string, newDatabase: () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>, run: BenchRun): Promise<string[]> {
  console.log(`\n## ${label}`);
  const runs: RunFigures[] = [];
  for (let i = 0; i < RUNS; i++) {
    const database = await newDatabase();
    run.cleanup = database.drop;
    try {
      runs.push(await measureRun(`${label}, run ${i + 1} of ${RUNS}`, database.env));
    } finally {
      await database.drop();
      run.cleanup = undefined;
    }
  }
  const lines = runs.map(
    (r, i) => `${label}, run ${i + 1}: ack p99 ${ms(r.ackP99)}, answer p99 ${ms(r.answerP99)}${r.botLoopP99 === undefined ? '' : `, bot loop delay p99 ${ms(r.botLoopP99)}`}`,
  );
  const worst = runs.reduce((a, b) => (b.ackP99 > a.ackP99 ? b : a));
  const met = worst.ackP99 < TARGET_P99_MS;
  lines.push(`${label}, worst: ack p99 ${ms(worst.ackP99)} — ${met ? 'MET' : 'NOT MET'} (within ${TARGET_P99_MS} ms p99); answer p99 ${ms(Math.max(...runs.map((r) => r.answerP99)))} (Slack allows 3 s)`);
  return lines;
}

/** The PostgreSQL server to use, and whether it was asked for (then failing to reach it is an error). */
function postgresServer(): { url: string; explicit: boolean } {
  const named = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  return { url: named || DEFAULT_SERVER_URL, explicit: Boolean(named) };
}

async function main(run: BenchRun): Promise<void> {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown cpu';
  console.log(`Kenshu Slack benchmark: ${RUNS} runs per database of ${ROUNDS} rounds of ${CONCURRENT} concurrent signed slash commands over HTTP (deliver new / deliver list / remind list), each after a warm-up, to Kenshu in a process of its own`);
  console.log(`machine: ${availableParallelism()} cores (${cpu}), load average ${load()}; Node ${process.version}`);
  const results: string[] = [];

  results.push(
    ...(await measure(
      'PGlite (embedded)',
      async () => {
        const dir = await mkdtemp(join(tmpdir(), 'kenshu-bench-slack-'));
        return { env: { DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
      },
      run,
    )),
  );

  const server = postgresServer();
  const host = new URL(server.url);
  const where = `${host.hostname}:${host.port || 5432}`;
  let reachable = true;
  try {
    await dropBenchDatabase(server.url, 'kenshu_bench_probe_none');
  } catch (error) {
    if (server.explicit) throw error;
    reachable = false;
    console.log(`\nPostgreSQL: skipped (no server answers at ${where}; set BENCH_DATABASE_URL to name one)`);
  }
  if (reachable) {
    results.push(
      ...(await measure(
        `PostgreSQL (${where})`,
        async () => {
          const created = await createBenchDatabase(server.url);
          return { env: { DATABASE_URL: created.url }, drop: () => dropBenchDatabase(server.url, created.name) };
        },
        run,
      )),
    );
  }

  console.log(`\n## Summary (load average now ${load()})`);
  for (const line of results) console.log(`  ${line}`);
}

runBench('bench:slack', main, (error): error is Error => error instanceof Error && 'code' in error);
