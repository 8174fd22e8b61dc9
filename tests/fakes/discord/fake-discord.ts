/**
 * A fake Discord — REST v10 and the gateway — on 127.0.0.1, for driving the REAL discord.js
 * `Client` in tests:
 *
 *   const discord = await FakeDiscord.start({ users: [{ id: '42', username: 'writer' }] });
 *   const client = new Client({ intents: [...], partials: [Partials.Channel],
 *                               rest: { api: discord.apiUrl, retries: 0, timeout: 5000 } });
 *   await client.login(discord.token);
 *   const i = await discord.interaction(discord.slashCommand({ guildId: discord.guild.id, user: '42', name: 'deliver' }));
 *   await discord.waitFor(() => discord.callbacksFor(i.id)[0]);
 *   await client.destroy(); await discord.stop();
 *
 * What it plays, and what discord.js needs from it (found in node_modules, see the test):
 * - `GET /gateway/bot`, then the gateway in plain JSON (no zlib, no ETF): HELLO, IDENTIFY → READY
 *   → one GUILD_CREATE per guild (discord.js holds `clientReady` back until every guild listed as
 *   unavailable in READY has come, or 15 s have passed), heartbeats, RESUME, close.
 * - Interactions: `interaction(payload)` sends INTERACTION_CREATE; the builders make payloads
 *   with every field discord.js reads unconditionally. Their callbacks, the `@original` edits
 *   and follow-ups are answered and recorded, with Discord's error codes for a second callback
 *   (40060), an unknown interaction (10062) and an edit before any callback (10008).
 * - Messages: DM channels, channel messages with `nonce` + `enforce_nonce` deduplication (for
 *   as long as the test likes; `forgetNonces()` plays Discord's few-minute window running out),
 *   a channel's history (newest first, without nonces), closed DMs (403, 50007), injected 429s
 *   and 5xxs, 5xxs after the message was created (`loseResponseNext`), a few of Discord's
 *   validation errors (content over 2000 characters, nonce over 25, an empty message).
 * - Application commands: bulk overwrite (`PUT`) and `GET`, global and per guild.
 * - Any other route: 404 `{ message: '404: Not Found', code: 0 }`, kept in `unknownRoutes`.
 *
 * Only loopback: both servers listen on 127.0.0.1 and every URL handed out points there.
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  GatewayOpcodes,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIChatInputApplicationCommandInteractionData,
  type APIDMChannel,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmitInteraction,
  type APITextChannel,
  type APIUser,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord.js';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { GlobalLimit, globalLimitReply } from './global-limit.js';
import {
  apiUser,
  buttonRow,
  dmChannel,
  guildCreate,
  guildRoles,
  interactionMember,
  message,
  snowflake,
  textChannel,
  EVERYONE_PERMISSIONS,
  BOT_PERMISSIONS,
  type FakeChannel,
  type FakeGuild,
  type FakeUser,
  type MessageBody,
} from './payloads.js';

export type { FakeGuild, FakeUser } from './payloads.js';

const HOST = '127.0.0.1';
const API_PREFIX = '/api/v10';

/** Discord's JSON error codes that the fake answers with. */
const DiscordErrorCode = {
  UnknownChannel: 10_003,
  UnknownMessage: 10_008,
  UnknownUser: 10_013,
  UnknownWebhook: 10_015,
  UnknownInteraction: 10_062,
  UnknownApplication: 10_002,
  CannotSendEmptyMessage: 50_006,
  CannotSendMessagesToThisUser: 50_007,
  InvalidWebhookToken: 50_027,
  InvalidFormBody: 50_035,
  InvalidJson: 50_109,
  InteractionAlreadyAcknowledged: 40_060,
} as const;

/** A bot DM's `app_permissions`, as Discord sends it. */
const DM_APP_PERMISSIONS = (
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.UseExternalEmojis
).toString();

export interface FakeDiscordOptions {
  /** The bot user's id; default a fresh snowflake. */
  botId?: string;
  botUsername?: string;
  /** The application id; default the bot id (as for every application made since 2020). */
  appId?: string;
  /**
   * When set, REST calls (other than interaction callbacks and webhooks) and IDENTIFY must carry
   * this token (401 / close 4004 otherwise). Unset: any non-empty `Bot …` token is accepted.
   */
  token?: string;
  /** Default: one guild, "Kenshu Test Server", with one text channel "general". */
  guilds?: FakeGuild[];
  /** Known users (for `GET /users/{id}`, DMs and the builders). Unknown ids are made up on use. */
  users?: FakeUser[];
  /** HELLO's heartbeat_interval; Discord sends 41250 or 45000. */
  heartbeatIntervalMs?: number;
  /**
   * Pause between READY and the GUILD_CREATEs (default none). discord.js holds `clientReady`
   * back until they come, so a pause lets a test see what the bot does before it is ready.
   */
  guildCreateDelayMs?: number;
  /** Added before every REST answer, to play network and Discord latency. */
  latencyMs?: number;
  /**
   * Discord drops an interaction not answered within 3 s (the callback then gets 404, 10062).
   * Off unless set, so that a slow CI machine does not fail tests that measure something else.
   */
  interactionExpiryMs?: number;
  /**
   * Discord's global limit on a bot's requests per second (50): with it set, a bot-authorized call
   * beyond it in any one second answers 429 with `global: true` (see global-limit.ts). Off unless
   * set; interaction callbacks and webhooks are outside it, as on Discord.
   */
  globalRateLimit?: number;
}

export interface RecordedFile {
  field: string;
  filename: string;
  size: number;
  /** The part's bytes, as sent. */
  data: Buffer;
  /** The part's Content-Type, if it had one. */
  contentType: string | undefined;
}

export interface RecordedCall {
  /** 1-based order over every REST call received. */
  n: number;
  method: string;
  /** The URL path, percent-decoded segment by segment, e.g. `/api/v10/webhooks/1/tok/messages/@original`. */
  path: string;
  /** The same below `/api/v10`, e.g. `/channels/123/messages`. */
  route: string;
  query: Record<string, string>;
  /** Parsed JSON (or a multipart request's payload_json); undefined when there was no body. */
  body: unknown;
  files: RecordedFile[];
  /** Request headers, lower-cased, without `authorization` and `cookie`. */
  headers: Record<string, string>;
  /** Whether an `Authorization: Bot …` header came along. */
  authorized: boolean;
  /** The status answered; 0 while the call is being handled. */
  status: number;
  /** performance.now() when it arrived. */
  at: number;
  unknownRoute: boolean;
}

export interface RecordedCallback {
  interactionId: string;
  /** InteractionResponseType: 4 reply, 5 defer, 6 deferred update, 7 update, 8 autocomplete, 9 modal. */
  type: number;
  data: unknown;
  withResponse: boolean;
  /** performance.now() when it arrived. */
  at: number;
}

interface RecordedEdit {
  messageId: string;
  body: MessageBody;
  at: number;
}

export interface RecordedInteraction {
  id: string;
  token: string;
  type: InteractionType;
  payload: APIInteraction;
  /** performance.now() just before the INTERACTION_CREATE frame was written. */
  dispatchedAt: number;
  callbacks: RecordedCallback[];
  /** The reply (type 4), the loading message (type 5) or, for components, the message clicked. */
  original: APIMessage | null;
  followUps: APIMessage[];
  /** PATCHes of `@original` and of follow-ups, in order. */
  edits: RecordedEdit[];
  originalDeleted: boolean;
}

export interface RecordedMessage {
  id: string;
  channelId: string;
  guildId: string | null;
  /** The DM recipient; null in a guild channel. */
  recipientId: string | null;
  content: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
  nonce: string | number | null;
  enforceNonce: boolean;
  allowedMentions: unknown;
  /** The request body as sent. */
  body: unknown;
  /** The message object answered. */
  message: APIMessage;
  at: number;
}

