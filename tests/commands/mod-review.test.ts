import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply, Role } from '../../src/commands/command.js';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import { pressButton } from '../../src/commands/press-button.js';
import { STAGE_KEYS } from '../../src/domain/ladder.js';
import type { FlagCategory } from '../../src/domain/warning-list.js';
import { messagesFor } from '../../src/i18n/index.js';
import { NudgeScheduler } from '../../src/scheduler/nudge-scheduler.js';
import { auditLog, communities } from '../../src/store/schema.js';
import { commandHarness, replyText, silentLogger } from '../support/commands.js';
import { RecordingNotifier } from '../support/recording-notifier.js';

const DAY = 24 * 60 * 60 * 1000;
const MOD: Role[] = ['moderator'];

let h: Awaited<ReturnType<typeof commandHarness>>;
let notifier: RecordingNotifier;

beforeEach(async () => {
  h = await commandHarness('2026-11-26T10:00:00+09:00');
  notifier = new RecordingNotifier('discord', h.clock);
  h.deps.notifiers.discord = notifier;
});
afterEach(async () => {
  await h.close();
});

/** Runs a command as `user` in the guild named, which need not be the harness's own. */
async function runIn(guild: string, user: string, path: string, raw: Record<string, unknown>, roles: Role[] = []): Promise<Reply> {
  const found = findCommand(path.replace(/^\//, '').split(' '))!;
  const community = await h.deps.communities.ensureCommunity({ platform: 'discord', platformCommunityId: guild, name: guild });
  return executeCommand(found.command, raw, { ...(await h.contextFor(user, 'en', roles)), community }, silentLogger);
}

/** Records a delivery for `client` and files a report on it; returns the community's number for it. */
async function fileReport(user: string, client: string, reason: FlagCategory, options: { guild?: string; note?: string } = {}): Promise<number> {
  const guild = options.guild ?? 'guild-1';
  // Recorded on the day it was delivered: a report counts its wait from then.
  const delivered = await h.at('2026-11-20T12:00:00+09:00', () => runIn(guild, user, '/deliver new', { client, title: 'SEO article', delivered: '2026-11-20' }));
  expect(delivered.tone, replyText(delivered)).toBe('success');
  const delivery = /#(\d+)/.exec(delivered.title)![1]!;
  const reply = await runIn(guild, user, '/client flag', { client, reason, delivery, ...(options.note ? { note: options.note } : {}) });
  expect(reply.tone, replyText(reply)).toBe('success');
  return Number(/^Report #(\d+) filed$/.exec(reply.title)![1]);
}

async function auditRows() {
  return h.database.db.select().from(auditLog).orderBy(auditLog.id);
}

async function stateOf(number: number, guild = 'guild-1') {
  const community = await h.deps.communities.ensureCommunity({ platform: 'discord', platformCommunityId: guild, name: guild });
  return h.deps.reports.findByNumber(community.id, number);
}

describe('/mod queue', () => {
  it('lists pending reports oldest first, ten a page, with the facts a moderator needs and never the reporter', async () => {
    for (let i = 1; i <= 12; i++) {
      await fileReport(`secret-reporter-${i}`, `https://crowdworks.jp/public/employers/90${String(i).padStart(2, '0')}`, 'unpaid', { note: `note ${i}: **bold** <@123>` });
      h.clock.advance(60_000);
    }
    // The first reminders go out, so the queue can show them.
    const scheduler = new NudgeScheduler({ nudges: h.deps.nudges, members: h.deps.members, notifiers: { discord: notifier }, clock: h.clock, logger: silentLogger, defaultTimezone: 'Asia/Tokyo', defaultLocale: 'en' });
    await scheduler.tick();

    const page1 = await h.run('/mod queue', {}, { user: 'mod', roles: MOD });
    expect(page1.title).toBe('12 reports are waiting for review');
    expect(page1.sections!.map((s) => s.heading)).toEqual(Array.from({ length: 10 }, (_, i) => `Report #${i + 1}: Unpaid`));
    const first = page1.sections![0]!.lines.join('\n');
    expect(first).toContain('Client: crowdworks:9001 (CrowdWorks, https://crowdworks.jp/public/employers/9001)');
    expect(first).toContain('Delivery on CrowdWorks: delivered Fri, Nov 20, 2026 (as the writer gave it), recorded in Kenshu Fri, Nov 20, 2026, awaiting review');
    expect(first).toContain(`Reminders sent: ${messagesFor('en').stage[STAGE_KEYS[1]].name} (Thu, Nov 26, 2026)`);
    expect(first).toContain("Reporter's record in this community: 1 filed, 0 approved, 0 rejected");
    // The note is shown as typed: nothing in it formats or mentions.
    expect(first).toContain('Note: note 1: \\*\\*bold\\*\\* \\<@123\\>');
    expect(replyText(page1)).not.toContain('secret-reporter');

    // Approve for each, then Reject for each, then Next: within five rows of five.
    const buttons = page1.buttons!;
    expect(buttons.filter((b) => b.action === 'approve').map((b) => b.deliveryId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(buttons.filter((b) => b.action === 'reject').map((b) => b.label)).toContain('Reject #10');
    expect(buttons.find((b) => b.action === 'queue')).toMatchObject({ deliveryId: 2, label: 'Next page' });
    const rows = new Set(buttons.map((b) => b.row));
    expect(rows.size).toBeLessThanOrEqual(5);
    for (const row of rows) expect(buttons.filter((b) => b.row === row).length).toBeLessThanOrEqual(5);

    // Next, pressed by a moderator, shows the rest and no further Next.
    const page2 = await pressButton('kenshu:queue:2', await h.contextFor('mod', 'en', MOD), silentLogger);
    expect(page2.sections!.map((s) => s.heading)).toEqual(['Report #11: Unpaid', 'Report #12: Unpaid']);
    expect(page2.buttons!.some((b) => b.action === 'queue')).toBe(false);
    expect(page2.lines).toEqual(['Page 2 of 2, oldest first']);

    const ja = await h.run('/mod queue', { page: '2' }, { user: 'mod', locale: 'ja', roles: MOD });
    expect(ja.title).toBe('確認待ちの報告: 12件');
    expect(ja.sections![0]!.heading).toBe('報告 #11: 未払い');
  });

  it("shows the reporter's record in this community as counts", async () => {
    const one = await fileReport('veteran', 'crowdworks:9101', 'unpaid');
    const two = await fileReport('veteran', 'crowdworks:9102', 'late_acceptance');
    await fileReport('veteran', 'crowdworks:9103', 'scope_creep');
    await h.run('/mod approve', { report: String(one) }, { user: 'mod', roles: MOD });
    await h.run('/mod reject', { report: String(two), reason: 'Not enough facts' }, { user: 'mod', roles: MOD });
    const queue = await h.run('/mod queue', {}, { user: 'mod', roles: MOD });
    expect(queue.sections).toHaveLength(1);
    expect(queue.sections![0]!.lines).toContain("Reporter's record in this community: 3 filed, 1 approved, 1 rejected");
  });

  it('is empty when nothing waits, and refused to members and by forged buttons', async () => {
    expect((await h.run('/mod queue', {}, { user: 'mod', roles: MOD })).title).toBe('No reports are waiting for review.');
    const number = await fileReport('writer', 'crowdworks:9201', 'unpaid');
    const refused = await h.run('/mod queue', {}, { user: 'member' });
    expect(replyText(refused)).toContain("Only this community's moderators can do that.");
    const forged = await pressButton(`kenshu:approve:${number}`, await h.contextFor('member'), silentLogger);
    expect(replyText(forged)).toContain("Only this community's moderators can do that.");
    expect((await stateOf(number))?.state).toBe('pending');
    expect(await auditRows()).toHaveLength(0);
  });
});

describe('/mod approve, reject and remove', () => {
  it('approves from the moment of approval, tells the reporter, and writes one audit row per change', async () => {
    const number = await fileReport('rep', 'crowdworks:9301', 'unpaid');
    h.clock.advance(10 * DAY);
    const approvedAt = h.clock.now();
    const moderator = await h.contextFor('mod', 'en', MOD);

    const approved = await h.run('/mod approve', { report: `#${number}` }, { user: 'mod', roles: MOD });
    expect(approved.title).toBe(`Report #${number} approved`);
    expect(replyText(approved)).toContain('The reporter was told by direct message.');
    const flag = await stateOf(number);
    expect(flag?.state).toBe('approved');
    expect(flag?.expiresAt).toEqual(new Date(approvedAt.getTime() + h.deps.flagTtlDays * DAY));
    const dm = notifier.to('rep');
    expect(dm).toHaveLength(1);
    expect(dm[0]!.message.title).toBe(`Your report #${number} was approved`);
    expect(replyText(dm[0]!.message)).toContain('crowdworks:9301: Unpaid');

    let rows = await auditRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'report.approve', target: `report:${number}`, actorId: moderator.member.id, reason: null, before: { state: 'pending', expiresAt: null }, after: { state: 'approved', expiresAt: flag!.expiresAt!.toISOString() } });

    // The wrong state changes nothing and logs nothing.
    const again = await h.run('/mod approve', { report: String(number) }, { user: 'mod', roles: MOD });
    expect(replyText(again)).toContain(`Report #${number} is approved: only a report pending review can be approved.`);
    expect(await auditRows()).toHaveLength(1);

    const removed = await h.run('/mod remove', { report: String(number), reason: 'The client paid; **resolved**' }, { user: 'mod', roles: MOD });
    expect(removed.title).toBe(`Report #${number} removed`);
    expect((await stateOf(number))?.state).toBe('removed');
    const removal = notifier.to('rep')[1]!.message;
    expect(removal.title).toBe(`Your report #${number} was taken down`);
    expect(replyText(removal)).toContain('Reason: The client paid; \\*\\*resolved\\*\\*');
    rows = await auditRows();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ action: 'report.remove', target: `report:${number}`, reason: 'The client paid; **resolved**', before: { state: 'approved' }, after: { state: 'removed' } });

    expect(replyText(await h.run('/mod remove', { report: String(number), reason: 'again' }, { user: 'mod', roles: MOD }))).toContain('only an approved report can be removed');
    expect(await auditRows()).toHaveLength(2);
  });

  it('rejects with a required reason, which the reporter is told', async () => {
    const number = await fileReport('rep', 'crowdworks:9401', 'late_acceptance');
    const missing = await h.run('/mod reject', { report: String(number) }, { user: 'mod', roles: MOD });
    expect(missing.tone).toBe('error');
    expect(replyText(missing)).toContain('reason');
    expect(replyText(await h.run('/mod reject', { report: String(number), reason: 'x'.repeat(501) }, { user: 'mod', roles: MOD }))).toContain('500');

    const rejected = await h.run('/mod reject', { report: String(number), reason: 'Please link the delivery dates' }, { user: 'mod', roles: MOD });
    expect(rejected.title).toBe(`Report #${number} rejected`);
    expect((await stateOf(number))?.state).toBe('rejected');
    const dm = notifier.to('rep')[0]!.message;
    expect(dm.title).toBe(`Your report #${number} was not approved`);
    expect(replyText(dm)).toContain('Reason: Please link the delivery dates');
    expect(await auditRows()).toMatchObject([{ action: 'report.reject', reason: 'Please link the delivery dates', before: { state: 'pending' }, after: { state: 'rejected' } }]);

    const ja = await h.run('/mod approve', { report: String(number) }, { user: 'mod', locale: 'ja', roles: MOD });
    expect(replyText(ja)).toContain(`報告 #${number} は「却下」の状態です。承認できるのは確認待ちの報告だけです。`);
  });

  it("refuses another community's number, a member, and a number that names nothing, writing nothing", async () => {
    const here = await fileReport('rep', 'crowdworks:9501', 'unpaid');
    const second = await fileReport('rep2', 'crowdworks:9502', 'unpaid');
    expect([here, second]).toEqual([1, 2]);
    const elsewhere = await fileReport('rep-away', 'crowdworks:9503', 'unpaid', { guild: 'guild-2' });
    expect(elsewhere).toBe(1);

    // guild-2 has only its own #1: its moderator cannot reach guild-1's #2.
    const foreign = await runIn('guild-2', 'mod-2', '/mod approve', { report: '2' }, MOD);
    expect(replyText(foreign)).toContain('This community has no report #2.');
    expect((await stateOf(2))?.state).toBe('pending');
    // Approving guild-2's #1 leaves guild-1's #1 as it was.
    expect((await runIn('guild-2', 'mod-2', '/mod approve', { report: '1' }, MOD)).tone).toBe('success');
    expect((await stateOf(1, 'guild-2'))?.state).toBe('approved');
    expect((await stateOf(1))?.state).toBe('pending');
    const rows = await auditRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.communityId).not.toBe(h.community.id);

    const member = await h.run('/mod approve', { report: '1' }, { user: 'rep2' });
    expect(replyText(member)).toContain("Only this community's moderators can do that.");
    expect(replyText(await h.run('/mod reject', { report: 'one', reason: 'x' }, { user: 'mod', roles: MOD }))).toContain('This community has no report #one.');
    expect((await stateOf(1))?.state).toBe('pending');
    expect(await auditRows()).toHaveLength(1);
  });
});

