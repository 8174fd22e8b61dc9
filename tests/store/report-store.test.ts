import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction } from '../../src/domain/audit.js';
import { parseClientIdentity } from '../../src/domain/client-identity.js';
import type { ReportReview } from '../../src/domain/reports.js';
import { createStores, type Stores } from '../../src/store/index.js';
import { auditLog } from '../../src/store/schema.js';
import { testDatabaseKinds, type TestDatabase } from '../support/databases.js';

const NOW = new Date('2026-11-26T03:00:00.000Z');

describe.each(testDatabaseKinds)('report store on $name', (kind) => {
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

  /** A community with one pending report by a new member; its number, community and the moderator's id. */
  const pendingReport = async () => {
    const community = await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: `rg${++seq}`, name: `Community ${seq}` });
    const reporter = await stores.members.ensureMember({ platform: 'discord', platformUserId: `ru${++seq}`, displayName: `Reporter ${seq}` });
    const moderator = await stores.members.ensureMember({ platform: 'discord', platformUserId: `rm${++seq}`, displayName: `Moderator ${seq}` });
    const client = await stores.warnings.ensureClient(parseClientIdentity(`crowdworks:7${seq}`));
    const flag = await stores.warnings.createFlag({ clientId: client.id, communityId: community.id, reporterId: reporter.id, deliveryId: null, category: 'unpaid', deliveredAt: null, daysWaited: null, createdAt: NOW, note: 'for moderators' });
    return { flag, community: community.id, moderator: moderator.id, reporter };
  };
  const approval = (r: Awaited<ReturnType<typeof pendingReport>>, change: Partial<ReportReview> = {}): ReportReview => ({
    communityId: r.community,
    number: r.flag.number,
    from: ['pending'],
    to: 'approved',
    action: 'report.approve',
    actorId: r.moderator,
    reason: null,
    at: NOW,
    expiresAt: new Date(NOW.getTime() + 30 * 86_400_000),
    ...change,
  });
  const auditOf = (communityId: number) => database.db.select().from(auditLog).where(eq(auditLog.communityId, communityId));

  it('changes the state and writes the audit row together, and names the reporter to tell', async () => {
    const r = await pendingReport();
    const reviewed = await stores.reports.review(approval(r));
    expect(reviewed?.before.state).toBe('pending');
    expect(reviewed?.after).toMatchObject({ state: 'approved', number: r.flag.number, expiresAt: new Date(NOW.getTime() + 30 * 86_400_000) });
    expect(reviewed?.author).toEqual({ platform: 'discord', platformUserId: r.reporter.platformUserId, locale: null, timezone: null });
    expect(await auditOf(r.community)).toMatchObject([{ action: 'report.approve', target: `report:${r.flag.number}`, actorId: r.moderator, before: { state: 'pending' }, after: { state: 'approved' } }]);
  });

  it('keeps the report as it was when the audit row cannot be written', async () => {
    const r = await pendingReport();
    // An action the audit log does not know breaks its check constraint, inside the transaction.
    await expect(stores.reports.review(approval(r, { action: 'report.unknown' as AuditAction }))).rejects.toThrow();
    expect((await stores.reports.findByNumber(r.community, r.flag.number))?.state).toBe('pending');
    expect(await auditOf(r.community)).toHaveLength(0);
  });

  it('writes nothing for a report in another state or another community', async () => {
    const r = await pendingReport();
    const other = await pendingReport();
    expect(await stores.reports.review(approval(r, { from: ['approved'], to: 'removed', action: 'report.remove', reason: 'x' }))).toBeUndefined();
    expect(await stores.reports.review(approval(r, { communityId: other.community, number: r.flag.number + 1000 }))).toBeUndefined();
    expect((await stores.reports.findByNumber(r.community, r.flag.number))?.state).toBe('pending');
    expect(await auditOf(r.community)).toHaveLength(0);
    expect(await auditOf(other.community)).toHaveLength(0);
  });

  it('lets only one of two moderators deciding at once change a report, with one audit row', async () => {
    const r = await pendingReport();
    const results = await Promise.all([stores.reports.review(approval(r)), stores.reports.review(approval(r, { to: 'rejected', action: 'report.reject', reason: 'no' }))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await auditOf(r.community)).toHaveLength(1);
  });
});
