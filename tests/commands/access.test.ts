import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/adapters/text/parse-command-text.js';
import { runCommandText } from '../../src/adapters/text/run-command-text.js';
import { accessLevelOf, BUTTON_ACCESS, type AccessLevel } from '../../src/commands/access.js';
import { suggestFor } from '../../src/commands/autocomplete.js';
import { defineCommand, type CommandContext, type Reply, type Role } from '../../src/commands/command.js';
import { exampleOf } from '../../src/commands/examples.js';
import { executeCommand } from '../../src/commands/execute.js';
import { commands, findCommand } from '../../src/commands/index.js';
import { textOption } from '../../src/commands/options.js';
import { pressButton } from '../../src/commands/press-button.js';
import { buttonId, type ButtonAction } from '../../src/domain/reply.js';
import { auditLog, communities, communityModerators, deliveries, flags } from '../../src/store/schema.js';
import { MemoryClock } from '../support/clock.js';
import { commandHarness, replyText, silentLogger } from '../support/commands.js';
import { playConsole } from '../support/console-session.js';

type Harness = Awaited<ReturnType<typeof commandHarness>>;

const HOME = 'guild-1';
const OTHER = 'guild-2';
/** What a refusal says, in part, whichever level it names. */
const REFUSED = "Only this community's";

