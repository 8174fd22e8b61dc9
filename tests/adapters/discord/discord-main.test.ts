import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { startKenshu } from '../../support/run-main.js';
import { seedDataDir } from '../../support/databases.js';

const GUILD = '100000000000000001';

/**
 * `npm start` with Discord tokens: the composition root connects, answers, and stops cleanly. It
 * runs compiled, as the Docker image does (`node dist/main.js`); the console tests run it through
 * npm start's tsx too.
 */
describe('npm start with DISCORD_TOKEN', () => {
  let fake: FakeDiscord;
  let dataDir: string;
  beforeAll(async () => {
    fake = await FakeDiscord.start({ token: 'MTAwMDAwMDAwMDAwMDAwMDAx.kenshu.test-token-not-a-secret', guilds: [{ id: GUILD, name: 'Writers', ownerId: '1', channels: [{ id: '100000000000000002', name: 'general' }] }] });
    dataDir = await mkdtemp(join(tmpdir(), 'kenshu-discord-main-'));
    // A first start on an empty directory is the console tests' subject; this one's is Discord.
    await seedDataDir(dataDir);
  });
  afterAll(async () => {
    await fake?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('connects to the gateway, answers a slash command in Japanese, and exits 0 on SIGTERM', async () => {
    const kenshu = await startKenshu({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.appId, DISCORD_API_URL: fake.apiUrl, DATA_DIR: dataDir });
    let code: number | null | undefined;
    try {
      await fake.waitFor(() => fake.connected, 30_000);
      const i = await fake.interaction(fake.slashCommand({ user: '300000000000000001', guildId: GUILD, name: 'deliver', subcommand: 'new', locale: 'ja', options: [{ name: 'client', value: 'アクメ' }, { name: 'title', value: '記事' }, { name: 'marketplace', value: 'coconala' }] }));
      await fake.waitFor(() => i.edits.length > 0, 10_000);
      expect(i.callbacks[0]?.type).toBe(5);
      expect(((i.edits[0]!.body as { embeds: APIEmbed[] }).embeds[0])?.title).toBe('納品 #1 を記録しました');
    } finally {
      code = await kenshu.stop();
    }
    expect(code, kenshu.output()).toBe(0);
  });
});
