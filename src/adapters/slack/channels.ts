import type { webApi } from '@slack/bolt';
import { DomainError } from '../../domain/errors.js';
import { classifySlackError } from './slack-notifier.js';

/** A public (C) or private (G) channel id; anything else is not a channel a setting may name. */
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

/**
 * Whether `id` is a channel of the workspace `teamId`, for `/mod settings` (`ctx.hasChannel`):
 * conversations.info (scopes channels:read, groups:read) says which workspace a channel belongs
 * to, `context_team_id`, or, shared across an Enterprise Grid org, `shared_team_ids`. A channel of
 * another workspace, or one Slack will not show Kenshu, is not this community's. One that is, but
 * which Kenshu has not joined, is an error saying to invite Kenshu: it could never post there.
 */
export async function workspaceHasChannel(client: webApi.WebClient, teamId: string, id: string): Promise<boolean> {
  if (!CHANNEL_ID.test(id)) return false;
  let channel: webApi.ConversationsInfoResponse['channel'];
  try {
    channel = (await client.conversations.info({ channel: id })).channel;
  } catch (error) {
    // channel_not_found and the like: not a channel Kenshu can use here. Anything else propagates.
    if (classifySlackError(error).kind === 'unreachable') return false;
    throw error;
  }
  if (!channel) return false;
  const teams = [channel.context_team_id, ...(channel.shared_team_ids ?? [])].filter((t): t is string => typeof t === 'string' && t !== '');
  if (teams.length > 0 && !teams.includes(teamId)) return false;
  if (channel.is_member !== true) throw new DomainError('CHANNEL_WITHOUT_KENSHU', { channel: channel.name ? `#${channel.name}` : id });
  return true;
}