export interface GatewayFrame {
  op: number;
  /** IDENTIFY's and RESUME's token is replaced by '[redacted]'. */
  d: unknown;
  at: number;
}

/** Which REST calls an injected fault applies to. */
export type CallMatcher = (call: { method: string; route: string }) => boolean;

/** POST /channels/{id}/messages: what `rateLimitNext` and `failNext` hit unless told otherwise. */
const messagePosts: CallMatcher = ({ method, route }) =>
  method === 'POST' && /^\/channels\/[^/]+\/messages$/.test(route);

export interface CommandOptionInput {
  name: string;
  value: string | number | boolean;
  /** Default: String for strings, Integer / Number for numbers, Boolean for booleans. */
  type?: ApplicationCommandOptionType;
}

interface InteractionContextInput {
  /** A user id (made up if unknown) or a user to register. */
  user: string | FakeUser;
  /** The guild the interaction comes from; omit it for a DM with the bot. */
  guildId?: string;
  /** Default: the guild's first text channel, or the user's DM channel. */
  channelId?: string;
  /** The user's client language; default 'en-US'. */
  locale?: `${Locale}`;
  /** The member's permissions (bitfield); default those of @everyone. */
  memberPermissions?: string | bigint;
  /** Role ids the member has beside @everyone. */
  roles?: string[];
  /** The bot's permissions in the channel; default those of its role (guild) or of a bot DM. */
  appPermissions?: string | bigint;
  /** Default `{ '0': guildId }` in a guild and `{ '1': userId }` in a DM. */
  authorizingIntegrationOwners?: Partial<Record<ApplicationIntegrationType, string>>;
}

export interface SlashCommandInput extends InteractionContextInput {
  name: string;
  subcommand?: string;
  subcommandGroup?: string;
  options?: CommandOptionInput[];
}

export interface AutocompleteInput extends SlashCommandInput {
  /** The option being typed in; added (with value '') when not in `options`. */
  focused: string;
}

export interface ButtonInput extends Omit<InteractionContextInput, 'guildId'> {
  customId: string;
  /** A message the fake created (DM, channel message or interaction reply) or a new id. */
  messageId?: string;
  /** Click it in the user's DM with the bot; default: where `messageId` lives, else the first guild. */
  dm?: boolean;
  guildId?: string;
}

/** Submitting a modal the bot showed: its custom id and what was typed into each text input. */
export interface ModalSubmitInput extends Omit<InteractionContextInput, 'guildId'> {
  customId: string;
  values: Record<string, string>;
  /** Submit it in the user's DM with the bot; default: in the first guild. */
  dm?: boolean;
  guildId?: string;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** Discord's limits on a modal (type 9 response): its id, its title, and a label's text. */
const MODAL_LIMITS = { customId: 100, title: 45, components: 5, label: 45 };

/** What Discord refuses in a modal response, or undefined when it would show it. */
function invalidModal(data: unknown): Reply | undefined {
  if (!isRecord(data)) return formError('data', 'BASE_TYPE_REQUIRED', 'This field is required');
  const customId = typeof data.custom_id === 'string' ? data.custom_id : '';
  if (customId.length < 1 || customId.length > MODAL_LIMITS.customId) return formError('data.custom_id', 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${MODAL_LIMITS.customId} in length.`);
  const title = typeof data.title === 'string' ? data.title : '';
  if (title.length < 1 || title.length > MODAL_LIMITS.title) return formError('data.title', 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${MODAL_LIMITS.title} in length.`);
  const components = Array.isArray(data.components) ? (data.components as unknown[]) : [];
  if (components.length < 1 || components.length > MODAL_LIMITS.components) return formError('data.components', 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${MODAL_LIMITS.components} in length.`);
  for (const [i, c] of components.entries()) {
    const label = isRecord(c) && c.type === ComponentType.Label ? c : undefined;
    const input = label && isRecord(label.component) ? label.component : undefined;
    if (!label || typeof label.label !== 'string' || label.label.length > MODAL_LIMITS.label || input?.type !== ComponentType.TextInput || typeof input.custom_id !== 'string') {
      return formError(`data.components.${i}`, 'COMPONENT_INVALID', 'A modal takes labels holding a text input with a custom id.');
    }
  }
  return undefined;
}

interface Request {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  call: RecordedCall;
}

type Handler = (req: Request) => Reply;

interface Session {
  id: string;
  socket: WebSocket | null;
  seq: number;
  /** True once READY and the GUILD_CREATEs have been sent. */
  ready: boolean;
}

interface Fault {
  remaining: number;
  match: CallMatcher;
  /** The answer given instead of the route's; `carryOut` runs the route's handler, for a fault that lets the call take effect. */
  reply: (carryOut: () => Reply) => Reply;
}

interface ChannelEntry {
  guildId: string | null;
  /** The DM's recipient. */
  userId: string | null;
  lastMessageId: string | null;
}

function error(status: number, code: number, messageText: string, errors?: unknown): Reply {
  return { status, body: { message: messageText, code, ...(errors === undefined ? {} : { errors }) } };
}

function formError(field: string, code: string, messageText: string): Reply {
  return error(400, DiscordErrorCode.InvalidFormBody, 'Invalid Form Body', {
    [field]: { _errors: [{ code, message: messageText }] },
  });
}

/** The body of an injected failure: Discord's JSON for a 5xx, a bare error otherwise. */
function faultBody(status: number): unknown {
  return { message: status >= 500 ? '500: Internal Server Error' : 'Error', code: 0 };
}

/**
 * A message as Discord hands it out later (history, GET of one message): Discord does not store
 * the `nonce`, so only the create response and the gateway's MESSAGE_CREATE carry it.
 */
function storedMessage(m: APIMessage): Omit<APIMessage, 'nonce'> {
  const { nonce: _nonce, ...stored } = m;
  return stored;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asMessageBody(value: unknown): MessageBody {
  return isRecord(value) ? value : {};
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Just enough multipart/form-data for discord.js's `payload_json` + `files[n]` bodies. */
function parseMultipart(raw: Buffer, boundary: string): { json: unknown; files: RecordedFile[] } {
  const text = raw.toString('latin1');
  const files: RecordedFile[] = [];
  let json: unknown;
  for (const part of text.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const content = part.slice(split + 4).replace(/\r\n$/, '');
    const field = /name="([^"]*)"/.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    const contentType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
    if (filename !== undefined) files.push({ field, filename, size: Buffer.byteLength(content, 'latin1'), data: Buffer.from(content, 'latin1'), contentType });
    else if (field === 'payload_json') json = JSON.parse(Buffer.from(content, 'latin1').toString('utf8'));
  }
  return { json, files };
}

export class FakeDiscord {
  readonly botUser: APIUser;
  readonly appId: string;
  readonly guilds: readonly FakeGuild[];
  /** The token to log in with (the configured one, or any string the fake accepts). */
  readonly token: string;

  /** Every REST call, in order. */
  readonly calls: RecordedCall[] = [];
  /** Calls to routes the fake does not play: a test can assert this stays empty. */
  readonly unknownRoutes: RecordedCall[] = [];
  /** Interaction callbacks by interaction id. */
  readonly callbacks = new Map<string, RecordedCallback[]>();
  /** Dispatched interactions by id. */
  readonly interactions = new Map<string, RecordedInteraction>();
  /** Messages created by POST /channels/{id}/messages (a nonce replay creates none). */
  readonly messages: RecordedMessage[] = [];
  /** Frames the client sent over the gateway. */
  readonly gatewayFrames: GatewayFrame[] = [];
  /** Message posts answered with an earlier message because of `enforce_nonce`. */
  nonceReplays = 0;
  heartbeats = 0;
  identifies = 0;
  resumes = 0;

  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands = new Map<string, APIApplicationCommand[]>();

  /** The global limit, when `globalRateLimit` is set; `refused` counts its 429s. */
  readonly globalLimit: GlobalLimit | undefined;
  private readonly options: FakeDiscordOptions;
  private readonly users = new Map<string, FakeUser>();
  private readonly channels = new Map<string, ChannelEntry>();
  private readonly dmChannelByUser = new Map<string, string>();
  private readonly messagesById = new Map<string, APIMessage>();
  private readonly noncesSeen = new Map<string, APIMessage>();
  private readonly interactionsByToken = new Map<string, RecordedInteraction>();
  private readonly closedDms = new Set<string>();
  private readonly faults: Fault[] = [];
  private readonly sessions = new Map<string, Session>();
  private readonly sockets = new Set<WebSocket>();
  private readonly changes = new EventEmitter();
  private active: Session | null = null;
  private http!: Server;
  private wss!: WebSocketServer;
  private httpPort = 0;
  private wsPort = 0;
  private stopped = false;
  private readonly joinedAt = new Date().toISOString();

  private constructor(options: FakeDiscordOptions) {
    this.options = options;
    this.globalLimit = options.globalRateLimit === undefined ? undefined : new GlobalLimit(options.globalRateLimit);
    const botId = options.botId ?? snowflake();
    this.botUser = apiUser({ id: botId, username: options.botUsername ?? 'Kenshu', bot: true });
    this.appId = options.appId ?? botId;
    this.token = options.token ?? 'fake.discord.token';
    for (const user of options.users ?? []) this.users.set(user.id, user);
    this.users.set(botId, { id: botId, username: this.botUser.username, bot: true });
    this.guilds = options.guilds ?? [
      {
        id: snowflake(),
        name: 'Kenshu Test Server',
        ownerId: options.users?.[0]?.id ?? snowflake(),
        channels: [{ id: snowflake(), name: 'general' }],
      },
    ];
    for (const guild of this.guilds) {
      for (const channel of guild.channels) {
        this.channels.set(channel.id, { guildId: guild.id, userId: null, lastMessageId: null });
      }
    }
    this.changes.setMaxListeners(0);
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await fake.listen();
    return fake;
  }

  /** The REST base to hand to discord.js as `rest.api`: without `/v10`, which discord.js adds. */
  get apiUrl(): string {
    return `http://${HOST}:${this.httpPort}/api`;
  }

  get gatewayUrl(): string {
    return `ws://${HOST}:${this.wsPort}`;
  }

  /** The first guild: where interactions happen unless told otherwise. */
  get guild(): FakeGuild {
    const first = this.guilds[0];
    if (!first) throw new Error('FakeDiscord has no guild');
    return first;
  }

  /** Whether a client is identified and has been sent its guilds. */
  get connected(): boolean {
    return this.active?.ready === true && this.active.socket !== null;
  }

  // ---- configuration while running -------------------------------------------------------

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** From now on, messages to this user's DM channel answer 403 (50007), as when DMs are off. */
  closeDms(userId: string): void {
    this.closedDms.add(userId);
  }

  openDms(userId: string): void {
    this.closedDms.delete(userId);
  }

  /** The user's DM channel is gone (10003 Unknown Channel from now on); opening it again makes a new one. */
  forgetDmChannel(userId: string): void {
    const id = this.dmChannelByUser.get(userId);
    if (id === undefined) return;
    this.dmChannelByUser.delete(userId);
    this.channels.delete(id);
  }

  /** The id of the user's DM channel, if one is open. */
  dmChannelOf(userId: string): string | undefined {
    return this.dmChannelByUser.get(userId);
  }

  /**
   * The next `n` matching calls (default: message posts) answer 429 with `retry_after` in the
   * JSON body and in `Retry-After` (exact, not rounded up to whole seconds as Discord's header
   * is), and the x-ratelimit headers of an exhausted per-route bucket.
   */
  rateLimitNext(n: number, retryAfterSeconds: number, options: { match?: CallMatcher; global?: boolean } = {}): void {
    const global = options.global ?? false;
    this.faults.push({
      remaining: n,
      match: options.match ?? messagePosts,
      reply: () => ({
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global },
        headers: {
          'retry-after': String(retryAfterSeconds),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': ((Date.now() + retryAfterSeconds * 1000) / 1000).toFixed(3),
          'x-ratelimit-reset-after': String(retryAfterSeconds),
          'x-ratelimit-bucket': 'fake-bucket',
          'x-ratelimit-scope': global ? 'global' : 'user',
          ...(global ? { 'x-ratelimit-global': 'true' } : {}),
        },
      }),
    });
  }

