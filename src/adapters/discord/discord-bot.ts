import { once } from 'node:events';
import {
  Client,
  type ClientOptions,
  Events,
  GatewayIntentBits,
  LabelBuilder,
  ModalBuilder,
  Partials,
  PermissionFlagsBits,
  REST,
  Routes,
  TextInputBuilder,
  TextInputStyle,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
  type RESTOptions,
} from 'discord.js';
import { suggestFor, type Suggestion } from '../../commands/autocomplete.js';
import type { AnyCommand, CommandContext, CommandDeps, Role } from '../../commands/command.js';
import { commands } from '../../commands/index.js';
import { errorReply, executeCommand } from '../../commands/execute.js';
import { pressButton, reasonAskedBy, submitReason } from '../../commands/press-button.js';
import { LIMITS } from '../../domain/limits.js';
import { isDomainError } from '../../domain/errors.js';
import { personalSpace, type Community, type Locale, type Member } from '../../domain/member.js';
import type { Reply } from '../../domain/reply.js';
import { messagesFor } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { findDiscordCommand } from './command-data.js';
import { classifyDiscordError, DiscordNotifier } from './discord-notifier.js';
import { GlobalPace, pacedRequests } from './global-pace.js';
import { replyFlags, toApiMessage, toRawFiles } from './render.js';
import { STOP_DRAIN_MS, within, type Adapter, type Runtime } from '../adapter.js';
import { WorkQueue } from '../work-queue.js';
import type { Config, DiscordShards } from '../../config.js';

/** Kenshu on Discord, as main.ts composes it from the configuration. */
export function createDiscordAdapter(config: NonNullable<Config['discord']>, runtime: Runtime): DiscordBot {
  return new DiscordBot({
    token: config.token,
    commands,
    deps: runtime.deps,
    logger: runtime.logger,
    defaultLocale: runtime.defaultLocale,
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
    ...(config.shards ? { shards: config.shards } : {}),
    ...(runtime.workConcurrency === undefined ? {} : { concurrency: runtime.workConcurrency }),
  });
}

/** discord.js's client options for the shards this process runs. */
function shardOptions(shards: DiscordShards | undefined): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (!shards) return {};
  return shards.count === 'auto' ? { shards: 'auto' } : { shards: shards.ids, shardCount: shards.count };
}

export interface DiscordBotOptions {
  token: string;
  commands: readonly AnyCommand[];
  deps: CommandDeps;
  logger: Logger;
  defaultLocale: Locale;
  /** REST settings: `api` to point at a proxy or a test server; retries and timeout for tests. */
  rest?: Partial<RESTOptions>;
  /** The gateway shards this process runs; unset, the one shard of a small bot. */
  shards?: DiscordShards;
  /** How many acknowledged interactions are worked on at once (see WorkQueue); 2 when unset. */
  concurrency?: number;
}

/** Autocomplete gets no defer: it must answer within Discord's 3 s or not at all. */
const AUTOCOMPLETE_BUDGET_MS = 2_000;


type Interaction = ChatInputCommandInteraction | AutocompleteInteraction | ButtonInteraction | ModalSubmitInteraction;

/** A Discord id (https://discord.com/developers/docs/reference#snowflakes): up to 64 bits, so at most 20 digits. */
const SNOWFLAKE = /^\d{1,20}$/;

/** The text input of the form that asks a moderator for a reason. */
const REASON_INPUT = 'reason';

/**
 * Kenshu on Discord: the real discord.js client over the gateway, with only the intents it needs
 * (guilds, direct messages; the Channel partial, without which DM events are dropped). Every slash
 * command is acknowledged first (deferred) and answered from the neutral command list; buttons and
 * autocomplete go through the same context and error boundary.
 */
export class DiscordBot implements Adapter {
  readonly platform = 'discord' as const;
  /** A chat platform runs until Kenshu is stopped. */
  readonly finished = new Promise<void>(() => undefined);
  readonly client: Client;
  readonly notifier: DiscordNotifier;
  /** The ports commands get: main.ts's, with this bot's notifier for the DMs a command sends. */
  private readonly deps: CommandDeps;
  private readonly log: Logger;
  /** Interactions taken and not yet answered; stopping waits for them. */
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  /**
   * Answers to interactions go out through their own REST client. Discord exempts interaction
   * endpoints from the bot's global rate limit, but discord.js's client-side limiter (50 requests
   * a second) does not, so a burst of 200 commands would take four seconds to answer.
   */
  private readonly interactionRest: REST;
  /** Acknowledged interactions' work, a few at a time, so the next ones are acknowledged in between. */
  private readonly work: WorkQueue;

