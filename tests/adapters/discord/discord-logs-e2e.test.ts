import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordBot } from '../../../src/adapters/discord/discord-bot.js';
import type { CommandDeps } from '../../../src/commands/command.js';
import { commands } from '../../../src/commands/index.js';
import { createStores, type OpenDatabase } from '../../../src/store/index.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { MemoryClock } from '../../support/clock.js';
import { openMemoryDatabase } from '../../support/databases.js';
import { capturedLogger } from '../../support/logs.js';

const GUILD = '100000000000000021';
const CHANNEL = '100000000000000022';
const WRITER = '200000000000000021';

/** What the bot logs when Discord refuses its answer: never the token in the URL, never the reply's text. */
describe('Kenshu on Discord: log lines of a failed reply', () => {
  let fake: FakeDiscord;
  let database: OpenDatabase;
  let bot: DiscordBot;
  const logs = capturedLogger();

  beforeAll(async () => {
    fake = await FakeDiscord.start({ token: 'MTAwMDAwMDAwMDAwMDAwMDIx.kenshu.test-token-not-a-secret', guilds: [{ id: GUILD, name: 'Writers', ownerId: WRITER, channels: [{ id: CHANNEL, name: 'general' }] }] });
    database = await openMemoryDatabase();
    const deps: CommandDeps = { ...createStores(database.db), clock: new MemoryClock('2026-11-26T03:00:00Z'), defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
    bot = new DiscordBot({ token: fake.token, commands, deps, logger: logs.logger, defaultLocale: 'en', rest: { api: fake.apiUrl, retries: 0, timeout: 5000 } });
    await bot.start();
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    await database?.close();
  });

  const record = (title: string) =>
    fake.interaction(
      fake.slashCommand({ user: WRITER, name: 'deliver', subcommand: 'new', guildId: GUILD, channelId: CHANNEL, locale: 'en-US', options: [{ name: 'client', value: 'Private Client Name' }, { name: 'title', value: title }, { name: 'marketplace', value: 'direct' }] }),
    );
  const failures = () => logs.output().split('\n').filter((l) => l.includes('interaction failed'));

  it('when the answer (a webhook edit) is refused', async () => {
    fake.failNext(1, 400, { match: (c) => c.method === 'PATCH' && c.route.startsWith('/webhooks/') });
    const i = await record('REPLY-TITLE-SECRET-1');
    await fake.waitFor(() => failures().length >= 1, 5000);
    const logged = logs.output();
    for (const secret of [i.token, 'REPLY-TITLE-SECRET-1', 'Private Client Name', fake.token]) expect(logged).not.toContain(secret);
    expect(failures()[0]).toContain('webhooks/');
    expect(logged).toContain('[redacted]');
  });

  it('when the acknowledgement (an interaction callback) is refused', async () => {
    fake.failNext(1, 400, { match: (c) => c.method === 'POST' && c.route.startsWith('/interactions/') });
    const i = await record('REPLY-TITLE-SECRET-2');
    await fake.waitFor(() => failures().length >= 2, 5000);
    const logged = logs.output();
    for (const secret of [i.token, 'REPLY-TITLE-SECRET-2', fake.token]) expect(logged).not.toContain(secret);
    expect(failures()[1]).toContain(`interactions/${i.id}/[redacted]`);
  });
});