describe('who may do what', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await commandHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const contextIn = async (guild: string, user: string, options: { roles?: Role[]; direct?: boolean } = {}): Promise<CommandContext> => {
    const community = await h.deps.communities.ensureCommunity({ platform: 'discord', platformCommunityId: guild, name: guild === HOME ? 'Writers' : guild });
    const member = await h.deps.members.ensureMember({ platform: 'discord', platformUserId: user, displayName: user });
    return { platform: 'discord', community, member, locale: 'en', timezone: 'Asia/Tokyo', roles: new Set(options.roles ?? []), direct: options.direct ?? false, deps: h.deps };
  };

  /** Lists `user` as a moderator of `guild`, as an admin would. */
  const listModerator = async (guild: string, user: string) => {
    const ctx = await contextIn(guild, user);
    await h.deps.communities.changeSettings(ctx.community.id, { patch: {}, addModerator: ctx.member.id }, { actorId: ctx.member.id, at: h.clock.now(), defaultTimezone: 'Asia/Tokyo' });
  };

  /** Everything a refused call must leave as it was. */
  const snapshot = async () => {
    const db = h.database.db;
    return JSON.stringify([
      await db.select().from(communities).orderBy(asc(communities.id)),
      await db.select().from(communityModerators).orderBy(asc(communityModerators.communityId), asc(communityModerators.memberId)),
      await db.select().from(auditLog).orderBy(asc(auditLog.id)),
      await db.select().from(flags).orderBy(asc(flags.id)),
      await db.select().from(deliveries).orderBy(asc(deliveries.id)),
    ]);
  };
  const auditRows = () => h.database.db.select().from(auditLog).orderBy(asc(auditLog.id));

  interface Caller {
    name: string;
    context: () => Promise<CommandContext>;
    /** The levels this caller reaches: what they may run. */
    reaches: readonly AccessLevel[];
  }

  const callers: Caller[] = [
    { name: 'a member', context: () => contextIn(HOME, 'plain-member'), reaches: ['member'] },
    { name: 'a moderator of another community', context: () => contextIn(HOME, 'elsewhere-mod'), reaches: ['member'] },
    { name: 'a listed moderator', context: () => contextIn(HOME, 'listed-mod'), reaches: ['member', 'moderator'] },
    { name: 'a holder of the moderator role', context: () => contextIn(HOME, 'role-mod', { roles: ['moderator'] }), reaches: ['member', 'moderator'] },
    { name: 'an admin', context: () => contextIn(HOME, 'home-admin', { roles: ['admin'] }), reaches: ['member', 'moderator', 'admin'] },
    // What an adapter may still pass along from a server, and a community listing: a DM ignores both.
    { name: 'an admin in a DM', context: () => contextIn('dm', 'listed-mod', { roles: ['admin'], direct: true }), reaches: ['member'] },
  ];

  beforeAll(async () => {
    await listModerator(OTHER, 'elsewhere-mod');
    await listModerator(HOME, 'listed-mod');
    await listModerator('dm', 'listed-mod');
  });

  it('knows each caller’s level from the platform’s roles and the community’s own list', async () => {
    const levels = await Promise.all(callers.map(async (c) => accessLevelOf(await c.context())));
    expect(levels).toEqual(callers.map((c) => c.reaches.at(-1)));
  });

  const gated = commands.filter((c) => c.access !== 'member');

  it('has commands above member level to check (the table below is not empty)', () => {
    expect(gated.map((c) => `${c.group} ${c.name ?? ''}`)).toContain('mod settings');
  });

  /** A command as a member types it, through the same path as the console and Slack. */
  const runExample = async (command: (typeof commands)[number], ctx: CommandContext): Promise<Reply> => runCommandText(parseCommandText(exampleOf(command)), ctx, silentLogger);

  describe.each(gated.map((command) => ({ command, path: `/${command.group}${command.name ? ` ${command.name}` : ''}` })))('$path', ({ command }) => {
    it.each(callers.map((caller) => ({ caller, name: caller.name })))('as $name: allowed exactly at its level, else refused with nothing changed', async ({ caller }) => {
      const before = await snapshot();
      const reply = await runExample(command, await caller.context());
      if (caller.reaches.includes(command.access)) {
        expect(replyText(reply)).not.toContain(REFUSED);
      } else {
        expect(reply.tone).toBe('error');
        expect(replyText(reply)).toContain(REFUSED);
        expect(await snapshot()).toBe(before);
      }
    });
  });

  const moderationButtons = (Object.entries(BUTTON_ACCESS) as [ButtonAction, AccessLevel][]).filter(([, level]) => level !== 'member');
  const writerButtons = (Object.entries(BUTTON_ACCESS) as [ButtonAction, AccessLevel][]).filter(([, level]) => level === 'member');

  it.each(moderationButtons.flatMap(([action, level]) => callers.map((caller) => ({ action, level, caller, name: caller.name }))))(
    'the $action button as $name: allowed exactly at its level, else refused with nothing changed',
    async ({ action, level, caller }) => {
      const before = await snapshot();
      const reply = await pressButton(buttonId({ action, deliveryId: 1 }), await caller.context(), silentLogger);
      if (caller.reaches.includes(level)) expect(replyText(reply)).not.toContain(REFUSED);
      else {
        expect(replyText(reply)).toContain(REFUSED);
        expect(await snapshot()).toBe(before);
      }
    },
  );

  it('keeps the writer buttons to the writer: an admin pressing a forged id for another writer’s delivery changes nothing', async () => {
    expect(writerButtons.length).toBeGreaterThan(0);
    await h.run('/deliver new', { client: 'Forged Co', title: 'Mine', marketplace: 'direct' }, { user: 'button-writer' });
    const [delivery] = await h.database.db.select().from(deliveries).orderBy(asc(deliveries.id));
    const before = await snapshot();
    for (const [action] of writerButtons) {
      const reply = await pressButton(buttonId({ action, deliveryId: delivery!.id }), await contextIn(HOME, 'home-admin', { roles: ['admin'] }), silentLogger);
      expect(reply.tone).toBe('error');
    }
    expect(await snapshot()).toBe(before);
  });

  it('answers no suggestions for a moderator-only command to a member, and suggests to a moderator', async () => {
    const moderatorOnly = defineCommand({
      group: 'mod',
      name: 'test-lookup',
      description: { en: 'test', ja: 'テスト' },
      access: 'moderator',
      input: z.object({ client: textOption({ en: 'Client', ja: 'クライアント' }, 100, 'client') }),
      run: () => Promise.resolve({ tone: 'info', title: 'ran' }),
    });
    await h.run('/deliver new', { client: 'Suggested Media', title: 't', marketplace: 'direct' }, { user: 'suggest-writer' });
    expect(await suggestFor(moderatorOnly, 'client', 'sugg', await contextIn(HOME, 'plain-member'))).toEqual([]);
    expect(await suggestFor(moderatorOnly, 'client', 'sugg', await contextIn(HOME, 'elsewhere-mod'))).toEqual([]);
    expect(await suggestFor(moderatorOnly, 'client', 'sugg', await contextIn('dm', 'listed-mod', { direct: true }))).toEqual([]);
    expect(await suggestFor(moderatorOnly, 'client', 'sugg', await contextIn(HOME, 'listed-mod'))).toEqual([{ name: 'Suggested Media', value: 'Suggested Media' }]);
  });

  describe('/mod settings, option by option', () => {
    const settings = findCommand(['mod', 'settings'])!.command;
    const asModerator = () => contextIn(HOME, 'listed-mod');
    const asAdmin = () => contextIn(HOME, 'home-admin', { roles: ['admin'] });

    it('lets a moderator change the review settings, one audit row per changed setting in the change’s transaction', async () => {
      const before = (await auditRows()).length;
      const limit = (await asModerator()).community.flagDailyLimit;
      const reply = await executeCommand(settings, { mod_channel: '<#777>', flag_daily_limit: '7', flag_delivery: 'optional' }, await asModerator(), silentLogger);
      expect(reply.tone).toBe('success');
      expect(replyText(reply)).toContain("Moderators' notice channel: <#777>");
      const community = (await asModerator()).community;
      expect(community).toMatchObject({ modChannelId: '777', flagDailyLimit: 7, flagRequiresDelivery: false });
      const rows = (await auditRows()).slice(before).sort((a, b) => a.target.localeCompare(b.target));
      const moderator = (await asModerator()).member;
      expect(rows.map((r) => [r.action, r.target, r.before, r.after, r.actorId, r.communityId])).toEqual([
        ['settings.change', 'setting:flag_daily_limit', { value: limit }, { value: 7 }, moderator.id, community.id],
        ['settings.change', 'setting:flag_delivery', { value: true }, { value: false }, moderator.id, community.id],
        ['settings.change', 'setting:mod_channel', { value: null }, { value: '777' }, moderator.id, community.id],
      ]);
      // The same values again change nothing and record nothing.
      const again = await executeCommand(settings, { flag_daily_limit: '7' }, await asModerator(), silentLogger);
      expect(replyText(again)).toContain('Nothing changed');
      expect(await auditRows()).toHaveLength(before + 3);
    });

    it('lets a moderator set the pooled figures’ max_per_writer and min_writers (1-20), audited, and a member not', async () => {
      const before = (await auditRows()).length;
      const community0 = (await asModerator()).community;
      expect(community0).toMatchObject({ maxPerWriter: 3, minWriters: 2 });
      const reply = await executeCommand(settings, { max_per_writer: '5', min_writers: '4' }, await asModerator(), silentLogger);
      expect(reply.tone, replyText(reply)).toBe('success');
      expect(replyText(reply)).toContain("Pooled figures: one writer's deliveries per client counted at most: 5");
      expect(replyText(reply)).toContain('Pooled figures: writers needed besides the viewer: 4');
      const ja = replyText(await executeCommand(settings, {}, { ...(await asModerator()), locale: 'ja' }, silentLogger));
      expect(ja).toContain('集計で数える1人あたりの納品数(1クライアントにつき): 5');
      expect(ja).toContain('集計の表示に必要なライター数(見る人以外): 4');
      const community = (await asModerator()).community;
      expect(community).toMatchObject({ maxPerWriter: 5, minWriters: 4 });
      const moderator = (await asModerator()).member;
      const rows = (await auditRows()).slice(before).sort((a, b) => a.target.localeCompare(b.target));
      expect(rows.map((r) => [r.action, r.target, r.before, r.after, r.actorId, r.communityId])).toEqual([
        ['settings.change', 'setting:max_per_writer', { value: 3 }, { value: 5 }, moderator.id, community.id],
        ['settings.change', 'setting:min_writers', { value: 2 }, { value: 4 }, moderator.id, community.id],
      ]);
      for (const value of ['0', '21']) {
        expect((await executeCommand(settings, { min_writers: value }, await asModerator(), silentLogger)).tone).toBe('error');
        expect((await executeCommand(settings, { max_per_writer: value }, await asModerator(), silentLogger)).tone).toBe('error');
      }
      const asMember = await executeCommand(settings, { min_writers: '1' }, await contextIn(HOME, 'plain-member'), silentLogger);
      expect(asMember.tone).toBe('error');
      expect((await asModerator()).community).toMatchObject({ maxPerWriter: 5, minWriters: 4 });
      expect(await auditRows()).toHaveLength(before + 2);
      await executeCommand(settings, { max_per_writer: '3', min_writers: '2' }, await asModerator(), silentLogger);
    });

    it.each([['sharing', 'federated'], ['show_from_others', 'none'], ['moderator_role', '<@&42>'], ['add_moderator', 'plain-member'], ['remove_moderator', 'listed-mod'], ['clear', 'moderator_role']])(
      'refuses a moderator the whole call when it includes %s, saving nothing',
      async (option, value) => {
        const before = await snapshot();
        const reply = await executeCommand(settings, { flag_daily_limit: '9', [option]: value }, await asModerator(), silentLogger);
        expect(reply.tone).toBe('error');
        const said = replyText(reply);
        expect(said).toContain(`Only this community's admins`);
        expect(said).toContain(option === 'clear' ? 'moderator_role' : option);
        expect(said).toContain('Moderators may change mod_channel, fallback_channel');
        expect(await snapshot()).toBe(before);
      },
    );

    it('says in Japanese what a moderator may change when refused', async () => {
      const ctx = { ...(await asModerator()), locale: 'ja' as const };
      const reply = await executeCommand(settings, { sharing: 'private' }, ctx, silentLogger);
      expect(replyText(reply)).toContain('sharing の変更はコミュニティの管理者');
      expect(replyText(reply)).toContain('何も保存していません');
    });

    it('asks an admin to confirm federated sharing with what would become visible, and saves only with confirm:yes', async () => {
      await h.run('/deliver new', { client: 'Exposed Co', title: 'Seen', marketplace: 'direct' }, { user: 'exposure-writer' });
      const tracked = (await h.database.db.select().from(deliveries)).filter((d) => d.communityId === h.community.id).length;
      const before = await snapshot();
      const ask = await executeCommand(settings, { sharing: 'federated', flag_daily_limit: '3' }, await asAdmin(), silentLogger);
      expect(ask.tone).toBe('warning');
      expect(replyText(ask)).toContain(`0 approved reports from this community and anonymous figures from ${tracked} tracked deliveries`);
      expect(replyText(ask)).toContain('run the same command again with confirm:yes');
      expect(await snapshot()).toBe(before);

      const ja = await executeCommand(settings, { sharing: 'federated' }, { ...(await asAdmin()), locale: 'ja' }, silentLogger);
      expect(replyText(ja)).toContain(`記録された納品 ${tracked} 件`);
      expect(replyText(ja)).toContain('confirm:yes');

      const auditBefore = (await auditRows()).length;
      const done = await executeCommand(settings, { sharing: 'federated', flag_daily_limit: '3', confirm: 'yes' }, await asAdmin(), silentLogger);
      expect(replyText(done)).toContain('Saved: sharing, flag_daily_limit.');
      expect((await asAdmin()).community).toMatchObject({ sharing: 'federated', flagDailyLimit: 3 });
      expect((await auditRows()).slice(auditBefore).map((r) => [r.target, r.before, r.after])).toEqual(
        expect.arrayContaining([
          ['setting:sharing', { value: 'private' }, { value: 'federated' }],
          ['setting:flag_daily_limit', { value: 7 }, { value: 3 }],
        ]),
      );
      expect((await auditRows()).length).toBe(auditBefore + 2);
      // Already federated: no second question.
      const back = await executeCommand(settings, { sharing: 'private' }, await asAdmin(), silentLogger);
      expect(replyText(back)).toContain('Saved: sharing.');
    });

    it('lets an admin add and remove a moderator by platform user id, audited; an unknown member saves nothing', async () => {
      const added = await contextIn(HOME, 'to-be-mod');
      const auditBefore = (await auditRows()).length;
      const add = await executeCommand(settings, { add_moderator: '<@to-be-mod>' }, await asAdmin(), silentLogger);
      expect(replyText(add)).toContain('Saved: add_moderator.');
      expect(replyText(add)).toContain('Moderators added by an admin: listed-mod, to-be-mod');
      expect(await accessLevelOf(added)).toBe('moderator');
      // Listed in this community only.
      expect(await accessLevelOf(await contextIn(OTHER, 'to-be-mod'))).toBe('member');

      const remove = await executeCommand(settings, { remove_moderator: 'to-be-mod' }, await asAdmin(), silentLogger);
      expect(replyText(remove)).toContain('Saved: remove_moderator.');
      expect(await accessLevelOf(added)).toBe('member');
      const admin = (await asAdmin()).member;
      expect((await auditRows()).slice(auditBefore).map((r) => [r.action, r.target, r.actorId])).toEqual([
        ['moderator.add', `member:${added.member.id}`, admin.id],
        ['moderator.remove', `member:${added.member.id}`, admin.id],
      ]);

      const before = await snapshot();
      const unknown = await executeCommand(settings, { add_moderator: 'never-seen', flag_daily_limit: '11' }, await asAdmin(), silentLogger);
      expect(replyText(unknown)).toContain('Kenshu does not know the member "never-seen" yet');
      expect(await snapshot()).toBe(before);
    });

    it('writes no audit row when the change itself fails', async () => {
      const ctx = await asAdmin();
      const before = await snapshot();
      // A moderator id that is no member: the insert fails inside the transaction, and the
      // audit rows written before it in that transaction go with it.
      await expect(h.deps.communities.changeSettings(ctx.community.id, { patch: { flagDailyLimit: 12 }, addModerator: 999_999_999 }, { actorId: ctx.member.id, at: h.clock.now(), defaultTimezone: 'Asia/Tokyo' })).rejects.toThrow();
      expect(await snapshot()).toBe(before);
    });
  });
});

