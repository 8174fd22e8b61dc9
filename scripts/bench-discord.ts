/**
 * How fast Kenshu acknowledges and answers slash commands under load: 200 commands at once through
 * a Discord on loopback (tests/fakes/discord, in this process), answered by Kenshu itself started
 * as `src/main.ts` in a process of its own with DISCORD_API_URL pointing at the fake.
 *
 *   npm run bench:discord
 *
 * Time to first response is from the moment the INTERACTION_CREATE frame is written to the moment
 * the bot's first callback (the deferral) reaches the fake; time to answer runs to the final
 * edit. Runs, databases and the event-loop probe: scripts/bench-burst.ts. Targets (DESIGN.md §5):
 * acknowledged within 100 ms p99 at 200 concurrent; answered within 500 ms p99 on PostgreSQL,
 * 800 ms on the embedded database (one thread for the bot and its database). First, the same
 * bursts answered by discord.js alone (scripts/bench-bare-discord-bot.ts): what the library and
 * the fake cost on the machine, beside Kenshu's figures. A report: it exits 0 whether or not the
 * targets are met, 1 on an error.
 */
import { FakeDiscord, type RecordedInteraction } from '../tests/fakes/discord/fake-discord.js';
import { BotProcess, commandKind, CONCURRENT, runPlatformBench, type BurstTimes, type Platform } from './bench-burst.js';
import { runBench } from './bench-database.js';

const GUILD = '100000000000000001';
const CHANNEL = '100000000000000002';
/** Writers in the burst: each sends a few of its commands. */
const WRITERS = 50;

async function burst(fake: FakeDiscord, round: number): Promise<BurstTimes> {
  // Built before the first is sent, so that building them is not counted.
  const payloads = Array.from({ length: CONCURRENT }, (_, i) => {
    const user = `3${String(100000 + (i % WRITERS)).padStart(17, '0')}`;
    const kind = commandKind(i);
    return kind === 'deliver new'
      ? fake.slashCommand({ user, guildId: GUILD, channelId: CHANNEL, name: 'deliver', subcommand: 'new', options: [{ name: 'client', value: `Client ${i}` }, { name: 'title', value: `Article ${round}-${i}` }, { name: 'marketplace', value: 'crowdworks' }] })
      : fake.slashCommand({ user, guildId: GUILD, channelId: CHANNEL, name: kind.split(' ')[0]!, subcommand: kind.split(' ')[1]! });
  });
  const batch: RecordedInteraction[] = await Promise.all(payloads.map((p) => fake.interaction(p)));
  await fake.waitFor(() => batch.every((r) => r.edits.length > 0), 60_000);
  for (const r of batch) if (r.callbacks[0]?.type !== 5) throw new Error(`interaction ${r.id} was not deferred first`);
  return {
    acks: batch.map((r) => fake.firstResponseMs(r.id)!),
    answers: batch.map((r) => r.edits[r.edits.length - 1]!.at - r.dispatchedAt),
    // On the clock the bot's probe uses too (ms since the epoch), to time the deferrals leaving it.
    sentAt: Object.fromEntries(batch.map((r) => [r.id, performance.timeOrigin + r.dispatchedAt])),
  };
}

const discord: Platform = {
  ackLabel: 'first response (defer)',
  answerLabel: 'answer (final edit)',
  baseline: { label: 'Baseline: discord.js alone (no database, a fixed answer)', entry: 'scripts/bench-bare-discord-bot.ts' },
  async start(dbEnv, entry) {
    const fake = await FakeDiscord.start({
      token: 'MTAwMDAwMDAwMDAwMDAwMDAx.kenshu.bench-token-not-a-secret',
      guilds: [{ id: GUILD, name: 'Bench', ownerId: '200000000000000001', channels: [{ id: CHANNEL, name: 'general' }] }],
    });
    const bot = BotProcess.start({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.appId, DISCORD_API_URL: fake.apiUrl, ...dbEnv }, entry);
    try {
      await bot.ready(() => fake.connected);
    } catch (error) {
      await bot.stop();
      await fake.stop();
      throw error;
    }
    return { bot, burst: (round) => burst(fake, round), stop: () => fake.stop() };
  },
};

runBench(
  'bench:discord',
  (run) => runPlatformBench('Kenshu Discord benchmark (slash commands through the gateway)', discord, { ackP99: 100, answerP99: { pglite: 800, postgres: 500 } }, run),
  (error): error is Error => error instanceof Error && 'code' in error,
);
