import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext, Reply, Role } from '../../src/commands/command.js';
import { viewerOf } from '../../src/commands/client-lookup.js';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import type { Community, Locale } from '../../src/domain/member.js';
import type { CommunitySettingsPatch } from '../../src/domain/ports.js';
import { reviewReport } from '../../src/domain/reports.js';
import { normalizeClientName } from '../../src/domain/client-identity.js';
import { lookupClient, type FlagCategory, type LookupResult } from '../../src/domain/warning-list.js';
import { nudges } from '../../src/store/schema.js';
import { suggest } from '../../src/commands/autocomplete.js';
import { commandHarness, replyText, silentLogger } from '../support/commands.js';

/**
 * The privacy proof: several communities share one database. A private community's reports and
 * delivery figures never reach another community's lookup, whatever that community shows from
 * others; federated ones reach it as its setting allows.
 */

type Harness = Awaited<ReturnType<typeof commandHarness>>;

const DAY = 24 * 60 * 60 * 1000;

function communityCommands(get: () => Harness) {
  /** A context in any community of the one database, shaped like tests/support/commands.ts contextFor. */
  const contextIn = async (guild: string, user: string, locale: Locale = 'en', roles: Role[] = []): Promise<CommandContext> => {
    const h = get();
    const community = await h.deps.communities.ensureCommunity({ platform: 'discord', platformCommunityId: guild, name: guild });
    const member = await h.deps.members.ensureMember({ platform: 'discord', platformUserId: user, displayName: user });
    return { platform: 'discord', community, member, locale: member.locale ?? locale, timezone: member.timezone ?? 'Asia/Tokyo', roles: new Set(roles), direct: false, deps: h.deps };
  };
  const run = async (guild: string, user: string, path: string, raw: Record<string, unknown>, locale: Locale = 'en'): Promise<Reply> => {
    const found = findCommand(path.replace(/^\//, '').split(' '));
    if (!found) throw new Error(`no command ${path}`);
    return executeCommand(found.command, raw, await contextIn(guild, user, locale), silentLogger);
  };
  const community = async (guild: string, patch: CommunitySettingsPatch = {}): Promise<Community> => {
    const ctx = await contextIn(guild, 'settings');
    return Object.keys(patch).length ? get().deps.communities.updateSettings(ctx.community.id, patch) : ctx.community;
  };
  const deliver = async (guild: string, user: string, client: string, options: { delivered?: string; marketplace?: string; profile?: string } = {}) => {
    const delivered = options.delivered ?? '2026-11-10';
    // Recorded on the day it was delivered: reports and figures count their waits from then.
    const reply = await get().at(`${delivered}T12:00:00+09:00`, () =>
      run(guild, user, '/deliver new', {
        client,
        title: 'Article',
        delivered,
        ...(options.marketplace ? { marketplace: options.marketplace } : {}),
        ...(options.profile ? { profile: options.profile } : {}),
      }),
    );
    expect(reply.tone, replyText(reply)).toBe('success');
    return Number(/#(\d+)/.exec(reply.title)![1]);
  };
  /** Files a report with `/client flag` in a community; approves it unless told not to. */
  const report = async (guild: string, user: string, client: string, reason: FlagCategory, delivery: number, options: { approve?: boolean; reject?: boolean; ttlDays?: number } = {}) => {
    const reply = await run(guild, user, '/client flag', { client, reason, delivery: String(delivery), note: `note by ${user}` });
    expect(reply.tone, replyText(reply)).toBe('success');
    const id = Number(/#(\d+)/.exec(reply.title)![1]);
    if (options.reject) {
      const moderator = await contextIn(guild, `mod-${guild}`, 'en', ['moderator']);
      await reviewReport(get().deps, { memberId: moderator.member.id, communityId: moderator.community.id }, { action: 'reject', report: String(id), reason: 'not factual', ttlDays: get().deps.flagTtlDays });
    } else if (options.approve !== false) {
      const moderator = await contextIn(guild, `mod-${guild}`, 'en', ['moderator']);
      // The reply names the community's number; approval acts on the report it names there.
      await reviewReport(get().deps, { memberId: moderator.member.id, communityId: moderator.community.id }, { action: 'approve', report: String(id), ttlDays: options.ttlDays ?? get().deps.flagTtlDays });
    }
    return id;
  };
  const lookupText = async (guild: string, client: string, locale: Locale = 'en') => replyText(await run(guild, `viewer-${guild}`, '/client lookup', { client }, locale));
  const lookup = async (guild: string, client: string): Promise<LookupResult> => {
    const ctx = await contextIn(guild, `viewer-${guild}`);
    return lookupClient(ctx.deps, viewerOf(ctx), client);
  };
  /** What a lookup found, reduced to the numbers: deliveries, writers, paid, and reports by category. */
  const counts = async (guild: string, client: string) => {
    const result = await lookup(guild, client);
    if (result.kind !== 'found') return result.kind;
    return {
      deliveries: result.figures.deliveries,
      writers: result.figures.writers,
      paid: result.figures.paid,
      federated: result.federated,
      reports: Object.fromEntries(result.flags.map((f) => [f.category, [f.count, f.writers]])),
    };
  };
  return { contextIn, run, community, deliver, report, lookupText, lookup, counts };
}

describe('the warning list across communities', () => {
  let h: Harness;
  const c = communityCommands(() => h);

  const A = 'private-a';
  const B = 'federated-b';
  const C = 'viewer-c';
  const X = 'https://crowdworks.jp/public/employers/5001';
  const ONLY_IN_A = 'https://crowdworks.jp/public/employers/5002';

  beforeAll(async () => {
    h = await commandHarness();
    // Figures from a single writer show in these communities (min_writers 1): this suite is about
    // which communities count; small groups have their own suite below.
    await c.community(A, { sharing: 'private', showFromOthers: 'all', minWriters: 1 });
    await c.community(B, { sharing: 'federated', showFromOthers: 'all', minWriters: 1 });
    await c.community(C, { sharing: 'private', minWriters: 1 });

    // A, private: four deliveries to X by four writers, one paid; three unpaid reports and one on scope creep.
    for (const user of ['a1', 'a2', 'a3']) await c.report(A, user, X, 'unpaid', await c.deliver(A, user, X));
    await c.report(A, 'a1', X, 'scope_creep', 1);
    await c.deliver(A, 'a4', X);
    expect((await c.run(A, 'a4', '/deliver paid', { delivery: '1' })).tone).toBe('success');
    // A client only A knows, reported there.
    await c.report(A, 'a5', ONLY_IN_A, 'unpaid', await c.deliver(A, 'a5', ONLY_IN_A));

    // B, federated: three deliveries to X by three writers; one approved unpaid report, one pending.
    await c.report(B, 'b1', X, 'unpaid', await c.deliver(B, 'b1', X));
    await c.deliver(B, 'b2', X);
    await c.report(B, 'b3', X, 'unpaid', await c.deliver(B, 'b3', X), { approve: false });

    // C, the viewer: one delivery to X and one approved report of its own.
    await c.report(C, 'c1', X, 'no_response_after_delivery', await c.deliver(C, 'c1', X));
  });
  afterAll(async () => {
    await h.close();
  });

  const ownOnlyInC = { deliveries: 1, writers: 1, paid: 0, federated: false, reports: { no_response_after_delivery: [1, 1] } };
  const withFederatedInC = { deliveries: 4, writers: 4, paid: 0, federated: true, reports: { no_response_after_delivery: [1, 1], unpaid: [1, 1] } };

  it('with `none`, shows the viewer only its own community', async () => {
    await c.community(C, { showFromOthers: 'none' });
    expect(await c.counts(C, X)).toEqual(ownOnlyInC);
    const text = await c.lookupText(C, X);
    expect(text).toContain('Tracked deliveries (this community)\n1 delivery by 1 writer');
    expect(text).toContain('No response after delivery: 1 report from 1 writer (Nov 2026)');
    expect(text).not.toContain('Unpaid');
    expect(text).not.toContain('Scope creep');
  });

  it('with `all`, adds the federated community, and never the private one', async () => {
    await c.community(C, { showFromOthers: 'all' });
    expect(await c.counts(C, X)).toEqual(withFederatedInC);
    const text = await c.lookupText(C, X);
    expect(text).toContain('Tracked deliveries (this community and communities that share)\n4 deliveries by 4 writers');
    expect(text).toContain('Paid: 0 of 4');
    expect(text).toContain('Waiting for review past the first reminder right now: 4');
    expect(text).toContain('Unpaid: 1 report from 1 writer (Nov 2026)');
    expect(text).toContain('No response after delivery: 1 report from 1 writer');
    expect(text).not.toContain('Scope creep');
    expect(text).not.toMatch(/\b[5-9] deliveries|Unpaid: [2-9]/);
  });

  it('with `consensus`, adds the federated community only once enough distinct writers reported the client, never counting private ones', async () => {
    // Approved reports of X: c1 here and b1 in B (b3's is pending); A's three writers do not count.
    await c.community(C, { showFromOthers: 'consensus', consensusMinWriters: 2 });
    expect(await c.counts(C, X)).toEqual(withFederatedInC);
    const consensus = async (minWriters: number) =>
      (await h.deps.warnings.summarize({ clientId: (await h.deps.warnings.resolve('crowdworks:5001'))!.id, communityId: (await c.community(C)).id, viewerId: 0, now: h.clock.now(), federated: { minWriters } })).federated;
    expect([await consensus(2), await consensus(3)]).toEqual([true, false]);

    await c.community(C, { consensusMinWriters: 3 });
    expect(await c.counts(C, X)).toEqual(ownOnlyInC);
    const text = await c.lookupText(C, X);
    expect(text).toContain('Tracked deliveries (this community)\n1 delivery by 1 writer');
    expect(text).not.toContain('Unpaid');
  });

  it("counts writers for consensus across the viewer's own and federated communities", async () => {
    const Y = 'https://coconala.com/users/5101';
    await c.community(C, { showFromOthers: 'consensus', consensusMinWriters: 3 });
    // Two federated writers and a private crowd: not yet three.
    await c.report(B, 'y-b1', Y, 'unpaid', await c.deliver(B, 'y-b1', Y));
    await c.report(B, 'y-b1', Y, 'late_acceptance', 1);
    await c.report(B, 'y-b2', Y, 'unpaid', await c.deliver(B, 'y-b2', Y));
    for (const user of ['y-a1', 'y-a2', 'y-a3']) await c.report(A, user, Y, 'unpaid', await c.deliver(A, user, Y));
    await c.report(B, 'y-b3', Y, 'unpaid', await c.deliver(B, 'y-b3', Y), { approve: false });
    await c.deliver(C, 'y-c1', Y);
    expect(await c.counts(C, Y)).toEqual({ deliveries: 1, writers: 1, paid: 0, federated: false, reports: {} });
    expect(await c.lookupText(C, Y)).toContain('No approved reports.');

    // The viewer's own writer makes three.
    await c.report(C, 'y-c1', Y, 'no_response_after_delivery', 1);
    // C's delivery and B's three (the pending report's writer delivered too); none of A's.
    expect(await c.counts(C, Y)).toEqual({ deliveries: 4, writers: 4, paid: 0, federated: true, reports: { unpaid: [2, 2], late_acceptance: [1, 1], no_response_after_delivery: [1, 1] } });
    // Four would still be too few for a community that asks for four, however many A has.
    await c.community(C, { consensusMinWriters: 4 });
    expect(await c.counts(C, Y)).toMatchObject({ deliveries: 1, federated: false, reports: { no_response_after_delivery: [1, 1] } });
  });

  it("always shows a community its own data, and a private community's data only to itself", async () => {
    // A sees its own reports and figures, and B's (A shows `all`), never C's (C is private).
    expect(await c.counts(A, X)).toEqual({ deliveries: 7, writers: 7, paid: 1, federated: true, reports: { unpaid: [4, 4], scope_creep: [1, 1] } });
    await c.community(A, { showFromOthers: 'none' });
    expect(await c.counts(A, X)).toEqual({ deliveries: 4, writers: 4, paid: 1, federated: false, reports: { unpaid: [3, 3], scope_creep: [1, 1] } });
    await c.community(A, { showFromOthers: 'all' });

    // B, federated, sees only itself: A and C keep theirs.
    expect(await c.counts(B, X)).toEqual({ deliveries: 3, writers: 3, paid: 0, federated: true, reports: { unpaid: [1, 1] } });
    const text = await c.lookupText(B, X);
    expect(text).toContain('3 deliveries by 3 writers');
    expect(text).toContain('Unpaid: 1 report from 1 writer');
    expect(text).not.toContain('No response after delivery');
    expect(text).not.toContain('Scope creep');
    expect(text).not.toContain('Paid: 1');

    // In every mode, C never sees A's four deliveries, one payment, or three unpaid reports.
    for (const patch of [{ showFromOthers: 'all' }, { showFromOthers: 'none' }, { showFromOthers: 'consensus', consensusMinWriters: 1 }, { showFromOthers: 'consensus', consensusMinWriters: 2 }] as const) {
      await c.community(C, patch);
      const found = await c.counts(C, X);
      expect(found, JSON.stringify(patch)).toMatchObject({ paid: 0 });
      expect([ownOnlyInC, withFederatedInC], JSON.stringify(patch)).toContainEqual(found);
    }
  });

  it('follows a change of sharing at once: federated data shows, and hides again when made private', async () => {
    await c.community(B, { showFromOthers: 'all' });
    await c.community(C, { sharing: 'federated' });
    expect(await c.counts(B, X)).toEqual({ deliveries: 4, writers: 4, paid: 0, federated: true, reports: { unpaid: [1, 1], no_response_after_delivery: [1, 1] } });
    await c.community(C, { sharing: 'private' });
    await c.community(B, { sharing: 'private' });
    await c.community(C, { showFromOthers: 'all' });
    expect(await c.counts(C, X)).toEqual({ ...ownOnlyInC, federated: true });
    expect(await c.counts(B, X)).toEqual({ deliveries: 3, writers: 3, paid: 0, federated: true, reports: { unpaid: [1, 1] } });
    await c.community(B, { sharing: 'federated' });
    expect(await c.counts(C, X)).toEqual(withFederatedInC);
  });

  it('says "no track record" for an unknown client and for one known only in another, private community', async () => {
    await c.community(C, { showFromOthers: 'all' });
    const unknown = await c.run(C, 'viewer-c', '/client lookup', { client: 'crowdworks:999999' });
    expect(unknown.title).toBe('No track record for crowdworks:999999');
    expect(replyText(unknown)).toContain('Profile: https://crowdworks.jp/public/employers/999999');
    expect(replyText(unknown)).toContain('No record is not a good record');
    expect(replyText(unknown)).toContain("check the marketplace's own rating");
    expect(await c.lookup(C, 'crowdworks:999999')).toMatchObject({ kind: 'unknown', identity: { key: 'crowdworks:999999' } });
    expect((await c.lookup(C, 'Nobody Knows This Client KK')).kind).toBe('unknown');
    expect(await c.lookupText(C, 'Nobody Knows This Client KK')).toContain('No track record for Nobody Knows This Client KK');

    for (const guild of [B, C]) {
      for (const patch of [{ showFromOthers: 'all' }, { showFromOthers: 'consensus', consensusMinWriters: 1 }, { showFromOthers: 'none' }] as const) {
        await c.community(guild, patch);
        const reply = await c.run(guild, `viewer-${guild}`, '/client lookup', { client: ONLY_IN_A });
        expect(reply.title).toBe('No track record for crowdworks:5002');
        expect(reply.tone).toBe('info');
        expect(replyText(reply)).not.toMatch(/Unpaid|deliver(y|ies) by/);
        expect(await c.lookup(guild, ONLY_IN_A)).toMatchObject({ kind: 'unknown', identity: { key: 'crowdworks:5002' } });
      }
    }
    await c.community(B, { showFromOthers: 'all' });
    expect(await c.counts(A, ONLY_IN_A)).toEqual({ deliveries: 1, writers: 1, paid: 0, federated: true, reports: { unpaid: [1, 1] } });

    const ja = await c.run(C, 'viewer-c', '/client lookup', { client: 'crowdworks:999999' }, 'ja');
    expect(ja.title).toBe('crowdworks:999999 の実績はありません');
    expect(replyText(ja)).toContain('実績がないことは安心材料ではありません');
  });

  it('finds a client by profile URL, by marketplace:id, and by its name in another script', async () => {
    await c.community(C, { showFromOthers: 'none' });
    const texts = await Promise.all(['https://crowdworks.jp/public/employers/5001', 'crowdworks.jp/public/employers/5001/', 'CROWDWORKS:5001', 'crowdworks:5001'].map((q) => c.lookupText(C, q)));
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toContain('Client: crowdworks:5001');
    expect(texts[0]).toContain('Profile: https://crowdworks.jp/public/employers/5001');

    await c.report(C, 'acme-writer', 'アクメ', 'unpaid', await c.deliver(C, 'acme-writer', '株式会社アクメ', { marketplace: 'direct' }));
    for (const q of ['ｱｸﾒ', 'アクメ', 'あくめ', '株式会社アクメ', '(株)アクメ', 'ｱｸﾒ㈱']) {
      const result = await c.lookup(C, q);
      expect(result, q).toMatchObject({ kind: 'found', client: { key: 'name:あくめ', displayName: '株式会社アクメ' }, figures: { deliveries: 1 } });
      const text = await c.lookupText(C, q);
      expect(text.split('\n')[0]).toBe('株式会社アクメ');
      expect(text).toContain('Unpaid: 1 report from 1 writer');
    }
    // Latin "ACME" is another name than katakana アクメ.
    expect(await c.lookup(C, 'ＡＣＭＥ')).toMatchObject({ kind: 'unknown', identity: { key: 'name:acme' } });
  });

  it('offers candidates for a vague name and takes a clear best match', async () => {
    await c.deliver(C, 'fuzzy', 'Sunrise Publishing', { marketplace: 'direct' });
    await c.deliver(C, 'fuzzy', 'Sunrise Publications', { marketplace: 'direct' });
    await c.deliver(C, 'fuzzy', 'https://www.lancers.jp/client/sunrise', { marketplace: 'lancers' });

    const vague = await c.run(C, 'viewer-c', '/client lookup', { client: 'Sunrise Pub' });
    expect(vague.title).toBe('2 clients have similar names');
    expect(vague.lines).toEqual(['• Sunrise Publishing', '• Sunrise Publications']);
    expect(vague.footer).toEqual(['Look one up by its exact name or profile URL.']);
    expect((await c.run(C, 'viewer-c', '/client lookup', { client: 'Sunrise Pub' }, 'ja')).title).toBe('似た名前のクライアントが2件あります');

    const typo = await c.lookup(C, 'Sunrise Publishng');
    expect(typo).toMatchObject({ kind: 'found', client: { displayName: 'Sunrise Publishing' } });
    expect((await c.run(C, 'viewer-c', '/client lookup', { client: 'Sunrise Publishng' })).title).toBe('Sunrise Publishing');
  });

  it('answers in Japanese with the Japanese wording', async () => {
    await c.community(C, { showFromOthers: 'all' });
    const text = await c.lookupText(C, X, 'ja');
    expect(text).toContain('クライアント: crowdworks:5001');
    expect(text).toContain('記録された納品(このコミュニティと共有しているコミュニティ)\n4人のライターによる4件の納品');
    expect(text).toContain('支払い済み: 4件中0件');
    expect(text).toContain('モデレーターが承認した報告');
    expect(text).toContain('未払い: 1人から1件(2026年11月)');
    expect(text).toContain('納品後の無連絡: 1人から1件');
    expect(text).toContain('マーケットに表示されるこのクライアントの評価・口コミ・完了率');
    expect(text).not.toContain('作業範囲の追加要求');
  });

  it('shows what became of the reported deliveries: paid after the contact reminder, accepted', async () => {
    const Z = 'https://www.lancers.jp/client/zeta_media';
    await c.community(C, { showFromOthers: 'all' });
    const viaDesk = await c.deliver(B, 'z-b1', Z, { delivered: '2026-11-10' });
    await c.report(B, 'z-b1', Z, 'unpaid', viaDesk);
    const direct = await c.deliver(B, 'z-b2', 'Zeta Media', { marketplace: 'direct', delivered: '2026-11-10' });
    // A direct client is another client than the Lancers profile, until a moderator merges them.
    await c.report(B, 'z-b2', 'Zeta Media', 'unpaid', direct);

    const before = await c.lookupText(C, Z);
    expect(before).toContain('Unpaid: 1 report from 1 writer');
    expect(before).not.toContain('Since then');

    const writer = await c.contextIn(B, 'z-b1');
    const delivery = (await h.deps.deliveries.findByNumber(writer.member.id, viaDesk))!;
    await h.database.db.insert(nudges).values({ deliveryId: delivery.id, stage: 3, state: 'sent', idempotencyKey: `kn${delivery.id}s3`, sentAt: h.clock.now() });
    // Kenshu's reminder to ask the desk is no desk request; the writer's confirmation is.
    expect(await c.lookupText(C, Z)).toContain("Needed the platform's support desk: 0 of 1");
    expect((await c.run(B, 'z-b1', '/deliver log', { delivery: String(viaDesk), event: 'desk' })).tone).toBe('success');
    expect((await c.run(B, 'z-b1', '/deliver paid', { delivery: String(viaDesk) })).tone).toBe('success');

    const after = await c.lookupText(C, Z);
    expect(after).toContain("Unpaid: 1 report from 1 writer (Nov 2026)\n  Since then: 1 paid (1 after the platform's contact reminder)");
    expect(after).toContain('Paid: 1 of 1');
    expect(after).toContain("Needed the platform's support desk: 1 of 1");
    expect(await c.lookupText(C, Z, 'ja')).toContain('未払い: 1人から1件(2026年11月)\n  その後: 1件が支払い済み(うち1件は事務局の連絡催促の後)');

    // Accepted on a direct deal: accepted, not paid.
    expect((await c.run(B, 'z-b2', '/deliver accepted', { delivery: String(direct) })).tone).toBe('success');
    expect(await c.lookupText(C, 'Zeta Media')).toContain('Unpaid: 1 report from 1 writer (Nov 2026)\n  Since then: 1 accepted');
    expect(await c.lookupText(C, 'Zeta Media')).not.toContain('paid (');
    expect(await c.lookupText(C, 'Zeta Media', 'ja')).toContain('その後: 1件が検収済み');

    // None of it reaches a community that shows nothing from others.
    await c.community(C, { showFromOthers: 'none' });
    expect((await c.run(C, 'viewer-c', '/client lookup', { client: Z })).title).toBe('No track record for lancers:zeta_media');
  });

  it("keeps a private community's delivery out of a report filed elsewhere: its outcome shows only where the delivery may", async () => {
    const Y = 'https://crowdworks.jp/public/employers/5003';
    await c.community(C, { showFromOthers: 'all' });
    // The writer recorded the delivery in private A and reports the client in federated B.
    const recordedInA = await c.deliver(A, 'y1', Y);
    await c.report(B, 'y1', Y, 'unpaid', recordedInA);
    expect((await c.run(A, 'y1', '/deliver paid', { delivery: String(recordedInA) })).tone).toBe('success');

    const inC = await c.lookup(C, Y);
    expect(inC.kind === 'found' && inC.figures.deliveries).toBe(0);
    expect(inC.kind === 'found' && inC.flags.map((f) => [f.category, f.count, f.laterPaid, f.laterAccepted])).toEqual([['unpaid', 1, 0, 0]]);
    expect(await c.lookupText(C, Y)).not.toContain('Since then');
    // A sees B's report and, its own delivery being in scope there, what became of it.
    const inA = await c.lookup(A, Y);
    expect(inA.kind === 'found' && inA.flags.map((f) => [f.category, f.count, f.laterPaid])).toEqual([['unpaid', 1, 1]]);
  });
});

describe('names across communities', () => {
  let h: Harness;
  const c = communityCommands(() => h);
  const A = 'typed-in-a';
  const PRIVATE = 'typed-in-private';
  const B = 'viewer-b';
  const B_FEDERATED = 'viewer-b-federated';
  const PROFILE = 'https://crowdworks.jp/public/employers/6001';

  beforeAll(async () => {
    h = await commandHarness();
    await c.community(A, { sharing: 'federated', showFromOthers: 'all' });
    await c.community(PRIVATE, { sharing: 'private' });
    await c.community(B, { sharing: 'private', showFromOthers: 'all' });
    await c.community(B_FEDERATED, { sharing: 'federated', showFromOthers: 'all' });
    for (const guild of [A, PRIVATE]) {
      const tag = guild === A ? 'Federated' : 'Private';
      await c.deliver(guild, `${guild}-1`, `${tag} Delivered Only KK`, { marketplace: 'direct' });
      await c.report(guild, `${guild}-2`, `${tag} Pending Report KK`, 'unpaid', await c.deliver(guild, `${guild}-2`, `${tag} Pending Report KK`, { marketplace: 'direct' }), { approve: false });
      await c.report(guild, `${guild}-3`, `${tag} Rejected Report KK`, 'unpaid', await c.deliver(guild, `${guild}-3`, `${tag} Rejected Report KK`, { marketplace: 'direct' }), { reject: true });
      await c.report(guild, `${guild}-4`, `${tag} Approved Report KK`, 'unpaid', await c.deliver(guild, `${guild}-4`, `${tag} Approved Report KK`, { marketplace: 'direct' }));
    }
    // A profile, under a name typed in A, with an approved report there.
    await c.report(A, 'a-profile', PROFILE, 'unpaid', await c.deliver(A, 'a-profile', 'Secret Name From A', { profile: PROFILE }));
  });
  afterAll(async () => {
    await h.close();
  });

  const unreachable = ['Federated Delivered Only KK', 'Federated Pending Report KK', 'Federated Rejected Report KK', 'Private Delivered Only KK', 'Private Pending Report KK', 'Private Rejected Report KK', 'Private Approved Report KK'];

  it('never finds from another community a name typed in a delivery, a pending or a rejected report, by exact or fuzzy name or autocomplete', async () => {
    for (const guild of [B, B_FEDERATED]) {
      const unreachableKeys = unreachable.map((name) => `name:${normalizeClientName(name)}`);
      for (const name of unreachable) {
        // Nothing but the approved report's client may come up: never one of these.
        const result = await c.lookup(guild, name);
        const keys = result.kind === 'found' ? [result.client.key] : result.kind === 'candidates' ? result.candidates.map((m) => m.key) : [];
        expect(keys.filter((k) => unreachableKeys.includes(k)), `${guild}: ${name}`).toEqual([]);
        const text = await c.lookupText(guild, name.replace(/ KK$/, ''));
        for (const other of unreachable) expect(text, `${guild}: ${name}`).not.toContain(other);
      }
      const ctx = await c.contextIn(guild, `viewer-${guild}`);
      for (const typed of ['federated', 'private', 'secret', 'crowdworks']) expect(await suggest('client', typed, ctx), `${guild}: ${typed}`).toEqual([]);
    }
  });

  it("finds a federated community's approved report by name, shown by its identity rather than the text typed there", async () => {
    for (const guild of [B, B_FEDERATED]) {
      const found = await c.lookup(guild, 'Federated Approved Report KK');
      expect(found).toMatchObject({ kind: 'found', client: { key: `name:${normalizeClientName('Federated Approved Report KK')}` }, flags: [{ category: 'unpaid', count: 1 }] });
      const text = await c.lookupText(guild, 'Federated Approved Report KK');
      expect(text).toContain('Unpaid: 1 report from 1 writer');
      expect(text).not.toContain('Federated Approved Report KK');
    }
    // Where it was typed, it is shown as typed.
    expect((await c.run(A, 'viewer-a', '/client lookup', { client: 'federated approved report KK' })).title).toBe('Federated Approved Report KK');
  });

  it("shows a profile looked up from another community by its key, never by the name typed in A", async () => {
    for (const guild of [B, B_FEDERATED]) {
      const reply = await c.run(guild, `viewer-${guild}`, '/client lookup', { client: 'crowdworks:6001' });
      expect(reply.title).toBe('crowdworks:6001');
      expect(replyText(reply)).toContain('Unpaid: 1 report from 1 writer');
      expect(replyText(reply)).not.toContain('Secret Name From A');
      expect(replyText(await c.run(guild, `viewer-${guild}`, '/client lookup', { client: 'Secret Name From A' }))).not.toContain('Unpaid');
    }
    expect((await c.run(A, 'viewer-a', '/client lookup', { client: PROFILE })).title).toBe('Secret Name From A');
  });

  it("shows this community's moderators the name typed here, never the spelling another community typed first", async () => {
    await c.deliver(A, 'a-first', '株式会社 ACME LEAK', { marketplace: 'direct' });
    const ownDelivery = await c.deliver(B, 'b-second', 'acme leak', { marketplace: 'direct' });
    const filed = await c.run(B, 'b-second', '/client flag', { client: 'acme leak', reason: 'unpaid', delivery: String(ownDelivery) });
    expect(replyText(filed)).not.toContain('ACME LEAK');
    const moderator = await c.contextIn(B, 'mod-b', 'en', ['moderator']);
    const queue = await executeCommand(findCommand(['mod', 'queue'])!.command, {}, moderator, silentLogger);
    expect(replyText(queue)).toContain('acme leak');
    expect(replyText(queue)).not.toContain('ACME LEAK');
    const reply = await executeCommand(findCommand(['mod', 'reply'])!.command, { client: 'Acme leak', text: 'We paid.' }, moderator, silentLogger);
    expect(reply.tone, replyText(reply)).toBe('success');
    expect(replyText(reply)).not.toContain('ACME LEAK');
  });

  it('shows a masked link, a heading or a mention in a client name as plain text, in English and Japanese', async () => {
    const name = '[Acme](https://ac.me) @everyone';
    await c.deliver(B, 'b-link', name, { marketplace: 'direct' });
    await c.deliver(B, 'b-link', '[Acme](https://ac.me) Holdings', { marketplace: 'direct' });
    for (const locale of ['en', 'ja'] as const) {
      const found = await c.run(B, 'viewer-b', '/client lookup', { client: name }, locale);
      expect(found.title).toBe('\\[Acme\\](https://ac.me) @everyone');
      const candidates = await c.run(B, 'viewer-b', '/client lookup', { client: '[Acme](https://ac.me)' }, locale);
      expect(candidates.lines?.toSorted()).toEqual(['• \\[Acme\\](https://ac.me) @everyone', '• \\[Acme\\](https://ac.me) Holdings']);
      const unknown = await c.run(B, 'viewer-b', '/client lookup', { client: '# [Nobody](https://x.y)' }, locale);
      expect(replyText(unknown)).not.toContain('[Nobody](');
    }
  });
});

describe('expiry of approved reports', () => {
  let h: Harness;
  const c = communityCommands(() => h);
  const E = 'federated-e';
  const F = 'viewer-f';
  const X = 'https://crowdworks.jp/public/employers/8001';

  beforeAll(async () => {
    h = await commandHarness();
    // One writer each: figures from a single writer show (min_writers 1); this suite is about expiry.
    await c.community(E, { sharing: 'federated', minWriters: 1 });
    await c.community(F, { showFromOthers: 'consensus', consensusMinWriters: 2, minWriters: 1 });
    await c.report(E, 'e1', X, 'unpaid', await c.deliver(E, 'e1', X));
    await c.report(F, 'f1', X, 'no_response_after_delivery', await c.deliver(F, 'f1', X));
    // Approved for 30 days only.
    await c.report(F, 'f1', X, 'abusive_communication', 1, { ttlDays: 30 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('hides a report once it is past its expiry, and stops counting it for consensus', async () => {
    expect(await c.counts(F, X)).toEqual({
      deliveries: 2,
      writers: 2,
      paid: 0,
      federated: true,
      reports: { unpaid: [1, 1], no_response_after_delivery: [1, 1], abusive_communication: [1, 1] },
    });

    h.clock.advance(30 * DAY + 60_000);
    expect(await c.counts(F, X)).toMatchObject({ deliveries: 2, federated: true, reports: { unpaid: [1, 1], no_response_after_delivery: [1, 1] } });
    expect(await c.lookupText(F, X)).not.toContain('Abusive communication');

    h.clock.advance(334 * DAY);
    expect(await c.counts(F, X)).toMatchObject({ federated: true, reports: { unpaid: [1, 1], no_response_after_delivery: [1, 1] } });

    // Past the 365-day TTL: no report shows, and without reports there is no consensus to show E's delivery.
    h.clock.advance(2 * DAY);
    expect(await c.counts(F, X)).toEqual({ deliveries: 1, writers: 1, paid: 0, federated: false, reports: {} });
    const text = await c.lookupText(F, X);
    expect(text).toContain('Tracked deliveries (this community)\n1 delivery by 1 writer');
    expect(text).toContain('No approved reports.');

    // A community that shows everything still sees E's delivery, but no report.
    await c.community(F, { showFromOthers: 'all' });
    expect(await c.counts(F, X)).toEqual({ deliveries: 2, writers: 2, paid: 0, federated: true, reports: {} });
  });
});

describe('figures that neither single out a writer nor follow one account', () => {
  let h: Harness;
  const c = communityCommands(() => h);
  const S = 'small-s';
  const T = 'strict-t';
  const V = 'viewer-v';
  const Q = 'https://crowdworks.jp/public/employers/8101';
  const R = 'https://crowdworks.jp/public/employers/8102';
  const mod = async (guild: string, raw: Record<string, unknown>) =>
    executeCommand(findCommand(['mod', 'settings'])!.command, raw, await c.contextIn(guild, `mod-${guild}`, 'en', ['moderator']), silentLogger);
  const lookupAs = async (guild: string, user: string, client: string, locale: Locale = 'en') => replyText(await c.run(guild, user, '/client lookup', { client }, locale));

  beforeAll(async () => {
    h = await commandHarness();
    await c.community(S, { sharing: 'private' });
  });
  afterAll(async () => {
    await h.close();
  });

  it("keeps the viewer's own deliveries apart, and shows others' only from min_writers writers besides the viewer", async () => {
    await c.deliver(S, 'v', Q);
    expect((await c.run(S, 'v', '/deliver paid', { delivery: '1' })).tone).toBe('success');
    await c.deliver(S, 'v', Q);
    // Only the viewer's own: no pooled figures, no "known here".
    let text = await lookupAs(S, 'v', Q);
    expect(text).toContain('Your own: 2 deliveries, 1 paid');
    expect(text).not.toMatch(/deliveries? by/);
    expect(text).not.toContain('too few writers');

    // One other writer: subtracting the viewer's own would single them out.
    await c.deliver(S, 's1', Q);
    text = await lookupAs(S, 'v', Q);
    expect(text).toContain('Known here, but too few writers have recorded this client to show figures.');
    expect(text).not.toMatch(/deliveries? by/);
    expect(text).toContain('Your own: 2 deliveries, 1 paid');
    const ja = await lookupAs(S, 'v', Q, 'ja');
    expect(ja).toContain('このコミュニティで記録はありますが、記録したライターが少ないため集計は表示しません。');
    expect(ja).toContain('あなた自身: 納品2件、うち支払い済み1件');
    // s1 looking sees the viewer and nobody else: withheld too.
    expect(await lookupAs(S, 's1', Q)).toContain('too few writers');

    await c.deliver(S, 's2', Q);
    text = await lookupAs(S, 'v', Q);
    expect(text).toContain('Tracked deliveries (this community)\n2 deliveries by 2 writers');
    expect(text).toContain('Paid: 0 of 2');
    expect(text).toContain('Your own deliveries (never counted in the figures)\nYour own: 2 deliveries, 1 paid');
    // Someone who recorded nothing sees all three writers, the viewer's paid one among them.
    expect(await lookupAs(S, 'outsider', Q)).toContain('4 deliveries by 3 writers\nMedian');

    expect((await mod(S, { min_writers: '3' })).tone).toBe('success');
    expect(await lookupAs(S, 'v', Q)).toContain('too few writers');
    expect(await lookupAs(S, 'outsider', Q)).toContain('4 deliveries by 3 writers');
    expect((await mod(S, { min_writers: '2' })).tone).toBe('success');
  });

  it('counts one account at most max_per_writer times, however many deliveries it records', async () => {
    for (let i = 0; i < 10; i++) await c.deliver(S, 'flooder', Q);
    // Recording stays unlimited: the flooder has all ten.
    expect(replyText(await c.run(S, 'flooder', '/deliver list', {}))).toContain('#10');
    expect(await lookupAs(S, 'v', Q)).toContain('5 deliveries by 3 writers');
    expect((await mod(S, { max_per_writer: '1' })).tone).toBe('success');
    expect(await lookupAs(S, 'v', Q)).toContain('3 deliveries by 3 writers');
    expect(await lookupAs(S, 'outsider', Q)).toContain('4 deliveries by 4 writers');
    expect((await mod(S, { max_per_writer: '3' })).tone).toBe('success');
  });

  it('counts a delivery only once Kenshu has recorded it for its first reminder’s days, whatever date was typed', async () => {
    const start = h.clock.now();
    try {
      // Typed as delivered months ago, recorded now.
      for (const user of ['late1', 'late2']) expect((await c.run(S, user, '/deliver new', { client: 'https://crowdworks.jp/public/employers/8103', title: 't', delivered: '2026-06-01' })).tone).toBe('success');
      expect(await lookupAs(S, 'outsider', 'crowdworks:8103')).toContain('No track record');
      h.clock.advance(3 * DAY);
      expect(await lookupAs(S, 'outsider', 'crowdworks:8103')).toContain('2 deliveries by 2 writers');
    } finally {
      h.clock.set(start);
    }
  });

  it("applies a federated community's own min_writers and max_per_writer to its figures, and dates reports by month only", async () => {
    await c.community(T, { sharing: 'federated', minWriters: 3, maxPerWriter: 1 });
    await c.community(V, { sharing: 'private', showFromOthers: 'all', minWriters: 1 });
    for (let i = 0; i < 4; i++) await c.deliver(T, 't1', R);
    await c.report(T, 't2', R, 'unpaid', await c.deliver(T, 't2', R));

    // T asks for three writers: its two never show in V, although V itself asks for one.
    let text = await lookupAs(V, 'viewer', R);
    expect(text).toContain('too few writers');
    expect(text).not.toMatch(/deliveries? by/);
    expect(text).toContain('Unpaid: 1 report from 1 writer (Nov 2026)');
    expect(text).not.toMatch(/Nov \d+, 2026/);
    expect(text).not.toContain('t2');
    const ja = await lookupAs(V, 'viewer', R, 'ja');
    expect(ja).toContain('未払い: 1人から1件(2026年11月)');
    expect(ja).not.toMatch(/2026年11月\d+日/);

    await c.deliver(T, 't3', R);
    text = await lookupAs(V, 'viewer', R);
    // T's own cap: t1's four deliveries count once.
    expect(text).toContain('3 deliveries by 3 writers');
    expect(text).not.toContain('too few writers');
  });
});
