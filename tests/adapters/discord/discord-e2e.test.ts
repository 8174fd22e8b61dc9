import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ApplicationCommandOptionType, type APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordBot } from '../../../src/adapters/discord/discord-bot.js';
import type { CommandDeps } from '../../../src/commands/command.js';
import { commands } from '../../../src/commands/index.js';
import { digestWeek, nextDigestAt, periodStartDate } from '../../../src/domain/mod-report.js';
import { composeDigest } from '../../../src/presenters/digest.js';
import { DigestScheduler } from '../../../src/scheduler/digest-scheduler.js';
import { NudgeScheduler } from '../../../src/scheduler/nudge-scheduler.js';
import { createStores, PgDigestStore, type OpenDatabase, type Stores } from '../../../src/store/index.js';
import { FakeDiscord, type RecordedInteraction } from '../../fakes/discord/fake-discord.js';
import { MemoryClock } from '../../support/clock.js';
import { silentLogger } from '../../support/commands.js';
import { openMemoryDatabase } from '../../support/databases.js';

const GUILD = '100000000000000001';
const CHANNEL = '100000000000000002';
const FALLBACK = '100000000000000003';
const OWNER = '200000000000000001';
const MANAGE_GUILD = String(1n << 5n);
const MOD_ROLE = '500000000000000001';
/** A channel of another server Kenshu is in, and an id no server has. */
const OTHER_GUILD_CHANNEL = '110000000000000002';
const NO_SUCH_CHANNEL = '199999999999999999';

const embedOf = (body: unknown) => ((body as { embeds?: APIEmbed[] }).embeds ?? [])[0];
/** The final answer to an interaction: the last edit of the deferred reply. */
const answer = (i: RecordedInteraction) => embedOf(i.edits.at(-1)?.body);
const text = (embed: APIEmbed | undefined) => JSON.stringify(embed ?? {});

/**
 * End to end against a Discord on loopback: the real discord.js Client over a real gateway
 * connection and REST, the real bot and scheduler, embedded PGlite.
 */
