import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClientIdentity } from '../../src/domain/client-identity.js';
import { DomainError } from '../../src/domain/errors.js';
import type { ClientRecord } from '../../src/domain/warning-list.js';
import { writeAudit } from '../../src/store/audit.js';
import type { CommunitySettingsPatch } from '../../src/domain/ports.js';
import { createStores, type Stores } from '../../src/store/index.js';
import { auditLog, clientMerges } from '../../src/store/schema.js';
import { testDatabaseKinds, type TestDatabase } from '../support/databases.js';
import { rejectionCodeOf } from '../support/errors.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-11-26T03:00:00.000Z');
const daysBefore = (days: number) => new Date(NOW.getTime() - days * DAY);

describe.each(testDatabaseKinds)('moderation store on $name', (kind) => {
  let database: TestDatabase;
  let stores: Stores;
  let seq = 0;

  beforeAll(async () => {
    database = await kind.open();
    stores = createStores(database.db);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const newCommunity = async (sharing: 'private' | 'federated' = 'private', settings: CommunitySettingsPatch = {}) => {
    const community = await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: `m${++seq}`, name: `Community ${seq}` });
    return (await stores.communities.updateSettings(community.id, { sharing, ...settings })).id;
  };
  const newMember = async () => (await stores.members.ensureMember({ platform: 'discord', platformUserId: `mu${++seq}`, displayName: `Member ${seq}` })).id;
  const deliver = async (communityId: number, client: string) => {
    const d = await stores.deliveries.record(
      {
        client: parseClientIdentity(client),
        title: 'SEO記事',
        marketplace: 'crowdworks',
        amount: 5000,
        currency: 'JPY',
        deliveredAt: daysBefore(20),
        escrow: 'funded',
        jobUrl: null,
        clientName: client,
        letterLocale: 'ja',
        dueAt: null,
        dueTerms: null,
        writerId: await newMember(),
        communityId,
        nextNudgeAt: null,
      },
      daysBefore(20),
    );
    return d;
  };
  const clientOf = async (key: string): Promise<ClientRecord> => (await stores.warnings.resolve(parseClientIdentity(key).key))!;
  const summary = (clientId: number, communityId: number, federated: 'all' | 'none' = 'none') => stores.warnings.summarize({ clientId, communityId, viewerId: 0, now: NOW, federated });
  const auditCount = async (communityId: number) => (await database.db.select().from(auditLog).where(eq(auditLog.communityId, communityId))).length;

  describe('the lookup with merges', () => {
    it("combines a merged client's figures under the one it follows, in the merging community only, in one statement", async () => {
      // Figures from one writer show here: this is about merges, not about small groups.
      const here = await newCommunity('federated', { minWriters: 1 });
      const elsewhere = await newCommunity('federated', { minWriters: 1 });
      const a = 'https://crowdworks.jp/public/employers/91001';
      const b = 'https://crowdworks.jp/public/employers/91002';
      await deliver(here, a);
      await deliver(here, b);
      await deliver(here, b);
      await deliver(elsewhere, a);
      const [ca, cb] = [await clientOf(a), await clientOf(b)];
      const moderator = { memberId: await newMember(), communityId: here };

      const into = await stores.moderation.merge({ from: ca, into: cb, by: moderator, at: NOW });
      expect(into.id).toBe(cb.id);

      const ofA = await summary(ca.id, here);
      expect(ofA.client?.key).toBe(cb.key);
      expect(ofA.figures.deliveries).toBe(3);
      // Named as it was typed for a delivery in this community.
      expect(ofA.aliases).toEqual([{ key: ca.key, displayName: a }]);
      expect((await summary(cb.id, here)).figures.deliveries).toBe(3);
      // With federated communities counted, their deliveries to `a` follow `b` here too.
      expect((await summary(cb.id, here, 'all')).figures.deliveries).toBe(4);
      // The other community keeps its own view.
      const there = await summary(ca.id, elsewhere, 'all');
      expect(there.client?.key).toBe(ca.key);
      expect(there.figures.deliveries).toBe(2);
      expect(there.aliases).toEqual([]);
      expect((await summary(cb.id, elsewhere, 'all')).figures.deliveries).toBe(2);
    });

    it("shows a federated community's reply only where federated reports show", async () => {
      const sharer = await newCommunity('federated');
      const viewer = await newCommunity('private');
      const secret = await newCommunity('private');
      const c = 'https://crowdworks.jp/public/employers/92001';
      await deliver(sharer, c);
      await deliver(secret, c);
      await deliver(viewer, c);
      const client = await clientOf(c);
      await stores.moderation.setReply({ clientId: client.id, target: `client:${client.key}`, text: 'shared reply', by: { memberId: await newMember(), communityId: sharer }, at: daysBefore(2) });
      await stores.moderation.setReply({ clientId: client.id, target: `client:${client.key}`, text: 'secret reply', by: { memberId: await newMember(), communityId: secret }, at: daysBefore(1) });

      expect((await summary(client.id, viewer, 'all')).replies).toEqual([{ text: 'shared reply', at: daysBefore(2) }]);
      expect((await summary(client.id, viewer, 'none')).replies).toEqual([]);
      expect((await summary(client.id, secret, 'all')).replies.map((r) => r.text)).toEqual(['secret reply', 'shared reply']);
    });
  });

  describe('changes and their audit rows', () => {
    it('writes no audit row when the change fails, and leaves earlier merges as they were', async () => {
      const community = await newCommunity();
      const c = 'https://crowdworks.jp/public/employers/93001';
      const d = 'https://crowdworks.jp/public/employers/93002';
      await deliver(community, c);
      await deliver(community, d);
      const [cc, cd] = [await clientOf(c), await clientOf(d)];
      const by = { memberId: await newMember(), communityId: community };
      await stores.moderation.merge({ from: cd, into: cc, by, at: NOW });
      expect(await auditCount(community)).toBe(1);

      // `c` into a client that does not exist: re-pointing `d` and the insert both fail, together.
      const ghost: ClientRecord = { ...cc, id: 999_999_999, key: 'crowdworks:ghost' };
      await expect(stores.moderation.merge({ from: cc, into: ghost, by, at: NOW })).rejects.toThrow();
      // A reply for a client that does not exist.
      await expect(stores.moderation.setReply({ clientId: ghost.id, target: 'client:ghost', text: 'x', by, at: NOW })).rejects.toThrow();

      expect(await auditCount(community)).toBe(1);
      const merges = await database.db.select().from(clientMerges).where(eq(clientMerges.communityId, community));
      expect(merges.map((m) => [m.fromClientId, m.intoClientId])).toEqual([[cd.id, cc.id]]);
    });

    it('keeps no audit row of a transaction that fails after writing it', async () => {
      const community = await newCommunity();
      const entry = { communityId: community, actorId: null, action: 'client.merge' as const, target: 'client:x', before: null, after: null, reason: null, at: NOW };
      await expect(
        database.db.transaction(async (tx) => {
          await writeAudit(tx, entry);
          throw new Error('the change itself failed');
        }),
      ).rejects.toThrow('the change itself failed');
      expect(await auditCount(community)).toBe(0);
      await database.db.transaction((tx) => writeAudit(tx, entry));
      expect(await auditCount(community)).toBe(1);
    });

    it('refuses a cycle and a second merge, and flattens a chain, whichever order merges arrive in', async () => {
      const community = await newCommunity();
      const keys = ['94001', '94002', '94003'].map((n) => `https://crowdworks.jp/public/employers/${n}`);
      for (const key of keys) await deliver(community, key);
      const [p, q, r] = await Promise.all(keys.map(clientOf));
      const by = { memberId: await newMember(), communityId: community };

      // p → q and q → p at once: one wins, the other is refused as a cycle.
      const outcomes = await Promise.allSettled([stores.moderation.merge({ from: p!, into: q!, by, at: NOW }), stores.moderation.merge({ from: q!, into: p!, by, at: NOW })]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(refused?.reason).toBeInstanceOf(DomainError);
      expect((refused?.reason as DomainError).code).toBe('MERGE_CYCLE');

      const winner = (await database.db.select().from(clientMerges).where(eq(clientMerges.communityId, community)))[0]!;
      const [from, into] = winner.fromClientId === p!.id ? [p!, q!] : [q!, p!];
      expect(await rejectionCodeOf(stores.moderation.merge({ from, into: r!, by, at: NOW }))).toBe('ALREADY_MERGED');
      // `into` merged into r: `from` follows r as well, so no chain is left.
      await stores.moderation.merge({ from: into, into: r!, by, at: NOW });
      const rows = await database.db.select().from(clientMerges).where(eq(clientMerges.communityId, community));
      expect(rows.map((m) => m.intoClientId)).toEqual([r!.id, r!.id]);
      expect(await auditCount(community)).toBe(2);
    });

    it('reads the log newest first, with names joined, null for a member whose row is gone, and only its community', async () => {
      const community = await newCommunity();
      const other = await newCommunity();
      const member = (await stores.members.ensureMember({ platform: 'discord', platformUserId: 'named-moderator', displayName: 'Named Moderator' })).id;
      const c = 'https://crowdworks.jp/public/employers/95001';
      await deliver(community, c);
      const client = await clientOf(c);
      await stores.moderation.setReply({ clientId: client.id, target: 'client:x', text: 'one', by: { memberId: member, communityId: community }, at: daysBefore(3) });
      await stores.moderation.setReply({ clientId: client.id, target: 'client:x', text: 'two', by: { memberId: 888_888_888, communityId: community }, at: daysBefore(1) });
      await stores.moderation.setReply({ clientId: client.id, target: 'client:x', text: 'elsewhere', by: { memberId: member, communityId: other }, at: daysBefore(2) });

      const log = await stores.moderation.auditLog(community, { offset: 0, limit: 20 });
      expect(log.total).toBe(2);
      expect(log.records.map((r) => [r.actorName, r.after])).toEqual([
        [null, { text: 'two' }],
        ['Named Moderator', { text: 'one' }],
      ]);
      expect((await stores.moderation.auditLog(community, { offset: 1, limit: 20 })).records).toHaveLength(1);
    });
  });
});
