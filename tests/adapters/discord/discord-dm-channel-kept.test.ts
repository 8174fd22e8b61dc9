import { afterAll, beforeAll, expect, it } from 'vitest';
import { DiscordBot } from '../../../src/adapters/discord/discord-bot.js';
import type { CommandDeps } from '../../../src/commands/command.js';
import { commands } from '../../../src/commands/index.js';
import { buttonRef } from '../../../src/domain/reply.js';
import { NudgeScheduler } from '../../../src/scheduler/nudge-scheduler.js';
import { createStores, type OpenDatabase, type Stores } from '../../../src/store/index.js';
import { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import { MemoryClock } from '../../support/clock.js';
import { silentLogger } from '../../support/commands.js';
import { openMemoryDatabase } from '../../support/databases.js';
import { newDelivery } from '../../support/delivery-records.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDIx.kenshu.test-token-not-a-secret';
const WRITER = '300000000000000077';
/** Thursday 12:00 in Tokyo: a CrowdWorks delivery of newDelivery has its first stage due. */
const NOW = new Date('2026-11-05T03:00:00.000Z');
const DUE = new Date('2026-11-04T03:00:00.000Z');

let fake: FakeDiscord;
let database: OpenDatabase;
let stores: Stores;
let writerId: number;
let communityId: number;

beforeAll(async () => {
  fake = await FakeDiscord.start({ token: TOKEN, guilds: [], users: [{ id: WRITER, username: 'writer' }], globalRateLimit: 50 });
  database = await openMemoryDatabase();
  stores = createStores(database.db);
  communityId = (await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: 'g', name: 'Writers' })).id;
  writerId = (await stores.members.ensureMember({ platform: 'discord', platformUserId: WRITER, displayName: 'Writer' })).id;
});
afterAll(async () => {
  await database?.close();
  await fake?.stop();
});

/**
 * One process of Kenshu: a Discord client of its own (nothing cached from an earlier one) and the
 * real scheduler; returns the REST calls one tick at `at` made, after a fresh delivery falls due.
 */
async function nudgeInFreshProcess(at: Date = NOW, options: { addDelivery?: boolean; before?: () => void } = {}): Promise<string[]> {
  if (options.addDelivery !== false) await stores.deliveries.record(newDelivery(writerId, communityId, { nextNudgeAt: DUE }), NOW);
  const deps = { clock: new MemoryClock(NOW), defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} } as unknown as CommandDeps;
  const bot = new DiscordBot({ token: fake.token, commands, deps, logger: silentLogger, defaultLocale: 'en', rest: { api: fake.apiUrl, retries: 0, timeout: 5000 } });
  await bot.start();
  try {
    const scheduler = new NudgeScheduler({ nudges: stores.nudges, members: stores.members, notifiers: { discord: bot.notifier }, clock: new MemoryClock(at), logger: silentLogger, defaultTimezone: 'Asia/Tokyo', defaultLocale: 'en' });
    options.before?.();
    const from = fake.calls.length;
    const report = await scheduler.tick(at);
    expect(report.errors).toBe(0);
    return fake.calls.slice(from).map((c) => `${c.method} ${c.route} ${c.status}`);
  } finally {
    await bot.stop();
  }
}

const storedChannel = async () => (await stores.members.findMember('discord', WRITER))!.dmChannelId;

it('opens the DM channel on the first nudge, keeps it, and sends straight to it after a restart, one request a nudge', async () => {
  const first = await nudgeInFreshProcess();
  const channel = fake.dmChannelOf(WRITER)!;
  expect(first).toEqual(['POST /users/@me/channels 200', `POST /channels/${channel}/messages 200`]);
  expect(await storedChannel()).toBe(channel);

  const second = await nudgeInFreshProcess();
  expect(second).toEqual([`POST /channels/${channel}/messages 200`]);
  expect(fake.dmsTo(WRITER)).toHaveLength(2);
  // What discord.js's `send` would post: the embed, the nudge's key as enforced nonce and in every button, no pings.
  const kept = fake.dmsTo(WRITER)[1]!;
  expect(kept).toMatchObject({ enforceNonce: true, allowedMentions: { parse: [] } });
  expect(kept.embeds).toHaveLength(1);
  const buttons = (kept.components as { components: { custom_id: string }[] }[]).flatMap((row) => row.components);
  expect(buttons.length).toBeGreaterThan(0);
  expect(buttons.map((b) => buttonRef(b.custom_id))).toEqual(buttons.map(() => kept.nonce));
  expect(fake.globalLimit!.refused).toBe(0);
});

it('opens a new channel once when the kept one is gone, and keeps the new one', async () => {
  const stale = (await storedChannel())!;
  const calls = await nudgeInFreshProcess(NOW, { before: () => fake.forgetDmChannel(WRITER) });
  const fresh = fake.dmChannelOf(WRITER)!;
  expect(fresh).not.toBe(stale);
  expect(calls).toEqual([`POST /channels/${stale}/messages 404`, 'POST /users/@me/channels 200', `POST /channels/${fresh}/messages 200`]);
  expect(await storedChannel()).toBe(fresh);
  expect(fake.messagesIn(fresh)).toHaveLength(1);
});

it('finds a nudge an earlier try delivered in the kept channel’s history, and sends no second copy', async () => {
  const channel = (await storedChannel())!;
  const before = fake.dmsTo(WRITER).length;
  // Discord makes the message but the answer is lost: the scheduler counts a failure and retries later.
  const lost = await nudgeInFreshProcess(NOW, { before: () => fake.loseResponseNext(1) });
  expect(lost).toEqual([`POST /channels/${channel}/messages 500`]);
  expect(fake.dmsTo(WRITER)).toHaveLength(before + 1);
  fake.forgetNonces();

  const retried = await nudgeInFreshProcess(new Date(NOW.getTime() + 2 * 60 * 60_000), { addDelivery: false });
  expect(retried).toEqual([`GET /channels/${channel}/messages 200`]);
  expect(fake.dmsTo(WRITER)).toHaveLength(before + 1);
  expect(fake.nonceReplays).toBe(0);
});
