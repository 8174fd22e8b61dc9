/**
 * The baseline `bench:discord` measures beside Kenshu: discord.js alone, set up as Kenshu's bot
 * is (the same intents, partials and REST clients), deferring each slash command first and then
 * answering it with a fixed embed through the interaction webhook, as Kenshu does, with no
 * database, no command and no rendering. The answer waits its turn in the same work queue as
 * Kenshu's (10 at a time, as on PostgreSQL), so the deferrals go out in the same order. What it
 * measures is what discord.js and the fake Discord cost on the machine: the floor under Kenshu's
 * figures. Not part of Kenshu.
 *
 *   node --import tsx scripts/bench-bare-discord-bot.ts   (DISCORD_TOKEN, DISCORD_API_URL)
 */
import { Client, Events, GatewayIntentBits, MessageFlags, Partials, REST, Routes } from 'discord.js';
import { WorkQueue } from '../src/adapters/work-queue.js';

const api = process.env.DISCORD_API_URL;
const token = process.env.DISCORD_TOKEN;
if (!api || !token) throw new Error('DISCORD_TOKEN and DISCORD_API_URL are needed');

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
  partials: [Partials.Channel],
  allowedMentions: { parse: [] },
  rest: { api },
});
const interactionRest = new REST({ api, globalRequestsPerSecond: 10_000 });
const work = new WorkQueue(10);
const answer = { embeds: [{ title: 'Recorded', description: '“Article” for Client, delivered on Wed, Dec 2, 2026.' }], allowed_mentions: { parse: [] } };

client.on(Events.InteractionCreate, (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  void (async () => {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const body = await work.run(() => Promise.resolve(answer));
    await interactionRest.patch(Routes.webhookMessage(interaction.applicationId, interaction.token, '@original'), { body, auth: false });
  })().catch((error: unknown) => console.error(error));
});
client.on(Events.Error, (error) => console.error(error));

process.once('SIGTERM', () => void client.destroy().then(() => process.exit(0)));
await client.login(token);
