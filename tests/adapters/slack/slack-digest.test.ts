import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackNotifier } from '../../../src/adapters/slack/slack-notifier.js';
import type { Notifier } from '../../../src/domain/notifier.js';
import { composeDigest } from '../../../src/presenters/digest.js';
import { DigestScheduler } from '../../../src/scheduler/digest-scheduler.js';
import { createStores, PgDigestStore, type OpenDatabase, type Stores } from '../../../src/store/index.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { MemoryClock } from '../../support/clock.js';
import { silentLogger } from '../../support/commands.js';
import { openMemoryDatabase } from '../../support/databases.js';

const MODS = 'C0MODS';
const MINUTE = 60_000;
const LEASE_MS = 5 * MINUTE;

/**
 * The weekly digest on Slack: the real digest scheduler posting through the real SlackNotifier to
 * a Slack on loopback, the chart uploaded by Slack's upload flow.
 */
describe('the weekly digest on Slack', () => {
  let slack: FakeSlack;
  let database: OpenDatabase;
  let stores: Stores;
  let notifier: SlackNotifier;
  const clock = new MemoryClock('2026-11-25T00:00:00Z');

  beforeAll(async () => {
    slack = await FakeSlack.start({ channels: [{ id: 'C0GENERAL', name: 'general' }, { id: MODS, name: 'mods' }] });
    database = await openMemoryDatabase();
    stores = createStores(database.db);
    notifier = new SlackNotifier(new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } }));
  });

  afterAll(async () => {
    await slack?.stop();
    await database?.close();
  });

  const scheduler = (slackNotifier: Notifier) =>
    new DigestScheduler({ digests: new PgDigestStore(database.db), notifiers: { slack: slackNotifier }, composeDigest: composeDigest(stores), clock, logger: silentLogger, defaultTimezone: 'Asia/Tokyo', defaultLocale: 'ja', leaseMs: LEASE_MS });

  /** The workspace's community, its moderators' channel set as /mod settings sets it. */
  async function workspace(): Promise<number> {
    const created = await stores.communities.ensureCommunity({ platform: 'slack', platformCommunityId: slack.team.id, name: slack.team.name });
    const admin = await stores.members.ensureMember({ platform: 'slack', platformUserId: 'U0ADMIN', displayName: 'admin' });
    await stores.communities.changeSettings(created.id, { patch: { modChannelId: MODS, locale: 'en' } }, { actorId: admin.id, at: clock.now(), defaultTimezone: 'Asia/Tokyo' });
    return created.id;
  }

  it('posts to the moderators’ channel with the chart, once, even when the process died between posting and recording', async () => {
    const communityId = await workspace();
    // Monday 09:00 in Tokyo.
    clock.set('2026-11-30T00:00:00Z');

    // The first start posts, then dies before it can record that it did.
    let crashed = false;
    const dying: Notifier = {
      platform: 'slack',
      dm: () => Promise.reject(new Error('a digest is never a DM')),
      post: async (...args) => {
        const outcome = await notifier.post(...args);
        crashed = true;
        throw new Error(`killed after posting (${outcome.kind})`);
      },
    };
    await scheduler(dying).tick();
    expect(crashed).toBe(true);
    const [posted, ...more] = slack.messagesIn(MODS);
    expect(more).toEqual([]);
    expect(posted!.method).toBe('chat.postMessage');
    expect(posted!.text).toContain('Weekly report');
    expect(posted!.metadata).toMatchObject({ event_payload: { idempotency_key: expect.stringMatching(/^dg\d+w\d{8}$/) as unknown } });
    const [chart, ...otherFiles] = slack.uploads;
    expect(otherFiles).toEqual([]);
    expect(chart).toMatchObject({ channel: MODS, completed: true, filename: expect.stringMatching(/^kenshu-report-.*\.png$/) as unknown });
    expect(chart!.data?.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(slack.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(slack.callsTo('files.completeUploadExternal')).toHaveLength(1);

    // Once the lease is over, the next start looks in the channel first and finds the post.
    clock.set(new Date(clock.now().getTime() + LEASE_MS + MINUTE));
    const report = await scheduler(notifier).tick();
    expect(report).toMatchObject({ sent: 1 });
    expect(slack.callsTo('conversations.history').map((c) => c.body.channel)).toEqual([MODS]);
    expect(slack.messagesIn(MODS)).toHaveLength(1);
    expect(slack.uploads).toHaveLength(1);
    const [record] = await database.db.query.digests.findMany();
    expect(record).toMatchObject({ communityId, state: 'sent', messageRef: posted!.ts });

    // And nothing more that week.
    clock.set(new Date(clock.now().getTime() + 60 * MINUTE));
    await scheduler(notifier).tick();
    expect(slack.messagesIn(MODS)).toHaveLength(1);
  });
});
