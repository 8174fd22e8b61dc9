/**
 * What the platform benchmarks (`bench:discord`, `bench:slack`) share: Kenshu started as
 * `src/main.ts` in a process of its own with the event-loop probe (scripts/bench-loop-probe.ts),
 * bursts of commands measured in rounds after a warm-up, each database run `BENCH_RUNS` times with
 * a fresh bot and a fresh database, and the worst run held against the targets. Where the platform
 * has one, a baseline bot (its library alone) is run first the same way; BENCH_SKIP_BASELINE=1 and
 * BENCH_SKIP_PGLITE=1 leave those runs out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createBenchDatabase, dropBenchDatabase, type BenchRun } from './bench-database.js';
import { processCpuMs, processMemoryMiB, serverCpuMs } from './proc-cpu.js';

export const CONCURRENT = Number(process.env.BENCH_CONCURRENCY ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const sortedCopy = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Event-loop delay in ms over a window: p50, p99, max; and when each Discord deferral left the bot (ms since the epoch, by interaction id). */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  deferrals?: Record<string, number>;
}

/**
 * One burst's figures: per command, the ack and answer latencies in ms; where the platform can say
 * it, when each command was sent (ms since the epoch, by interaction id), to time the deferrals
 * the probe saw leave the bot.
 */
export interface BurstTimes {
  acks: number[];
  answers: number[];
  sentAt?: Record<string, number>;
}

/** Per command, from its sending to its deferral leaving the bot (ms); empty when either side is not known. */
function deferralsLeftBot(sentAt: Record<string, number> | undefined, deferrals: Record<string, number> | undefined): number[] {
  if (!sentAt || !deferrals) return [];
  return Object.entries(sentAt).flatMap(([id, at]) => (deferrals[id] === undefined ? [] : [deferrals[id] - at]));
}

/** A busy evening's mix: recording deliveries, listing them, checking reminders. */
export type CommandKind = 'deliver new' | 'deliver list' | 'remind list';
export const commandKind = (i: number): CommandKind => (['deliver new', 'deliver list', 'remind list'] as const)[i % 3]!;

