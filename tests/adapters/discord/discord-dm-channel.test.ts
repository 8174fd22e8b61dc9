import { expect, it } from 'vitest';
import { DiscordBot } from '../../../src/adapters/discord/discord-bot.js';
import type { CommandDeps } from '../../../src/commands/command.js';
import { commands } from '../../../src/commands/index.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { MemoryClock } from '../../support/clock.js';
import { silentLogger } from '../../support/commands.js';

const WRITER = '300000000000000042';

it('opens a writer’s DM channel with one request the first time, and none after, without fetching the writer', async () => {
  const fake = await FakeDiscord.start({ token: 'MTAwMDAwMDAwMDAwMDAwMDIx.kenshu.test-token-not-a-secret', guilds: [], users: [{ id: WRITER, username: 'writer' }] });
  try {
    // No command runs here: the ports are never called.
    const deps = { clock: new MemoryClock('2026-11-26T03:00:00Z'), defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} } as unknown as CommandDeps;
    const bot = new DiscordBot({ token: fake.token, commands, deps, logger: silentLogger, defaultLocale: 'en', rest: { api: fake.apiUrl, retries: 0, timeout: 5000 } });
    await bot.start();
    try {
      const before = fake.calls.length;
      const reply = { tone: 'info' as const, title: 'A nudge', lines: ['Delivered 3 days ago.'] };
      expect(await bot.notifier.dm(WRITER, reply, 'kn1s1')).toMatchObject({ kind: 'sent' });
      expect(await bot.notifier.dm(WRITER, reply, 'kn1s2')).toMatchObject({ kind: 'sent' });
      const calls = fake.calls.slice(before).map((c) => `${c.method} ${c.route}`);
      expect(calls.filter((c) => c.includes('/users/'))).toEqual(['POST /users/@me/channels']);
      expect(calls.filter((c) => c.endsWith('/messages'))).toHaveLength(2);
      expect(fake.dmsTo(WRITER)).toHaveLength(2);
    } finally {
      await bot.stop();
    }
  } finally {
    await fake.stop();
  }
});
