import { DomainError } from '../domain/errors.js';
import type { ButtonAction } from '../domain/reply.js';
import type { CommandContext } from './command.js';

/**
 * Who may do what. A **member** uses Kenshu for their own work; a **moderator** reviews for the
 * community (an admin, a holder of the community's moderator role, or a member the community
 * lists); an **admin** decides who moderates and what the community shares (Discord: the server
 * owner or Manage Server; the console: its owner). In a DM nobody is more than a member.
 */
export type AccessLevel = 'member' | 'moderator' | 'admin';

const RANK: Record<AccessLevel, number> = { member: 0, moderator: 1, admin: 2 };

/**
 * The level each button needs. Writer buttons act on the clicker's own delivery, which their
 * handler checks besides; a moderation button (a review queue's Approve) names its level here.
 * A `Record` over every action: a new action does not compile until it is given a level.
 */
export const BUTTON_ACCESS: Readonly<Record<ButtonAction, AccessLevel>> = {
  accept: 'member',
  pay: 'member',
  snooze: 'member',
  stop: 'member',
  show: 'member',
  sent: 'member',
  desk: 'member',
  replied: 'member',
  approve: 'moderator',
  reject: 'moderator',
  queue: 'moderator',
  // Erases only the data of whoever presses it, and only when the button was theirs (press-button.ts).
  erase: 'member',
};

/** What is being done: a command (its declared `access`), or a button's action. */
export type Gate = { access: AccessLevel } | { button: ButtonAction };

/** The caller's level here. Platform roles come from the adapter; the community's own list from the store. */
export async function accessLevelOf(ctx: CommandContext): Promise<AccessLevel> {
  if (ctx.direct) return 'member';
  if (ctx.roles.has('admin')) return 'admin';
  if (ctx.roles.has('moderator')) return 'moderator';
  return (await ctx.deps.communities.isListedModerator(ctx.community.id, ctx.member.id)) ? 'moderator' : 'member';
}

function requiredLevel(gate: Gate): number {
  const level = 'button' in gate ? BUTTON_ACCESS[gate.button] : gate.access;
  // Deny by default: a level that is missing or unknown asks for more than anyone has.
  return (RANK as Partial<Record<string, number>>)[level] ?? Number.POSITIVE_INFINITY;
}

/**
 * The one check every way in goes through (typed or slash command, button, autocomplete) before
 * anything is read or changed. Refuses with FORBIDDEN naming the level needed; `refused` names
 * the options that asked for it and those the caller may use, when options decided.
 */
export async function authorize(gate: Gate, ctx: CommandContext, refused: { options?: readonly string[]; allowed?: readonly string[] } = {}): Promise<void> {
  const required = requiredLevel(gate);
  if (required === RANK.member) return;
  const level = RANK[await accessLevelOf(ctx)];
  if (level >= required) return;
  const needed: AccessLevel = required >= RANK.admin ? 'admin' : 'moderator';
  throw new DomainError('FORBIDDEN', { level: needed, direct: ctx.direct ? 'yes' : 'no', ...refused });
}
