/**
 * The fake Discord against the REAL discord.js Client: if these pass, a test that drives Kenshu's
 * Discord adapter through the fake exercises the same code paths as production.
 */
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  HTTPError,
  MessageFlags,
  Partials,
  Routes,
  SlashCommandBuilder,
  type APIMessage,
  type Interaction,
  type InteractionCallbackResponse,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord.js';

const WRITER = { id: '200000000000000001', username: 'writer', globalName: 'The Writer' };
const CLOSED = { id: '200000000000000002', username: 'closed' };
const GUILD = {
  id: '100000000000000001',
  name: 'Kenshu Test Server',
  ownerId: WRITER.id,
  channels: [{ id: '100000000000000010', name: 'general' }],
};

/** Sockets, servers and timers that keep the event loop alive, counted by kind. */
function liveResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) {
    if (['TCPSocketWrap', 'TCPServerWrap', 'Timeout'].includes(kind)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts;
}

describe('FakeDiscord with the real discord.js Client', () => {
  let discord: FakeDiscord;
  let client: Client;
  let baseline: Map<string, number>;
  const interactions: Interaction[] = [];

  beforeAll(async () => {
    baseline = liveResources();
    discord = await FakeDiscord.start({
      botId: '300000000000000001',
      guilds: [GUILD],
      users: [WRITER, CLOSED],
      heartbeatIntervalMs: 250,
    });
    client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
      partials: [Partials.Channel],
      // retries: 0 makes a 5xx reject at once. A 429 does not count as a retry in @discordjs/rest
      // 2.6 (SequentialHandler#runRequest recurses with the same `retries` after sleeping out
      // Retry-After), so discord.js waits out a rate limit even with retries: 0.
      rest: { api: discord.apiUrl, retries: 0, timeout: 5000 },
    });
    client.on(Events.InteractionCreate, (interaction) => {
      interactions.push(interaction);
    });
  });

  afterAll(async () => {
    await client.destroy();
    await discord.stop();
  });

  it('logs in and turns ready with the guild cached, well under the 15 s guild wait', async () => {
    const started = performance.now();
    const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(discord.token);
    const readyClient = await ready;
    const elapsed = performance.now() - started;

    expect(elapsed).toBeLessThan(2000);
    expect(readyClient.user.id).toBe('300000000000000001');
    expect(readyClient.application.id).toBe('300000000000000001');
    const guild = client.guilds.cache.get(GUILD.id);
    expect(guild?.available).toBe(true);
    expect(guild?.name).toBe(GUILD.name);
    expect(guild?.channels.cache.get(GUILD.channels[0]!.id)?.isTextBased()).toBe(true);
    expect(guild?.roles.everyone.id).toBe(GUILD.id);
    expect(guild?.members.me?.id).toBe('300000000000000001');
    const gatewayBot = discord.calls.find((c) => c.route === '/gateway/bot');
    expect(gatewayBot).toMatchObject({ method: 'GET', authorized: true, status: 200 });
    expect(gatewayBot?.headers.authorization).toBeUndefined();

    // Heartbeats (every 250 ms here) are acknowledged: discord.js measures a ping.
    await discord.waitFor(() => discord.heartbeats >= 2, 3000);
    await discord.waitFor(() => client.ws.ping >= 0, 1000);
  });

  it('delivers a slash command with its subcommand and options, and records an ephemeral reply', async () => {
    client.once(Events.InteractionCreate, (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      void interaction.reply({
        content: `new delivery ${interaction.options.getString('title')}`,
        flags: MessageFlags.Ephemeral,
      });
    });
    const sent = await discord.interaction(
      discord.slashCommand({
        guildId: GUILD.id,
        user: WRITER.id,
        name: 'deliver',
        subcommand: 'new',
        options: [
          { name: 'title', value: 'Chapter 3' },
          { name: 'amount', value: 50000 },
          { name: 'client', value: CLOSED.id, type: ApplicationCommandOptionType.User },
        ],
        locale: 'ja',
      }),
    );
    const callback = await discord.waitFor(() => discord.callbacksFor(sent.id)[0]);

    const received = interactions.at(-1);
    expect(received?.isChatInputCommand()).toBe(true);
    if (!received?.isChatInputCommand()) throw new Error('unreachable');
    expect(received.id).toBe(sent.id);
    expect(received.commandName).toBe('deliver');
    expect(received.options.getSubcommand()).toBe('new');
    expect(received.options.getString('title')).toBe('Chapter 3');
    expect(received.options.getInteger('amount')).toBe(50000);
    expect(received.options.getUser('client')?.username).toBe('closed');
    expect(received.locale).toBe('ja');
    expect(received.guildId).toBe(GUILD.id);
    expect(received.user.globalName).toBe('The Writer');
    expect(received.inGuild()).toBe(true);

    expect(callback.type).toBe(4);
    expect(callback.data).toMatchObject({ content: 'new delivery Chapter 3', flags: MessageFlags.Ephemeral });
    expect(discord.firstResponseMs(sent.id)).toBeGreaterThan(0);
    const call = discord.calls.find((c) => c.route === `/interactions/${sent.id}/${sent.token}/callback`);
    expect(call).toMatchObject({ authorized: false, status: 204, query: { with_response: 'false' } });
  });

  it('records a deferReply then editReply (type 5, then PATCH @original)', async () => {
    client.once(Events.InteractionCreate, (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      void (async () => {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        await interaction.editReply({ content: 'done' });
        await interaction.followUp({ content: 'and one more thing', flags: MessageFlags.Ephemeral });
      })();
    });
    const sent = await discord.interaction(discord.slashCommand({ guildId: GUILD.id, user: WRITER.id, name: 'deliver', subcommand: 'list', options: [] }));
    await discord.waitFor(() => sent.followUps[0]);

    expect(sent.callbacks.map((c) => c.type)).toEqual([5]);
    expect(sent.callbacks[0]?.data).toEqual({ flags: MessageFlags.Ephemeral });
    expect(sent.original).toMatchObject({ content: 'done', flags: MessageFlags.Ephemeral });
    const patch = discord.calls.find((c) => c.method === 'PATCH');
    expect(patch?.route).toBe(`/webhooks/${discord.appId}/${sent.token}/messages/@original`);
    expect(patch?.status).toBe(200);
    expect(sent.followUps[0]).toMatchObject({ content: 'and one more thing', flags: MessageFlags.Ephemeral });
  });

  it('answers a reply with withResponse: true with an interaction callback response', async () => {
    const response = new Promise<InteractionCallbackResponse>((resolve) => {
      client.once(Events.InteractionCreate, (interaction) => {
        if (interaction.isChatInputCommand()) void interaction.reply({ content: 'public', withResponse: true }).then(resolve);
      });
    });
    const sent = await discord.interaction(discord.slashCommand({ user: WRITER.id, name: 'help' }));

    const { resource } = await response;
    expect(resource?.message?.content).toBe('public');
    expect(resource?.message?.id).toBe(sent.original?.id);
    expect(sent.payload.guild_id).toBeUndefined(); // no guildId: a DM with the bot
    expect(discord.calls.at(-1)?.query.with_response).toBe('true');
  });

  it('answers an autocomplete with the focused option, and records respond() as type 8', async () => {
    client.once(Events.InteractionCreate, (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const focused = interaction.options.getFocused(true);
      void interaction.respond([{ name: `${focused.name}: ${focused.value}…`, value: 'd-1' }]);
    });
    const sent = await discord.interaction(
      discord.autocomplete({
        guildId: GUILD.id,
        user: WRITER.id,
        name: 'deliver',
        subcommand: 'paid',
        options: [{ name: 'delivery', value: 'Chap' }],
        focused: 'delivery',
      }),
    );
    const callback = await discord.waitFor(() => discord.callbacksFor(sent.id)[0]);

    expect(interactions.at(-1)?.isAutocomplete()).toBe(true);
    expect(callback.type).toBe(8);
    expect(callback.data).toEqual({ choices: [{ name: 'delivery: Chap…', value: 'd-1' }] });
  });

  it('delivers a click on a button of a DM the bot sent as isButton() with its custom id', async () => {
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('accept:d-1').setLabel('Accept').setStyle(ButtonStyle.Success),
    );
    const nudge = await client.users.send(WRITER.id, { content: 'Did the client accept?', components: [row] });
    client.once(Events.InteractionCreate, (interaction) => {
      if (!interaction.isButton()) return;
      void interaction.update({ content: `pressed ${interaction.customId}`, components: [] });
    });
    const sent = await discord.interaction(discord.button({ user: WRITER.id, customId: 'accept:d-1', messageId: nudge.id }));
    const callback = await discord.waitFor(() => discord.callbacksFor(sent.id)[0]);

    const received = interactions.at(-1);
    expect(received?.isButton()).toBe(true);
    if (!received?.isButton()) throw new Error('unreachable');
    expect(received.customId).toBe('accept:d-1');
    expect(received.inGuild()).toBe(false);
    expect(received.channel?.isDMBased()).toBe(true);
    expect(received.message.id).toBe(nudge.id);
    expect(received.message.content).toBe('Did the client accept?');
    expect(callback.type).toBe(7);
    expect(sent.original).toMatchObject({ id: nudge.id, content: 'pressed accept:d-1', components: [] });
  });

  it('creates one DM for a nonce sent twice with enforceNonce', async () => {
    const first = await client.users.send(WRITER.id, { content: 'Chapter 3 is delivered', nonce: 'abc', enforceNonce: true });
    const second = await client.users.send(WRITER.id, { content: 'Chapter 3 is delivered', nonce: 'abc', enforceNonce: true });

    expect(second.id).toBe(first.id);
    const created = discord.dmsTo(WRITER.id).filter((m) => m.nonce === 'abc');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ content: 'Chapter 3 is delivered', enforceNonce: true, recipientId: WRITER.id });
    expect(discord.nonceReplays).toBe(1);
    expect(first.channel.isDMBased()).toBe(true);
  });

  it('rejects a DM to a user whose DMs are closed with DiscordAPIError 50007', async () => {
    discord.closeDms(CLOSED.id);
    const error: unknown = await client.users.send(CLOSED.id, { content: 'hello' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50007, status: 403 });
    expect(discord.dmsTo(CLOSED.id)).toHaveLength(0);
  });

  it('waits out a 429 (retry_after 0.3 s) even with retries: 0, then delivers the message', async () => {
    const rateLimited: unknown[] = [];
    client.rest.once('rateLimited', (info) => rateLimited.push(info));
    discord.rateLimitNext(1, 0.3);
    const started = performance.now();
    const sent = await client.users.send(WRITER.id, { content: 'after the limit', nonce: 'rl-1', enforceNonce: true });
    const elapsed = performance.now() - started;

    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(sent.content).toBe('after the limit');
    expect(discord.dmsTo(WRITER.id).map((m) => m.content)).toContain('after the limit');
    const posts = discord.calls.filter((c) => c.method === 'POST' && c.route.endsWith('/messages') && (c.body as { nonce?: string }).nonce === 'rl-1');
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(rateLimited).toHaveLength(1);
  });

  it('rejects a 500 at once with retries: 0', async () => {
    discord.failNext(1, 500);
    await expect(client.users.send(WRITER.id, { content: 'boom' })).rejects.toMatchObject({ status: 500 });
  });

  it('stores and echoes application commands, and rejects what Discord rejects', async () => {
    const deliver = new SlashCommandBuilder()
      .setName('deliver')
      .setDescription('Track a delivery')
      .addSubcommand((sub) => sub.setName('new').setDescription('A new delivery').addStringOption((o) => o.setName('title').setDescription('Title').setRequired(true)));
    const global = await client.application!.commands.set([deliver.toJSON()]);
    const guild = await client.application!.commands.set([{ name: 'remind', description: 'Reminders' }], GUILD.id);

    expect([...global.values()].map((c) => c.name)).toEqual(['deliver']);
    expect(discord.globalCommands[0]).toMatchObject({ name: 'deliver', application_id: discord.appId, type: 1 });
    expect(discord.guildCommands.get(GUILD.id)?.map((c) => c.name)).toEqual(['remind']);
    expect(guild.first()?.guildId).toBe(GUILD.id);
    expect((await client.application!.commands.fetch()).map((c) => c.name)).toEqual(['deliver']);
    // Interactions for a registered command carry its id.
    expect(discord.slashCommand({ user: WRITER.id, name: 'deliver' }).data.id).toBe(discord.globalCommands[0]?.id);
    await expect(client.application!.commands.set([{ name: 'Deliver', description: 'x' }])).rejects.toMatchObject({ code: 50035 });
  });

  it('posts to a guild text channel', async () => {
    const channel = client.channels.cache.get(GUILD.channels[0]!.id);
    if (!channel?.isSendable()) throw new Error('general is not sendable');
    const sent = await channel.send({ content: 'weekly summary', allowedMentions: { parse: [] } });

    expect(sent.guildId).toBe(GUILD.id);
    expect(discord.messagesIn(GUILD.channels[0]!.id)).toEqual([
      expect.objectContaining({ content: 'weekly summary', recipientId: null, allowedMentions: { parse: [] } }),
    ]);
  });

  it('lets discord.js resume after a dropped gateway connection', async () => {
    discord.dropGateway(4000);
    await discord.waitFor(() => discord.resumes === 1 && discord.connected, 5000);
    const arrived = new Promise<string>((resolve) => client.once(Events.InteractionCreate, (i) => resolve(i.id)));
    const sent = await discord.interaction(discord.slashCommand({ guildId: GUILD.id, user: WRITER.id, name: 'deliver' }));

    expect(await arrived).toBe(sent.id);
    expect(discord.identifies).toBe(1);
  });

  it('hit no route the fake does not play', () => {
    expect(discord.unknownRoutes.map((c) => `${c.method} ${c.route}`)).toEqual([]);
  });

  it("answers with Discord's error codes where a bot can go wrong", async () => {
    const tooLong = client.users.send(WRITER.id, { content: 'x'.repeat(2001) });
    await expect(tooLong).rejects.toMatchObject({ code: 50035, status: 400 });
    const longNonce = client.users.send(WRITER.id, { content: 'x', nonce: 'n'.repeat(26), enforceNonce: true });
    await expect(longNonce).rejects.toMatchObject({ code: 50035 });

    // A second callback for one interaction (discord.js itself refuses before calling, so go raw).
    const sent = await discord.interaction(discord.slashCommand({ user: WRITER.id, name: 'help' }));
    const callback = Routes.interactionCallback(sent.id, sent.token);
    await client.rest.post(callback, { auth: false, body: { type: 4, data: { content: 'one' } } });
    await expect(client.rest.post(callback, { auth: false, body: { type: 4, data: { content: 'two' } } })).rejects.toMatchObject({ code: 40060 });
    const unknown = discord.slashCommand({ user: WRITER.id, name: 'help' }); // built, never dispatched
    await expect(client.rest.post(Routes.interactionCallback(unknown.id, unknown.token), { auth: false, body: { type: 5 } })).rejects.toMatchObject({ code: 10062 });

    expect((await client.users.fetch(WRITER.id, { force: true })).globalName).toBe('The Writer');
    await expect(client.users.fetch('999999999999999999')).rejects.toMatchObject({ code: 10013 });
    await expect(client.rest.get('/guilds/1/bans')).rejects.toMatchObject({ status: 404 });
    expect(discord.unknownRoutes.map((c) => `${c.method} ${c.route}`)).toEqual(['GET /guilds/1/bans']);
  });

  it('closes cleanly on client.destroy() and leaves no open handles once stopped', async () => {
    await client.destroy();
    await discord.waitFor(() => !discord.connected, 2000);
    await discord.stop();

    // Sockets close asynchronously on the client side: give them a moment.
    const deadline = Date.now() + 2000;
    const leftover = (): string[] => {
      const now = liveResources();
      return [...now].filter(([kind, count]) => count > (baseline.get(kind) ?? 0)).map(([kind, count]) => `${kind}×${count}`);
    };
    while (leftover().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(leftover()).toEqual([]);
  });
});

