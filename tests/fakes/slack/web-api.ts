/**
 * The Slack Web API methods the fake plays, over a small in-memory workspace. `FakeSlack` (in
 * fake-slack.ts) owns the servers, authentication and injected failures, and hands each call's
 * parsed arguments to `SlackWorkspace.call`, which answers Slack's JSON or throws `SlackError`
 * (answered as HTTP 200 `{ ok: false, error }`).
 */

export interface SlackTeam {
  id: string;
  name: string;
  /** Set for an Enterprise Grid workspace. */
  enterpriseId?: string;
}

export interface SlackUser {
  id: string;
  name: string;
  /** e.g. `ja-JP`; default `en-US`. */
  locale?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  /** conversations.open for this user answers `cannot_dm_bot`. */
  cannotDm?: boolean;
}

export interface SlackChannel {
  id: string;
  name: string;
  /** Whether Kenshu's bot is in the channel (conversations.info `is_member`); default true. */
  isMember?: boolean;
  /** The workspace it belongs to (`context_team_id`); default the fake's own team. */
  teamId?: string;
  /** Other workspaces of an Enterprise Grid org it is shared with (`shared_team_ids`). */
  sharedTeamIds?: string[];
}

export interface PostedMessage {
  method: 'chat.postMessage' | 'chat.postEphemeral';
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: unknown;
  metadata: unknown;
  threadTs: string | undefined;
  /** chat.postEphemeral: who sees it. */
  user: string | undefined;
  /** Set by chat.update: every earlier version, oldest first. */
  edits: { text: string | undefined; blocks: unknown }[];
}

export interface RecordedView {
  method: 'views.open' | 'views.update' | 'views.publish';
  id: string;
  triggerId: string | undefined;
  /** views.publish: whose Home tab. */
  userId?: string;
  view: Record<string, unknown>;
}

export interface RecordedUpload {
  fileId: string;
  filename: string;
  /** The bytes POSTed to the upload URL; undefined until they come. */
  data: Buffer | undefined;
  /** Set by files.completeUploadExternal. */
  channel: string | undefined;
  title: string | undefined;
  initialComment: string | undefined;
  completed: boolean;
}

export class SlackError extends Error {
  constructor(readonly error: string) {
    super(error);
  }
}

type Args = Record<string, unknown>;

/** Form fields that carry JSON, as @slack/web-api sends them. */
const JSON_FIELDS = new Set(['blocks', 'metadata', 'view', 'files', 'attachments']);