describe('/mod queue past its end, and a client known by name only', () => {
  it('shows the last page, and the client without a marketplace', async () => {
    await h.at('2026-11-10T12:00:00+09:00', () => h.run('/deliver new', { client: '株式会社ミドリ出版', title: 'Article', marketplace: 'direct', delivered: '2026-11-10' }, { user: 'direct-writer' }));
    expect((await h.run('/client flag', { client: 'ミドリ出版', reason: 'unpaid', delivery: '1' }, { user: 'direct-writer' })).tone).toBe('success');
    const queue = await h.run('/mod queue', { page: '5' }, { user: 'mod', roles: MOD });
    expect(queue.lines).toEqual(['Page 1 of 1, oldest first']);
    expect(queue.sections![0]!.lines[0]).toBe('Client: 株式会社ミドリ出版');
  });
});

describe('the reporter told of a decision', () => {
  it('reads it in their own language and time zone', async () => {
    const number = await fileReport('ja-rep', 'crowdworks:9801', 'unpaid');
    expect((await h.run('/remind settings', { language: 'ja', timezone: 'America/New_York' }, { user: 'ja-rep' })).tone).toBe('success');
    await h.run('/mod approve', { report: String(number) }, { user: 'mod', roles: MOD });
    const dm = notifier.to('ja-rep')[0]!.message;
    expect(dm.title).toBe(`あなたの報告 #${number} が承認されました`);
    // 365 days from 26 Nov 2026 10:00 in Tokyo is still 25 Nov 2027 in New York.
    expect(replyText(dm)).toContain('2027年11月25日');
    await h.run('/mod remove', { report: String(number), reason: '依頼者と和解しました' }, { user: 'mod', roles: MOD });
    expect(replyText(notifier.to('ja-rep')[1]!.message)).toContain('理由: 依頼者と和解しました');
  });
});

