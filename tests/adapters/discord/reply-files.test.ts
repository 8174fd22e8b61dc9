import { REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toApiMessage, toRawFiles } from '../../../src/adapters/discord/render.js';
import type { Reply } from '../../../src/domain/reply.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';

/** A PNG's signature followed by every byte value: any text decoding on the way would show. */
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 256 }, (_, i) => i)]);

describe('a reply carrying a PNG, through discord.js to Discord', () => {
  let discord: FakeDiscord;

  beforeAll(async () => {
    discord = await FakeDiscord.start();
  });
  afterAll(async () => {
    await discord?.stop();
  });

  it('arrives as an image/png attachment with the same bytes', async () => {
    const reply: Reply = { tone: 'info', title: 'Report', files: [{ name: 'kenshu-report-2026-11-23.png', bytes: PNG_BYTES }] };
    const rest = new REST({ api: discord.apiUrl, retries: 0, timeout: 5000 }).setToken('fake-token');
    const channel = discord.guild.channels[0]!.id;
    // The body and parts the adapter sends with every answer that has files (discord-bot.ts).
    await rest.post(Routes.channelMessages(channel), { body: toApiMessage(reply), files: toRawFiles(reply) });

    const call = discord.calls.find((c) => c.method === 'POST' && c.files.length > 0);
    expect((call?.body as { attachments?: unknown }).attachments).toEqual([{ id: 0, filename: 'kenshu-report-2026-11-23.png' }]);
    expect(call?.files.map((f) => [f.field, f.filename, f.contentType])).toEqual([['files[0]', 'kenshu-report-2026-11-23.png', 'image/png']]);
    expect(new Uint8Array(call!.files[0]!.data)).toEqual(PNG_BYTES);
  });
});
