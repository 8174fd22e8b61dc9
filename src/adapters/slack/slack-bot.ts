import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { format } from 'node:util';
import { App, LogLevel, SocketModeReceiver, type BlockAction, type ButtonAction, type Logger as BoltLogger, type RespondFn, type SlashCommand, type ViewSubmitAction, type webApi } from '@slack/bolt';
import type { CommandContext, CommandDeps, Role } from '../../commands/command.js';
import deliverNew from '../../commands/deliver-new.js';
import { errorReply, executeCommand, inputProblems } from '../../commands/execute.js';
import modReject from '../../commands/mod-reject.js';
import { pressButton, reasonAskedBy, submitReason } from '../../commands/press-button.js';
import { isDomainError } from '../../domain/errors.js';
import { personalSpace, type Locale } from '../../domain/member.js';
import type { Notifier } from '../../domain/notifier.js';
import type { Reply } from '../../domain/reply.js';
import { messagesFor } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { parseCommandText } from '../text/parse-command-text.js';
import { runCommandText } from '../text/run-command-text.js';
import { EarlyAckReceiver } from './early-ack-receiver.js';
import { registerEvents } from './events.js';
import { deliverModal, modalInput, REASON_FIELD, reasonFormMeta, reasonInput, reasonModal } from './modal.js';
import { responseType, toBlocks, toMessage, toText } from './render.js';
import { uploadFiles } from './slack-notifier.js';
import { workspaceHasChannel } from './channels.js';
import { unescapeCommandText } from './command-text.js';
import { STOP_DRAIN_MS, within, type Adapter, type Runtime } from '../adapter.js';
import { WorkQueue } from '../work-queue.js';
import type { Config } from '../../config.js';

/** Kenshu on Slack, as main.ts will compose it; the notifier comes from `makeNotifier`, given Bolt's client. */
export function createSlackAdapter(config: NonNullable<Config['slack']>, runtime: Runtime, makeNotifier: (client: webApi.WebClient) => Notifier): SlackBot {
  return new SlackBot({
    botToken: config.botToken,
    ...(config.appToken ? { appToken: config.appToken } : {}),
    ...(config.signingSecret ? { signingSecret: config.signingSecret } : {}),
    ...(config.port === undefined ? {} : { port: config.port }),
    ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
    ...(runtime.workConcurrency === undefined ? {} : { concurrency: runtime.workConcurrency }),
    deps: runtime.deps,
    logger: runtime.logger,
    defaultLocale: runtime.defaultLocale,
    makeNotifier,
  });
}

export interface SlackBotOptions {
  botToken: string;
  /** Socket Mode when set (no public URL needed); else the HTTP receiver on `port`, checking `signingSecret`. */
  appToken?: string;
  signingSecret?: string;
  port?: number;
  /** The HTTP receiver's interface; unset listens on all of them. */
  host?: string;
  /** The Web API base (a proxy, a test server), with its trailing slash. */
  apiUrl?: string;
  /** Web API retries; unset keeps the client's own policy. */
  retries?: number;
  /** How many acknowledged commands, buttons and forms are worked on at once (see WorkQueue); 2 when unset. */
  concurrency?: number;
  deps: CommandDeps;
  logger: Logger;
  defaultLocale: Locale;
  makeNotifier: (client: webApi.WebClient) => Notifier;
}

/**
 * The slash commands Kenshu answers on Slack, as slack-manifest.json registers them. Slack owns
 * `/remind`, so `/kenshu` takes any command (DESIGN §4).
 */
export const SLACK_COMMANDS = ['/kenshu', '/deliver', '/client', '/mod', '/privacy'] as const;

/** The callback id of the `/deliver new` form. */
const DELIVER_MODAL = 'kenshu:deliver-new';

/** The callback id of the form Reject asks its reason in. */
const REASON_MODAL = 'kenshu:reason';

/** How long a form waits for the database to say the member's language before using what Slack said. */
const FORM_LOCALE_BUDGET_MS = 500;

/** How long what users.info says about a user (language, admin) is trusted. */
const USER_INFO_TTL_MS = 5 * 60_000;

interface SlackUserFacts {
  locale: Locale | undefined;
  admin: boolean;
  /** The user's name, for events that carry only an id. */
  name?: string;
}

/** Where an event came from, in Slack's terms, whatever kind of event it is. */
export interface Origin {
  teamId: string;
  teamName: string;
  userId: string;
  userName: string;
  /** The conversation; a DM's id starts with D. Undefined in a form, which has no conversation. */
  channelId: string | undefined;
}

