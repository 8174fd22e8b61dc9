import { describe, expect, it } from 'vitest';
import { DiscordBot } from '../../../src/adapters/discord/discord-bot.js';
import type { CommandDeps } from '../../../src/commands/command.js';
import { commands } from '../../../src/commands/index.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { MemoryClock } from '../../support/clock.js';
import { silentLogger } from '../../support/commands.js';

describe('Kenshu on Discord: connected, for GET /healthz', () => {
  it('is connected once the gateway is ready, and not after it stops', async () => {
    const fake = await FakeDiscord.start({ token: 'MTAwMDAwMDAwMDAwMDAwMDIx.kenshu.test-token-not-a-secret', guilds: [] });
    try {
      // No command runs here: the ports are never called.
      const deps = { clock: new MemoryClock('2026-11-26T03:00:00Z'), defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} } as unknown as CommandDeps;
      const bot = new DiscordBot({ token: fake.token, commands, deps, logger: silentLogger, defaultLocale: 'en', rest: { api: fake.apiUrl, retries: 0, timeout: 5000 } });
      expect(bot.connected()).toBe(false);
      await bot.start();
      expect(bot.connected()).toBe(true);
      await bot.stop();
      expect(bot.connected()).toBe(false);
    } finally {
      await fake.stop();
    }
  });

  it('identifies as the shards it was given, so instances can split a big bot between them', async () => {
    const fake = await FakeDiscord.start({ token: 'MTAwMDAwMDAwMDAwMDAwMDIx.kenshu.test-token-not-a-secret', guilds: [] });
    try {
      const deps = { clock: new MemoryClock('2026-11-26T03:00:00Z'), defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} } as unknown as CommandDeps;
      const bot = new DiscordBot({ token: fake.token, commands, deps, logger: silentLogger, defaultLocale: 'en', rest: { api: fake.apiUrl, retries: 0, timeout: 5000 }, shards: { count: 2, ids: [1] } });
      await bot.start();
      await bot.stop();
      const identified = fake.gatewayFrames.filter((f) => f.op === 2).map((f) => (f.d as { shard?: unknown }).shard);
      expect(identified).toEqual([[1, 2]]);
    } finally {
      await fake.stop();
    }
  });
});
