import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext, Reply, Role } from '../../src/commands/command.js';
import { viewerOf } from '../../src/commands/client-lookup.js';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import type { Community, Locale } from '../../src/domain/member.js';
import type { CommunitySettingsPatch } from '../../src/domain/ports.js';
import { lookupClient } from '../../src/domain/warning-list.js';
import { writeAudit } from '../../src/store/audit.js';
import { auditLog } from '../../src/store/schema.js';
import { commandHarness, replyText, silentLogger } from '../support/commands.js';
import { RecordingNotifier } from '../support/recording-notifier.js';

/**
 * Moderators' work on clients: the client's reply beside the reports, merges in one community's
 * view, and the audit log. Several communities share one database, as in federation.test.ts.
 */

type Harness = Awaited<ReturnType<typeof commandHarness>>;

const A = 'guild-a'; // federated: its reports and replies reach communities that show others
const B = 'guild-b'; // federated viewer
const P = 'guild-p'; // private
const X = 'https://crowdworks.jp/public/employers/5001';
const Y = 'https://crowdworks.jp/public/employers/6001';
const Z = 'https://crowdworks.jp/public/employers/7001';
const ONLY_IN_B = 'https://crowdworks.jp/public/employers/8001';

describe('moderators on clients', () => {
  let h: Harness;
  let notifier: RecordingNotifier;

  const contextIn = async (guild: string, user: string, locale: Locale = 'en', roles: Role[] = []): Promise<CommandContext> => {
    const community = await h.deps.communities.ensureCommunity({ platform: 'discord', platformCommunityId: guild, name: guild });
    const member = await h.deps.members.ensureMember({ platform: 'discord', platformUserId: user, displayName: user });
    return { platform: 'discord', community, member, locale: member.locale ?? locale, timezone: member.timezone ?? 'Asia/Tokyo', roles: new Set(roles), direct: false, deps: h.deps };
  };
  const run = async (guild: string, user: string, path: string, raw: Record<string, unknown>, options: { locale?: Locale; roles?: Role[] } = {}): Promise<Reply> => {
    const found = findCommand(path.replace(/^\//, '').split(' '));
    if (!found) throw new Error(`no command ${path}`);
    return executeCommand(found.command, raw, await contextIn(guild, user, options.locale ?? 'en', options.roles ?? []), silentLogger);
  };
  /** A moderator of the guild runs a /mod command. */
  const mod = (guild: string, path: string, raw: Record<string, unknown>, locale: Locale = 'en') => run(guild, `mod-${guild}`, path, raw, { locale, roles: ['moderator'] });
  const community = async (guild: string, patch: CommunitySettingsPatch = {}): Promise<Community> => {
    const ctx = await contextIn(guild, 'settings');
    return Object.keys(patch).length ? h.deps.communities.updateSettings(ctx.community.id, patch) : ctx.community;
  };
  const deliver = async (guild: string, user: string, client: string, marketplace?: string) => {
    // Recorded on the day it was delivered: reports and figures count their waits from then.
    const reply = await h.at('2026-11-10T12:00:00+09:00', () => run(guild, user, '/deliver new', { client, title: 'Article', delivered: '2026-11-10', ...(marketplace ? { marketplace } : {}) }));
    expect(reply.tone, replyText(reply)).toBe('success');
    return Number(/#(\d+)/.exec(reply.title)![1]);
  };
  const report = async (guild: string, user: string, client: string, delivery: number) => {
    const reply = await run(guild, user, '/client flag', { client, reason: 'unpaid', delivery: String(delivery) });
    expect(reply.tone, replyText(reply)).toBe('success');
    const approved = await mod(guild, '/mod approve', { report: /#(\d+)/.exec(reply.title)![1] });
    expect(approved.tone, replyText(approved)).toBe('success');
  };
  const lookupText = async (guild: string, client: string, locale: Locale = 'en') => replyText(await run(guild, `viewer-${guild}`, '/client lookup', { client }, { locale }));
  const figures = async (guild: string, client: string) => {
    const ctx = await contextIn(guild, `viewer-${guild}`);
    const result = await lookupClient(ctx.deps, viewerOf(ctx), client);
    if (result.kind !== 'found') return result.kind;
    return { client: result.client.key, deliveries: result.figures.deliveries, writers: result.figures.writers, reports: result.flags.map((f) => [f.category, f.count]), aliases: result.aliases.map((a) => a.key) };
  };
  const auditRows = async (guild: string) => {
    const { id } = await community(guild);
    return h.database.db.select().from(auditLog).where(eq(auditLog.communityId, id)).orderBy(asc(auditLog.id));
  };
  const errorOf = (reply: Reply) => {
    expect(reply.tone, replyText(reply)).toBe('error');
    return replyText(reply);
  };

  beforeAll(async () => {
    h = await commandHarness();
    notifier = new RecordingNotifier('discord', h.clock);
    h.deps.notifiers.discord = notifier;
    // Figures from a single writer show here (min_writers 1): this suite is about replies and merges.
    await community(A, { sharing: 'federated', showFromOthers: 'all', minWriters: 1 });
    await community(B, { sharing: 'federated', showFromOthers: 'all', minWriters: 1 });
    await community(P, { sharing: 'private', showFromOthers: 'all', minWriters: 1 });

    // X: reported in A by a1 (approved), delivered to by a2; B and P know it too.
    await report(A, 'a1', X, await deliver(A, 'a1', X));
    await deliver(A, 'a2', X);
    await deliver(B, 'b1', X);
    await report(P, 'p1', X, await deliver(P, 'p1', X));
    // Y and a direct client that is the same business under its name; Z, another client of A's.
    await report(A, 'a3', Y, await deliver(A, 'a3', Y));
    await deliver(A, 'a4', 'Acme Media', 'direct');
    await deliver(A, 'a5', Z);
    await deliver(B, 'b2', Y);
    await deliver(B, 'b3', 'Acme Media', 'direct');
    await deliver(B, 'b4', ONLY_IN_B);
  });
  afterAll(async () => {
    await h.close();
  });

  describe('/mod reply', () => {
    const first = 'We paid on 12/1. **Sorry** for the delay <@123> [see](http://evil.example) @everyone';

    it('records the reply, tells the reporters here by DM, and shows it dated beside the reports as inert text', async () => {
      // Only what the reply sends: the reporters were already told of the approvals.
      notifier.messages.length = 0;
      const reply = await mod(A, '/mod reply', { client: X, text: first });
      expect(reply.tone, replyText(reply)).toBe('success');
      expect(reply.title).toBe('Reply of crowdworks:5001 recorded');
      expect(replyText(reply)).toContain('One writer who reported the client here was told by direct message.');
      // a1 reported X here and is told; a2 only delivered, and p1 reported in another community.
      expect(notifier.messages.map((m) => m.to)).toEqual(['a1']);
      expect(notifier.messages[0]!.message.title).toBe('crowdworks:5001 replied');
      expect(notifier.messages[0]!.key.length).toBeLessThanOrEqual(25);

      const text = await lookupText(A, X);
      expect(text).toContain("The client's reply\nThu, Nov 26, 2026: We paid on 12/1. \\*\\*Sorry\\*\\* for the delay \\<@123\\> \\[see\\](http://evil.example) @everyone");
      expect(text).not.toContain('**Sorry**');
      expect(text).not.toContain('<@123>');
    });

    it("shows in a federated community's lookup while it shows others' reports, and not once it shows none", async () => {
      expect(await lookupText(B, X)).toContain("The client's reply\nThu, Nov 26, 2026: We paid on 12/1.");
      await community(B, { showFromOthers: 'none' });
      try {
        const text = await lookupText(B, X);
        expect(text).toContain('1 delivery by 1 writer');
        expect(text).not.toContain("The client's reply");
        expect(text).not.toContain('We paid');
      } finally {
        await community(B, { showFromOthers: 'all' });
      }
    });

    it("keeps a private community's reply inside it, as its reports are", async () => {
      const reply = await mod(P, '/mod reply', { client: X, text: 'Private answer' });
      expect(reply.tone, replyText(reply)).toBe('success');
      expect(await lookupText(P, X)).toContain('Private answer');
      expect(await lookupText(A, X)).not.toContain('Private answer');
      expect(await lookupText(B, X)).not.toContain('Private answer');
    });

    it('replaces the reply with a new text, and removes it with clear:yes; both audited', async () => {
      notifier.messages.length = 0;
      const replaced = await mod(A, '/mod reply', { client: X, text: 'Paid in full on 12/2.' });
      expect(replaced.title).toBe('Reply of crowdworks:5001 replaced');
      expect(replyText(replaced)).toContain('Replaced: We paid on 12/1.');
      const text = await lookupText(A, X);
      expect(text).toContain('Paid in full on 12/2.');
      expect(text).not.toContain('We paid on 12/1.');

      const cleared = await mod(A, '/mod reply', { client: X, clear: 'yes' });
      expect(cleared.title).toBe('Reply of crowdworks:5001 removed');
      expect(await lookupText(A, X)).not.toContain("The client's reply");
      expect(errorOf(await mod(A, '/mod reply', { client: X, clear: 'yes' }))).toContain('No reply of crowdworks:5001 is recorded in this community');

      const rows = (await auditRows(A)).filter((r) => r.action.startsWith('client.reply'));
      const moderator = await contextIn(A, `mod-${A}`);
      expect(rows.map((r) => [r.action, r.target, r.before, r.after, r.actorId])).toEqual([
        ['client.reply', 'client:crowdworks:5001', { text: null }, { text: first }, moderator.member.id],
        ['client.reply', 'client:crowdworks:5001', { text: first }, { text: 'Paid in full on 12/2.' }, moderator.member.id],
        ['client.reply_clear', 'client:crowdworks:5001', { text: 'Paid in full on 12/2.' }, { text: null }, moderator.member.id],
      ]);
    });

    it('refuses a client this community does not know, a member, and text with clear together', async () => {
      expect(errorOf(await mod(A, '/mod reply', { client: ONLY_IN_B, text: 'Hello' }))).toContain('This community has no delivery or report for crowdworks:8001');
      expect(errorOf(await run(A, 'a1', '/mod reply', { client: X, text: 'I am the client' }))).toContain("Only this community's moderators can do that.");
      expect(errorOf(await mod(A, '/mod reply', { client: X }))).toContain('Give text: with the client');
      expect(errorOf(await mod(A, '/mod reply', { client: X, text: 'x', clear: 'yes' }))).toContain('clear:yes');
      expect(errorOf(await mod(A, '/mod reply', { client: X, text: 'x'.repeat(1001) }))).toMatch(/1000/);
      expect(await lookupText(A, X)).not.toContain('I am the client');
    });

    it('speaks Japanese', async () => {
      const reply = await mod(A, '/mod reply', { client: Y, text: '12月1日にお支払いしました。' }, 'ja');
      expect(reply.title).toBe('crowdworks:6001 の回答を記録しました');
      expect(replyText(reply)).toContain('このクライアントを報告したライター1人に DM でお知らせしました。');
      expect(await lookupText(A, Y, 'ja')).toContain('クライアントからの回答\n2026年11月26日(木): 12月1日にお支払いしました。');
      expect(errorOf(await mod(A, '/mod reply', { client: ONLY_IN_B, text: 'x' }, 'ja'))).toContain('このコミュニティには「crowdworks:8001」の納品記録も報告もありません');
      expect((await mod(A, '/mod reply', { client: Y, clear: 'yes' }, 'ja')).tone).toBe('success');
    });
  });

  describe('/mod merge and /mod unmerge', () => {
    it("combines two identities in this community's lookups and figures only", async () => {
      const before = { A: await figures(A, Y), B: await figures(B, Y) };
      expect(before.A).toMatchObject({ client: 'crowdworks:6001', deliveries: 2 }); // a3 here, b2 from B
      const merged = await mod(A, '/mod merge', { client: 'Acme Media', into: Y });
      expect(merged.tone, replyText(merged)).toBe('success');
      expect(merged.title).toBe('Acme Media now follows crowdworks:6001');

      // Here: either identity shows the one client, its figures and reports combined, the other as an alias.
      const combined = { client: 'crowdworks:6001', deliveries: 4, writers: 4, reports: [['unpaid', 1]], aliases: ['name:acmemedia'] };
      expect(await figures(A, Y)).toEqual(combined);
      expect(await figures(A, 'Acme Media')).toEqual(combined);
      const text = await lookupText(A, 'Acme Media');
      expect(text).toContain('Also known as: Acme Media');
      expect(text).toContain('4 deliveries by 4 writers');
      // Elsewhere: unchanged.
      expect(await figures(B, Y)).toEqual(before.B);
      expect(await figures(B, 'Acme Media')).toMatchObject({ client: 'name:acmemedia', deliveries: 2 });
    });

    it('refuses self-merges, cycles, a second merge and clients this community does not know; resolves a merge into a merged client', async () => {
      expect(errorOf(await mod(A, '/mod merge', { client: Y, into: Y }))).toContain('cannot be merged into itself');
      expect(errorOf(await mod(A, '/mod merge', { client: Y, into: 'Acme Media' }))).toContain('Acme Media already follows crowdworks:6001 in this community');
      expect(errorOf(await mod(A, '/mod merge', { client: 'Acme Media', into: Z }))).toContain('Acme Media already follows crowdworks:6001 in this community. Undo that first');
      expect(errorOf(await mod(A, '/mod merge', { client: ONLY_IN_B, into: Y }))).toContain('This community has no delivery or report for crowdworks:8001');
      expect(errorOf(await mod(A, '/mod merge', { client: Z, into: ONLY_IN_B }))).toContain('crowdworks:8001');
      expect(errorOf(await run(A, 'a1', '/mod merge', { client: Z, into: Y }))).toContain("Only this community's moderators can do that.");

      const resolved = await mod(A, '/mod merge', { client: Z, into: 'Acme Media' });
      expect(resolved.title).toBe('crowdworks:7001 now follows crowdworks:6001');
      expect(replyText(resolved)).toContain('Acme Media itself follows crowdworks:6001 here, so the merge goes to crowdworks:6001.');
      expect(await figures(A, Z)).toMatchObject({ client: 'crowdworks:6001', deliveries: 5 });
    });

    it('undoes a merge, and says when there is none; audited', async () => {
      const undone = await mod(A, '/mod unmerge', { client: 'Acme Media' });
      expect(undone.title, replyText(undone)).toBe('Acme Media stands on its own again');
      expect(await figures(A, 'Acme Media')).toMatchObject({ client: 'name:acmemedia', deliveries: 2, aliases: [] });
      expect(await figures(A, Y)).toMatchObject({ client: 'crowdworks:6001', deliveries: 3, aliases: ['crowdworks:7001'] });
      expect(errorOf(await mod(A, '/mod unmerge', { client: 'Acme Media' }))).toContain('Acme Media is not merged into another client in this community');
      expect((await mod(A, '/mod unmerge', { client: Z })).tone).toBe('success');

      const rows = (await auditRows(A)).filter((r) => r.action.endsWith('merge'));
      expect(rows.map((r) => [r.action, r.target, r.before, r.after])).toEqual([
        ['client.merge', 'client:name:acmemedia', { into: null }, { into: 'crowdworks:6001' }],
        ['client.merge', 'client:crowdworks:7001', { into: null }, { into: 'crowdworks:6001' }],
        ['client.unmerge', 'client:name:acmemedia', { into: 'crowdworks:6001' }, { into: null }],
        ['client.unmerge', 'client:crowdworks:7001', { into: 'crowdworks:6001' }, { into: null }],
      ]);
      expect(await auditRows(B)).toEqual([]);
    });
  });

  describe('/mod audit', () => {
    it("lists this community's actions newest first, naming members as they are now and an erased one as such", async () => {
      const { id } = await community(A);
      await writeAudit(h.database.db, { communityId: id, actorId: 999_999, action: 'settings.change', target: 'setting:sharing', before: { sharing: 'private' }, after: { sharing: 'federated' }, reason: 'asked by the members', at: new Date('2026-11-27T00:00:00Z') });
      const text = replyText(await mod(A, '/mod audit', {}));
      const lines = text.split('\n');
      expect(lines[0]).toBe('Moderation log');
      expect(lines[1]).toBe('Fri, Nov 27, 2026, 09:00 · (erased member) changed a setting: setting:sharing');
      expect(lines[2]).toBe('  private → federated');
      expect(lines[3]).toBe('  Reason: asked by the members');
      expect(text).toContain(`mod-${A} undid a merge: client:crowdworks:7001\n  crowdworks:6001 → (none)`);
      expect(text.indexOf('undid a merge')).toBeLessThan(text.indexOf('merged a client'));
      expect(text.indexOf('merged a client')).toBeLessThan(text.indexOf("recorded the client's reply"));
      expect(text).toContain('Times in Asia/Tokyo.');
      expect(text).not.toContain('Private answer'); // P's reply is P's business

      const ja = replyText(await mod(A, '/mod audit', {}, 'ja'));
      expect(ja).toContain('(削除されたメンバー): 設定を変更(setting:sharing)');
      expect(ja).toContain('クライアントの統合を解除');
    });

    it('shows only this community, pages, and refuses members', async () => {
      expect(replyText(await mod(B, '/mod audit', {}))).toContain('No moderation actions or settings changes yet in this community.');
      const p = replyText(await mod(P, '/mod audit', {}));
      expect(p).toContain("recorded the client's reply: client:crowdworks:5001");
      expect(p).not.toContain('merge');
      expect(replyText(await mod(A, '/mod audit', { page: 2 }))).toContain('The log has one page: /mod audit shows it.');
      expect(errorOf(await run(A, 'a1', '/mod audit', {}))).toContain("Only this community's moderators can do that.");
    });

    it('pages by 20, newest first', async () => {
      const { id } = await community('guild-q');
      for (let i = 1; i <= 25; i++) {
        await writeAudit(h.database.db, { communityId: id, actorId: null, action: 'settings.change', target: `setting:n${i}`, before: null, after: { value: i }, reason: null, at: new Date(Date.UTC(2026, 10, 1, 0, i)) });
      }
      const first = await mod('guild-q', '/mod audit', {});
      expect(first.title).toBe('Moderation log (page 1 of 2)');
      const entries = (first.lines ?? []).filter((l) => !l.startsWith('  '));
      expect(entries).toHaveLength(20);
      expect(entries[0]).toContain('Kenshu changed a setting: setting:n25');
      expect(first.footer).toContain('Older entries: /mod audit page:2');
      const second = await mod('guild-q', '/mod audit', { page: 2 });
      expect((second.lines ?? []).filter((l) => !l.startsWith('  ')).map((l) => l.split(': ').at(-1))).toEqual(['setting:n5', 'setting:n4', 'setting:n3', 'setting:n2', 'setting:n1']);
    });
  });
});
