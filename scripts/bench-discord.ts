/**
 * How fast Kenshu acknowledges slash commands under load: 200 commands at once through a Discord
 * on loopback (tests/fakes/discord, in this process), answered by Kenshu itself started as
 * `src/main.ts` in a process of its own with DISCORD_API_URL pointing at the fake.
 *
 *   npm run bench:discord
 *
 * Time to first response is from the moment the INTERACTION_CREATE frame is written to the moment
 * the bot's first callback (the deferral) reaches the fake; time to answer runs to the final
 * edit. Embedded PGlite by default; BENCH_DATABASE_URL runs the bot on PostgreSQL. Target (DESIGN.md §5):
 * acknowledged within 100 ms p99 at 200 concurrent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeDiscord, type RecordedInteraction } from '../tests/fakes/discord/fake-discord.js';

const CONCURRENT = Number(process.env.BENCH_CONCURRENCY ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_P99_MS = 100;
const GUILD = '100000000000000001';
const CHANNEL = '100000000000000002';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main(): Promise<void> {
  const fake = await FakeDiscord.start({
    token: 'MTAwMDAwMDAwMDAwMDAwMDAx.kenshu.bench-token-not-a-secret',
    guilds: [{ id: GUILD, name: 'Bench', ownerId: '200000000000000001', channels: [{ id: CHANNEL, name: 'general' }] }],
  });
  const url = process.env.BENCH_DATABASE_URL;
  const dataDir = await mkdtemp(join(tmpdir(), 'kenshu-bench-discord-'));
  const root = fileURLToPath(new URL('..', import.meta.url));
  const bot: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.appId,
      DISCORD_API_URL: fake.apiUrl,
      LOG_LEVEL: 'warn',
      NUDGE_CRON: '0 0 1 1 *',
      ...(url ? { DATABASE_URL: url } : { DATA_DIR: dataDir }),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stopBot = async () => {
    if (bot.exitCode !== null) return;
    const exited = new Promise((resolve) => bot.once('exit', resolve));
    bot.kill('SIGTERM');
    await exited;
  };
  await fake.waitFor(() => fake.connected, 60_000);

  const fire = (i: number, round: number) => {
    const user = `3${String(100000 + (i % 50)).padStart(17, '0')}`;
    // A mix like a busy evening: recording, listing, checking reminders.
    const kind = i % 3;
    const payload =
      kind === 0
        ? fake.slashCommand({ user, guildId: GUILD, channelId: CHANNEL, name: 'deliver', subcommand: 'new', options: [{ name: 'client', value: `Client ${i}` }, { name: 'title', value: `Article ${round}-${i}` }, { name: 'marketplace', value: 'crowdworks' }] })
        : kind === 1
          ? fake.slashCommand({ user, guildId: GUILD, channelId: CHANNEL, name: 'deliver', subcommand: 'list' })
          : fake.slashCommand({ user, guildId: GUILD, channelId: CHANNEL, name: 'remind', subcommand: 'list' });
    return fake.interaction(payload);
  };

  try {
    console.log(`Kenshu Discord benchmark: ${ROUNDS} rounds of ${CONCURRENT} concurrent slash commands (deliver new / deliver list / remind list) through a Discord on loopback; database ${url ? 'PostgreSQL' : 'PGlite (embedded)'}`);
    // Warm-up, not measured: one burst of the same size, so the bot's JIT, connection pool and
    // caches are as they are in a bot that has been running for a while.
    const warmup = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => fire(i, -1)));
    await fake.waitFor(() => warmup.every((r) => r.edits.length > 0), 60_000);

    const firstResponse: number[] = [];
    const answered: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const batch: RecordedInteraction[] = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => fire(i, round)));
      await fake.waitFor(() => batch.every((r) => r.edits.length > 0), 60_000);
      for (const r of batch) {
        firstResponse.push(fake.firstResponseMs(r.id)!);
        answered.push(r.edits[r.edits.length - 1]!.at - r.dispatchedAt);
        if (r.callbacks[0]?.type !== 5) throw new Error(`interaction ${r.id} was not deferred first`);
      }
      const sorted = batch.map((r) => fake.firstResponseMs(r.id)!).sort((a, b) => a - b);
      console.log(`  round ${round + 1}: first response median ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}`);
    }
    firstResponse.sort((a, b) => a - b);
    answered.sort((a, b) => a - b);
    console.log('');
    console.log(`| ${CONCURRENT} concurrent × ${ROUNDS} | median | p95 | p99 | max |`);
    console.log('|---|---|---|---|---|');
    console.log(`| time to first response (defer) | ${ms(percentile(firstResponse, 50))} | ${ms(percentile(firstResponse, 95))} | ${ms(percentile(firstResponse, 99))} | ${ms(firstResponse.at(-1)!)} |`);
    console.log(`| time to answer (final edit) | ${ms(percentile(answered, 50))} | ${ms(percentile(answered, 95))} | ${ms(percentile(answered, 99))} | ${ms(answered.at(-1)!)} |`);
    console.log('');
    const p99 = percentile(firstResponse, 99);
    console.log(`${p99 < TARGET_P99_MS ? 'PASS' : 'FAIL'}  acknowledged within ${TARGET_P99_MS} ms p99: ${ms(p99)}`);
    console.log(`${percentile(answered, 99) < 3000 ? 'PASS' : 'FAIL'}  answered within Discord's 3 s: p99 ${ms(percentile(answered, 99))}`);
  } finally {
    await stopBot();
    await fake.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