/** Slack's locale (`ja-JP`, `en-US`) as one of Kenshu's, or undefined for any other language. */
function localeOf(slackLocale: string | undefined): Locale | undefined {
  if (slackLocale?.startsWith('ja')) return 'ja';
  if (slackLocale?.startsWith('en')) return 'en';
  return undefined;
}

/** A DM with the bot: Slack's DM ids start with D; slash commands also name the channel `directmessage`. */
function isDirect(channelId: string | undefined, channelName?: string): boolean {
  return channelName === 'directmessage' || (channelId?.startsWith('D') ?? false);
}

const PINO_LEVEL: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN };

/**
 * Bolt's logger interface over Kenshu's pino logger, so Bolt and its Socket Mode client log in
 * the same lines, redacted the same way, without the payloads they may print. LOG_LEVEL decides what is written: Bolt's `setLevel` is
 * not allowed to make Kenshu chattier than configured.
 */
function boltLogger(log: Logger): BoltLogger {
  const line = (msg: unknown[]): [Record<string, unknown>, string] => {
    const err = msg.find((m) => m instanceof Error);
    // Bolt's debug lines can end in a whole payload (what a member typed, a response_url): kept out.
    return [err ? { err } : {}, format(...msg.filter((m) => m !== err)).replace(/[{[][\s\S]*$/, '[payload left out]')];
  };
  return {
    // Formatted only when the level is written: Bolt logs a debug line or two for every request.
    debug: (...msg: unknown[]) => log.isLevelEnabled('debug') && log.debug(...line(msg)),
    info: (...msg: unknown[]) => log.isLevelEnabled('info') && log.info(...line(msg)),
    warn: (...msg: unknown[]) => log.warn(...line(msg)),
    error: (...msg: unknown[]) => log.error(...line(msg)),
    setLevel: () => undefined,
    getLevel: () => PINO_LEVEL[log.level] ?? LogLevel.ERROR,
    setName: () => undefined,
  };
}

/**
 * Kenshu on Slack: the real Bolt app, by Socket Mode or over HTTP. Every slash command, button
 * and form is acknowledged first (Slack waits 3 seconds, api.slack.com/interactivity/handling#acknowledgment_response),
 * then answered from the neutral command list through the same context and error boundary as
 * Discord and the console.
 */
export class SlackBot implements Adapter {
  readonly platform = 'slack' as const;
  /** A chat platform runs until Kenshu is stopped. */
  readonly finished = new Promise<void>(() => undefined);
  readonly app: App;
  readonly notifier: Notifier;
  private readonly deps: CommandDeps;
  private readonly log: Logger;
  private socketConnected = false;
  private readonly userFacts = new Map<string, { facts: SlackUserFacts; until: number }>();
  private server: Server | undefined;
  /** What has been acknowledged and is still to be answered. */
  private readonly work: WorkQueue;

  constructor(private readonly options: SlackBotOptions) {
    this.log = options.logger.child({ platform: 'slack' });
    this.work = new WorkQueue(options.concurrency ?? 2);
    const clientOptions = {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      ...(options.retries === undefined ? {} : { retryConfig: { retries: options.retries } }),
    };
    const logger = boltLogger(this.log.child({ lib: 'bolt' }));
    // Built here, not by Bolt, to hear the socket open and close; with the options Bolt would give it.
    const socket = options.appToken ? new SocketModeReceiver({ appToken: options.appToken, logger, logLevel: logger.getLevel(), installerOptions: { clientOptions } }) : undefined;
    socket?.client.on('connected', () => (this.socketConnected = true));
    socket?.client.on('disconnected', () => (this.socketConnected = false));
    this.app = socket
      ? new App({ token: options.botToken, receiver: socket, logger, clientOptions, convoStore: false })
      : new App({ token: options.botToken, receiver: new EarlyAckReceiver(options.signingSecret ?? '', logger, this.log), logger, clientOptions, convoStore: false });
    this.notifier = options.makeNotifier(this.app.client);
    this.deps = { ...options.deps, notifiers: { ...options.deps.notifiers, slack: this.notifier } };

    for (const name of SLACK_COMMANDS) this.app.command(name, (args) => this.onCommand(args.command, args.ack, args.respond));
    this.app.action<BlockAction<ButtonAction>>(/^kenshu:/, async ({ ack, body, action, respond }) => {
      await ack();
      // Reject needs a reason its button cannot carry: it opens a form, as on Discord, at once
      // (its trigger_id lasts 3 seconds), not behind queued work.
      const report = reasonAskedBy(action.action_id);
      if (report !== undefined) return this.askReason(body, action, report);
      await this.work.run(() => this.onButton(body, action, respond));
    });
    this.app.view<ViewSubmitAction>(DELIVER_MODAL, async ({ ack, body, view }) => {
      // Problems with what was typed go back into the form, next to their fields; checking is
      // pure (the command's schema) and quick, well inside Slack's 3 seconds.
      const raw = modalInput(view.state.values);
      const origin = this.viewOrigin(body);
      const problems = inputProblems(deliverNew, raw, await this.formLocale(origin.userId));
      if (Object.keys(problems).length > 0) return ack({ response_action: 'errors', errors: problems });
      await ack();
      await this.work.run(() => this.onDeliverForm(origin, raw));
    });
    this.app.view<ViewSubmitAction>(REASON_MODAL, async ({ ack, body, view }) => {
      const button = reasonFormMeta(view.private_metadata)?.button ?? '';
      const reason = reasonInput(view.state.values);
      const report = reasonAskedBy(button);
      if (report !== undefined && reason === '') {
        // The command's own words for a missing reason, next to the field.
        const problems = inputProblems(modReject, { report: String(report) }, await this.formLocale(body.user.id));
        return ack({ response_action: 'errors', errors: { [REASON_FIELD]: problems.reason ?? '' } });
      }
      await ack();
      await this.work.run(() => this.onReasonForm(this.viewOrigin(body), button, reason));
    });
    registerEvents(this.app, { deps: this.deps, log: this.log, defaultLocale: options.defaultLocale, answerInDm: (origin, log, work) => this.work.run(() => this.answer(origin, log, work, true)), facts: (userId) => this.facts(userId) });
    this.app.error((error) => {
      this.log.error({ err: error }, 'slack handler failed');
      return Promise.resolve();
    });
  }

  /** Socket Mode: the socket is open. HTTP: the server is listening. */
  connected(): boolean {
    return this.options.appToken ? this.socketConnected : this.server?.listening === true;
  }

  /** The HTTP receiver's address once started (tests sign requests to it); undefined in Socket Mode. */
  get eventsUrl(): string | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? `http://${this.options.host ?? '127.0.0.1'}:${address.port}/slack/events` : undefined;
  }

  async start(): Promise<void> {
    if (this.options.appToken) {
      await this.app.start();
      this.log.info('connected to Slack by Socket Mode');
      return;
    }
    const port = this.options.port ?? 3000;
    this.server = await this.app.start(this.options.host ? { port, host: this.options.host } : port);
    this.log.info({ port: (this.server.address() as AddressInfo).port }, 'serving Slack over HTTP');
  }

  async stop(): Promise<void> {
    await this.app.stop();
    // What was acknowledged is still answered before the database closes, for a while: a Slack
    // that stopped answering must not keep Kenshu from stopping.
    const drained = await within(this.work.idle().then(() => true), STOP_DRAIN_MS, false);
    if (!drained) this.log.warn({ unanswered: this.work.size }, 'stopped with acknowledged Slack requests still unanswered');
  }

  // ---- slash commands --------------------------------------------------------------------

  private async onCommand(command: SlashCommand, ack: () => Promise<void>, respond: RespondFn): Promise<void> {
    // Acknowledge first, before any database or Web API work; the work waits its turn in the
    // queue, started from a macrotask, so a burst of commands does not hold up the next acks.
    await ack();
    await this.work.run(() => this.answerCommand(command, respond));
  }

  private async answerCommand(command: SlashCommand, respond: RespondFn): Promise<void> {
    const origin: Origin = { teamId: command.team_id, teamName: command.team_domain, userId: command.user_id, userName: command.user_name, channelId: command.channel_id };
    const log = this.log.child({ command: { name: command.command }, userId: command.user_id });
    const reply = await this.answer(origin, log, async (ctx) => {
      const text = unescapeCommandText(command.text);
      const typed = command.command === '/kenshu' ? text : `${command.command.slice(1)} ${text}`;
      const parsed = parseCommandText(typed.trim() === '' ? 'help' : typed);
      const [group, name, ...rest] = parsed.words;
      if (group === 'deliver' && name === 'new' && rest.length === 0 && Object.keys(parsed.options).length === 0) {
        await this.app.client.views.open({ trigger_id: command.trigger_id, view: deliverModal(ctx.locale, DELIVER_MODAL, JSON.stringify({ channel: command.channel_id })) });
        return undefined;
      }
      return runCommandText(parsed, ctx, log);
    }, isDirect(command.channel_id, command.channel_name));
    if (reply) await this.respondWith(respond, reply);
  }

  // ---- buttons ---------------------------------------------------------------------------

  private async onButton(body: BlockAction, action: ButtonAction, respond: RespondFn): Promise<void> {
    const channelId = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
    const origin: Origin = { teamId: body.team?.id ?? body.user.team_id ?? '', teamName: body.team?.domain ?? '', userId: body.user.id, userName: body.user.name ?? body.user.username ?? body.user.id, channelId };
    // The id names an action and a delivery but proves nothing: pressButton checks the caller's
    // level and that the delivery is theirs, as on Discord.
    const log = this.log.child({ button: action.action_id.slice(0, 40), userId: body.user.id });
    const reply = await this.answer(origin, log, (ctx) => pressButton(action.action_id, ctx, log), isDirect(channelId));
    if (reply) await this.respondWith(respond, reply);
  }

  /**
   * Opens the Reject form on the button's trigger_id, which Slack honours for 3 seconds: in the
   * moderator's language if the database says it within a moment, else in the one Slack last said.
   * The form carries the button and its channel back; its submission proves nothing and is
   * authorized again (`submitReason`).
   */
  private async askReason(body: BlockAction, action: ButtonAction, report: number): Promise<void> {
    const channel = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
    const locale = await this.formLocale(body.user.id);
    try {
      await this.app.client.views.open({ trigger_id: body.trigger_id, view: reasonModal(locale, REASON_MODAL, report, { button: action.action_id, channel }) });
    } catch (error) {
      this.log.warn({ err: error, userId: body.user.id }, 'could not open the reason form');
    }
  }

  // ---- forms -----------------------------------------------------------------------------

  /**
   * The language of a form or of its problems, quickly: the member's chosen one, else what Slack
   * said of them (now or when last seen), else the default, waiting on the database briefly at most.
   */
  private async formLocale(userId: string): Promise<Locale> {
    const member = await within(this.deps.members.findMember('slack', userId).catch(() => undefined), FORM_LOCALE_BUDGET_MS, undefined);
    return member?.locale ?? this.cachedFacts(userId)?.locale ?? member?.platformLocale ?? this.options.defaultLocale;
  }

  private viewOrigin(body: ViewSubmitAction): Origin {
    let channelId: string | undefined;
    try {
      const meta = JSON.parse(body.view.private_metadata || '{}') as { channel?: unknown };
      if (typeof meta.channel === 'string') channelId = meta.channel;
    } catch {
      // Not one of Kenshu's forms' metadata: recorded in the workspace.
    }
    return { teamId: body.team?.id ?? body.user.team_id ?? '', teamName: body.team?.domain ?? '', userId: body.user.id, userName: body.user.name, channelId };
  }

  private async onDeliverForm(origin: Origin, raw: Record<string, string>): Promise<void> {
    const log = this.log.child({ command: { name: 'deliver new' }, userId: origin.userId, form: true });
    const reply = await this.answer(origin, log, (ctx) => executeCommand(deliverNew, raw, ctx, log), isDirect(origin.channelId));
    if (reply) await this.tellByDm(origin.userId, reply, log);
  }

  /** The Reject form's reason: the button's command runs with it, answered by DM like every form. */
  private async onReasonForm(origin: Origin, button: string, reason: string): Promise<void> {
    const log = this.log.child({ button: button.slice(0, 40), userId: origin.userId, form: true });
    const reply = await this.answer(origin, log, (ctx) => submitReason(button, reason, ctx, log), isDirect(origin.channelId));
    if (reply) await this.tellByDm(origin.userId, reply, log);
  }

  /** A form has no response_url: its answer goes to whoever submitted it, by DM. */
  private async tellByDm(userId: string, reply: Reply, log: Logger): Promise<void> {
    try {
      const dm = await this.app.client.conversations.open({ users: userId });
      const channel = dm.channel?.id;
      if (channel) await this.app.client.chat.postMessage({ channel, ...toMessage(reply) });
    } catch (error) {
      log.warn({ err: error }, 'could not tell the member how their form went');
    }
  }

  // ---- context and answers ---------------------------------------------------------------

  /**
   * Resolves who is asking and runs `work` for them; any failure becomes a reply, never silence:
   * a coded error its message, anything else an apology (and a log line with the stack).
   */
  private async answer(origin: Origin, log: Logger, work: (ctx: CommandContext) => Promise<Reply | undefined>, direct: boolean): Promise<Reply | undefined> {
    let ctx: CommandContext | undefined;
    try {
      ctx = await this.context(origin, direct);
      const reply = await work(ctx);
      return reply?.files?.length ? await this.filesToDm(reply, origin.userId, ctx.locale, log) : reply;
    } catch (error) {
      const locale = ctx?.locale ?? this.cachedFacts(origin.userId)?.locale ?? this.options.defaultLocale;
      if (isDomainError(error)) return errorReply(error, { locale });
      log.error({ err: error }, 'slack request failed');
      return { tone: 'error', title: messagesFor(locale).errorTitle, lines: [messagesFor(locale).apology] };
    }
  }

  /**
   * A reply's files (an evidence file, a data export, a chart) go to the requester's DM with
   * Kenshu, never into the channel the command was typed in, and the answer says where they went.
   */
  private async filesToDm(reply: Reply, userId: string, locale: Locale, log: Logger): Promise<Reply> {
    const m = messagesFor(locale).slackFiles;
    const { files = [], ...rest } = reply;
    let note = m.inDm;
    try {
      const opened = await this.app.client.conversations.open({ users: userId });
      if (!opened.channel?.id) throw new Error('conversations.open gave no channel');
      await uploadFiles(this.app.client, opened.channel.id, files);
    } catch (error) {
      log.warn({ err: error }, 'could not send the files to the DM');
      note = m.failed;
    }
    return { ...rest, footer: [note, ...(rest.footer ?? [])] };
  }

  private async respondWith(respond: RespondFn, reply: Reply): Promise<void> {
    try {
      await respond({ response_type: responseType(reply), replace_original: false, text: toText(reply), blocks: toBlocks(reply) });
    } catch (error) {
      this.log.warn({ err: error }, 'could not answer at the response_url');
    }
  }

  /** Who is asking, where, in which language and with which roles; recorded on first sight. */
  private async context(origin: Origin, direct: boolean): Promise<CommandContext> {
    const { deps } = this;
    const facts = await this.facts(origin.userId);
    const { community, member } = await deps.members.ensureMemberIn(
      direct ? personalSpace('slack', origin.userId) : { platform: 'slack', platformCommunityId: origin.teamId, name: origin.teamName || origin.teamId },
      { platform: 'slack', platformUserId: origin.userId, displayName: origin.userName, ...(facts.locale ? { platformLocale: facts.locale } : {}) },
    );
    const roles = new Set<Role>(facts.admin ? ['admin'] : []);
    return {
      platform: 'slack',
      community,
      member,
      locale: member.locale ?? facts.locale ?? this.options.defaultLocale,
      timezone: member.timezone ?? deps.defaultTimezone,
      roles,
      direct,
      // A setting may name only this workspace's channels; a DM has none.
      ...(direct ? {} : { hasChannel: (id: string) => workspaceHasChannel(this.app.client, origin.teamId, id) }),
      deps,
    };
  }

  private cachedFacts(userId: string): SlackUserFacts | undefined {
    const cached = this.userFacts.get(userId);
    return cached && cached.until > Date.now() ? cached.facts : undefined;
  }

  /**
   * What Slack says about a user: their client's language and whether they administer the
   * workspace (workspace admins and owners are Kenshu's admins there). Cached for a few minutes;
   * when Slack cannot say, the user is a plain member in the default language, and asked again next time.
   */
  private async facts(userId: string): Promise<SlackUserFacts> {
    const cached = this.cachedFacts(userId);
    if (cached) return cached;
    try {
      const info = await this.app.client.users.info({ user: userId, include_locale: true });
      const facts: SlackUserFacts = { locale: localeOf(info.user?.locale), admin: info.user?.is_admin === true || info.user?.is_owner === true, ...(info.user?.name ? { name: info.user.name } : {}) };
      this.userFacts.set(userId, { facts, until: Date.now() + USER_INFO_TTL_MS });
      return facts;
    } catch (error) {
      this.log.warn({ err: error, userId }, 'users.info failed; treating the user as a member');
      return { locale: undefined, admin: false };
    }
  }
}