  /** The next `n` matching calls (default: message posts) answer `status` (default 500), and do nothing. */
  failNext(n: number, status = 500, options: { match?: CallMatcher } = {}): void {
    this.faults.push({
      remaining: n,
      match: options.match ?? messagePosts,
      reply: () => ({ status, body: faultBody(status) }),
    });
  }

  /**
   * The next `n` matching calls (default: message posts) are carried out — the message is
   * created, recorded and its nonce remembered — but answered `status` (default 500), as when
   * Discord fails after creating the message or its answer is lost on the way back. A client that
   * posts again then makes a second message, unless it sent the same nonce with `enforce_nonce`.
   */
  loseResponseNext(n: number, status = 500, options: { match?: CallMatcher } = {}): void {
    this.faults.push({
      remaining: n,
      match: options.match ?? messagePosts,
      reply: (carryOut) => {
        carryOut();
        return { status, body: faultBody(status) };
      },
    });
  }

  /**
   * Forgets every `enforce_nonce` nonce seen so far. Discord deduplicates a nonce for a few
   * minutes only; this plays that window running out, so a later post with the same nonce
   * creates a new message.
   */
  forgetNonces(): void {
    this.noncesSeen.clear();
  }

  // ---- queries ---------------------------------------------------------------------------

  callbacksFor(interactionId: string): RecordedCallback[] {
    return this.callbacks.get(interactionId) ?? [];
  }

  /** Channel messages sent to this user's DM channel, in order. */
  dmsTo(userId: string): RecordedMessage[] {
    return this.messages.filter((m) => m.recipientId === userId);
  }

  messagesIn(channelId: string): RecordedMessage[] {
    return this.messages.filter((m) => m.channelId === channelId);
  }

  dmChannelId(userId: string): string | undefined {
    return this.dmChannelByUser.get(userId);
  }

  /** Milliseconds from dispatching the interaction to its first callback; undefined if none yet. */
  firstResponseMs(interactionId: string): number | undefined {
    const interaction = this.interactions.get(interactionId);
    const first = interaction?.callbacks[0];
    return interaction && first ? first.at - interaction.dispatchedAt : undefined;
  }