describe('the console', () => {
  let h: Harness;
  let exportDir: string;
  beforeAll(async () => {
    h = await commandHarness();
    exportDir = await mkdtemp(join(tmpdir(), 'kenshu-access-'));
  });
  afterAll(async () => {
    await h.close();
    await rm(exportDir, { recursive: true, force: true });
  });

  it('makes its owner an admin, and a member the owner lists a moderator by the name /as uses', async () => {
    const { deps } = h;
    const stores = { communities: deps.communities, members: deps.members, deliveries: deps.deliveries, nudges: deps.nudges, clients: deps.clients, warnings: deps.warnings, buttons: deps.buttons, events: deps.events, moderation: deps.moderation, reports: deps.reports, privacy: deps.privacy, modReports: deps.modReports, platformEvents: deps.platformEvents };
    const play = (lines: string[]) => playConsole({ stores, clock: new MemoryClock('2026-11-26T10:00:00+09:00'), locale: 'en', exportDir }, lines);
    const [, bobFirst, ownerSets, ownerAdds, bobLimit, bobSharing, ownerRemoves, bobAfter] = await play([
      '/as bob',
      '/mod settings flag_daily_limit:4',
      '/as writer',
      '/mod settings show_from_others:none',
      '/mod settings add_moderator:bob',
      '/as bob',
      '/mod settings flag_daily_limit:4',
      '/mod settings sharing:private',
      '/as writer',
      '/mod settings remove_moderator:bob',
      '/as bob',
      '/mod settings flag_daily_limit:6',
    ]).then((blocks) => [blocks[0], blocks[2], blocks[4], blocks[5], blocks[7], blocks[8], blocks[10], blocks[12]]);
    expect(bobFirst).toContain("Only this community's moderators can do that.");
    expect(ownerSets).toContain('Saved: show_from_others.');
    expect(ownerAdds).toContain('Saved: add_moderator.');
    expect(bobLimit).toContain('Saved: flag_daily_limit.');
    expect(bobSharing).toContain("Only this community's admins");
    expect(ownerRemoves).toContain('Saved: remove_moderator.');
    expect(bobAfter).toContain("Only this community's moderators can do that.");
    const community = await deps.communities.findCommunity('console', 'local');
    expect(community).toMatchObject({ flagDailyLimit: 4, showFromOthers: 'none', sharing: 'private' });
  });
});
