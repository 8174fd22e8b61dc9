import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordBot } from '../../../src/adapters/discord/discord-bot.js';
import type { CommandDeps } from '../../../src/commands/command.js';
import { commands } from '../../../src/commands/index.js';
import { createStores, type OpenDatabase, type Stores } from '../../../src/store/index.js';
import { FakeDiscord, type RecordedInteraction } from '../../fakes/discord/fake-discord.js';
import { MemoryClock } from '../../support/clock.js';
import { silentLogger } from '../../support/commands.js';
import { openMemoryDatabase } from '../../support/databases.js';

const GUILD = '100000000000000011';
const CHANNEL = '100000000000000012';
const MODS = '100000000000000013';
const OWNER = '200000000000000011';
const MODERATOR = '300000000000000010';
const MEMBER = '300000000000000019';
const REPORTERS = ['300000000000000011', '300000000000000012', '300000000000000013'];
const MANAGE_GUILD = String(1n << 5n);

const embedOf = (body: unknown) => ((body as { embeds?: APIEmbed[] }).embeds ?? [])[0];
const answer = (i: RecordedInteraction) => embedOf(i.edits.at(-1)?.body);
const text = (embed: APIEmbed | undefined) => JSON.stringify(embed ?? {});
type Row = { components: { custom_id: string; label: string }[] };
const rowsOf = (i: RecordedInteraction) => ((i.edits.at(-1)?.body as { components?: Row[] }).components ?? []);