describe('report numbers per community', () => {
  it('are what /client flag shows and what /client retract takes, only where the report was filed', async () => {
    await fileReport('someone', 'crowdworks:9601', 'unpaid');
    await fileReport('someone-else', 'crowdworks:9602', 'unpaid');
    // The traveller's first report in guild-2 is that community's #1, whatever guild-1 holds.
    const number = await fileReport('traveller', 'crowdworks:9603', 'unpaid', { guild: 'guild-2' });
    expect(number).toBe(1);
    expect(replyText(await runIn('guild-1', 'traveller', '/client retract', { flag: '1' }))).toContain('You have no report #1.');
    expect((await stateOf(1))?.state).toBe('pending');
    const retracted = await runIn('guild-2', 'traveller', '/client retract', { flag: '1' });
    expect(retracted.title).toBe('Report #1 retracted');
    expect((await stateOf(1, 'guild-2'))?.state).toBe('retracted');
  });
});

describe("the moderators' channel", () => {
  it('is told of a new report: the client and category, never the reporter or the note', async () => {
    await fileReport('quiet-reporter', 'crowdworks:9701', 'unpaid', { note: 'PRIVATE NOTE' });
    expect(notifier.messages.filter((m) => m.channel === 'post')).toHaveLength(0);

    await h.database.db.update(communities).set({ modChannelId: 'mods-channel' }).where(eq(communities.id, h.community.id));
    const number = await fileReport('quiet-reporter-2', 'crowdworks:9702', 'scope_creep', { note: 'PRIVATE NOTE' });
    const posts = notifier.messages.filter((m) => m.channel === 'post');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ channelId: 'mods-channel', to: '' });
    const text = replyText(posts[0]!.message);
    expect(text).toContain(`New report #${number} is waiting for review`);
    expect(text).toContain('crowdworks:9702');
    expect(text).toContain('Scope creep');
    expect(text).not.toContain('quiet-reporter');
    expect(text).not.toContain('PRIVATE NOTE');
  });
});