describe('FakeDiscord message history, nonce window and lost responses, with the real discord.js Client', () => {
  const CHANNEL = '110000000000000010';
  let discord: FakeDiscord;
  let client: Client;

  /** The general channel as discord.js has it from GUILD_CREATE. */
  function general() {
    const channel = client.channels.cache.get(CHANNEL);
    if (!channel?.isTextBased() || !channel.isSendable()) throw new Error('general is not a sendable text channel');
    return channel;
  }

  /** GET /channels/{id}/messages through discord.js's REST client, as raw JSON. */
  function rawHistory(channelId: string, query: Record<string, string>): Promise<APIMessage[]> {
    return client.rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams(query) }) as Promise<APIMessage[]>;
  }

  beforeAll(async () => {
    discord = await FakeDiscord.start({
      botId: '300000000000000002',
      guilds: [{ id: '110000000000000001', name: 'History Server', ownerId: WRITER.id, channels: [{ id: CHANNEL, name: 'general' }] }],
      users: [WRITER],
    });
    client = new Client({
      intents: [GatewayIntentBits.Guilds],
      // retries: 0 as above: a 5xx reaches the caller after exactly one request.
      rest: { api: discord.apiUrl, retries: 0, timeout: 5000 },
    });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(discord.token);
    await ready;
  });

  afterAll(async () => {
    await client.destroy();
    await discord.stop();
  });

  it('returns the history newest first, `limit` of it, with components and without nonces', async () => {
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('accept:h-1').setLabel('Accept').setStyle(ButtonStyle.Success),
    );
    for (const n of [1, 2, 3, 4]) await general().send({ content: `m${n}` });
    const withButton = await general().send({ content: 'm5', components: [row], nonce: 'h-5', enforceNonce: true });
    expect(withButton.nonce).toBe('h-5'); // the create response carries it

    const latest = await general().messages.fetch({ limit: 3 });
    expect([...latest.values()].map((m) => m.content)).toEqual(['m5', 'm4', 'm3']);
    const everything = await general().messages.fetch();
    expect([...everything.values()].map((m) => m.content)).toEqual(['m5', 'm4', 'm3', 'm2', 'm1']);

    const raw = await rawHistory(CHANNEL, { limit: '2' });
    expect(raw.map((m) => m.content)).toEqual(['m5', 'm4']);
    for (const m of raw) expect(m).not.toHaveProperty('nonce');
    expect(raw[0]).toMatchObject({
      id: withButton.id,
      channel_id: CHANNEL,
      author: { id: discord.botUser.id, bot: true },
      components: [{ type: 1, components: [{ type: 2, custom_id: 'accept:h-1', label: 'Accept' }] }],
      embeds: [],
    });
    // Nor does GET of the one message: Discord does not store the nonce.
    const one = (await client.rest.get(Routes.channelMessage(CHANNEL, withButton.id))) as APIMessage;
    expect(one.content).toBe('m5');
    expect(one).not.toHaveProperty('nonce');
  });

  it('pages with `before` (older, newest first) and `after` (the oldest newer, newest first)', async () => {
    const ids = discord.messagesIn(CHANNEL).map((m) => m.id); // m1…m5, in creation order
    expect(ids).toHaveLength(5);

    const before = await general().messages.fetch({ limit: 2, before: ids[3]! });
    expect([...before.values()].map((m) => m.content)).toEqual(['m3', 'm2']);
    const after = await general().messages.fetch({ limit: 2, after: ids[0]! });
    expect([...after.values()].map((m) => m.content)).toEqual(['m3', 'm2']);
    expect((await general().messages.fetch({ after: ids[4]! })).size).toBe(0);
    expect((await general().messages.fetch({ before: ids[0]! })).size).toBe(0);
    const around = await general().messages.fetch({ limit: 3, around: ids[2]! });
    expect([...around.values()].map((m) => m.content)).toEqual(['m4', 'm3', 'm2']);
    await expect(rawHistory(CHANNEL, { before: 'yesterday' })).rejects.toMatchObject({ status: 400, code: 50035 });
  });

  it('answers 404 (10003) for an unknown channel and 400 (50035) for a limit outside 1–100', async () => {
    const unknown: unknown = await rawHistory('999999999999999999', { limit: '10' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(DiscordAPIError);
    expect(unknown).toMatchObject({ status: 404, code: 10003 });

    for (const limit of [0, 101]) {
      const invalid: unknown = await general().messages.fetch({ limit }).catch((e: unknown) => e);
      expect(invalid).toBeInstanceOf(DiscordAPIError);
      expect(invalid).toMatchObject({ status: 400, code: 50035, rawError: { errors: { limit: { _errors: [expect.anything()] } } } });
    }
    await expect(rawHistory(CHANNEL, { limit: 'ten' })).rejects.toMatchObject({ status: 400, code: 50035 });
    expect((await general().messages.fetch({ limit: 100 })).size).toBe(5);
    expect((await general().messages.fetch({ limit: 1 })).first()?.content).toBe('m5');
  });

  it('creates a second message for a nonce once forgetNonces() has played the dedup window running out', async () => {
    const first = await general().send({ content: 'reminder', nonce: 'win-1', enforceNonce: true });
    const replay = await general().send({ content: 'reminder', nonce: 'win-1', enforceNonce: true });
    expect(replay.id).toBe(first.id);
    expect(discord.messagesIn(CHANNEL).filter((m) => m.nonce === 'win-1')).toHaveLength(1);

    discord.forgetNonces();
    const later = await general().send({ content: 'reminder', nonce: 'win-1', enforceNonce: true });

    expect(later.id).not.toBe(first.id);
    expect(discord.messagesIn(CHANNEL).filter((m) => m.nonce === 'win-1').map((m) => m.id)).toEqual([first.id, later.id]);
    const latest = await general().messages.fetch({ limit: 2 });
    expect([...latest.keys()]).toEqual([later.id, first.id]);
  });

  it('loseResponseNext: the message is created, the client gets a 500, and a retry with the nonce gets that message', async () => {
    const before = discord.messagesIn(CHANNEL).length;
    discord.loseResponseNext(1);
    const lost: unknown = await general()
      .send({ content: 'chapter 4 delivered', nonce: 'lost-1', enforceNonce: true })
      .catch((e: unknown) => e);

    expect(lost).toBeInstanceOf(HTTPError);
    expect(lost).toMatchObject({ status: 500 });
    const created = discord.messagesIn(CHANNEL).slice(before);
    expect(created).toMatchObject([{ content: 'chapter 4 delivered', nonce: 'lost-1', enforceNonce: true }]);
    const newest = await general().messages.fetch({ limit: 1 });
    expect(newest.first()?.id).toBe(created[0]?.id);

    const replays = discord.nonceReplays;
    const retried = await general().send({ content: 'chapter 4 delivered', nonce: 'lost-1', enforceNonce: true });
    expect(retried.id).toBe(created[0]?.id);
    expect(discord.nonceReplays).toBe(replays + 1);
    expect(discord.messagesIn(CHANNEL)).toHaveLength(before + 1);
    const posts = discord.calls.filter((c) => c.method === 'POST' && (c.body as { nonce?: string } | undefined)?.nonce === 'lost-1');
    expect(posts.map((c) => c.status)).toEqual([500, 200]);
  });

  it('loseResponseNext without a nonce: a retry posts the message twice, and only n calls lose their answer', async () => {
    const before = discord.messagesIn(CHANNEL).length;
    discord.loseResponseNext(1, 503);
    await expect(general().send({ content: 'no nonce' })).rejects.toMatchObject({ status: 503 });
    await general().send({ content: 'no nonce' });

    expect(discord.messagesIn(CHANNEL).slice(before).map((m) => m.content)).toEqual(['no nonce', 'no nonce']);
    const latest = await general().messages.fetch({ limit: 2 });
    expect([...latest.values()].map((m) => m.content)).toEqual(['no nonce', 'no nonce']);
    expect(discord.unknownRoutes).toEqual([]);
  });
});