  /**
   * Resolves with the predicate's first truthy value, re-checked on every REST call, callback,
   * message and gateway frame (and every 25 ms); rejects after `timeoutMs`.
   */
  waitFor<T>(predicate: () => T | null | undefined | false, timeoutMs = 2000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        let value: T | null | undefined | false;
        try {
          value = predicate();
        } catch (err) {
          cleanup();
          reject(err instanceof Error ? err : new Error(String(err)));
          return true;
        }
        if (value === null || value === undefined || value === false) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        const last = this.calls.slice(-5).map((c) => `${c.method} ${c.route} → ${c.status}`);
        reject(new Error(`FakeDiscord.waitFor timed out after ${timeoutMs} ms; last calls: ${last.join(', ') || 'none'}`));
      }, timeoutMs);
      const poll = setInterval(check, 25);
      const onChange = (): void => void check();
      const cleanup = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.changes.off('change', onChange);
      };
      this.changes.on('change', onChange);
      check();
    });
  }

  // ---- gateway ---------------------------------------------------------------------------

  /** Waits until a client has identified and been sent its guilds. */
  async waitForClient(timeoutMs = 5000): Promise<void> {
    await this.waitFor(() => this.connected, timeoutMs);
  }

  /** Sends a dispatch (op 0) to the connected client; returns its sequence number. */
  async dispatch(event: string, data: unknown): Promise<number> {
    const session = this.active;
    if (!session?.socket) throw new Error('FakeDiscord: no client connected to the gateway');
    session.seq += 1;
    const seq = session.seq;
    await this.send(session.socket, { op: GatewayOpcodes.Dispatch, t: event, s: seq, d: data });
    return seq;
  }

  /** Sends INTERACTION_CREATE (waiting up to 5 s for a client) and starts the response clock. */
  async interaction(payload: APIInteraction): Promise<RecordedInteraction> {
    if (!this.connected) await this.waitForClient();
    const recorded: RecordedInteraction = {
      id: payload.id,
      token: payload.token,
      type: payload.type,
      payload,
      dispatchedAt: performance.now(),
      callbacks: [],
      original: null,
      followUps: [],
      edits: [],
      originalDeleted: false,
    };
    this.interactions.set(payload.id, recorded);
    this.interactionsByToken.set(payload.token, recorded);
    this.callbacks.set(payload.id, recorded.callbacks);
    await this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return recorded;
  }

  /** Closes the client's gateway connection with `code`; discord.js then resumes (4000) or re-identifies. */
  dropGateway(code = 4000): void {
    this.active?.socket?.close(code, 'FakeDiscord drop');
  }

  // ---- interaction builders --------------------------------------------------------------

  slashCommand(input: SlashCommandInput): APIChatInputApplicationCommandInteraction {
    const base = this.interactionBase(input, { dm: input.guildId === undefined, guildId: input.guildId });
    const data: APIChatInputApplicationCommandInteractionData = {
      id: this.commandId(input.name, input.guildId),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      options: this.commandOptions(input),
      ...this.resolved(input.options ?? [], input.guildId),
    };
    return { ...base, type: InteractionType.ApplicationCommand, data } as APIChatInputApplicationCommandInteraction;
  }

  autocomplete(input: AutocompleteInput): APIApplicationCommandAutocompleteInteraction {
    const options = [...(input.options ?? [])];
    if (!options.some((o) => o.name === input.focused)) options.push({ name: input.focused, value: '' });
    const base = this.interactionBase(input, { dm: input.guildId === undefined, guildId: input.guildId });
    const data = {
      id: this.commandId(input.name, input.guildId),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      options: this.commandOptions({ ...input, options }, input.focused),
    };
    return {
      ...base,
      type: InteractionType.ApplicationCommandAutocomplete,
      data,
    } as APIApplicationCommandAutocompleteInteraction;
  }

  button(input: ButtonInput): APIMessageComponentButtonInteraction {
    const known = input.messageId === undefined ? undefined : this.messagesById.get(input.messageId);
    const knownChannel = known ? this.channels.get(known.channel_id) : undefined;
    const dm = input.dm ?? (knownChannel ? knownChannel.guildId === null : false);
    const guildId = dm ? undefined : (input.guildId ?? knownChannel?.guildId ?? this.guild.id);
    const channelId = input.channelId ?? (knownChannel && !dm ? known?.channel_id : undefined);
    const base = this.interactionBase({ ...input, channelId }, { dm, guildId });
    const clicked =
      known ??
      message(
        { id: input.messageId ?? snowflake(), channelId: base.channel.id, author: this.botUser, guildId: guildId ?? null },
        { content: '', components: [buttonRow(input.customId)] },
      );
    this.messagesById.set(clicked.id, clicked);
    return {
      ...base,
      type: InteractionType.MessageComponent,
      data: { custom_id: input.customId, component_type: ComponentType.Button },
      message: clicked,
    } as APIMessageComponentButtonInteraction;
  }

  /** A modal's submission, as Discord sends it once the user presses Submit. */
  modalSubmit(input: ModalSubmitInput): APIModalSubmitInteraction {
    const dm = input.dm === true;
    const guildId = dm ? undefined : (input.guildId ?? this.guild.id);
    const base = this.interactionBase(input, { dm, guildId });
    const components = Object.entries(input.values).map(([customId, value], i) => ({
      type: ComponentType.Label,
      id: i * 2 + 1,
      component: { type: ComponentType.TextInput, id: i * 2 + 2, custom_id: customId, value },
    }));
    return { ...base, type: InteractionType.ModalSubmit, data: { custom_id: input.customId, components } } as unknown as APIModalSubmitInteraction;
  }

  // ---- lifecycle -------------------------------------------------------------------------

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.http.close((err) => (err ? reject(err) : resolve())));
    this.changes.removeAllListeners();
  }

  // ---- internals: servers ----------------------------------------------------------------

  private async listen(): Promise<void> {
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.http.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(0, HOST, () => resolve());
    });
    this.httpPort = (this.http.address() as AddressInfo).port;

    this.wss = new WebSocketServer({ host: HOST, port: 0 });
    await new Promise<void>((resolve, reject) => {
      this.wss.once('error', reject);
      this.wss.once('listening', () => resolve());
    });
    this.wsPort = (this.wss.address() as AddressInfo).port;
    this.wss.on('connection', (socket, req) => this.onConnection(socket, req));
  }

  private changed(): void {
    this.changes.emit('change');
  }

  private send(socket: WebSocket, payload: unknown): Promise<void> {
    return new Promise((resolve, reject) => {
      socket.send(JSON.stringify(payload), (err) => (err ? reject(err) : resolve()));
    });
  }

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    this.sockets.add(socket);
    const query = new URL(req.url ?? '/', this.gatewayUrl).searchParams;
    // discord.js asks for ?v=10&encoding=json, and &compress=zlib-stream only with zlib-sync installed.
    if (query.get('encoding') !== 'json' || query.has('compress')) {
      socket.close(4002, 'FakeDiscord speaks uncompressed JSON only');
      return;
    }
    let session: Session | null = null;
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (session?.socket === socket) session.socket = null;
      this.changed();
    });
    socket.on('error', () => undefined);
    socket.on('message', (raw: RawData) => {
      void (async () => {
        let frame: { op?: unknown; d?: unknown };
        try {
          const bytes = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
          frame = JSON.parse(bytes.toString('utf8')) as typeof frame;
        } catch {
          socket.close(4002, 'Error while decoding payload.');
          return;
        }
        const d = isRecord(frame.d) && 'token' in frame.d ? { ...frame.d, token: '[redacted]' } : frame.d;
        this.gatewayFrames.push({ op: Number(frame.op), d, at: performance.now() });
        this.changed();
        switch (frame.op) {
          case GatewayOpcodes.Heartbeat:
            this.heartbeats += 1;
            await this.send(socket, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
            break;
          case GatewayOpcodes.Identify:
            session = await this.identify(socket, frame.d);
            break;
          case GatewayOpcodes.Resume:
            session = await this.resume(socket, frame.d);
            break;
          case GatewayOpcodes.PresenceUpdate:
          case GatewayOpcodes.VoiceStateUpdate:
          case GatewayOpcodes.RequestGuildMembers:
          case GatewayOpcodes.RequestSoundboardSounds:
            break;
          default:
            socket.close(4001, 'Unknown opcode.');
        }
      })().catch(() => socket.terminate());
    });
    void this.send(socket, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 45_000, _trace: ['["fake-gateway",{"micros":0}]'] },
      s: null,
      t: null,
    }).catch(() => undefined);
  }

  private tokenAccepted(token: unknown): boolean {
    return typeof token === 'string' && token.length > 0 && (this.options.token === undefined || token === this.options.token);
  }

  private async identify(socket: WebSocket, d: unknown): Promise<Session | null> {
    this.identifies += 1;
    if (!isRecord(d) || !this.tokenAccepted(d.token)) {
      socket.close(4004, 'Authentication failed.');
      return null;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), socket, seq: 0, ready: false };
    this.sessions.set(session.id, session);
    this.active = session;
    session.seq += 1;
    await this.send(socket, {
      op: GatewayOpcodes.Dispatch,
      t: GatewayDispatchEvents.Ready,
      s: session.seq,
      d: {
        v: 10,
        user: { ...this.botUser, verified: true, mfa_enabled: false, email: null },
        guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })),
        session_id: session.id,
        session_type: 'normal',
        resume_gateway_url: this.gatewayUrl,
        shard: [0, 1],
        application: { id: this.appId, flags: 0 },
        private_channels: [],
        presences: [],
        relationships: [],
        user_settings: {},
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        auth: {},
        _trace: ['["fake-gateway",{"micros":0}]'],
      },
    });
    if (this.options.guildCreateDelayMs) await sleep(this.options.guildCreateDelayMs);
    for (const guild of this.guilds) {
      if (session.socket !== socket) return session;
      session.seq += 1;
      await this.send(socket, {
        op: GatewayOpcodes.Dispatch,
        t: GatewayDispatchEvents.GuildCreate,
        s: session.seq,
        d: guildCreate(guild, this.users.get(this.botUser.id) ?? { id: this.botUser.id, username: 'Kenshu' }, this.joinedAt),
      });
    }
    session.ready = true;
    this.changed();
    return session;
  }

  private async resume(socket: WebSocket, d: unknown): Promise<Session | null> {
    this.resumes += 1;
    const session = isRecord(d) && typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    if (!session || !isRecord(d) || !this.tokenAccepted(d.token)) {
      // Invalid session, not resumable: discord.js closes and identifies anew.
      await this.send(socket, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return null;
    }
    session.socket = socket;
    this.active = session;
    session.seq += 1;
    await this.send(socket, { op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.Resumed, s: session.seq, d: {} });
    this.changed();
    return session;
  }

  // ---- internals: REST -------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const segments = url.pathname.split('/').map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
    const path = segments.join('/');
    const route = path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : path;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name === 'authorization' || name === 'cookie' || value === undefined) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const authHeader = req.headers.authorization ?? '';
    const call: RecordedCall = {
      n: this.calls.length + 1,
      method: req.method ?? 'GET',
      path,
      route,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      files: [],
      headers,
      authorized: /^Bot \S+/.test(authHeader),
      status: 0,
      at: performance.now(),
      unknownRoute: false,
    };
    this.calls.push(call);

    let reply: Reply;
    try {
      const raw = await readBody(req);
      const contentType = req.headers['content-type'] ?? '';
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
      if (raw.length > 0 && contentType.startsWith('multipart/form-data') && boundary) {
        const parsed = parseMultipart(raw, boundary[1] ?? boundary[2] ?? '');
        call.body = parsed.json;
        call.files = parsed.files;
      } else if (raw.length > 0) {
        call.body = JSON.parse(raw.toString('utf8'));
      }
      if (this.options.latencyMs) await sleep(this.options.latencyMs);
      reply = this.handle(call, url.searchParams, authHeader);
    } catch (err) {
      reply =
        err instanceof SyntaxError
          ? error(400, DiscordErrorCode.InvalidJson, 'The request body contains invalid JSON.')
          : { status: 500, body: { message: `FakeDiscord: ${String(err)}`, code: 0 } };
    }
    call.status = reply.status;
    this.changed();
    if (res.destroyed) return;
    const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...(reply.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...reply.headers,
    });
    res.end(body);
  }

  private handle(call: RecordedCall, query: URLSearchParams, authHeader: string): Reply {
    if (!call.path.startsWith(`${API_PREFIX}/`)) return this.notFound(call);
    const found = this.match(call.method, call.route);
    if (!found) return this.notFound(call);
    const [spec, params] = found;
    if (spec.auth) {
      const token = /^Bot (\S+)$/.exec(authHeader)?.[1];
      if (!this.tokenAccepted(token)) return error(401, 0, '401: Unauthorized');
      const admitted = this.globalLimit?.admit(call.at);
      if (admitted && !admitted.ok) return globalLimitReply(admitted.retryAfterMs);
    }
    const carryOut = (): Reply => spec.handler({ method: call.method, params, query, body: call.body, call });
    const fault = this.faults.find((f) => f.remaining > 0 && f.match({ method: call.method, route: call.route }));
    if (fault) {
      fault.remaining -= 1;
      return fault.reply(carryOut);
    }
    return carryOut();
  }

  private notFound(call: RecordedCall): Reply {
    call.unknownRoute = true;
    this.unknownRoutes.push(call);
    return error(404, 0, '404: Not Found');
  }

  private readonly routes: Array<{ method: string; pattern: string[]; auth: boolean; handler: Handler }> = [
    this.route('GET', '/gateway/bot', true, () => ({
      status: 200,
      body: {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      },
    })),
    this.route('GET', '/gateway', false, () => ({ status: 200, body: { url: this.gatewayUrl } })),
    this.route('GET', '/users/@me', true, () => ({ status: 200, body: this.botUser })),
    this.route('POST', '/users/@me/channels', true, (req) => this.openDm(req)),
    this.route('GET', '/users/:userId', true, ({ params }) => {
      const user = this.users.get(params.userId ?? '');
      return user ? { status: 200, body: apiUser(user) } : error(404, DiscordErrorCode.UnknownUser, 'Unknown User');
    }),
    this.route('GET', '/channels/:channelId', true, ({ params }) => this.getChannel(params.channelId ?? '')),
    this.route('POST', '/channels/:channelId/messages', true, (req) => this.createMessage(req)),
    this.route('GET', '/channels/:channelId/messages', true, (req) => this.channelMessages(req)),
    this.route('GET', '/channels/:channelId/messages/:messageId', true, ({ params }) => {
      const found = this.messagesById.get(params.messageId ?? '');
      return found && found.channel_id === params.channelId
        ? { status: 200, body: storedMessage(found) }
        : error(404, DiscordErrorCode.UnknownMessage, 'Unknown Message');
    }),
    this.route('POST', '/interactions/:interactionId/:token/callback', false, (req) => this.callback(req)),
    this.route('POST', '/webhooks/:appId/:token', false, (req) => this.followUp(req)),
    this.route('GET', '/webhooks/:appId/:token/messages/:messageId', false, (req) => this.webhookMessage(req)),
    this.route('PATCH', '/webhooks/:appId/:token/messages/:messageId', false, (req) => this.webhookMessage(req)),
    this.route('DELETE', '/webhooks/:appId/:token/messages/:messageId', false, (req) => this.webhookMessage(req)),
    this.route('GET', '/applications/:appId/commands', true, (req) => this.commands(req)),
    this.route('PUT', '/applications/:appId/commands', true, (req) => this.commands(req)),
    this.route('GET', '/applications/:appId/guilds/:guildId/commands', true, (req) => this.commands(req)),
    this.route('PUT', '/applications/:appId/guilds/:guildId/commands', true, (req) => this.commands(req)),
  ];

  private route(method: string, pattern: string, auth: boolean, handler: Handler) {
    return { method, pattern: pattern.split('/').slice(1), auth, handler };
  }

  private match(method: string, route: string): [(typeof this.routes)[number], Record<string, string>] | undefined {
    const segments = route.split('/').slice(1);
    for (const spec of this.routes) {
      if (spec.method !== method || spec.pattern.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const ok = spec.pattern.every((part, i) => {
        const segment = segments[i] ?? '';
        if (part.startsWith(':')) {
          params[part.slice(1)] = segment;
          return segment.length > 0;
        }
        return part === segment;
      });
      if (ok) return [spec, params];
    }
    return undefined;
  }

  // ---- internals: users, channels, messages ----------------------------------------------

  private user(ref: string | FakeUser): FakeUser {
    if (typeof ref !== 'string') {
      this.users.set(ref.id, ref);
      return ref;
    }
    let user = this.users.get(ref);
    if (!user) {
      user = { id: ref, username: `user${ref.slice(-4)}`, globalName: null };
      this.users.set(ref, user);
    }
    return user;
  }

  private dmChannelFor(userId: string): APIDMChannel {
    let id = this.dmChannelByUser.get(userId);
    if (id === undefined) {
      id = snowflake();
      this.dmChannelByUser.set(userId, id);
      this.channels.set(id, { guildId: null, userId, lastMessageId: null });
    }
    return dmChannel(id, apiUser(this.user(userId)), this.channels.get(id)?.lastMessageId ?? null);
  }

  private guildChannel(guildId: string, channelId: string): APITextChannel | undefined {
    const guild = this.guilds.find((g) => g.id === guildId);
    const index = guild?.channels.findIndex((c) => c.id === channelId) ?? -1;
    const channel: FakeChannel | undefined = guild?.channels[index];
    if (!guild || !channel) return undefined;
    return { ...textChannel(guild, channel, index), last_message_id: this.channels.get(channelId)?.lastMessageId ?? null };
  }

  private openDm({ body }: Request): Reply {
    const recipient = isRecord(body) ? body.recipient_id : undefined;
    if (typeof recipient !== 'string' || !/^\d+$/.test(recipient)) {
      return formError('recipient_id', 'NUMBER_TYPE_COERCE', `Value "${String(recipient)}" is not snowflake.`);
    }
    return { status: 200, body: this.dmChannelFor(recipient) };
  }

  private getChannel(channelId: string): Reply {
    const entry = this.channels.get(channelId);
    if (!entry) return error(404, DiscordErrorCode.UnknownChannel, 'Unknown Channel');
    if (entry.userId !== null) return { status: 200, body: this.dmChannelFor(entry.userId) };
    return { status: 200, body: this.guildChannel(entry.guildId ?? '', channelId) };
  }

  /** Discord's checks on a message body that a bot can plausibly trip over. */
  private invalidMessage(body: MessageBody, files: RecordedFile[], requireSomething: boolean): Reply | undefined {
    if (typeof body.content === 'string' && body.content.length > 2000) {
      return formError('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
    }
    if (typeof body.nonce === 'string' && body.nonce.length > 25) {
      return formError('nonce', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
    }
    if ((body.embeds?.length ?? 0) > 10) {
      return formError('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
    }
    // Discord counts the texts of all a message's embeds together.
    const embedText = (body.embeds ?? []).reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0) + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0), 0);
    if (embedText > 6000) return formError('embeds', 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
    const empty = !body.content && !body.embeds?.length && !body.components?.length && files.length === 0;
    if (requireSomething && empty) return error(400, DiscordErrorCode.CannotSendEmptyMessage, 'Cannot send an empty message');
    return undefined;
  }

  private createMessage({ params, body: raw, call }: Request): Reply {
    const channelId = params.channelId ?? '';
    const entry = this.channels.get(channelId);
    if (!entry) return error(404, DiscordErrorCode.UnknownChannel, 'Unknown Channel');
    const body = asMessageBody(raw);
    const invalid = this.invalidMessage(body, call.files, true);
    if (invalid) return invalid;
    if (entry.userId !== null && this.closedDms.has(entry.userId)) {
      return error(403, DiscordErrorCode.CannotSendMessagesToThisUser, 'Cannot send messages to this user');
    }
    const nonceKey = body.nonce !== undefined && body.enforce_nonce === true ? `${channelId}\u0000${String(body.nonce)}` : null;
    const earlier = nonceKey === null ? undefined : this.noncesSeen.get(nonceKey);
    if (earlier) {
      this.nonceReplays += 1;
      return { status: 200, body: earlier };
    }
    const created = message({ id: snowflake(), channelId, author: this.botUser, guildId: entry.guildId }, body);
    if (nonceKey !== null) this.noncesSeen.set(nonceKey, created);
    this.messagesById.set(created.id, created);
    entry.lastMessageId = created.id;
    this.messages.push({
      id: created.id,
      channelId,
      guildId: entry.guildId,
      recipientId: entry.userId,
      content: created.content,
      embeds: created.embeds,
      components: created.components ?? [],
      flags: created.flags ?? 0,
      nonce: body.nonce ?? null,
      enforceNonce: body.enforce_nonce === true,
      allowedMentions: body.allowed_mentions,
      body: raw,
      message: created,
      at: performance.now(),
    });
    return { status: 200, body: created };
  }

  /**
   * Get Channel Messages. Discord answers up to `limit` (1–100, default 50) of the channel's
   * messages, newest first: the latest ones; with `before`, the latest older than that id; with
   * `after`, the oldest newer than it (still newest first, so a client pages forward by the
   * first id); with `around`, those nearest to it, about half on each side (the fake: half
   * rounded down older, the rest from the id on). The three are documented as exclusive and
   * Discord does not refuse several: the fake uses around, else after, else before. Ephemeral
   * interaction replies are never in a channel's history, and no message carries its `nonce`.
   */
  private channelMessages({ params, query }: Request): Reply {
    const channelId = params.channelId ?? '';
    if (!this.channels.has(channelId)) return error(404, DiscordErrorCode.UnknownChannel, 'Unknown Channel');
    const rawLimit = query.get('limit');
    let limit = 50;
    if (rawLimit !== null) {
      if (!/^-?\d+$/.test(rawLimit)) return formError('limit', 'NUMBER_TYPE_COERCE', `Value "${rawLimit}" is not int.`);
      limit = Number(rawLimit);
      if (limit < 1) return formError('limit', 'NUMBER_TYPE_MIN', 'int value should be greater than or equal to 1.');
      if (limit > 100) return formError('limit', 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 100.');
    }
    const anchors: Partial<Record<'around' | 'after' | 'before', bigint>> = {};
    for (const key of ['around', 'after', 'before'] as const) {
      const value = query.get(key);
      if (value === null) continue;
      if (!/^\d+$/.test(value)) return formError(key, 'NUMBER_TYPE_COERCE', `Value "${value}" is not snowflake.`);
      anchors[key] = BigInt(value);
    }
    // Oldest first while choosing, as ids (snowflakes) order messages by creation.
    const all = [...this.messagesById.values()]
      .filter((m) => m.channel_id === channelId && ((m.flags ?? 0) & MessageFlags.Ephemeral) === 0)
      .map((m) => ({ id: BigInt(m.id), m }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let chosen: typeof all;
    if (anchors.around !== undefined) {
      const around = anchors.around;
      const at = all.findIndex((e) => e.id >= around);
      const start = Math.max(0, (at < 0 ? all.length : at) - Math.floor(limit / 2));
      chosen = all.slice(start, start + limit);
    } else if (anchors.after !== undefined) {
      const after = anchors.after;
      chosen = all.filter((e) => e.id > after).slice(0, limit);
    } else {
      const before = anchors.before;
      const older = before === undefined ? all : all.filter((e) => e.id < before);
      chosen = older.slice(-limit);
    }
    return { status: 200, body: chosen.reverse().map((e) => storedMessage(e.m)) };
  }

  // ---- internals: interactions -----------------------------------------------------------

  private interactionBase(
    input: InteractionContextInput,
    where: { dm: boolean; guildId: string | undefined },
  ): Omit<APIInteraction, 'type' | 'data'> & { channel: { id: string; type: ChannelType } } {
    const user = apiUser(this.user(input.user));
    const locale = (input.locale ?? Locale.EnglishUS) as Locale;
    const common = {
      id: snowflake(),
      application_id: this.appId,
      token: `fake-${randomBytes(24).toString('base64url')}`,
      version: 1 as const,
      locale,
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (where.dm || where.guildId === undefined) {
      const channel = this.dmChannelFor(user.id);
      return {
        ...common,
        user,
        channel,
        channel_id: channel.id,
        app_permissions: String(input.appPermissions ?? DM_APP_PERMISSIONS),
        context: InteractionContextType.BotDM,
        authorizing_integration_owners: input.authorizingIntegrationOwners ?? {
          [ApplicationIntegrationType.UserInstall]: user.id,
        },
      };
    }
    const guild = this.guilds.find((g) => g.id === where.guildId);
    if (!guild) throw new Error(`FakeDiscord: unknown guild ${where.guildId}`);
    const channelId = input.channelId ?? guild.channels[0]?.id ?? '';
    const channel = this.guildChannel(guild.id, channelId);
    if (!channel) throw new Error(`FakeDiscord: channel ${channelId} is not in guild ${guild.id}`);
    const memberPermissions = String(input.memberPermissions ?? EVERYONE_PERMISSIONS);
    const guildLocale = (guild.locale ?? Locale.EnglishUS) as Locale;
    return {
      ...common,
      guild_id: guild.id,
      guild: { id: guild.id, locale: guildLocale, features: [] },
      guild_locale: guildLocale,
      member: interactionMember(user, input.roles ?? [], memberPermissions, this.joinedAt),
      channel: { ...channel, permissions: memberPermissions } as APITextChannel,
      channel_id: channel.id,
      app_permissions: String(input.appPermissions ?? BOT_PERMISSIONS),
      context: InteractionContextType.Guild,
      authorizing_integration_owners: input.authorizingIntegrationOwners ?? {
        [ApplicationIntegrationType.GuildInstall]: guild.id,
      },
    };
  }

  private commandId(name: string, guildId: string | undefined): string {
    const registered =
      (guildId === undefined ? undefined : this.guildCommands.get(guildId)?.find((c) => c.name === name)) ??
      this.globalCommands.find((c) => c.name === name);
    return registered?.id ?? snowflake();
  }

  private commandOptions(input: SlashCommandInput, focused?: string): APIApplicationCommandInteractionDataOption[] {
    const leaves = (input.options ?? []).map((o) => {
      const type =
        o.type ??
        (typeof o.value === 'boolean'
          ? ApplicationCommandOptionType.Boolean
          : typeof o.value === 'number'
            ? Number.isInteger(o.value)
              ? ApplicationCommandOptionType.Integer
              : ApplicationCommandOptionType.Number
            : ApplicationCommandOptionType.String);
      return { name: o.name, type, value: o.value, ...(o.name === focused ? { focused: true } : {}) };
    }) as APIApplicationCommandInteractionDataOption[];
    if (input.subcommand === undefined) return leaves;
    const sub = { type: ApplicationCommandOptionType.Subcommand, name: input.subcommand, options: leaves };
    if (input.subcommandGroup === undefined) return [sub] as APIApplicationCommandInteractionDataOption[];
    return [
      { type: ApplicationCommandOptionType.SubcommandGroup, name: input.subcommandGroup, options: [sub] },
    ] as APIApplicationCommandInteractionDataOption[];
  }

  /** `data.resolved` for user, role and channel options, which discord.js reads their objects from. */
  private resolved(options: CommandOptionInput[], guildId: string | undefined): { resolved?: APIInteractionDataResolved } {
    const resolved: APIInteractionDataResolved = {};
    const guild = this.guilds.find((g) => g.id === guildId);
    for (const o of options) {
      const id = String(o.value);
      if (o.type === ApplicationCommandOptionType.User || o.type === ApplicationCommandOptionType.Mentionable) {
        const role = guild ? guildRoles(guild, this.user(this.botUser.id)).find((r) => r.id === id) : undefined;
        if (role) {
          resolved.roles = { ...resolved.roles, [id]: role };
          continue;
        }
        resolved.users = { ...resolved.users, [id]: apiUser(this.user(id)) };
        if (guild) {
          const { user: _user, ...member } = interactionMember(apiUser(this.user(id)), [], EVERYONE_PERMISSIONS, this.joinedAt);
          resolved.members = { ...resolved.members, [id]: member };
        }
      } else if (o.type === ApplicationCommandOptionType.Role && guild) {
        const role = guildRoles(guild, this.user(this.botUser.id)).find((r) => r.id === id);
        if (role) resolved.roles = { ...resolved.roles, [id]: role };
      } else if (o.type === ApplicationCommandOptionType.Channel && guild) {
        const channel = this.guildChannel(guild.id, id);
        if (channel) {
          resolved.channels = {
            ...resolved.channels,
            [id]: { id, type: ChannelType.GuildText, name: channel.name, permissions: EVERYONE_PERMISSIONS },
          };
        }
      }
    }
    return Object.keys(resolved).length > 0 ? { resolved } : {};
  }

  private interactionFor(id: string, token: string): RecordedInteraction | undefined {
    const found = this.interactions.get(id);
    return found && found.token === token ? found : undefined;
  }

  private webhookReply(interaction: RecordedInteraction, id: string, body: MessageBody): APIMessage {
    const created = message(
      {
        id,
        channelId: interaction.payload.channel?.id ?? '',
        author: this.botUser,
        guildId: interaction.payload.guild_id ?? null,
        webhookId: this.appId,
        applicationId: this.appId,
        type: 20, // MessageType.ChatInputCommand
      },
      body,
    );
    this.messagesById.set(created.id, created);
    return created;
  }

  private callback({ params, query, body: raw, call }: Request): Reply {
    const interaction = this.interactionFor(params.interactionId ?? '', params.token ?? '');
    const expiry = this.options.interactionExpiryMs;
    const expired = interaction !== undefined && expiry !== undefined && performance.now() - interaction.dispatchedAt > expiry;
    if (!interaction || (expired && interaction.callbacks.length === 0)) {
      return error(404, DiscordErrorCode.UnknownInteraction, 'Unknown interaction');
    }
    if (interaction.callbacks.length > 0) {
      return error(400, DiscordErrorCode.InteractionAlreadyAcknowledged, 'Interaction has already been acknowledged.');
    }
    const body = isRecord(raw) ? raw : {};
    const type = Number(body.type) as InteractionResponseType;
    const data = asMessageBody(body.data);
    if (type === InteractionResponseType.ChannelMessageWithSource || type === InteractionResponseType.UpdateMessage) {
      const invalid = this.invalidMessage(data, call.files, type === InteractionResponseType.ChannelMessageWithSource);
      if (invalid) return invalid;
    }
    if (type === InteractionResponseType.Modal) {
      if (interaction.type === InteractionType.ModalSubmit || interaction.type === InteractionType.ApplicationCommandAutocomplete) {
        return error(400, 50035, 'Invalid Form Body: a modal cannot answer this interaction');
      }
      const invalid = invalidModal(body.data);
      if (invalid) return invalid;
    }
    if (type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
      const choices = isRecord(body.data) && Array.isArray(body.data.choices) ? body.data.choices : [];
      if (choices.length > 25) return formError('data.choices', 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    }
    const withResponse = query.get('with_response') === 'true';
    interaction.callbacks.push({ interactionId: interaction.id, type, data: body.data, withResponse, at: performance.now() });

    const clicked = 'message' in interaction.payload ? interaction.payload.message : undefined;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
        interaction.original = this.webhookReply(interaction, snowflake(), data);
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource:
        interaction.original = this.webhookReply(interaction, snowflake(), {
          content: '',
          flags: (data.flags ?? 0) | MessageFlags.Loading,
        });
        break;
      case InteractionResponseType.DeferredMessageUpdate:
        interaction.original = clicked ?? null;
        break;
      case InteractionResponseType.UpdateMessage:
        if (clicked) {
          interaction.original = { ...clicked, ...this.edited(data), edited_timestamp: new Date().toISOString() };
          this.messagesById.set(clicked.id, interaction.original);
        }
        break;
      default:
        break;
    }
    if (!withResponse) return { status: 204 };
    const result: RESTPostAPIInteractionCallbackWithResponseResult = {
      interaction: {
        id: interaction.id,
        type: interaction.type,
        ...(interaction.original
          ? {
              response_message_id: interaction.original.id,
              response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
              response_message_ephemeral: ((interaction.original.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
            }
          : {}),
      },
      ...(interaction.original && type !== InteractionResponseType.ApplicationCommandAutocompleteResult
        ? { resource: { type, message: interaction.original } }
        : {}),
    };
    return { status: 200, body: result };
  }

  /** The fields of a message that an edit body replaces. */
  private edited(body: MessageBody): Partial<APIMessage> {
    return {
      ...(body.content !== undefined ? { content: body.content } : {}),
      ...(body.embeds !== undefined ? { embeds: body.embeds } : {}),
      ...(body.components !== undefined ? { components: body.components } : {}),
      ...(body.flags !== undefined ? { flags: body.flags } : {}),
    };
  }

  private webhookInteraction(params: Record<string, string>): RecordedInteraction | Reply {
    if (params.appId !== this.appId) return error(404, DiscordErrorCode.UnknownWebhook, 'Unknown Webhook');
    const interaction = this.interactionsByToken.get(params.token ?? '');
    if (!interaction) return error(401, DiscordErrorCode.InvalidWebhookToken, 'Invalid Webhook Token');
    return interaction;
  }

  private followUp({ params, query, body: raw, call }: Request): Reply {
    const interaction = this.webhookInteraction(params);
    if ('status' in interaction) return interaction;
    if (interaction.callbacks.length === 0) return error(404, DiscordErrorCode.UnknownWebhook, 'Unknown Webhook');
    const body = asMessageBody(raw);
    const invalid = this.invalidMessage(body, call.files, true);
    if (invalid) return invalid;
    const created = this.webhookReply(interaction, snowflake(), body);
    interaction.followUps.push(created);
    return query.get('wait') === 'true' ? { status: 200, body: created } : { status: 204 };
  }

  private webhookMessage({ method, params, body: raw, call }: Request): Reply {
    const interaction = this.webhookInteraction(params);
    if ('status' in interaction) return interaction;
    const messageId = params.messageId ?? '';
    const unknown = error(404, DiscordErrorCode.UnknownMessage, 'Unknown Message');
    const target =
      messageId === '@original'
        ? interaction.originalDeleted
          ? null
          : interaction.original
        : (interaction.followUps.find((m) => m.id === messageId) ?? null);
    if (!target) return unknown;
    if (method === 'GET') return { status: 200, body: target };
    if (method === 'DELETE') {
      if (messageId === '@original') interaction.originalDeleted = true;
      else interaction.followUps = interaction.followUps.filter((m) => m.id !== messageId);
      this.messagesById.delete(target.id);
      return { status: 204 };
    }
    const body = asMessageBody(raw);
    const invalid = this.invalidMessage(body, call.files, false);
    if (invalid) return invalid;
    const updated: APIMessage = {
      ...target,
      ...this.edited(body),
      // An edit turns a deferred "thinking…" message into the real one.
      flags: (body.flags ?? target.flags ?? 0) & ~MessageFlags.Loading,
      edited_timestamp: new Date().toISOString(),
    };
    interaction.edits.push({ messageId: target.id, body, at: performance.now() });
    if (messageId === '@original') interaction.original = updated;
    else interaction.followUps = interaction.followUps.map((m) => (m.id === target.id ? updated : m));
    this.messagesById.set(updated.id, updated);
    return { status: 200, body: updated };
  }

  // ---- internals: application commands ---------------------------------------------------

  private commands({ method, params, body }: Request): Reply {
    if (params.appId !== this.appId) return error(404, DiscordErrorCode.UnknownApplication, 'Unknown Application');
    const guildId = params.guildId;
    if (guildId !== undefined && !this.guilds.some((g) => g.id === guildId)) {
      return error(403, 50_001, 'Missing Access');
    }
    const current = guildId === undefined ? this.globalCommands : (this.guildCommands.get(guildId) ?? []);
    if (method === 'GET') return { status: 200, body: current };
    if (!Array.isArray(body)) return formError('_root', 'ARRAY_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    if (body.length > 100) return formError('_root', 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    const next: APIApplicationCommand[] = [];
    for (const [i, raw] of body.entries()) {
      const problem = this.invalidCommand(raw, `${i}`);
      if (problem) return problem;
      const command = raw as Record<string, unknown> & { name: string; type?: ApplicationCommandType };
      const type = command.type ?? ApplicationCommandType.ChatInput;
      const previous = current.find((c) => c.name === command.name && c.type === type);
      next.push({
        ...command,
        id: previous?.id ?? snowflake(),
        application_id: this.appId,
        ...(guildId === undefined ? {} : { guild_id: guildId }),
        name: command.name,
        type,
        description: typeof command.description === 'string' ? command.description : '',
        default_member_permissions: (command.default_member_permissions as string | null | undefined) ?? null,
        nsfw: command.nsfw === true,
        version: snowflake(),
      });
    }
    if (guildId === undefined) this.globalCommands.splice(0, this.globalCommands.length, ...next);
    else this.guildCommands.set(guildId, next);
    return { status: 200, body: next };
  }

  /** Discord's rules on names, descriptions and option counts, which a deploy script can break. */
  private invalidCommand(raw: unknown, at: string, depth = 0): Reply | undefined {
    if (!isRecord(raw)) return formError(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    const chatInput = depth > 0 || raw.type === undefined || raw.type === ApplicationCommandType.ChatInput;
    const name = raw.name;
    if (typeof name !== 'string' || name.length < 1 || name.length > 32) {
      return formError(`${at}.name`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
    }
    if (chatInput && (name !== name.toLowerCase() || !/^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u.test(name))) {
      return formError(`${at}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    const description = raw.description;
    if (chatInput && (typeof description !== 'string' || description.length < 1 || description.length > 100)) {
      return formError(`${at}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    const options = raw.options;
    if (options === undefined) return undefined;
    if (!Array.isArray(options)) return formError(`${at}.options`, 'ARRAY_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    if (options.length > 25) return formError(`${at}.options`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    for (const [i, option] of options.entries()) {
      const problem = this.invalidCommand(option, `${at}.options.${i}`, depth + 1);
      if (problem) return problem;
      if (isRecord(option) && Array.isArray(option.choices) && option.choices.length > 25) {
        return formError(`${at}.options.${i}.choices`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      }
    }
    return undefined;
  }
}