/** The review queue on Discord, against the fake on loopback: buttons, the Reject modal, and who may press them. */
describe('Kenshu on Discord: the review queue', () => {
  let fake: FakeDiscord;
  let database: OpenDatabase;
  let bot: DiscordBot;
  let stores: Stores;
  let communityId: number;
  const clock = new MemoryClock('2026-11-26T03:00:00Z');

  beforeAll(async () => {
    fake = await FakeDiscord.start({
      token: 'MTAwMDAwMDAwMDAwMDAwMDEx.kenshu.test-token-not-a-secret',
      guilds: [{ id: GUILD, name: 'Writers', ownerId: OWNER, channels: [{ id: CHANNEL, name: 'general' }, { id: MODS, name: 'moderators' }] }],
    });
    database = await openMemoryDatabase();
    stores = createStores(database.db);
    const deps: CommandDeps = { ...stores, clock, defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
    bot = new DiscordBot({ token: fake.token, commands, deps, logger: silentLogger, defaultLocale: 'ja', rest: { api: fake.apiUrl, retries: 0, timeout: 5000 } });
    deps.notifiers.discord = bot.notifier;
    await bot.start();
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    await database?.close();
  });

  /** Records as a writer does on the day of delivery (2026-11-10): a report counts its wait from then. */
  async function recordedOnTheDay<T>(work: () => Promise<T>): Promise<T> {
    const now = clock.now();
    clock.set('2026-11-10T12:00:00+09:00');
    try {
      return await work();
    } finally {
      clock.set(now);
    }
  }

  async function done(recorded: Promise<RecordedInteraction>): Promise<RecordedInteraction> {
    const i = await recorded;
    await fake.waitFor(() => i.edits.length > 0, 5000);
    return i;
  }
  const slash = (user: string, name: string, subcommand: string, options: Record<string, string> = {}, memberPermissions?: string) =>
    done(
      fake.interaction(
        fake.slashCommand({ user, name, subcommand, guildId: GUILD, channelId: CHANNEL, locale: 'en-US', options: Object.entries(options).map(([n, value]) => ({ name: n, value })), ...(memberPermissions ? { memberPermissions } : {}) }),
      ),
    );
  const press = (user: string, customId: string, extra: { memberPermissions?: string; dm?: boolean } = {}) =>
    done(fake.interaction(fake.button({ user, customId, locale: 'en-US', ...(extra.dm ? { dm: true } : { guildId: GUILD, channelId: CHANNEL }), ...(extra.memberPermissions ? { memberPermissions: extra.memberPermissions } : {}) })));
  const stateOf = async (number: number) => (await stores.reports.findByNumber(communityId, number))?.state;

  it('files reports and shows them in the queue with Approve and Reject buttons in at most five rows', async () => {
    for (const [i, reporter] of REPORTERS.entries()) {
      const delivered = await recordedOnTheDay(() => slash(reporter, 'deliver', 'new', { client: `https://crowdworks.jp/public/employers/880${i}`, title: 'Article', delivered: '2026-11-10' }));
      expect(answer(delivered)?.title).toBe('Delivery #1 recorded');
      const flagged = await slash(reporter, 'client', 'flag', { client: `crowdworks:880${i}`, reason: 'unpaid', delivery: '1', note: 'for the moderators' });
      expect(answer(flagged)?.title).toBe(`Report #${i + 1} filed`);
    }
    communityId = (await stores.communities.findCommunity('discord', GUILD))!.id;

    const queue = await slash(MODERATOR, 'mod', 'queue', {}, MANAGE_GUILD);
    expect(answer(queue)?.title).toBe('3 reports are waiting for review');
    expect(text(answer(queue))).toContain('Report #1: Unpaid');
    expect(text(answer(queue))).toContain('Note: for the moderators');
    expect(text(answer(queue))).not.toContain(REPORTERS[0]);
    const rows = rowsOf(queue);
    expect(rows.length).toBeLessThanOrEqual(5);
    expect(rows.map((r) => r.components.map((b) => b.label))).toEqual([
      ['Approve #1', 'Approve #2', 'Approve #3'],
      ['Reject #1', 'Reject #2', 'Reject #3'],
    ]);
  });

  it('refuses an Approve button forged by a member, and one pressed in a DM', async () => {
    const forged = await press(MEMBER, 'kenshu:approve:1');
    expect(text(answer(forged))).toContain("Only this community's moderators can do that.");
    const inDm = await press(MODERATOR, 'kenshu:approve:1', { dm: true });
    expect(text(answer(inDm))).toContain('in a direct message nobody moderates');
    expect(await stateOf(1)).toBe('pending');
  });

  it('approves with the button and tells the reporter by DM', async () => {
    const approved = await press(MODERATOR, 'kenshu:approve:1', { memberPermissions: MANAGE_GUILD });
    expect(answer(approved)?.title).toBe('Report #1 approved');
    expect(await stateOf(1)).toBe('approved');
    const [dm] = fake.dmsTo(REPORTERS[0]!);
    expect(embedOf(dm!.body)?.title).toBe('Your report #1 was approved');
  });

  it('attaches /mod export to the moderator’s private answer as a UTF-8 CSV, and refuses a member', async () => {
    const exported = await slash(MODERATOR, 'mod', 'export', {}, MANAGE_GUILD);
    expect(answer(exported)?.title).toBe('One approved report exported');
    const [file] = fake.calls.filter((c) => c.method === 'PATCH' && c.route.includes(exported.token)).flatMap((c) => c.files);
    expect(file?.filename).toMatch(/^kenshu-reports-\d+-\d{8}\.csv$/);
    expect(file?.contentType).toBe('text/csv; charset=utf-8');
    expect([...file!.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file!.data.toString('utf8')).toMatch(/^\uFEFFReport,Client,/);
    const refused = await slash(MEMBER, 'mod', 'export');
    expect(text(answer(refused))).toContain("Only this community's moderators can do that.");
    expect(fake.calls.filter((c) => c.method === 'PATCH' && c.route.includes(refused.token)).flatMap((c) => c.files)).toEqual([]);
  });

  it('asks for the reason in a modal on Reject, and rejects with what was typed', async () => {
    const click = await fake.interaction(fake.button({ user: MODERATOR, customId: 'kenshu:reject:2', guildId: GUILD, channelId: CHANNEL, locale: 'en-US', memberPermissions: MANAGE_GUILD }));
    await fake.waitFor(() => click.callbacks.length > 0, 5000);
    expect(click.callbacks[0]).toMatchObject({ type: 9, data: { custom_id: 'kenshu:reject:2', title: 'Reject report #2' } });
    expect(JSON.stringify(click.callbacks[0]!.data)).toContain('"custom_id":"reason"');
    expect(await stateOf(2)).toBe('pending');

    // The same form submitted by a member is refused: the submission is what is authorized.
    const forged = await done(fake.interaction(fake.modalSubmit({ user: MEMBER, customId: 'kenshu:reject:2', values: { reason: 'spam' }, locale: 'en-US' })));
    expect(text(answer(forged))).toContain("Only this community's moderators can do that.");
    expect(await stateOf(2)).toBe('pending');

    const submitted = await done(fake.interaction(fake.modalSubmit({ user: MODERATOR, customId: 'kenshu:reject:2', values: { reason: 'Please add the **dates**' }, locale: 'en-US', memberPermissions: MANAGE_GUILD })));
    expect(answer(submitted)?.title).toBe('Report #2 rejected');
    expect(await stateOf(2)).toBe('rejected');
    const [dm] = fake.dmsTo(REPORTERS[1]!);
    expect(embedOf(dm!.body)?.title).toBe('Your report #2 was not approved');
    expect(text(embedOf(dm!.body))).toContain('Please add the \\\\*\\\\*dates\\\\*\\\\*');
    expect(fake.unknownRoutes).toEqual([]);
  });

  it("posts a new report to the moderators' channel without pinging anyone or naming the reporter", async () => {
    const set = await slash(MODERATOR, 'mod', 'settings', { mod_channel: MODS }, MANAGE_GUILD);
    expect(text(answer(set))).toContain('Saved: mod_channel');
    expect((await stores.communities.findCommunity('discord', GUILD))?.modChannelId).toBe(MODS);
    const reporter = '300000000000000014';
    await recordedOnTheDay(() => slash(reporter, 'deliver', 'new', { client: 'https://crowdworks.jp/public/employers/8809', title: 'Article', delivered: '2026-11-10' }));
    const flagged = await slash(reporter, 'client', 'flag', { client: 'crowdworks:8809', reason: 'scope_creep', delivery: '1', note: 'PRIVATE' });
    expect(answer(flagged)?.title).toBe('Report #4 filed');
    const [post] = fake.messagesIn(MODS);
    expect(post).toBeDefined();
    expect(post!.content).toBe('');
    expect(post!.allowedMentions).toEqual({ users: [] });
    const shown = text(embedOf(post!.body));
    expect(shown).toContain('crowdworks:8809');
    expect(shown).not.toContain(reporter);
    expect(shown).not.toContain('PRIVATE');
  });

  it('removes an approved report with a reason, and tells the reporter', async () => {
    const removed = await slash(MODERATOR, 'mod', 'remove', { report: '1', reason: 'Settled with the client' }, MANAGE_GUILD);
    expect(answer(removed)?.title).toBe('Report #1 removed');
    expect(await stateOf(1)).toBe('removed');
    expect(fake.dmsTo(REPORTERS[0]!).map((dm) => embedOf(dm.body)?.title)).toContain('Your report #1 was taken down');
    // A pending report cannot be removed: only an approved one.
    const refused = await slash(MODERATOR, 'mod', 'remove', { report: '4', reason: 'x' }, MANAGE_GUILD);
    expect(answer(refused)?.title).toBe('Not done');
    expect(await stateOf(4)).toBe('pending');
  });

  it("records the client's reply, merges two identities and undoes it, and shows it all in the audit log", async () => {
    const replied = await slash(MODERATOR, 'mod', 'reply', { client: 'crowdworks:8801', text: 'We paid on 12/1.' }, MANAGE_GUILD);
    expect(answer(replied)?.title).toBe('Reply of crowdworks:8801 recorded');
    const merged = await slash(MODERATOR, 'mod', 'merge', { client: 'crowdworks:8802', into: 'crowdworks:8800' }, MANAGE_GUILD);
    expect(answer(merged)?.title).toBe('crowdworks:8802 now follows crowdworks:8800');
    const unmerged = await slash(MODERATOR, 'mod', 'unmerge', { client: 'crowdworks:8802' }, MANAGE_GUILD);
    expect(answer(unmerged)?.title).toBe('crowdworks:8802 stands on its own again');
    // A member can do none of it.
    const refused = await slash(MEMBER, 'mod', 'reply', { client: 'crowdworks:8801', text: 'forged' });
    expect(text(answer(refused))).toContain("Only this community's moderators can do that.");

    const audit = await slash(MODERATOR, 'mod', 'audit', {}, MANAGE_GUILD);
    const log = text(answer(audit));
    for (const action of ['approved a report', 'rejected a report', 'removed a report', "recorded the client's reply", 'merged a client', 'undid a merge', 'changed a setting']) {
      expect(log).toContain(action);
    }
    expect(log).not.toContain('forged');
    expect(fake.unknownRoutes).toEqual([]);
  });
});