  constructor(private readonly options: DiscordBotOptions) {
    this.log = options.logger.child({ platform: 'discord' });
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
      partials: [Partials.Channel],
      allowedMentions: { parse: [] },
      // Paced below Discord's global limit however Discord cuts its seconds (see GlobalPace).
      rest: { makeRequest: pacedRequests(new GlobalPace()), ...options.rest },
      ...shardOptions(options.shards),
    });
    this.notifier = new DiscordNotifier(this.client);
    this.deps = { ...options.deps, notifiers: { ...options.deps.notifiers, discord: this.notifier } };
    this.work = new WorkQueue(options.concurrency ?? 2);
    this.interactionRest = new REST({ ...options.rest, globalRequestsPerSecond: 10_000 });
    this.client.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand() || interaction.isAutocomplete() || interaction.isButton() || interaction.isModalSubmit()) {
        if (this.stopping) return;
        const handled = this.handle(interaction)
          .catch((error: unknown) => this.log.error({ err: error, interactionId: interaction.id }, 'interaction failed'))
          .finally(() => this.inFlight.delete(handled));
        this.inFlight.add(handled);
      }
    });
    this.client.on(Events.Error, (error) => this.log.error({ err: error }, 'discord client error'));
    this.client.on(Events.Warn, (message) => this.log.warn({ discord: message }, 'discord warning'));
    this.client.on(Events.ShardDisconnect, (event, shardId) => this.log.warn({ shardId, code: event.code }, 'gateway disconnected; discord.js reconnects'));
  }

  async start(): Promise<void> {
    const ready = once(this.client, Events.ClientReady);
    await this.client.login(this.options.token);
    await ready;
    this.log.info({ user: this.client.user?.tag, guilds: this.client.guilds.cache.size }, 'connected to Discord');
  }

  /** The gateway is connected and ready (not destroyed); discord.js reconnects by itself after a drop. */
  connected(): boolean {
    return this.client.isReady();
  }

  /**
   * Stops taking interactions, answers the ones already taken (for up to 10 s: a Discord that
   * stopped answering must not keep Kenshu from stopping), then leaves the gateway.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    const drained = await within(Promise.allSettled([...this.inFlight]).then(() => true), STOP_DRAIN_MS, false);
    if (!drained) this.log.warn({ unanswered: this.inFlight.size }, 'stopped with Discord interactions still unanswered');
    await this.client.destroy();
  }

  private async handle(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return this.autocomplete(interaction);
    // A button that needs a reason (Reject) answers with a form, which is its acknowledgement; the
    // form's submission is authorized like the command it runs.
    const asked = interaction.isButton() ? reasonAskedBy(interaction.customId) : undefined;
    if (interaction.isButton() && asked !== undefined) return this.askReason(interaction, asked);
    const inGuild = interaction.inGuild();
    // Acknowledge first, before any database work, well inside Discord's 3 seconds; the work
    // waits its turn in the queue. An interaction Discord did not take the acknowledgement for
    // (expired) is not worked on: nothing could tell the member what was done.
    await interaction.deferReply(inGuild ? { flags: replyFlags({}, true) } : {});
    const reply = await this.work.run(() => this.replyTo(interaction));
    const files = toRawFiles(reply);
    await this.interactionRest.patch(Routes.webhookMessage(interaction.applicationId, interaction.token, '@original'), { body: toApiMessage(reply), auth: false, ...(files.length ? { files } : {}) });
  }

  /** What an acknowledged command, button or form answers; never throws. */
  private async replyTo(interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction): Promise<Reply> {
    let reply: Reply;
    try {
      const ctx = await this.context(interaction);
      reply = interaction.isButton()
        ? await pressButton(interaction.customId, ctx, this.log)
        : interaction.isModalSubmit()
          ? await submitReason(interaction.customId, interaction.fields.getTextInputValue(REASON_INPUT), ctx, this.log)
          : await this.runCommand(interaction, ctx);
    } catch (error) {
      // Finding the community or member failed (the database is down): still answer, never hang.
      const locale = this.platformLocale(interaction);
      if (isDomainError(error)) reply = errorReply(error, { locale });
      else {
        this.log.error({ err: error, interactionId: interaction.id }, 'could not resolve who is asking');
        reply = { tone: 'error', title: messagesFor(locale).errorTitle, lines: [messagesFor(locale).apology] };
      }
    }
    return reply;
  }

  private async askReason(interaction: ButtonInteraction, report: number): Promise<void> {
    const m = messagesFor(this.platformLocale(interaction)).modQueue;
    const reason = new TextInputBuilder().setCustomId(REASON_INPUT).setStyle(TextInputStyle.Paragraph).setRequired(true).setMaxLength(LIMITS.reviewReasonLength);
    const modal = new ModalBuilder()
      .setCustomId(interaction.customId)
      .setTitle(m.rejectModalTitle(report))
      .addLabelComponents(new LabelBuilder().setLabel(m.rejectModalReason).setTextInputComponent(reason));
    await interaction.showModal(modal);
  }

  private platformLocale(interaction: Interaction): Locale {
    return interaction.locale.startsWith('ja') ? 'ja' : interaction.locale.startsWith('en') ? 'en' : this.options.defaultLocale;
  }

  private async runCommand(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<Reply> {
    const subcommand = interaction.options.getSubcommand(false);
    const command = findDiscordCommand(this.options.commands, interaction.commandName, subcommand);
    if (!command) return { tone: 'error', title: messagesFor(ctx.locale).errorTitle, lines: [messagesFor(ctx.locale).errors.UNKNOWN_COMMAND({ command: `/${interaction.commandName}` })] };
    const given = subcommand ? (interaction.options.data[0]?.options ?? []) : interaction.options.data;
    const raw = Object.fromEntries(given.filter((o) => o.value !== undefined).map((o) => [o.name, String(o.value)]));
    return executeCommand(command, raw, ctx, this.log.child({ command: { name: interaction.commandName, subcommand } }));
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    let choices: Suggestion[] = [];
    try {
      const focused = interaction.options.getFocused(true);
      const command = findDiscordCommand(this.options.commands, interaction.commandName, interaction.options.getSubcommand(false));
      // Suggestions only read: a member or server Kenshu has not seen yet has nothing to suggest.
      const ctx = command && (await this.knownContext(interaction));
      if (command && ctx) {
        choices = await within(suggestFor(command, focused.name, String(focused.value), ctx), AUTOCOMPLETE_BUDGET_MS, []);
      }
    } catch (error) {
      this.log.warn({ err: error }, 'autocomplete failed; answering with no choices');
    }
    await interaction.respond(choices);
  }

  /** Who is asking, where, in which language and with which roles; recorded on first sight, names refreshed. */
  private async context(interaction: Interaction): Promise<CommandContext> {
    const { deps } = this;
    const { community, member } = await deps.members.ensureMemberIn(
      interaction.guildId
        ? { platform: 'discord', platformCommunityId: interaction.guildId, name: interaction.guild?.name ?? interaction.guildId }
        : personalSpace('discord', interaction.user.id),
      {
        platform: 'discord',
        platformUserId: interaction.user.id,
        displayName: interaction.user.globalName ?? interaction.user.username,
        platformLocale: this.platformLocale(interaction),
      },
    );
    return this.contextOf(interaction, community, member);
  }

  /** The same, read only (a keystroke of autocomplete writes nothing); undefined for someone not seen yet. */
  private async knownContext(interaction: Interaction): Promise<CommandContext | undefined> {
    const { deps } = this;
    const [community, member] = await Promise.all([
      deps.communities.findCommunity('discord', interaction.guildId ?? personalSpace('discord', interaction.user.id).platformCommunityId),
      deps.members.findMember('discord', interaction.user.id),
    ]);
    return community && member ? this.contextOf(interaction, community, member) : undefined;
  }

  private contextOf(interaction: Interaction, community: Community, member: Member): CommandContext {
    const { deps } = this;
    // What Discord says about the caller; Kenshu's own list of moderators is read by authorize().
    const guild = interaction.inGuild() ? interaction.guild : null;
    const roles = new Set<Role>();
    if (guild?.ownerId === interaction.user.id || interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) roles.add('admin');
    const memberRoles = interaction.member ? (Array.isArray(interaction.member.roles) ? interaction.member.roles : [...interaction.member.roles.cache.keys()]) : [];
    if (community.moderatorRoleId && memberRoles.includes(community.moderatorRoleId)) roles.add('moderator');

    return {
      platform: 'discord',
      community,
      member,
      locale: member.locale ?? this.platformLocale(interaction),
      timezone: member.timezone ?? deps.defaultTimezone,
      roles,
      // No server, no moderators: a DM is the writer's own space.
      direct: !interaction.inGuild(),
      ...(interaction.guildId ? { hasChannel: (id: string) => this.guildHasChannel(interaction.guildId!, id) } : {}),
      deps,
    };
  }

  /**
   * Whether `id` is one of the guild's channels: the gateway's cache first (the Guilds intent keeps
   * it), then Discord itself for one the cache has not seen. A channel Discord does not know or
   * will not show Kenshu is not the guild's as far as Kenshu can use it; other failures propagate.
   */
  private async guildHasChannel(guildId: string, id: string): Promise<boolean> {
    if (!SNOWFLAKE.test(id)) return false;
    if (this.client.guilds.cache.get(guildId)?.channels.cache.has(id)) return true;
    try {
      const channel = await this.client.channels.fetch(id);
      return channel !== null && 'guildId' in channel && channel.guildId === guildId;
    } catch (error) {
      if (classifyDiscordError(error).kind === 'unreachable') return false;
      throw error;
    }
  }
}
