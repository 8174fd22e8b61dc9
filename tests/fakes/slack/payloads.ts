/**
 * What Slack sends an app: slash commands, block actions, view submissions and Events API
 * callbacks, shaped as in Socket Mode envelopes and in HTTP requests to Bolt's receiver, and the
 * request signature an HTTP receiver checks.
 */
import { createHmac } from 'node:crypto';

/** What the builders need from the fake: where `response_url`s point, and whose app it is. */
export interface PayloadContext {
  baseUrl: string;
  teamId: string;
  teamDomain: string;
  enterpriseId: string | undefined;
  appId: string;
  nextId: (prefix: string) => string;
}

export interface SlashCommandInput {
  command: string;
  text?: string;
  user: string;
  channel: string;
  userName?: string;
  /** Another workspace of the same Enterprise Grid org (its team id); default the fake's team. */
  teamId?: string;
}

/** The fields of a slash command (a form body over HTTP, `payload` in Socket Mode). */
export function slashCommand(ctx: PayloadContext, input: SlashCommandInput): Record<string, string> {
  return {
    token: 'verification-token',
    team_id: input.teamId ?? ctx.teamId,
    team_domain: input.teamId ? input.teamId.toLowerCase() : ctx.teamDomain,
    ...(ctx.enterpriseId ? { enterprise_id: ctx.enterpriseId, is_enterprise_install: 'false' } : {}),
    channel_id: input.channel,
    channel_name: input.channel.startsWith('D') ? 'directmessage' : 'general',
    user_id: input.user,
    user_name: input.userName ?? input.user.toLowerCase(),
    command: input.command,
    text: input.text ?? '',
    api_app_id: ctx.appId,
    response_url: `${ctx.baseUrl}/respond/${ctx.nextId('R')}`,
    trigger_id: `${ctx.nextId('')}.${ctx.teamId}.trigger`,
  };
}

interface Common {
  user: string;
  channel?: string;
  /** Another workspace of the same Enterprise Grid org (its team id); default the fake's team. */
  teamId?: string;
  /** As Slack may send from an org-wide install: `team` null, the workspace only in `user.team_id`. */
  withoutTeam?: boolean;
}

function common(ctx: PayloadContext, input: Common): Record<string, unknown> {
  const teamId = input.teamId ?? ctx.teamId;
  return {
    team: input.withoutTeam ? null : { id: teamId, domain: input.teamId ? teamId.toLowerCase() : ctx.teamDomain, ...(ctx.enterpriseId ? { enterprise_id: ctx.enterpriseId } : {}) },
    enterprise: ctx.enterpriseId ? { id: ctx.enterpriseId, name: 'Enterprise' } : null,
    is_enterprise_install: false,
    user: { id: input.user, username: input.user.toLowerCase(), name: input.user.toLowerCase(), team_id: teamId },
    api_app_id: ctx.appId,
    token: 'verification-token',
    trigger_id: `${ctx.nextId('')}.${teamId}.trigger`,
  };
}

export interface BlockActionInput extends Common {
  actionId: string;
  value?: string;
  blockId?: string;
  /** The ts of the message whose button was pressed. */
  messageTs?: string;
}

export function blockAction(ctx: PayloadContext, input: BlockActionInput): Record<string, unknown> {
  return {
    type: 'block_actions',
    ...common(ctx, input),
    container: input.messageTs
      ? { type: 'message', message_ts: input.messageTs, channel_id: input.channel, is_ephemeral: false }
      : { type: 'message', channel_id: input.channel },
    ...(input.channel ? { channel: { id: input.channel, name: 'general' } } : {}),
    ...(input.messageTs ? { message: { type: 'message', ts: input.messageTs, text: '' } } : {}),
    response_url: `${ctx.baseUrl}/respond/${ctx.nextId('R')}`,
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: input.blockId ?? 'actions',
        value: input.value ?? '',
        text: { type: 'plain_text', text: input.actionId, emoji: true },
        action_ts: `${Math.floor(Date.now() / 1000)}.000100`,
      },
    ],
    state: { values: {} },
  };
}

export interface ViewSubmissionInput extends Common {
  callbackId: string;
  /** block_id → action_id → value, as plain text inputs. */
  values?: Record<string, Record<string, string>>;
  privateMetadata?: string;
}

export function viewSubmission(ctx: PayloadContext, input: ViewSubmissionInput): Record<string, unknown> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const [blockId, actions] of Object.entries(input.values ?? {})) {
    values[blockId] = Object.fromEntries(
      Object.entries(actions).map(([actionId, value]) => [actionId, { type: 'plain_text_input', value }]),
    );
  }
  return {
    type: 'view_submission',
    ...common(ctx, input),
    view: {
      id: ctx.nextId('V'),
      team_id: input.teamId ?? ctx.teamId,
      type: 'modal',
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata ?? '',
      state: { values },
      hash: 'fake-hash',
      app_id: ctx.appId,
      blocks: [],
    },
    response_urls: [],
  };
}

/** An Events API callback (`event_callback`) around `event`. */
export function eventCallback(ctx: PayloadContext, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'verification-token',
    team_id: ctx.teamId,
    ...(ctx.enterpriseId ? { enterprise_id: ctx.enterpriseId } : {}),
    api_app_id: ctx.appId,
    event: { event_ts: `${Math.floor(Date.now() / 1000)}.000200`, ...event },
    type: 'event_callback',
    event_id: `Ev${ctx.nextId('')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: ctx.teamId, enterprise_id: ctx.enterpriseId ?? null, is_bot: true }],
    is_ext_shared_channel: false,
  };
}

// ---- HTTP mode ---------------------------------------------------------------------------

/** A slash command's form body. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** An interactive payload's form body: `payload=<JSON>`, as Slack posts block actions and view submissions. */
export function interactiveBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/**
 * Headers that Bolt's HTTP receiver accepts for `body`: `v0=` HMAC-SHA256 of `v0:{ts}:{body}`
 * under the signing secret. `timestamp` (Unix seconds) defaults to now.
 */
export function signedRequest(
  body: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
  contentType = body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded',
): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${signature}`,
  };
}

/** Headers for an Events API retry: Slack resends up to three times when an app does not answer. */
export function retryHeaders(retryNum: number, retryReason = 'http_timeout'): Record<string, string> {
  return { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': retryReason };
}