/** Kenshu in a child process, with the loop probe answering over IPC. */
export class BotProcess {
  private output = '';
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Kenshu (`src/main.ts`), or another entry such as the baseline's bare bot. */
  static start(env: Record<string, string>, entry = 'src/main.ts'): BotProcess {
    // BENCH_BOT_NODE_OPTIONS passes flags to the bot's node, such as --cpu-prof --cpu-prof-dir=prof.
    const extra = (process.env.BENCH_BOT_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
    const child = spawn(process.execPath, [...extra, '--import', 'tsx', '--import', './scripts/bench-loop-probe.ts', entry], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', NUDGE_CRON: '0 0 1 1 *', DEFAULT_LOCALE: 'en', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    return new BotProcess(child);
  }

  get log(): string {
    return this.output;
  }

  /** The bot's CPU time so far, ms (Linux). */
  cpuMs(): Promise<number | undefined> {
    return processCpuMs(this.child.pid);
  }

  /** The bot's resident memory now and its peak, MiB (Linux). */
  memoryMiB(): Promise<{ resident: number; peak: number } | undefined> {
    return processMemoryMiB(this.child.pid);
  }

  /** Resolves once `isReady` says so; rejects if the bot exits first or takes longer than `timeoutMs`. */
  async ready(isReady: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`Kenshu exited with ${this.child.exitCode} before it was ready:\n${this.output}`);
      if (await isReady()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Kenshu was not ready within ${timeoutMs} ms:\n${this.output}`);
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

  /**
   * One burst, measured: the bot's and this process's event-loop delay are taken over the same
   * window as `fire`, which sends the burst and waits for every answer.
   */
  async burst(fire: () => Promise<BurstTimes>): Promise<BurstTimes & { bot: LoopDelay | undefined; generatorP99: number }> {
    await this.ask('reset');
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const times = await fire();
    loop.disable();
    return { ...times, bot: await this.ask('report'), generatorP99: loop.percentile(99) / 1e6 };
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

/** What one run (a fresh bot, a fresh database) measured. */
interface RunFigures {
  ackP99: number;
  answerP99: number;
  botLoopP99: number | undefined;
  /** CPU per command over the measured rounds, ms: the bot, the PostgreSQL server (none for PGlite, which is in the bot), and this process's fake platform. */
  cpu: { bot: number | undefined; server: number | undefined; platform: number };
}

/** CPU used between `before` and now, per command; undefined where it cannot be read. */
function perCommand(before: number | undefined, after: number | undefined, commands: number): number | undefined {
  return before === undefined || after === undefined ? undefined : (after - before) / commands;
}

function describeCpu(cpu: RunFigures['cpu']): string {
  const part = (label: string, value: number | undefined) => (value === undefined ? [] : [`${label} ${value.toFixed(2)}`]);
  return `CPU per command (ms): ${[...part('bot', cpu.bot), ...part('PostgreSQL', cpu.server), ...part('fake platform', cpu.platform)].join(', ')}`;
}

/** A platform's side of a run: start its fake and the bot on `dbEnv`, burst, stop both. */
export interface Platform {
  /**
   * Starts the fake platform and Kenshu (or `entry`, the baseline's bot) against it;
   * `burst(round)` sends one burst (round -1: the warm-up).
   */
  start(dbEnv: Record<string, string>, entry?: string): Promise<{ bot: BotProcess; burst: (round: number) => Promise<BurstTimes>; stop: () => Promise<void> }>;
  /**
   * A bot that answers the same bursts with the platform's library alone (no database, a fixed
   * reply), run as many times as each database: the floor the machine and the fake set under
   * Kenshu's figures, printed beside them and not held to the targets.
   */
  baseline?: { label: string; entry: string };
  /** What the ack is, as the table's row label says it. */
  ackLabel: string;
  answerLabel: string;
}

/** The targets a database's worst run is held to: ack p99 and answer p99, in ms. */
export interface Targets {
  ackP99: number;
  answerP99: { pglite: number; postgres: number };
}

async function measureRun(platform: Platform, label: string, dbEnv: Record<string, string>, entry?: string): Promise<RunFigures> {
  const started = await platform.start(dbEnv, entry);
  const { bot } = started;
  try {
    console.log(`\n### ${label} (load average at start ${load()})`);
    // Warm-up, not measured: one burst of the same size, so the JIT, the connection pool and
    // caches are as in a Kenshu that has been running a while.
    await bot.burst(() => started.burst(-1));
    const acksAll: number[] = [];
    const answersAll: number[] = [];
    const leftBotAll: number[] = [];
    let botLoopP99: number | undefined;
    let botLoopMax = 0;
    const before = { bot: await bot.cpuMs(), server: dbEnv.DATABASE_URL ? await serverCpuMs() : undefined, platform: process.cpuUsage() };
    for (let round = 0; round < ROUNDS; round++) {
      const b = await bot.burst(() => started.burst(round));
      const acks = sortedCopy(b.acks);
      const answers = sortedCopy(b.answers);
      const leftBot = sortedCopy(deferralsLeftBot(b.sentAt, b.bot?.deferrals));
      const botLoop = b.bot ? `bot loop delay p99 ${ms(b.bot.p99)} max ${ms(b.bot.max)}` : 'bot loop delay: no answer';
      const left = leftBot.length > 0 ? `; deferral left the bot p99 ${ms(percentile(leftBot, 99))}` : '';
      console.log(
        `  round ${round + 1}: ack median ${ms(percentile(acks, 50))}, p99 ${ms(percentile(acks, 99))}${left}; ` +
          `answer median ${ms(percentile(answers, 50))}, p99 ${ms(percentile(answers, 99))}; ${botLoop}; generator loop p99 ${ms(b.generatorP99)}`,
      );
      acksAll.push(...b.acks);
      answersAll.push(...b.answers);
      leftBotAll.push(...leftBot);
      if (b.bot) {
        botLoopP99 = Math.max(botLoopP99 ?? 0, b.bot.p99);
        botLoopMax = Math.max(botLoopMax, b.bot.max);
      }
    }
    const commands = ROUNDS * CONCURRENT;
    const platformUsed = process.cpuUsage(before.platform);
    const cpu = {
      bot: perCommand(before.bot, await bot.cpuMs(), commands),
      server: perCommand(before.server, dbEnv.DATABASE_URL ? await serverCpuMs() : undefined, commands),
      platform: (platformUsed.user + platformUsed.system) / 1000 / commands,
    };
    const acks = sortedCopy(acksAll);
    const answers = sortedCopy(answersAll);
    console.log(`  | ${CONCURRENT} concurrent × ${ROUNDS} | median | p95 | p99 | max |`);
    console.log('  |---|---|---|---|---|');
    console.log(`  | ${platform.ackLabel} | ${ms(percentile(acks, 50))} | ${ms(percentile(acks, 95))} | ${ms(percentile(acks, 99))} | ${ms(acks.at(-1)!)} |`);
    const leftBot = sortedCopy(leftBotAll);
    if (leftBot.length > 0)
      console.log(`  | deferral left the bot (its socket; ${leftBot.length} of ${acks.length}) | ${ms(percentile(leftBot, 50))} | ${ms(percentile(leftBot, 95))} | ${ms(percentile(leftBot, 99))} | ${ms(leftBot.at(-1)!)} |`);
    console.log(`  | ${platform.answerLabel} | ${ms(percentile(answers, 50))} | ${ms(percentile(answers, 95))} | ${ms(percentile(answers, 99))} | ${ms(answers.at(-1)!)} |`);
    if (botLoopP99 !== undefined) console.log(`  bot event-loop delay: worst round p99 ${ms(botLoopP99)}, max ${ms(botLoopMax)}`);
    console.log(`  ${describeCpu(cpu)}`);
    const memory = await bot.memoryMiB();
    if (memory) console.log(`  bot memory: resident ${memory.resident.toFixed(0)} MiB, peak ${memory.peak.toFixed(0)} MiB`);
    console.log(`  load average at end ${load()}`);
    return { ackP99: percentile(acks, 99), answerP99: percentile(answers, 99), botLoopP99, cpu };
  } finally {
    const code = await bot.stop();
    if (code !== 0) console.log(`  the bot exited with ${code}:\n${bot.log}`);
    await started.stop();
  }
}

/** `RUNS` runs on one database; prints each run's line and the worst; returns the summary lines. */
async function measure(
  platform: Platform,
  label: string,
  /** The worst run's targets in ms; none for the baseline, which is there to compare with. */
  targets: { answer: number; ack: number } | undefined,
  newDatabase: () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>,
  run: BenchRun,
  entry?: string,
): Promise<string[]> {
  console.log(`\n## ${label}`);
  const runs: RunFigures[] = [];
  for (let i = 0; i < RUNS; i++) {
    const database = await newDatabase();
    run.cleanup = database.drop;
    try {
      runs.push(await measureRun(platform, `${label}, run ${i + 1} of ${RUNS}`, database.env, entry));
    } finally {
      await database.drop();
      run.cleanup = undefined;
    }
  }
  const lines = runs.map(
    (r, i) =>
      `${label}, run ${i + 1}: ack p99 ${ms(r.ackP99)}, answer p99 ${ms(r.answerP99)}${r.botLoopP99 === undefined ? '' : `, bot loop delay p99 ${ms(r.botLoopP99)}`}; ${describeCpu(r.cpu)}`,
  );
  const worstAck = Math.max(...runs.map((r) => r.ackP99));
  const worstAnswer = Math.max(...runs.map((r) => r.answerP99));
  const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');
  lines.push(
    targets
      ? `${label}, worst of ${runs.length}: ack p99 ${ms(worstAck)} — ${verdict(worstAck < targets.ack)} (< ${targets.ack} ms); ` +
          `answer p99 ${ms(worstAnswer)} — ${verdict(worstAnswer < targets.answer)} (< ${targets.answer} ms)`
      : `${label}, worst of ${runs.length}: ack p99 ${ms(worstAck)}, answer p99 ${ms(worstAnswer)} (the floor under Kenshu's figures, not held to the targets)`,
  );
  return lines;
}

/** The PostgreSQL server to use, and whether it was asked for (then failing to reach it is an error). */
function postgresServer(): { url: string; explicit: boolean } {
  const named = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  return { url: named || DEFAULT_SERVER_URL, explicit: Boolean(named) };
}

/**
 * Runs `platform` on the embedded database and, when a server answers, on PostgreSQL, `RUNS` times
 * each, and prints a summary. A report: the caller exits 0 whether or not the targets are met.
 */
export async function runPlatformBench(title: string, platform: Platform, targets: Targets, run: BenchRun): Promise<void> {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown cpu';
  console.log(`${title}: ${RUNS} runs per database of ${ROUNDS} rounds of ${CONCURRENT} concurrent commands (deliver new / deliver list / remind list), each after a warm-up, to Kenshu in a process of its own`);
  console.log(`machine: ${availableParallelism()} cores (${cpu}), load average ${load()}; Node ${process.version}`);
  const results: string[] = [];

  const newDataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kenshu-bench-'));
    return { env: { DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
  };
  if (platform.baseline && process.env.BENCH_SKIP_BASELINE !== '1') {
    const noDatabase = () => Promise.resolve({ env: {}, drop: () => Promise.resolve() });
    results.push(...(await measure(platform, platform.baseline.label, undefined, noDatabase, run, platform.baseline.entry)));
  }
  if (process.env.BENCH_SKIP_PGLITE !== '1') results.push(...(await measure(platform, 'PGlite (embedded)', { answer: targets.answerP99.pglite, ack: targets.ackP99 }, newDataDir, run)));

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
    const newDatabase = async () => {
      const created = await createBenchDatabase(server.url);
      return { env: { DATABASE_URL: created.url }, drop: () => dropBenchDatabase(server.url, created.name) };
    };
    results.push(...(await measure(platform, `PostgreSQL (${where})`, { answer: targets.answerP99.postgres, ack: targets.ackP99 }, newDatabase, run)));
  }

  console.log(`\n## Summary (load average now ${load()})`);
  for (const line of results) console.log(`  ${line}`);
}
