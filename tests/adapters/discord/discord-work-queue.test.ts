import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordBot } from '../../../src/adapters/discord/discord-bot.js';
import type { CommandDeps } from '../../../src/commands/command.js';
import { commands } from '../../../src/commands/index.js';
import { createStores } from '../../../src/store/index.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { MemoryClock } from '../../support/clock.js';
import { silentLogger } from '../../support/commands.js';
import { openMemoryDatabase } from '../../support/databases.js';
import type { OpenDatabase } from '../../../src/store/index.js';

/**
 * A burst of commands is acknowledged as it arrives, while the work runs a bounded number at a
 * time (here one): a command whose database work is held keeps the next ones waiting for their
 * turn, never for their acknowledgement.
 */
describe('Kenshu on Discord, under a burst', () => {
  let fake: FakeDiscord;
  let database: OpenDatabase;
  let bot: DiscordBot;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let started = 0;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ token: 'MTAwMDAwMDAwMDAwMDAwMDMx.kenshu.test-token-not-a-secret', guilds: [] });
    database = await openMemoryDatabase();
    const stores = createStores(database.db);
    // The writer 3…1 is held at "finding who is asking" until released; everyone else goes through.
    const members = {
      ...stores.members,
      ensureMemberIn: async (...[where, who]: Parameters<typeof stores.members.ensureMemberIn>) => {
        started++;
        if (who.platformUserId === '300000000000000001') await held;
        return stores.members.ensureMemberIn(where, who);
      },
    };
    const deps: CommandDeps = { ...stores, members, clock: new MemoryClock('2026-11-26T03:00:00Z'), defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
    bot = new DiscordBot({ token: fake.token, commands, deps, logger: silentLogger, defaultLocale: 'en', concurrency: 1, rest: { api: fake.apiUrl, retries: 0, timeout: 5000 } });
    await bot.start();
  });

  afterAll(async () => {
    release();
    await bot?.stop();
    await fake?.stop();
    await database?.close();
  });

  it('acknowledges every command at once, and works on them one at a time in the order they came', async () => {
    const stuck = await fake.interaction(fake.slashCommand({ user: '300000000000000001', name: 'help' }));
    await fake.waitFor(() => started === 1, 3000);
    const others = await Promise.all(Array.from({ length: 6 }, (_, i) => fake.interaction(fake.slashCommand({ user: `30000000000000001${i}`, name: 'help' }))));

    // Every one acknowledged (deferred) while the first is still held…
    await fake.waitFor(() => others.every((o) => o.callbacks.length > 0), 5000);
    for (const o of [stuck, ...others]) expect(o.callbacks.map((c) => c.type)).toEqual([5]);
    // …and none of the others started: they wait their turn behind it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started).toBe(1);
    expect([stuck, ...others].every((o) => o.edits.length === 0)).toBe(true);

    release();
    await fake.waitFor(() => [stuck, ...others].every((o) => o.edits.length > 0), 5000);
    for (const o of [stuck, ...others]) expect(JSON.stringify(o.edits.at(-1))).toContain('Kenshu commands');
    expect(started).toBe(7);
    const answeredAt = [stuck, ...others].map((o) => o.edits[0]!.at);
    expect(answeredAt).toEqual([...answeredAt].sort((a, b) => a - b));
  });
});