describe('Kenshu on Discord', () => {
  let fake: FakeDiscord;
  let database: OpenDatabase;
  let bot: DiscordBot;
  let scheduler: NudgeScheduler;
  let clock: MemoryClock;
  let stores: Stores;

  beforeAll(async () => {
    fake = await FakeDiscord.start({
      token: 'MTAwMDAwMDAwMDAwMDAwMDAx.kenshu.test-token-not-a-secret',
      guilds: [
        { id: GUILD, name: 'Writers', ownerId: OWNER, channels: [{ id: CHANNEL, name: 'general' }, { id: FALLBACK, name: 'kenshu' }], roles: [{ id: MOD_ROLE, name: 'Kenshu moderators' }] },
        { id: '110000000000000001', name: 'Elsewhere', ownerId: OWNER, channels: [{ id: OTHER_GUILD_CHANNEL, name: 'general' }] },
      ],
    });
    database = await openMemoryDatabase();
    clock = new MemoryClock('2026-11-02T03:00:00Z'); // Monday noon in Tokyo
    stores = createStores(database.db);
    const deps: CommandDeps = { ...stores, clock, defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
    bot = new DiscordBot({ token: fake.token, commands, deps, logger: silentLogger, defaultLocale: 'ja', rest: { api: fake.apiUrl, retries: 0, timeout: 5000 } });
    scheduler = new NudgeScheduler({ nudges: stores.nudges, members: stores.members, notifiers: { discord: bot.notifier }, clock, logger: silentLogger, defaultTimezone: 'Asia/Tokyo', defaultLocale: 'ja' });
    await bot.start();
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    await database?.close();
  });

  async function slash(user: string, name: string, subcommand: string | undefined, options: Record<string, string> = {}, extra: { locale?: 'ja' | 'en-US'; memberPermissions?: string; dm?: boolean } = {}) {
    const payload = fake.slashCommand({
      user,
      name,
      ...(subcommand ? { subcommand } : {}),
      ...(extra.dm ? {} : { guildId: GUILD, channelId: CHANNEL }),
      options: Object.entries(options).map(([n, value]) => ({ name: n, value })),
      locale: extra.locale ?? 'en-US',
      ...(extra.memberPermissions ? { memberPermissions: extra.memberPermissions } : {}),
    });
    const recorded = await fake.interaction(payload);
    await fake.waitFor(() => recorded.edits.length > 0, 5000);
    return recorded;
  }

  it('records a delivery with /deliver new, acknowledging first and answering privately', async () => {
    const i = await slash('300000000000000001', 'deliver', 'new', { client: 'Acme Media', title: 'SEO article', marketplace: 'crowdworks', delivered: '2026-11-02' });
    expect(i.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(answer(i)?.title).toBe('Delivery #1 recorded');
    expect(text(answer(i))).toContain('3 days after delivery (Thu, Nov 5, 2026): Check-in');
    expect((i.edits.at(-1)?.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    const list = await slash('300000000000000001', 'deliver', 'list');
    expect(answer(list)?.title).toBe('Your open deliveries (1)');
    expect(fake.unknownRoutes).toEqual([]);
  });

  it('answers in Japanese to a Japanese client', async () => {
    const i = await slash('300000000000000002', 'deliver', 'new', { client: 'アクメ', title: '記事', marketplace: 'lancers' }, { locale: 'ja' });
    expect(answer(i)?.title).toBe('納品 #1 を記録しました');
  });

  it('sends the nudge DM when it is due, with buttons; Accepted stops the next ones', async () => {
    const writer = '300000000000000001';
    clock.set('2026-11-05T03:30:00Z'); // day 3, 12:30 in Tokyo
    await scheduler.tick();
    const [dm] = fake.dmsTo(writer);
    expect(dm).toBeDefined();
    expect(embedOf(dm!.body)?.title).toContain('(3 days after delivery)');
    expect(dm!.nonce).toMatch(/^kn[0-9a-z]+s1$/);
    expect(dm!.enforceNonce).toBe(true);
    const rows = dm!.components as { components: { custom_id: string; label: string }[] }[];
    const buttons = rows[0]!.components;
    expect(buttons.map((b) => b.label)).toEqual(['Accepted', 'Paid', 'Snooze 3 days', 'Stop reminders', 'Show message']);
    // What the writer confirms having done: a row of its own, within Discord's five a row.
    const confirms = rows[1]!.components;
    expect(confirms.map((b) => b.label)).toEqual(['Sent it', 'Asked the desk', 'Client replied']);

    const sent = await fake.interaction(fake.button({ user: writer, customId: confirms[0]!.custom_id, messageId: dm!.id, dm: true }));
    await fake.waitFor(() => sent.edits.length > 0, 5000);
    expect(answer(sent)?.title).toBe('#1: your message to the client is recorded');
    const [delivery] = (await database.db.query.deliveries.findMany()) as { id: number }[];
    expect((await stores.events.list(delivery!.id)).map((e) => [e.kind, e.at.toISOString()])).toEqual([['sent', '2026-11-05T03:30:00.000Z']]);

    const click = await fake.interaction(fake.button({ user: writer, customId: buttons[0]!.custom_id, messageId: dm!.id, dm: true }));
    await fake.waitFor(() => click.edits.length > 0, 5000);
    expect(answer(click)?.title).toBe('Delivery #1 accepted');

    clock.set('2026-12-31T03:00:00Z');
    await scheduler.tick();
    expect(fake.dmsTo(writer)).toHaveLength(1);
  });

  it('attaches the evidence file to the answer of /deliver evidence', async () => {
    const writer = '300000000000000001';
    // The clock stands where the last test left it: 31 December.
    const i = await slash(writer, 'deliver', 'evidence', { delivery: '1' }, { locale: 'ja' });
    expect(answer(i)?.title).toBe('納品 #1 の経緯ファイル');
    const edit = fake.calls.find((c) => c.method === 'PATCH' && c.path.includes(i.token) && c.files.length > 0);
    expect(edit?.files.map((f) => [f.field, f.filename, f.contentType])).toEqual([['files[0]', 'kenshu-delivery-1-20261231.md', 'text/markdown; charset=utf-8']]);
    expect((edit?.body as { attachments?: unknown }).attachments).toEqual([{ id: 0, filename: 'kenshu-delivery-1-20261231.md' }]);
    const file = edit!.files[0]!.data.toString('utf8');
    expect(file).toContain('# 納品の経緯: SEO article(#1)');
    expect(file).toContain('- **納品日:** 2026年11月2日(月)');
    expect(file).toContain('## クライアントへの連絡(ライターの記録)\n\n- 2026年11月5日(木) クライアントに連絡\n');
    expect(file).toContain('- 2026年11月5日(木) Kenshu からのリマインド(確認の連絡)');
    expect(file).toContain('- 2026年11月5日(木) 検収済みに変更');
  });

  it('a button naming someone else’s delivery does nothing to it', async () => {
    const owner = '300000000000000002';
    const [, delivery] = (await database.db.query.deliveries.findMany()) as { id: number }[];
    const click = await fake.interaction(fake.button({ user: '399999999999999999', customId: `kenshu:pay:${delivery!.id}`, dm: true }));
    await fake.waitFor(() => click.edits.length > 0, 5000);
    expect(text(answer(click))).toContain('That delivery is not one of yours, or no longer exists, so nothing changed.');
    const list = await slash(owner, 'deliver', 'list');
    expect(text(answer(list))).toContain('Awaiting review');
  });

  it('keeps /mod for moderators: a member is refused, a Manage Server member sets the fallback channel', async () => {
    const refused = await slash('300000000000000009', 'mod', 'settings', { fallback_channel: FALLBACK });
    expect(text(answer(refused))).toContain("Only this community's moderators can do that.");
    const done = await slash('300000000000000008', 'mod', 'settings', { fallback_channel: FALLBACK }, { memberPermissions: MANAGE_GUILD });
    expect(text(answer(done))).toContain(`<#${FALLBACK}>`);
  });

  it("refuses a fallback or moderators' channel that is not this server's, in either language, and saves nothing", async () => {
    const admin = '300000000000000008';
    for (const [option, channel] of [['fallback_channel', OTHER_GUILD_CHANNEL], ['mod_channel', OTHER_GUILD_CHANNEL], ['mod_channel', NO_SUCH_CHANNEL]] as const) {
      const en = await slash(admin, 'mod', 'settings', { [option]: channel, flag_daily_limit: '7' }, { memberPermissions: MANAGE_GUILD });
      expect(text(answer(en))).toContain(`${option} must be a channel of this server, and the one given is not`);
      expect(text(answer(en))).toContain('Nothing was saved.');
      const ja = await slash(admin, 'mod', 'settings', { [option]: channel }, { memberPermissions: MANAGE_GUILD, locale: 'ja' });
      expect(text(answer(ja))).toContain(`${option} にはこのサーバーのチャンネルを指定してください。`);
    }
    const settings = text(answer(await slash(admin, 'mod', 'settings', {}, { memberPermissions: MANAGE_GUILD })));
    expect(settings).toContain(`<#${FALLBACK}>`);
    expect(settings).not.toContain(OTHER_GUILD_CHANNEL);
    expect(settings).not.toContain(NO_SUCH_CHANNEL);
    expect((await stores.communities.findCommunity('discord', GUILD))?.flagDailyLimit).not.toBe(7);
    // This server's own channels are taken, as before.
    const own = await slash(admin, 'mod', 'settings', { mod_channel: CHANNEL }, { memberPermissions: MANAGE_GUILD });
    expect(text(answer(own))).toContain(`<#${CHANNEL}>`);
    await slash(admin, 'mod', 'settings', { clear: 'mod_channel' }, { memberPermissions: MANAGE_GUILD });
  });

  it("attaches the report's chart to /mod report, and posts the weekly digest with it to the moderators' channel", async () => {
    const admin = '300000000000000008';
    const report = await slash(admin, 'mod', 'report', {}, { memberPermissions: MANAGE_GUILD });
    expect(answer(report)?.title).toMatch(/^Community report: the week /);
    const isPng = (f: { filename: string; contentType: string | undefined; data: Buffer }) => /^kenshu-report-\d{4}-\d{2}-\d{2}\.png$/.test(f.filename) && f.contentType === 'image/png' && f.data.subarray(1, 4).toString() === 'PNG';
    const answered = fake.calls.filter((c) => c.method === 'PATCH' && c.route.includes(report.token));
    expect(answered.flatMap((c) => c.files).filter(isPng)).toHaveLength(1);

    await slash(admin, 'mod', 'settings', { mod_channel: CHANNEL }, { memberPermissions: MANAGE_GUILD });
    const digests = new DigestScheduler({ digests: new PgDigestStore(database.db), notifiers: { discord: bot.notifier }, composeDigest: composeDigest(stores), clock, logger: silentLogger, defaultTimezone: 'Asia/Tokyo', defaultLocale: 'ja' });
    const before = fake.messagesIn(CHANNEL).length;
    const saved = clock.now();
    try {
      const due = nextDigestAt(saved, 'Asia/Tokyo'); // the next Monday 09:00 in Tokyo
      clock.set(due);
      await digests.tick();
      await digests.tick();
      const posted = fake.messagesIn(CHANNEL).slice(before);
      expect(posted).toHaveLength(1);
      expect((posted[0]!.embeds[0] as APIEmbed).title).toMatch(/^週次レポート \d{4}年\d{1,2}月\d{1,2}日\(月\)〜/);
      const sent = fake.calls.filter((c) => c.method === 'POST' && c.route === `/channels/${CHANNEL}/messages` && c.files.length > 0);
      expect(sent.flatMap((c) => c.files).filter(isPng).map((f) => f.filename)).toEqual([`kenshu-report-${periodStartDate(digestWeek(due, 'Asia/Tokyo'))}.png`]);
    } finally {
      clock.set(saved);
      await slash(admin, 'mod', 'settings', { clear: 'mod_channel' }, { memberPermissions: MANAGE_GUILD });
    }
  });

  it('lets members with the configured moderator role moderate, checked on every call', async () => {
    const role = MOD_ROLE;
    await slash('300000000000000008', 'mod', 'settings', { moderator_role: role }, { memberPermissions: MANAGE_GUILD });
    const withRole = await fake.interaction(fake.slashCommand({ user: '300000000000000010', guildId: GUILD, channelId: CHANNEL, name: 'mod', subcommand: 'settings', roles: [role] }));
    await fake.waitFor(() => withRole.edits.length > 0, 5000);
    expect(answer(withRole)?.title).toBe("This community's Kenshu settings");
    const without = await slash('300000000000000011', 'mod', 'settings');
    expect(text(answer(without))).toContain("Only this community's moderators can do that.");
  });

  it('decides levels from Discord: Manage Server and the owner are admins, a role holder moderates, nobody in a DM', async () => {
    const holder = '300000000000000012';
    const asHolder = async (options: Record<string, string>) => {
      const i = await fake.interaction(
        fake.slashCommand({ user: holder, guildId: GUILD, channelId: CHANNEL, name: 'mod', subcommand: 'settings', roles: [MOD_ROLE], options: Object.entries(options).map(([name, value]) => ({ name, value })) }),
      );
      await fake.waitFor(() => i.edits.length > 0, 5000);
      return i;
    };
    await slash('300000000000000008', 'mod', 'settings', { moderator_role: MOD_ROLE }, { memberPermissions: MANAGE_GUILD });
    const shown = (await stores.communities.findCommunity('discord', GUILD))!.showFromOthers;
    const limit = await asHolder({ flag_daily_limit: '4' });
    expect(text(answer(limit))).toContain('Saved: flag_daily_limit.');
    // A role holder mixing in an admin-only option is refused whole: the limit stays 4.
    const mixed = await asHolder({ flag_daily_limit: '9', show_from_others: 'none' });
    expect(text(answer(mixed))).toContain("Only this community's admins");
    expect(text(answer(mixed))).toContain('Nothing was saved.');
    const community = await stores.communities.findCommunity('discord', GUILD);
    expect(community).toMatchObject({ flagDailyLimit: 4, showFromOthers: shown });
    // The server owner is an admin without any permission bit.
    const byOwner = await slash(OWNER, 'mod', 'settings', { show_from_others: shown === 'none' ? 'all' : 'none' });
    expect(text(answer(byOwner))).toContain('Saved: show_from_others.');
    // An admin lists a member picked from Discord's user list; they then moderate without the role.
    const listed = '300000000000000013';
    await slash(listed, 'help', undefined);
    const add = await fake.interaction(
      fake.slashCommand({ user: OWNER, guildId: GUILD, channelId: CHANNEL, name: 'mod', subcommand: 'settings', options: [{ name: 'add_moderator', value: listed, type: ApplicationCommandOptionType.User }] }),
    );
    await fake.waitFor(() => add.edits.length > 0, 5000);
    expect(text(answer(add))).toContain('Saved: add_moderator.');
    expect(text(answer(await slash(listed, 'mod', 'settings', { flag_daily_limit: '5' })))).toContain('Saved: flag_daily_limit.');
    // In a DM nobody moderates, not even the server's owner.
    const inDm = await slash(OWNER, 'mod', 'settings', { flag_daily_limit: '6' }, { dm: true });
    expect(text(answer(inDm))).toContain('in a direct message nobody moderates');
    expect((await stores.communities.findCommunity('discord', GUILD))?.flagDailyLimit).toBe(5);
    await slash('300000000000000008', 'mod', 'settings', { show_from_others: shown, moderator_role: 'none' }, { memberPermissions: MANAGE_GUILD });
  });

  it('falls back to the community channel, pinging only the writer, when their DMs are closed (50007)', async () => {
    const writer = '300000000000000003';
    fake.closeDms(writer);
    clock.set('2026-11-02T03:00:00Z');
    await slash(writer, 'deliver', 'new', { client: 'Closed Client', title: 'Secret title', marketplace: 'crowdworks', delivered: '2026-11-02' });
    clock.set('2026-11-05T04:00:00Z');
    await scheduler.tick();
    expect(fake.dmsTo(writer)).toEqual([]);
    const [post] = fake.messagesIn(FALLBACK);
    expect(post?.content).toBe(`<@${writer}>`);
    expect(post?.allowedMentions).toEqual({ users: [writer] });
    expect(text(embedOf(post?.body))).not.toContain('Secret');

    // Show message: the writer sees the nudge privately; anyone else learns nothing.
    const [show] = (post!.components as { components: { custom_id: string; label: string }[] }[])[0]!.components;
    expect(show).toMatchObject({ label: 'Show message', custom_id: expect.stringMatching(/^kenshu:show:\d+:kf[0-9a-z]+s1$/) as unknown });
    const mine = await fake.interaction(fake.button({ user: writer, customId: show!.custom_id, messageId: post!.id, guildId: GUILD, channelId: FALLBACK }));
    await fake.waitFor(() => mine.edits.length > 0, 5000);
    expect(mine.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(text(answer(mine))).toContain('Secret title');
    const theirs = await fake.interaction(fake.button({ user: '300000000000000009', customId: show!.custom_id, messageId: post!.id, guildId: GUILD, channelId: FALLBACK }));
    await fake.waitFor(() => theirs.edits.length > 0, 5000);
    expect(theirs.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(text(answer(theirs))).not.toContain('Secret');
  });

  it('does not post the fallback twice either when Discord made it but the answer was lost', async () => {
    const writer = '300000000000000023';
    await slash('300000000000000008', 'mod', 'settings', { fallback_channel: FALLBACK }, { memberPermissions: MANAGE_GUILD });
    fake.closeDms(writer);
    clock.set('2026-11-02T03:00:00Z');
    await slash(writer, 'deliver', 'new', { client: 'Closed Lost', title: 'Fallback made but unanswered', marketplace: 'crowdworks', delivered: '2026-11-02' });
    const before = fake.messagesIn(FALLBACK).length;
    // The closed DM is refused as usual; the post to the channel is made, and its answer lost.
    fake.loseResponseNext(1, 500, { match: (c) => c.method === 'POST' && c.route === `/channels/${FALLBACK}/messages` });
    clock.set('2026-11-05T04:00:00Z');
    await scheduler.tick();
    expect(fake.messagesIn(FALLBACK)).toHaveLength(before + 1);
    fake.forgetNonces();
    clock.set('2026-11-05T04:02:00Z');
    await scheduler.tick();
    expect(fake.messagesIn(FALLBACK)).toHaveLength(before + 1);
    expect(fake.calls.some((c) => c.method === 'GET' && c.route === `/channels/${FALLBACK}/messages`)).toBe(true);
    await slash('300000000000000008', 'mod', 'settings', { clear: 'fallback_channel' }, { memberPermissions: MANAGE_GUILD });
  });

  it('without a fallback channel, tells the writer on their next command', async () => {
    await slash('300000000000000008', 'mod', 'settings', { clear: 'fallback_channel' }, { memberPermissions: MANAGE_GUILD });
    const writer = '300000000000000004';
    fake.closeDms(writer);
    clock.set('2026-11-02T03:00:00Z');
    await slash(writer, 'deliver', 'new', { client: 'X', title: 'Y', marketplace: 'crowdworks', delivered: '2026-11-02' });
    clock.set('2026-11-05T04:00:00Z');
    await scheduler.tick();
    const next = await slash(writer, 'remind', 'list');
    expect(answer(next)?.footer?.text).toContain('direct messages are closed');
  });

  it('waits out a 429 with retry_after and then delivers the nudge once', async () => {
    const writer = '300000000000000005';
    clock.set('2026-11-02T03:00:00Z');
    await slash(writer, 'deliver', 'new', { client: 'R', title: 'Rate limited', marketplace: 'crowdworks', delivered: '2026-11-02' });
    fake.rateLimitNext(1, 0.3);
    clock.set('2026-11-05T04:00:00Z');
    await scheduler.tick();
    expect(fake.dmsTo(writer)).toHaveLength(1);
    expect(fake.calls.some((c) => c.status === 429)).toBe(true);
  });

  it('does not send a nudge twice when Discord made it but the answer was lost, even after Discord forgot the nonce', async () => {
    const writer = '300000000000000021';
    clock.set('2026-11-02T03:00:00Z');
    await slash(writer, 'deliver', 'new', { client: 'Lost Answer', title: 'Made but unanswered', marketplace: 'crowdworks', delivered: '2026-11-02' });
    fake.loseResponseNext(1);
    clock.set('2026-11-05T04:00:00Z');
    await scheduler.tick(); // Discord creates the DM and answers 500: retried in a minute
    const [made] = fake.dmsTo(writer);
    expect(fake.dmsTo(writer)).toHaveLength(1);
    fake.forgetNonces(); // the retry comes after Discord's deduplication window
    const historyReads = () => fake.calls.filter((c) => c.method === 'GET' && c.route === `/channels/${made!.channelId}/messages`).length;
    clock.set('2026-11-05T04:02:00Z');
    await scheduler.tick();
    expect(fake.dmsTo(writer)).toHaveLength(1);
    expect(historyReads()).toBe(1);
    const [delivery] = (await database.db.query.deliveries.findMany({ where: (d, { eq }) => eq(d.title, 'Made but unanswered') })) as { id: number }[];
    const [nudge] = await database.db.query.nudges.findMany({ where: (n, { eq }) => eq(n.deliveryId, delivery!.id) });
    expect(nudge).toMatchObject({ stage: 1, state: 'sent', attempts: 1, messageRef: made!.id });
  });

  it('sends on a retry when the earlier try never reached Discord, and does not look back on a first try', async () => {
    const writer = '300000000000000022';
    clock.set('2026-11-02T03:00:00Z');
    await slash(writer, 'deliver', 'new', { client: 'Never Reached', title: 'Refused once', marketplace: 'crowdworks', delivered: '2026-11-02' });
    const historyReads = () => fake.calls.filter((c) => c.method === 'GET' && /^\/channels\/[^/]+\/messages$/.test(c.route)).length;
    const before = historyReads();
    fake.failNext(1, 502);
    clock.set('2026-11-05T04:00:00Z');
    await scheduler.tick();
    expect(fake.dmsTo(writer)).toEqual([]);
    expect(historyReads()).toBe(before);
    clock.set('2026-11-05T04:02:00Z');
    await scheduler.tick();
    expect(fake.dmsTo(writer)).toHaveLength(1);
    expect(historyReads()).toBe(before + 1);
  });

  it('answers autocomplete well inside the deadline with at most 25 of the caller’s deliveries', async () => {
    const writer = '300000000000000006';
    for (let n = 0; n < 30; n++) await slash(writer, 'deliver', 'new', { client: `Client ${n}`, title: `Title ${n}`, marketplace: 'direct' });
    const i = await fake.interaction(fake.autocomplete({ user: writer, guildId: GUILD, channelId: CHANNEL, name: 'deliver', subcommand: 'paid', focused: 'delivery', options: [{ name: 'delivery', value: '' }] }));
    await fake.waitFor(() => i.callbacks.length > 0, 3000);
    const [callback] = i.callbacks;
    expect(callback?.type).toBe(8);
    const choices = (callback?.data as { choices: { name: string; value: string }[] }).choices;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toEqual({ name: '#30 Title 29 (Client 29)', value: '30' });
    expect(fake.firstResponseMs(i.id)).toBeLessThan(3000);

    // What is typed filters across all 30, the oldest included.
    const typed = await fake.interaction(fake.autocomplete({ user: writer, guildId: GUILD, channelId: CHANNEL, name: 'deliver', subcommand: 'paid', focused: 'delivery', options: [{ name: 'delivery', value: 'client 0' }] }));
    await fake.waitFor(() => typed.callbacks.length > 0, 3000);
    expect((typed.callbacks[0]?.data as { choices: unknown[] }).choices).toEqual([{ name: '#1 Title 0 (Client 0)', value: '1' }]);
  });

  it('records nobody and no server from autocomplete keystrokes alone', async () => {
    const stranger = '300000000000000099';
    const i = await fake.interaction(fake.autocomplete({ user: stranger, guildId: GUILD, channelId: CHANNEL, name: 'deliver', subcommand: 'paid', focused: 'delivery', options: [{ name: 'delivery', value: '1' }] }));
    await fake.waitFor(() => i.callbacks.length > 0, 3000);
    expect((i.callbacks[0]?.data as { choices: unknown[] }).choices).toEqual([]);
    expect(await stores.members.findMember('discord', stranger)).toBeUndefined();
    const dm = await fake.interaction(fake.autocomplete({ user: stranger, name: 'client', subcommand: 'lookup', focused: 'client', options: [{ name: 'client', value: 'a' }] }));
    await fake.waitFor(() => dm.callbacks.length > 0, 3000);
    expect(await stores.members.findMember('discord', stranger)).toBeUndefined();
  });

  it("keeps each writer's DMs their own space: another writer's DM autocomplete and lookup see nothing of it", async () => {
    const [aki, ben] = ['300000000000000041', '300000000000000042'];
    const delivered = await slash(aki, 'deliver', 'new', { client: 'Hidden Client KK', title: 'Article', marketplace: 'direct', delivered: '2026-10-20' }, { dm: true });
    expect(answer(delivered)?.title).toContain('#1');
    const complete = async (user: string, typed: string) => {
      const i = await fake.interaction(fake.autocomplete({ user, name: 'client', subcommand: 'lookup', focused: 'client', options: [{ name: 'client', value: typed }] }));
      await fake.waitFor(() => i.callbacks.length > 0, 3000);
      return (i.callbacks[0]?.data as { choices: { name: string; value: string }[] }).choices;
    };
    // Ben has used Kenshu in a DM before, so his keystrokes are answered, from his own space only.
    await slash(ben, 'help', undefined, {}, { dm: true });
    expect(await complete(aki, 'hidden')).toEqual([{ name: 'Hidden Client KK', value: 'Hidden Client KK' }]);
    expect(await complete(ben, 'hidden')).toEqual([]);

    const mine = answer(await slash(aki, 'client', 'lookup', { client: 'Hidden Client KK' }, { dm: true }));
    expect(mine?.title).toBe('Hidden Client KK');
    // Her own delivery, shown apart: a personal space pools nobody else's.
    expect(text(mine)).toContain('Your own: 1 delivery, 0 paid');
    const theirs = answer(await slash(ben, 'client', 'lookup', { client: 'Hidden Client KK' }, { dm: true }));
    expect(theirs?.title).toBe('No track record for Hidden Client KK');
    expect(text(theirs)).not.toMatch(/delivery by|Your own/);
    const fuzzy = answer(await slash(ben, 'client', 'lookup', { client: 'Hidden Client' }, { dm: true }));
    expect(text(fuzzy)).not.toContain('Hidden Client KK');

    // A DM has no moderators: a report is filed in a server.
    const flagged = answer(await slash(aki, 'client', 'flag', { client: 'Hidden Client KK', reason: 'unpaid', delivery: '1' }, { dm: true }));
    expect(flagged?.description).toContain("file the report in your community's server");
    const ja = answer(await slash(aki, 'client', 'flag', { client: 'Hidden Client KK', reason: 'unpaid', delivery: '1' }, { dm: true, locale: 'ja' }));
    expect(ja?.description).toContain('報告はコミュニティのサーバーで行ってください');
  });

  it('shows a client name that holds a masked link or a mention as text in the embed', async () => {
    const writer = '300000000000000043';
    await slash(writer, 'deliver', 'new', { client: '[Acme](https://ac.me) @everyone', title: 'Article', marketplace: 'direct' });
    const found = answer(await slash(writer, 'client', 'lookup', { client: '[Acme](https://ac.me) @everyone' }));
    expect(found?.title).toBe('\\[Acme\\](https://ac.me) @everyone');
    expect(text(found)).not.toContain('[Acme](');
  });

  it('attaches the privacy export as JSON, and erases only for the member who presses Confirm', async () => {
    const writer = '300000000000000011';
    await slash(writer, 'deliver', 'new', { client: 'Privacy Client 11', title: 'privacy-title-11', marketplace: 'direct' }, { dm: true });
    const exported = await slash(writer, 'privacy', 'export', {}, { dm: true });
    expect(answer(exported)?.title).toBe('Your data in Kenshu');
    const edit = fake.calls.find((c) => c.method === 'PATCH' && c.path.includes(exported.token) && c.files.length > 0);
    expect(edit?.files.map((f) => f.contentType)).toEqual(['application/json; charset=utf-8']);
    expect(edit!.files[0]!.filename).toMatch(/^kenshu-privacy-export-\d{8}\.json$/);
    const data = JSON.parse(edit!.files[0]!.data.toString('utf8')) as { profile: { platformUserId: string }; deliveries: { title: string }[] };
    expect(data.profile.platformUserId).toBe(writer);
    expect(data.deliveries.map((d) => d.title)).toEqual(['privacy-title-11']);

    const asked = await slash(writer, 'privacy', 'delete', {}, { locale: 'ja' });
    expect(answer(asked)?.title).toBe('Kenshu からあなたのデータを削除しますか?');
    const [confirm] = ((asked.edits.at(-1)?.body as { components: { components: { custom_id: string; label: string }[] }[] }).components[0]!.components);
    expect(confirm!.label).toBe('削除を確定する');

    // Someone else pressing it erases nobody.
    const other = await fake.interaction(fake.button({ user: '300000000000000012', customId: confirm!.custom_id, guildId: GUILD, channelId: CHANNEL }));
    await fake.waitFor(() => other.edits.length > 0, 5000);
    expect(text(answer(other))).not.toContain('削除しました');
    expect(await stores.members.findMember('discord', writer)).toBeDefined();

    const erased = await fake.interaction(fake.button({ user: writer, customId: confirm!.custom_id, guildId: GUILD, channelId: CHANNEL, locale: 'ja' }));
    await fake.waitFor(() => erased.edits.length > 0, 5000);
    expect(answer(erased)?.title).toBe('データを削除しました');
    expect(await stores.members.findMember('discord', writer)).toBeUndefined();
  });

  it('works in a DM with the bot too', async () => {
    const i = await slash('300000000000000007', 'help', undefined, {}, { dm: true });
    expect(i.callbacks[0]?.type).toBe(5);
    expect(answer(i)?.title).toBe('Kenshu commands');
  });

  it('registers the commands with npm run deploy:discord, for one server', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
    const output = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(tsx, ['scripts/deploy-discord.ts', '--guild', GUILD], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.appId, DISCORD_API_URL: fake.apiUrl },
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(output.out).toContain(`Registered 6 commands in server ${GUILD}: /deliver, /remind, /client, /mod, /privacy, /help`);
    expect(output.code).toBe(0);
    expect(fake.guildCommands.get(GUILD)?.map((c) => c.name)).toEqual(['deliver', 'remind', 'client', 'mod', 'privacy', 'help']);
  });
});
