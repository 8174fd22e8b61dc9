import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackBot } from '../../../src/adapters/slack/slack-bot.js';
import type { CommandDeps } from '../../../src/commands/command.js';
import { createStores, type OpenDatabase, type Stores } from '../../../src/store/index.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { startSlackBot, stopSlackBot } from '../../support/slack-bot.js';
import { textOf } from '../../fakes/slack/read-blocks.js';
import type { BlockActionInput } from '../../fakes/slack/payloads.js';
import { MemoryClock } from '../../support/clock.js';
import { openMemoryDatabase } from '../../support/databases.js';

const ORG = 'E0WRITERSORG';
const A = 'T0WORKSPACEA';
const B = 'T0WORKSPACEB';
// Grid member ids (W…) are the org's: the same person in both workspaces.
const ADMIN_A = 'W0ADMINA';
const ADMIN_B = 'W0ADMINB';
const WRITER = 'W0WRITER';
const CHANNEL = 'C0GENERAL';



/**
 * Enterprise Grid: one install answering two workspaces of one org (the same `enterprise_id`,
 * different `team_id`). Each workspace is its own community, whatever a payload leaves out.
 */
describe('two workspaces of one Enterprise Grid org on Slack', () => {
  let slack: FakeSlack;
  let database: OpenDatabase;
  let stores: Stores;
  let bot: SlackBot;
  const clock = new MemoryClock('2026-11-10T03:00:00Z');
  const communityOf = async (team: string) => (await stores.communities.findCommunity('slack', team))!;

  beforeAll(async () => {
    slack = await FakeSlack.start({
      team: { id: A, name: 'Writers A', enterpriseId: ORG },
      users: [
        { id: ADMIN_A, name: 'admin-a', isAdmin: true },
        { id: ADMIN_B, name: 'admin-b', isAdmin: true },
        { id: WRITER, name: 'writer' },
      ],
    });
    database = await openMemoryDatabase();
    stores = createStores(database.db);
    const deps: CommandDeps = { ...stores, clock, defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
    bot = await startSlackBot(slack, 'socket', deps);
  });

  afterAll(async () => {
    await stopSlackBot(slack, bot);
    await slack?.stop();
    await database?.close();
  });

  async function slash(team: string, command: string, text: string, user: string) {
    const ack = await slack.socketCommand(slack.slashCommand({ command, text, user, channel: CHANNEL, teamId: team }));
    return slack.waitFor(() => slack.responses(ack.responseId!)[0], 3000);
  }

  async function press(input: Omit<BlockActionInput, 'channel'>) {
    const ack = await slack.socketInteraction(slack.blockAction({ channel: CHANNEL, value: input.actionId, ...input }));
    return slack.waitFor(() => slack.responses(ack.responseId!)[0], 3000);
  }

  it('records a delivery in the workspace it was typed in, one community per workspace', async () => {
    await slash(A, '/kenshu', 'help', WRITER);
    const recorded = await slash(B, '/deliver', 'new client:https://crowdworks.jp/public/employers/8800 title:Article delivered:2026-11-10', WRITER);
    expect(textOf(recorded)).toContain('Delivery #1 recorded');
    const [a, b] = [await communityOf(A), await communityOf(B)];
    expect(a.id).not.toBe(b.id);
    const deliveries = (await database.db.query.deliveries.findMany()) as { communityId: number }[];
    // The writer's own list follows them (their deliveries are theirs); the delivery counts in B only.
    expect(deliveries.map((d) => d.communityId)).toEqual([b.id]);
  });

  it('keeps settings per workspace', async () => {
    await slash(A, '/mod', 'settings min_writers:5', ADMIN_A);
    expect((await communityOf(A)).minWriters).toBe(5);
    expect((await communityOf(B)).minWriters).not.toBe(5);
  });

  it('a moderator of workspace A cannot approve workspace B’s report with a forged button, with or without `team`', async () => {
    clock.set('2026-11-26T03:00:00Z');
    const flagged = await slash(B, '/client', 'flag client:crowdworks:8800 reason:unpaid delivery:1', WRITER);
    expect(textOf(flagged)).toContain('Report #1 filed');
    const b = await communityOf(B);

    for (const withoutTeam of [false, true]) {
      const forged = await press({ user: ADMIN_A, actionId: 'kenshu:approve:1', teamId: A, withoutTeam });
      expect(textOf(forged)).toContain('This community has no report #1');
      expect((await stores.reports.findByNumber(b.id, 1))?.state).toBe('pending');
    }
    expect(textOf(await slash(A, '/mod', 'queue', ADMIN_A))).toContain('No reports are waiting for review');

    // Workspace B's own moderator, from a payload naming the workspace only in user.team_id.
    const approved = await press({ user: ADMIN_B, actionId: 'kenshu:approve:1', teamId: B, withoutTeam: true });
    expect(textOf(approved)).toContain('Report #1 approved');
    expect((await stores.reports.findByNumber(b.id, 1))?.state).toBe('approved');
  });
});
