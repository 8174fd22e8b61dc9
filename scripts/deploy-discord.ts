/**
 * Registers Kenshu's slash commands with Discord, from the same command list the bot runs.
 *
 *   npm run deploy:discord                 # globally (can take up to an hour to show everywhere)
 *   npm run deploy:discord -- --guild ID   # one server, at once (for trying it out)
 *
 * Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID and DISCORD_API_URL like the bot. Registering is a
 * separate step on purpose: the bot does not re-register at every start.
 */
import { parseArgs } from 'node:util';
import { REST, Routes } from 'discord.js';
import { discordCommandData } from '../src/adapters/discord/command-data.js';
import { commands, groupDescriptions } from '../src/commands/index.js';
import { ConfigError, loadConfig } from '../src/config.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { guild: { type: 'string' } }, strict: true });
  const config = loadConfig();
  if (!config.discord) throw new ConfigError('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register the commands.');
  const guild = values.guild;
  if (guild !== undefined && !/^\d{15,25}$/.test(guild)) throw new ConfigError(`--guild must be a server id (digits), not "${guild}".`);

  const rest = new REST(config.discord.apiUrl ? { api: config.discord.apiUrl } : {}).setToken(config.discord.token);
  const body = discordCommandData(commands, groupDescriptions);
  const route = guild ? Routes.applicationGuildCommands(config.discord.applicationId, guild) : Routes.applicationCommands(config.discord.applicationId);
  const registered = (await rest.put(route, { body })) as { name: string }[];
  console.log(`Registered ${registered.length} commands ${guild ? `in server ${guild}` : 'globally'}: ${registered.map((c) => `/${c.name}`).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