/** A Web API call's arguments, from a JSON or form body. */
export function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.has(key) && /^\s*[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

/**
 * The file's bytes: the body itself, or, for multipart/form-data (as @slack/web-api sends it),
 * the first part's content.
 */
export function uploadedBytes(raw: Buffer, contentType: string): Buffer {
  const boundary = /multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return raw;
  const start = raw.indexOf('\r\n\r\n', raw.indexOf(`--${boundary}`));
  const end = raw.indexOf(`\r\n--${boundary}`, start);
  return start < 0 || end < 0 ? raw : raw.subarray(start + 4, end);
}

export interface WorkspaceOptions {
  team: SlackTeam;
  users: SlackUser[];
  channels: SlackChannel[];
  botUserId: string;
  botId: string;
  appId: string;
}

/** Slack's ids: a prefix and upper-case alphanumerics. */
function slackId(prefix: string, n: number): string {
  return `${prefix}${n.toString(36).toUpperCase().padStart(8, '0')}`;
}

function str(args: Args, key: string): string | undefined {
  const value = args[key];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function required(args: Args, key: string, error = 'invalid_arguments'): string {
  const value = str(args, key);
  if (value === undefined) throw new SlackError(error);
  return value;
}

function flag(args: Args, key: string): boolean {
  const value = args[key];
  return value === true || value === 'true' || value === '1' || value === 1;
}

export class SlackWorkspace {
  readonly team: SlackTeam;
  readonly users = new Map<string, SlackUser>();
  readonly channels = new Map<string, SlackChannel>();
  readonly messages: PostedMessage[] = [];
  readonly views: RecordedView[] = [];
  readonly uploads = new Map<string, RecordedUpload>();
  private readonly dmChannels = new Map<string, string>();
  private seq = 0;
  private clock = Math.floor(Date.now() / 1000);

  constructor(private readonly options: WorkspaceOptions) {
    this.team = options.team;
    for (const user of options.users) this.users.set(user.id, user);
    for (const channel of options.channels) this.channels.set(channel.id, channel);
  }

  nextId(prefix: string): string {
    this.seq += 1;
    return slackId(prefix, this.seq);
  }

  /** A message ts: unique and increasing, as Slack's are. */
  private nextTs(): string {
    this.seq += 1;
    return `${this.clock}.${String(this.seq).padStart(6, '0')}`;
  }

  dmChannelId(userId: string): string | undefined {
    return this.dmChannels.get(userId);
  }

  /** `baseUrl` is the fake's own `http://127.0.0.1:<port>`, for URLs it hands out. */
  call(method: string, args: Args, baseUrl: string): Args {
    switch (method) {
      case 'auth.test':
        return this.authTest();
      case 'chat.postMessage':
        return this.postMessage(args);
      case 'chat.postEphemeral':
        return this.postEphemeral(args);
      case 'chat.update':
        return this.update(args);
      case 'conversations.open':
        return this.openConversation(args);
      case 'conversations.history':
        return this.history(args);
      case 'conversations.info':
        return this.channelInfo(args);
      case 'users.info':
        return this.userInfo(args);
      case 'views.open':
      case 'views.update':
        return this.view(method, args);
      case 'views.publish':
        return this.publish(args);
      case 'files.getUploadURLExternal':
        return this.uploadUrl(args, baseUrl);
      case 'files.completeUploadExternal':
        return this.completeUpload(args);
      default:
        throw new SlackError('unknown_method');
    }
  }

  private authTest(): Args {
    const { team, botUserId, botId } = this.options;
    return {
      url: `https://${team.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.slack.com/`,
      team: team.name,
      user: 'kenshu',
      team_id: team.id,
      user_id: botUserId,
      bot_id: botId,
      is_enterprise_install: false,
      ...(team.enterpriseId ? { enterprise_id: team.enterpriseId } : {}),
    };
  }

  private knownChannel(args: Args, key = 'channel'): string {
    const channel = required(args, key, 'channel_not_found');
    if (!this.channels.has(channel)) throw new SlackError('channel_not_found');
    return channel;
  }

  private checkContent(args: Args): void {
    if (str(args, 'text') === undefined && args.blocks === undefined && args.attachments === undefined) {
      throw new SlackError('no_text');
    }
  }

  private postMessage(args: Args): Args {
    const channel = this.knownChannel(args);
    this.checkContent(args);
    const message = this.record('chat.postMessage', channel, args, undefined);
    return { channel, ts: message.ts, message: this.asHistory(message, true) };
  }

  private postEphemeral(args: Args): Args {
    const channel = this.knownChannel(args);
    const user = required(args, 'user', 'user_not_found');
    if (!this.users.has(user)) throw new SlackError('user_not_found');
    this.checkContent(args);
    const message = this.record('chat.postEphemeral', channel, args, user);
    return { message_ts: message.ts };
  }

  private record(method: PostedMessage['method'], channel: string, args: Args, user: string | undefined): PostedMessage {
    const message: PostedMessage = {
      method,
      channel,
      ts: this.nextTs(),
      text: str(args, 'text'),
      blocks: args.blocks,
      metadata: args.metadata,
      threadTs: str(args, 'thread_ts'),
      user,
      edits: [],
    };
    this.messages.push(message);
    return message;
  }

  private update(args: Args): Args {
    const channel = this.knownChannel(args);
    const ts = required(args, 'ts', 'message_not_found');
    const message = this.messages.find((m) => m.channel === channel && m.ts === ts && m.method === 'chat.postMessage');
    if (!message) throw new SlackError('message_not_found');
    message.edits.push({ text: message.text, blocks: message.blocks });
    if (args.text !== undefined) message.text = str(args, 'text');
    if (args.blocks !== undefined) message.blocks = args.blocks;
    if (args.metadata !== undefined) message.metadata = args.metadata;
    return { channel, ts, text: message.text ?? '' };
  }

  private openConversation(args: Args): Args {
    const users = (str(args, 'users') ?? '').split(',').filter(Boolean);
    if (users.length !== 1) throw new SlackError(users.length === 0 ? 'users_list_not_supplied' : 'not_implemented');
    const userId = users[0] as string;
    const user = this.users.get(userId);
    if (!user) throw new SlackError('user_not_found');
    if (user.cannotDm) throw new SlackError('cannot_dm_bot');
    let id = this.dmChannels.get(userId);
    if (!id) {
      id = this.nextId('D');
      this.dmChannels.set(userId, id);
      this.channels.set(id, { id, name: userId });
    }
    return { channel: { id } };
  }

  private channelInfo(args: Args): Args {
    const channel = this.channels.get(this.knownChannel(args)) as SlackChannel;
    const im = channel.id.startsWith('D');
    const teamId = channel.teamId ?? this.team.id;
    return {
      channel: {
        id: channel.id,
        ...(im ? { is_im: true, user: channel.name } : { name: channel.name, is_channel: !channel.id.startsWith('G'), is_private: channel.id.startsWith('G') }),
        is_archived: false,
        is_member: channel.isMember ?? true,
        context_team_id: teamId,
        shared_team_ids: [teamId, ...(channel.sharedTeamIds ?? [])],
      },
    };
  }

  private history(args: Args): Args {
    const channel = this.knownChannel(args);
    const limit = Number(str(args, 'limit') ?? 100);
    const withMetadata = flag(args, 'include_all_metadata');
    const all = this.messages.filter((m) => m.channel === channel && m.method === 'chat.postMessage').reverse();
    return {
      messages: all.slice(0, limit).map((m) => this.asHistory(m, withMetadata)),
      has_more: all.length > limit,
      pin_count: 0,
    };
  }

  private asHistory(m: PostedMessage, withMetadata: boolean): Args {
    return {
      type: 'message',
      user: this.options.botUserId,
      bot_id: this.options.botId,
      app_id: this.options.appId,
      text: m.text ?? '',
      ts: m.ts,
      team: this.team.id,
      ...(m.blocks !== undefined ? { blocks: m.blocks } : {}),
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
      ...(withMetadata && m.metadata !== undefined ? { metadata: m.metadata } : {}),
    };
  }

  private userInfo(args: Args): Args {
    const user = this.users.get(required(args, 'user', 'user_not_found'));
    if (!user) throw new SlackError('user_not_found');
    return {
      user: {
        id: user.id,
        team_id: this.team.id,
        name: user.name,
        real_name: user.name,
        deleted: false,
        is_bot: false,
        is_admin: user.isAdmin ?? false,
        is_owner: user.isOwner ?? false,
        tz: 'Asia/Tokyo',
        ...(flag(args, 'include_locale') ? { locale: user.locale ?? 'en-US' } : {}),
        ...(this.team.enterpriseId ? { enterprise_user: { enterprise_id: this.team.enterpriseId } } : {}),
      },
    };
  }

  private view(method: RecordedView['method'], args: Args): Args {
    const view = args.view;
    if (typeof view !== 'object' || view === null) throw new SlackError('invalid_arguments');
    let id: string;
    const triggerId = str(args, 'trigger_id');
    if (method === 'views.open') {
      if (!triggerId) throw new SlackError('invalid_trigger_id');
      id = this.nextId('V');
    } else {
      const known = str(args, 'view_id') ?? this.views.find((v) => v.view.external_id === str(args, 'external_id'))?.id;
      if (!known || !this.views.some((v) => v.id === known)) throw new SlackError('not_found');
      id = known;
    }
    this.views.push({ method, id, triggerId, view: view as Record<string, unknown> });
    return { view: { ...view, id, team_id: this.team.id, app_id: this.options.appId, bot_id: this.options.botId } };
  }

  /** A user's Home tab: one per user, replaced by each publish (api.slack.com/methods/views.publish). */
  private publish(args: Args): Args {
    const userId = required(args, 'user_id');
    const view = args.view;
    if (typeof view !== 'object' || view === null || (view as { type?: unknown }).type !== 'home') throw new SlackError('invalid_arguments');
    if (!this.users.has(userId)) throw new SlackError('user_not_found');
    const blocks = (view as { blocks?: unknown }).blocks;
    if (Array.isArray(blocks) && blocks.length > 100) throw new SlackError('invalid_blocks');
    const id = this.views.find((v) => v.method === 'views.publish' && v.userId === userId)?.id ?? this.nextId('V');
    this.views.push({ method: 'views.publish', id, triggerId: undefined, userId, view: view as Record<string, unknown> });
    return { view: { ...view, id, team_id: this.team.id, app_id: this.options.appId, bot_id: this.options.botId } };
  }

  private uploadUrl(args: Args, baseUrl: string): Args {
    const filename = required(args, 'filename');
    if (!str(args, 'length')) throw new SlackError('invalid_arguments');
    const fileId = this.nextId('F');
    this.uploads.set(fileId, {
      fileId,
      filename,
      data: undefined,
      channel: undefined,
      title: undefined,
      initialComment: undefined,
      completed: false,
    });
    return { upload_url: `${baseUrl}/upload/${fileId}`, file_id: fileId };
  }

  private completeUpload(args: Args): Args {
    const files = args.files;
    if (!Array.isArray(files) || files.length === 0) throw new SlackError('invalid_arguments');
    const channel = str(args, 'channel_id');
    if (channel !== undefined && !this.channels.has(channel)) throw new SlackError('channel_not_found');
    const found = files.map((f: { id?: string; title?: string }) => {
      const upload = f.id ? this.uploads.get(f.id) : undefined;
      if (!upload || upload.data === undefined) throw new SlackError('file_not_found');
      return { upload, title: f.title };
    });
    for (const { upload, title } of found) {
      upload.channel = channel;
      upload.title = title ?? upload.filename;
      upload.initialComment = str(args, 'initial_comment');
      upload.completed = true;
    }
    return { files: found.map(({ upload }) => ({ id: upload.fileId, title: upload.title })) };
  }
}
