import type { Logger } from 'pino';
import { z } from 'zod';
import { inScope } from '../database-deadline.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import { describeError, messagesFor } from '../i18n/index.js';
import { authorize } from './access.js';
import { commandPath, type AnyCommand, type CommandContext, type Reply } from './command.js';
import type { Locale } from '../domain/member.js';
import { choiceName, describeOptions, type DescribedOption } from './options.js';

/**
 * The first problem zod found, as a coded error naming the option and what it allows: a number's
 * range, a choice's values, or for a formatted text (a date, an amount) the domain's own error,
 * which shows the format.
 */
function inputError(issue: z.core.$ZodIssue | undefined, options: readonly DescribedOption[], raw: Record<string, unknown>): DomainError {
  const field = String(issue?.path[0] ?? 'input');
  const meta = options.find((o) => o.name === field)?.meta;
  const value = raw[field];
  if (meta?.kind === 'integer' && value !== undefined) {
    return new DomainError('INVALID_INPUT', { field, issue: 'out_of_range', min: meta.min ?? 0, max: meta.max ?? 0 });
  }
  if (issue?.code === 'too_big' && meta?.parse && typeof value === 'string') {
    try {
      // Clipped first: the parser reads only what an error message may quote.
      meta.parse(value.slice(0, 200));
    } catch (error) {
      if (isDomainError(error)) return error;
      throw error;
    }
  }
  switch (issue?.code) {
    case 'too_big':
      return new DomainError('INVALID_INPUT', { field, issue: 'too_long', max: Number(issue.maximum) });
    case 'too_small':
      return new DomainError('INVALID_INPUT', { field, issue: 'required' });
    case 'invalid_type':
      return new DomainError('INVALID_INPUT', { field, issue: value === undefined ? 'required' : 'invalid' });
    case 'invalid_value':
      return new DomainError('INVALID_INPUT', {
        field,
        issue: 'invalid_choice',
        choices: issue.values.map(String),
        ...(meta?.labels ? { labels_en: issue.values.map((v) => choiceName(meta, String(v), 'en')), labels_ja: issue.values.map((v) => choiceName(meta, String(v), 'ja')) } : {}),
      });
    default:
      return new DomainError('INVALID_INPUT', { field, issue: 'invalid' });
  }
}

export function errorReply(error: DomainError, ctx: Pick<CommandContext, 'locale'>): Reply {
  return { tone: 'error', title: messagesFor(ctx.locale).errorTitle, lines: [describeError(error, ctx.locale)] };
}

/**
 * The one error boundary every adapter goes through: a coded error becomes a localized message;
 * anything else is logged with its stack and the user gets a short apology, never the raw error
 * text. A notice waiting for the member (their DMs were closed) rides along on the reply. Store
 * calls inside are bounded by the database deadline, and how long the work took is measured.
 */
export async function withBoundary(ctx: CommandContext, logger: Logger, name: string, work: (ctx: CommandContext) => Promise<Reply>): Promise<Reply> {
  let reply: Reply;
  const started = performance.now();
  try {
    // The work's store calls count in a scope of this interaction's own (the database deadline).
    reply = await work({ ...ctx, deps: inScope(ctx.deps, { wrote: false }) });
  } catch (error) {
    if (isDomainError(error)) {
      logger.debug({ command: { name }, code: error.code }, 'command refused');
      reply = errorReply(error, ctx);
    } else {
      logger.error({ err: error, command: { name }, memberId: ctx.member.id }, 'command failed');
      reply = { tone: 'error', title: messagesFor(ctx.locale).errorTitle, lines: [messagesFor(ctx.locale).apology] };
    }
  }
  // A button's name carries its id: counted as one series, not one per button.
  ctx.deps.metrics?.commandSeconds(ctx.platform, name.startsWith('button ') ? 'button' : name, (performance.now() - started) / 1000);
  if (ctx.member.pendingNotice) {
    try {
      await ctx.deps.members.setPendingNotice(ctx.member.id, null);
      reply = { ...reply, footer: [...(reply.footer ?? []), `⚠ ${messagesFor(ctx.locale).nudge.dmClosedNotice}`] };
    } catch (error) {
      logger.warn({ err: error }, 'could not clear a pending notice; it will show next time');
    }
  }
  return reply;
}

/**
 * What is wrong with raw input, by option, in the caller's language: for a form that shows each
 * problem next to its field (Slack's modal) before anything runs. Empty when the input parses.
 * Authorization is not checked here; `executeCommand` still does that when the input is run.
 */
export function inputProblems(command: AnyCommand, raw: Record<string, unknown>, locale: Locale): Record<string, string> {
  const options = describeOptions(command.input);
  const problems: Record<string, string> = {};
  const parsed = command.input.safeParse(raw);
  for (const issue of parsed.error?.issues ?? []) {
    const field = String(issue.path[0] ?? '');
    if (!options.some((o) => o.name === field) || field in problems) continue;
    problems[field] = describeError(inputError(issue, options, raw), locale);
  }
  // A formatted value (an amount, a duration) the schema lets through as text: its own parser,
  // pure and quick, says what is wrong with it.
  for (const { name, meta } of options) {
    const value = raw[name];
    if (name in problems || !meta?.parse || typeof value !== 'string') continue;
    try {
      meta.parse(value);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      problems[name] = describeError(error, locale);
    }
  }
  return problems;
}

/** Validates raw option values against the command's definition and runs it inside the boundary. */
export async function executeCommand(command: AnyCommand, raw: Record<string, unknown>, ctx: CommandContext, logger: Logger): Promise<Reply> {
  const path = commandPath(command);
  return withBoundary(ctx, logger, path, async (ctx) => {
    // Before anything else: a refused caller learns nothing about the options either.
    await authorize(command, ctx);
    const options = describeOptions(command.input);
    const known = new Set(options.map((o) => o.name));
    const unknown = Object.keys(raw).find((key) => !known.has(key));
    if (unknown !== undefined) throw new DomainError('UNKNOWN_OPTION', { option: unknown.slice(0, 40), command: path, options: [...known] });

    const parsed = command.input.safeParse(raw);
    if (!parsed.success) throw inputError(parsed.error.issues[0], options, raw);
    return command.run(parsed.data, ctx);
  });
}
