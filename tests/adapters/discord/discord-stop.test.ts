import { describe, expect, it } from 'vitest';
import { DiscordBot } from '../../../src/adapters/discord/discord-bot.js';
import type { CommandDeps } from '../../../src/commands/command.js';
import { commands } from '../../../src/commands/index.js';
import { createStores } from '../../../src/store/index.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { MemoryClock } from '../../support/clock.js';
import { silentLogger } from '../../support/commands.js';
import { openMemoryDatabase } from '../../support/databases.js';

describe('Kenshu on Discord, stopping', () => {
  it('answers the interaction it is working on before it leaves the gateway, and takes no new one', async () => {
    const fake = await FakeDiscord.start({ token: 'MTAwMDAwMDAwMDAwMDAwMDIx.kenshu.test-token-not-a-secret', guilds: [] });
    const database = await openMemoryDatabase();
    try {
      const stores = createStores(database.db);
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      // Finding who is asking waits until released: the command is in flight when stop() is called.
      const members = {
        ...stores.members,
        ensureMemberIn: async (...args: Parameters<typeof stores.members.ensureMemberIn>) => (await held, stores.members.ensureMemberIn(...args)),
      };
      const deps: CommandDeps = { ...stores, members, clock: new MemoryClock('2026-11-26T03:00:00Z'), defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
      const bot = new DiscordBot({ token: fake.token, commands, deps, logger: silentLogger, defaultLocale: 'en', rest: { api: fake.apiUrl, retries: 0, timeout: 5000 } });
      await bot.start();

      const taken = await fake.interaction(fake.slashCommand({ user: '300000000000000001', name: 'help' }));
      await fake.waitFor(() => taken.callbacks.length > 0, 3000);
      const stopped = bot.stop();
      const late = await fake.interaction(fake.slashCommand({ user: '300000000000000002', name: 'help' }));
      release();
      await stopped;

      expect(taken.edits.length).toBeGreaterThan(0);
      expect(JSON.stringify(taken.edits.at(-1))).toContain('Kenshu commands');
      expect(late.callbacks).toEqual([]);
      expect(bot.connected()).toBe(false);
    } finally {
      await fake.stop();
      await database.close();
    }
  });
});
