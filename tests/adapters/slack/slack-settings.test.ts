import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackBot } from '../../../src/adapters/slack/slack-bot.js';
import type { CommandDeps } from '../../../src/commands/command.js';
import { createStores, type OpenDatabase, type Stores } from '../../../src/store/index.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { startSlackBot, stopSlackBot } from '../../support/slack-bot.js';
import { textOf } from '../../fakes/slack/read-blocks.js';
import { MemoryClock } from '../../support/clock.js';
import { openMemoryDatabase } from '../../support/databases.js';

const ADMIN = 'U0ADMIN';
const MEMBER = 'U0MEMBER';
const WRITER = 'U0WRITER';


/**
 * `/mod settings` on Slack, through the real Bolt app: channels and members picked in the command
 * (`<#C…|name>`, `<@U…|name>`, as Slack sends them with should_escape) and checked with Slack.
 */
describe('/mod settings on Slack', () => {
  let slack: FakeSlack;
  let database: OpenDatabase;
  let stores: Stores;
  let bot: SlackBot;
  const community = async () => (await stores.communities.findCommunity('slack', slack.team.id))!;

  beforeAll(async () => {
    slack = await FakeSlack.start({
      users: [
        { id: ADMIN, name: 'admin', isAdmin: true },
        { id: MEMBER, name: 'member' },
        { id: WRITER, name: 'writer' },
      ],
      channels: [
        { id: 'C0GENERAL', name: 'general' },
        { id: 'C0MODS', name: 'mods' },
        { id: 'G0PRIVATE', name: 'private-mods' },
        { id: 'C0QUIET', name: 'quiet', isMember: false },
        { id: 'C0ELSEWHERE', name: 'elsewhere', teamId: 'T0OTHERWS' },
      ],
    });
    database = await openMemoryDatabase();
    stores = createStores(database.db);
    const deps: CommandDeps = { ...stores, clock: new MemoryClock('2026-11-02T03:00:00Z'), defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
    bot = await startSlackBot(slack, 'socket', deps);
  });

  afterAll(async () => {
    await stopSlackBot(slack, bot);
    await slack?.stop();
    await database?.close();
  });

  async function slash(command: string, text: string, user = ADMIN) {
    const ack = await slack.socketCommand(slack.slashCommand({ command, text, user, channel: 'C0GENERAL' }));
    return slack.waitFor(() => slack.responses(ack.responseId!)[0], 3000);
  }

  it('saves channels picked as Slack sends them, after asking Slack that they are this workspace’s and Kenshu is in them', async () => {
    const saved = await slash('/mod', 'settings mod_channel:<#C0MODS|mods> fallback_channel:<#G0PRIVATE|private-mods>');
    expect(textOf(saved)).toContain('Saved');
    expect(await community()).toMatchObject({ modChannelId: 'C0MODS', fallbackChannelId: 'G0PRIVATE' });
    expect(slack.callsTo('conversations.info').map((c) => c.body.channel)).toEqual(['C0MODS', 'G0PRIVATE']);

    const viaKenshu = await slash('/kenshu', 'mod settings mod_channel:<#C0GENERAL|general>');
    expect(textOf(viaKenshu)).toContain('Saved');
    expect((await community()).modChannelId).toBe('C0GENERAL');
  });

  it('asks to invite Kenshu to a channel it is not in, saving nothing', async () => {
    const refused = await slash('/mod', 'settings mod_channel:<#C0QUIET|quiet>');
    expect(textOf(refused)).toContain('Kenshu is not in the channel #quiet yet');
    expect(textOf(refused)).toContain('/invite @Kenshu');
    expect((await community()).modChannelId).toBe('C0GENERAL');
  });

  it('refuses a channel of another workspace, an unknown one, and a name that is not a channel id', async () => {
    for (const channel of ['<#C0ELSEWHERE|elsewhere>', '<#C0NOSUCH|gone>', 'general']) {
      const refused = await slash('/mod', `settings fallback_channel:${channel}`);
      expect(textOf(refused)).toContain('fallback_channel must be a channel of this workspace');
    }
    expect((await community()).fallbackChannelId).toBe('G0PRIVATE');
  });

  it('makes a member picked as <@U…|name> a moderator, who may then open the queue', async () => {
    await slash('/kenshu', 'help', MEMBER);
    const before = await slash('/mod', 'queue', MEMBER);
    expect(textOf(before)).toContain("Only this community's moderators can do that");
    const added = await slash('/mod', 'settings add_moderator:<@U0MEMBER|member>');
    expect(textOf(added)).toContain('Saved');
    expect((await stores.communities.listedModerators((await community()).id)).map((m) => m.displayName)).toEqual(['u0member']);
    const queue = await slash('/mod', 'queue', MEMBER);
    expect(textOf(queue)).toContain('No reports are waiting for review');
  });

  it('takes what Slack escaped in any command back to what was typed', async () => {
    const recorded = await slash('/deliver', 'new client:"Tom &amp; Jerry &lt;Inc&gt;" title:Article marketplace:crowdworks', WRITER);
    expect(textOf(recorded)).toContain('Delivery #1 recorded');
    const clients = (await database.db.query.clients.findMany()) as { displayName: string }[];
    expect(clients.map((c) => c.displayName)).toEqual(['Tom & Jerry <Inc>']);
  });
});
