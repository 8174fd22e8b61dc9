import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext, CommandDeps, Reply, Role } from '../../src/commands/command.js';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import { pressButton } from '../../src/commands/press-button.js';
import { personalSpace, type Community, type Locale } from '../../src/domain/member.js';
import type { MemberExport } from '../../src/domain/privacy.js';
import { buttonId } from '../../src/domain/reply.js';
import { NudgeScheduler } from '../../src/scheduler/nudge-scheduler.js';
import { createStores, type Database } from '../../src/store/index.js';
import { MemoryClock } from '../support/clock.js';
import { fileText, replyText } from '../support/commands.js';
import { testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { RecordingNotifier } from '../support/recording-notifier.js';

const logger = pino({ level: 'silent' });

/** What Alice is, and what she typed: after her erase, no row anywhere may hold any of it. */
const ALICE = {
  id: 'alice-id-58213',
  name: 'Alice Hoshino 58213',
  typed: [
    'ミライメディア株式会社 A58213',
    'SEO記事 alice-title-58213',
    'alice-note-58213 先方に確認',
    'alice-flag-note-58213',
    'Alice Only Client 58213',
    'alice-title2-58213',
    'alice-pending-58213',
    'Alice DM Client 58213',
    'alice-dm-title-58213',
    'alice-dm-note-58213',
  ],
};
const BOB = { id: 'bob-id-77', name: 'Bob Tanaka 77', typed: ['bob-title-77', 'bob-note-77', 'bob-flag-note-77', 'Bob Client Name 77'] };
const MOD = { id: 'mod-id-99', name: 'Moderator Name 99' };
const PROFILE = 'https://crowdworks.jp/public/employers/555001';

/** Every text and jsonb column of every table in the public schema, and the rows holding `needle`. */
async function rowsHolding(db: Database, needle: string): Promise<string[]> {
  const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  const columns = rowsOf(
    await db.execute(sql`select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'jsonb', 'json', 'character varying', 'character')`),
  );
  expect(columns.length).toBeGreaterThan(20);
  const found: string[] = [];
  for (const c of columns) {
    const table = String(c.table_name);
    const column = String(c.column_name);
    const [hit] = rowsOf(
      await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where strpos(lower(${sql.identifier(column)}::text), lower(${needle})) > 0`),
    );
    if (Number(hit?.n) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

describe.each(testDatabaseKinds)('/privacy on $name', (kind) => {
  let database: TestDatabase;
  let deps: CommandDeps;
  let clock: MemoryClock;
  let guild: Community;

  beforeAll(async () => {
    database = await kind.open();
    clock = new MemoryClock('2026-11-20T12:00:00+09:00');
    deps = { ...createStores(database.db), clock, defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
    deps.notifiers.discord = new RecordingNotifier('discord', clock);
    guild = await deps.communities.ensureCommunity({ platform: 'discord', platformCommunityId: 'guild-privacy', name: 'Writers' });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  async function contextOf(who: { id: string; name: string }, where: 'guild' | 'dm' = 'guild', roles: Role[] = [], locale: Locale = 'en'): Promise<CommandContext> {
    const member = await deps.members.ensureMember({ platform: 'discord', platformUserId: who.id, displayName: who.name });
    const community = where === 'guild' ? guild : await deps.communities.ensureCommunity(personalSpace('discord', who.id));
    return { platform: 'discord', community, member, locale, timezone: 'Asia/Tokyo', roles: new Set(roles), direct: where === 'dm', deps };
  }
  async function run(who: { id: string; name: string }, path: string, raw: Record<string, unknown>, where: 'guild' | 'dm' = 'guild', roles: Role[] = [], locale: Locale = 'en'): Promise<Reply> {
    const found = findCommand(path.replace(/^\//, '').split(' '))!;
    return executeCommand(found.command, raw, await contextOf(who, where, roles, locale), logger);
  }
  async function ok(who: { id: string; name: string }, path: string, raw: Record<string, unknown>, where: 'guild' | 'dm' = 'guild', roles: Role[] = []): Promise<Reply> {
    const reply = await run(who, path, raw, where, roles);
    expect(reply.tone, replyText(reply)).toBe('success');
    return reply;
  }
  const numberIn = (reply: Reply) => /#(\d+)/.exec(reply.title)![1]!;

  it('exports all of a member’s own data and nothing of anyone else’s, then erases it on their own confirmation only', async () => {
    // Alice: a delivery for a marketplace client with a report the moderators approve; one for a
    // client only she named, with a pending report; one in her DM. Bob: the same client, his own report.
    const a1 = numberIn(await ok(ALICE, '/deliver new', { client: ALICE.typed[0], profile: PROFILE, title: ALICE.typed[1], delivered: '2026-11-20' }));
    await ok(ALICE, '/deliver log', { delivery: a1, event: 'note', text: ALICE.typed[2] });
    const a2 = numberIn(await ok(ALICE, '/deliver new', { client: ALICE.typed[4], title: ALICE.typed[5], delivered: '2026-11-20', marketplace: 'direct' }));
    await ok(ALICE, '/deliver new', { client: ALICE.typed[7], title: ALICE.typed[8], delivered: '2026-11-20', marketplace: 'direct' }, 'dm');
    await ok(ALICE, '/deliver log', { delivery: '3', event: 'note', text: ALICE.typed[9] }, 'dm');
    await ok(ALICE, '/remind settings', { timezone: 'Asia/Tokyo', quiet_hours: '23-07' });
    const b1 = numberIn(await ok(BOB, '/deliver new', { client: BOB.typed[3], profile: PROFILE, title: BOB.typed[0], delivered: '2026-11-20' }));
    await ok(BOB, '/deliver log', { delivery: b1, event: 'note', text: BOB.typed[1] });

    // The first reminders go out, so there are nudges to export.
    clock.set(new Date('2026-11-26T10:00:00+09:00'));
    const scheduler = new NudgeScheduler({ nudges: deps.nudges, members: deps.members, notifiers: deps.notifiers, clock, logger, defaultTimezone: 'Asia/Tokyo', defaultLocale: 'en' });
    await scheduler.tick();

    const approved = /Report #(\d+)/.exec((await ok(ALICE, '/client flag', { client: PROFILE, reason: 'unpaid', delivery: a1, note: ALICE.typed[3] })).title)![1]!;
    await ok(ALICE, '/client flag', { client: ALICE.typed[4], reason: 'late_acceptance', delivery: a2, note: ALICE.typed[6] });
    await ok(BOB, '/client flag', { client: PROFILE, reason: 'unpaid', delivery: b1, note: BOB.typed[2] });
    await ok(MOD, '/mod approve', { report: approved }, 'guild', ['moderator']);

    // Export, in the guild and in a DM alike.
    for (const where of ['guild', 'dm'] as const) {
      const reply = await ok(ALICE, '/privacy export', {}, where);
      expect(reply.files).toHaveLength(1);
      const file = reply.files![0]!;
      expect(file.name).toMatch(/^kenshu-privacy-export-\d{8}\.json$/);
      const data = JSON.parse(fileText(file)) as MemberExport;
      expect(data.profile).toMatchObject({ platform: 'discord', platformUserId: ALICE.id, displayName: ALICE.name, settings: { timezone: 'Asia/Tokyo', quietStartMinute: 23 * 60, quietEndMinute: 7 * 60 } });
      expect(data.deliveries.map((d) => d.title)).toEqual([ALICE.typed[1], ALICE.typed[5], ALICE.typed[8]]);
      expect(data.deliveries.map((d) => d.client)).toEqual([ALICE.typed[0], ALICE.typed[4], ALICE.typed[7]]);
      expect(data.deliveries[0]!.clientProfileUrl).toBe(PROFILE);
      expect(data.deliveries[0]!.events.map((e) => e.text)).toContain(ALICE.typed[2]);
      expect(data.deliveries[2]!.events.map((e) => e.text)).toContain(ALICE.typed[9]);
      expect(data.deliveries[0]!.nudges.length).toBeGreaterThan(0);
      expect(data.deliveries[0]!.nudges[0]).toMatchObject({ stage: 1, state: 'sent' });
      expect(data.reports.map((r) => [r.category, r.state, r.note])).toEqual([
        ['unpaid', 'approved', ALICE.typed[3]],
        ['late_acceptance', 'pending', ALICE.typed[6]],
      ]);
      for (const other of [BOB.id, BOB.name, ...BOB.typed, MOD.id, MOD.name]) expect(fileText(file)).not.toContain(other);
      // Nor Kenshu's ids of others (who reviewed): no member id but nothing at all named reviewer.
      expect(fileText(file)).not.toMatch(/reviewedBy|reporterId|writerId/);
    }

    // Delete asks first, and says what goes and what stays.
    const asked = await run(ALICE, '/privacy delete', {});
    expect(asked.tone).toBe('warning');
    expect(replyText(asked)).toContain('Your 3 deliveries');
    expect(replyText(asked)).toContain('one report waiting for review');
    expect(asked.footer!.join('\n')).toContain('one approved report stays');
    const confirm = asked.buttons!.find((b) => b.action === 'erase')!;
    expect(confirm.style).toBe('danger');

    // Bob presses Alice's button, or forges one: nobody's data is erased, Bob's included.
    const forged = await pressButton(buttonId(confirm), await contextOf(BOB), logger);
    expect(forged.tone).toBe('error');
    const bobsOwn = await pressButton(buttonId({ action: 'erase', deliveryId: confirm.deliveryId + 1000 }), await contextOf(ALICE), logger);
    expect(bobsOwn.tone).toBe('error');
    expect((await deps.privacy.exportMember((await contextOf(ALICE)).member.id))!.deliveries).toHaveLength(3);
    expect((await deps.privacy.exportMember((await contextOf(BOB)).member.id))!.deliveries).toHaveLength(1);

    // Alice confirms, from her DM.
    const aliceId = (await contextOf(ALICE)).member.id;
    const erased = await pressButton(buttonId(confirm), await contextOf(ALICE, 'dm'), logger);
    expect(erased.tone, replyText(erased)).toBe('success');
    expect(erased.title).toBe('Your data is erased');

    // No row of any table holds her platform id, her name or anything she typed.
    for (const needle of [ALICE.id, ALICE.name, ...ALICE.typed]) expect(await rowsHolding(database.db, needle), needle).toEqual([]);
    // Bob's data is untouched.
    for (const needle of [BOB.id, BOB.name, ...BOB.typed.slice(0, 3)]) expect(await rowsHolding(database.db, needle), needle).not.toEqual([]);

    // Her approved report still counts, anonymously; her pending one is gone.
    const lookup = await run(BOB, '/client lookup', { client: PROFILE });
    const reports = lookup.sections!.find((s) => s.heading === 'Reports approved by moderators')!;
    expect(reports.lines.join('\n')).toContain('Unpaid');
    const states = await database.db.execute(sql`select state, reporter_id, note, delivery_id from flags order by id`);
    const flagRows = (Array.isArray(states) ? states : (states as { rows: unknown[] }).rows) as { state: string; reporter_id: number | string; note: string | null; delivery_id: unknown }[];
    expect(flagRows.map((f) => f.state)).toEqual(['approved', 'pending']);
    expect(Number(flagRows[0]!.reporter_id)).not.toBe(aliceId);
    expect(flagRows[0]).toMatchObject({ note: null, delivery_id: null });

    // One audit row, naming her by Kenshu's id only, shown as an erased member.
    const log = await run(MOD, '/mod audit', {}, 'guild', ['moderator']);
    expect(replyText(log)).not.toContain(ALICE.name);
    const audit = await database.db.execute(sql`select community_id, actor_id, action, target from audit_log where action = 'privacy.erase'`);
    const auditRows = (Array.isArray(audit) ? audit : (audit as { rows: unknown[] }).rows) as { community_id: unknown; actor_id: unknown; target: string }[];
    expect(auditRows).toHaveLength(1);
    // Asked in her DM: the row is kept in her personal space, whose key no longer names her.
    const space = await database.db.execute(sql`select platform_community_id from communities where id = ${Number(auditRows[0]!.community_id)}`);
    const spaceRows = (Array.isArray(space) ? space : (space as { rows: unknown[] }).rows) as { platform_community_id: string }[];
    expect(spaceRows[0]!.platform_community_id).toMatch(/^erased:\d+$/);
    expect(Number(auditRows[0]!.actor_id)).toBe(aliceId);
    expect(auditRows[0]!.target).toBe(`member:${aliceId}`);

    // Pressing again, or exporting, finds nothing left (and starts her afresh, with nothing).
    const again = await pressButton(buttonId({ action: 'erase', deliveryId: aliceId }), await contextOf(ALICE), logger);
    expect(again.tone).toBe('error');
    const fresh = await ok(ALICE, '/privacy export', {});
    const data = JSON.parse(fileText(fresh.files![0])) as MemberExport;
    expect(data.deliveries).toEqual([]);
    expect(data.reports).toEqual([]);
  });

  it('shows an erase asked in a server in its audit log as an erased member, in both languages', async () => {
    const carol = { id: 'carol-id-31', name: 'Carol 31' };
    await ok(carol, '/deliver new', { client: 'Carol Client 31', title: 'carol-title-31', delivered: '2026-11-20', marketplace: 'direct' });
    const asked = await run(carol, '/privacy delete', {}, 'guild', [], 'ja');
    expect(asked.title).toBe('Kenshu からあなたのデータを削除しますか?');
    const erased = await pressButton(buttonId(asked.buttons![0]!), await contextOf(carol), logger);
    expect(erased.tone).toBe('success');
    for (const needle of [carol.id, carol.name, 'Carol Client 31', 'carol-title-31']) expect(await rowsHolding(database.db, needle), needle).toEqual([]);
    for (const locale of ['en', 'ja'] as const) {
      const ctx = { ...(await contextOf(MOD, 'guild', ['moderator'])), locale };
      const reply = await executeCommand(findCommand(['mod', 'audit'])!.command, {}, ctx, logger);
      const text = replyText(reply);
      expect(text).toContain(locale === 'en' ? '(erased member) erased their own data' : '(削除されたメンバー): メンバーが自分のデータを削除');
    }
  });
});
