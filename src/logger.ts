import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger, type LevelWithSilent, type LoggerOptions } from 'pino';
import type PinoPretty from 'pino-pretty';

export type { Logger } from 'pino';

/**
 * What a log line must never hold (DESIGN.md §2): tokens, interaction and webhook URLs (their
 * path carries a token that can answer as the bot), query parameters (they hold what members
 * typed: notes, client names, message text), and message text itself.
 */
const REDACTED = '[redacted]';

/** Field names whose values are secret or private wherever they appear in a logged object. */
const SECRET_FIELDS = ['token', 'authorization', 'parameters', 'params', 'query', 'queryParams', 'note', 'text', 'content', 'body', 'requestBody', 'json', 'files', 'values'];

/** pino `redact` paths: the fields above at the top level and one or two levels down. */
const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]).concat(['headers.authorization', '*.headers.authorization']);

/**
 * Secrets inside text: an interaction's callback URL (`/interactions/<id>/<token>/…`), a webhook's
 * (`/webhooks/<application>/<token>`), a bot token after `Bot `, Slack's response URLs and tokens,
 * and the parameters drizzle writes into a failed query's message (`params: …`, up to the
 * stack's first frame).
 */
function scrubText(text: string): string {
  return text
    .replace(/(interactions\/[^/\s]+\/)[^/\s?#"']+/g, `$1${REDACTED}`)
    .replace(/(webhooks\/[^/\s]+\/)[^/\s?#"']+/g, `$1${REDACTED}`)
    .replace(/\b(Bot|Bearer)\s+[\w.-]{20,}/g, `$1 ${REDACTED}`)
    // Slack: a response_url (…/commands|actions/<team>/<id>/<secret>) answers as the app; bot, user and app tokens.
    .replace(/(hooks\.slack\.com\/(?:commands|actions)\/[^/\s]+\/[^/\s]+\/)[^/\s?#"']+/g, `$1${REDACTED}`)
    .replace(/\bx(?:ox[abpers]|app)-[\w-]+/g, REDACTED)
    .replace(/params: [\s\S]*?(?=\n\s+at |$)/g, `params: ${REDACTED}`);
}

interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  code?: string | number;
  status?: number;
  method?: string;
  url?: string;
  cause?: SerializedError | string;
}

/**
 * Errors are logged by an allow-list: the type, message, stack, code, HTTP status, method and URL
 * (with any token in it removed), and the cause the same way. Everything else an error may carry
 * (postgres.js's `parameters` and `query`, PGlite's, drizzle's `params`, discord.js's
 * `requestBody` with the reply's text) is left out.
 */
function serializeError(value: unknown, depth = 0): SerializedError | string {
  if (!(value instanceof Error)) return typeof value === 'string' ? scrubText(value) : REDACTED;
  const e = value as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown; cause?: unknown };
  const out: SerializedError = { type: e.name || e.constructor.name, message: scrubText(e.message) };
  if (e.stack) out.stack = scrubText(e.stack);
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (typeof e.status === 'number') out.status = e.status;
  if (typeof e.method === 'string') out.method = e.method;
  if (typeof e.url === 'string') out.url = scrubText(e.url);
  if (e.cause !== undefined && depth < 5) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/** Strings in a logged object (a library's warning, a URL in a field) scrubbed as above; errors are left to their serializer. */
function scrubFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 4 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => scrubFields(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubFields(v, depth + 1)]));
}

/** The options every Kenshu logger is made with: redaction, the error serializer, scrubbed messages. */
const LOGGER_OPTIONS: LoggerOptions = {
  base: { app: 'kenshu' },
  redact: { paths: REDACT_PATHS, censor: REDACTED },
  serializers: { err: (e: unknown) => serializeError(e), error: (e: unknown) => serializeError(e) },
  formatters: { log: (object) => scrubFields(object) as Record<string, unknown> },
  hooks: {
    logMethod(args, method) {
      method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
    },
  },
};

/**
 * pino-pretty, when it is installed. It is a development dependency: `npm ci` installs it for
 * `npm start`, but the Docker image keeps production modules only and logs JSON.
 */
function loadPretty(): typeof PinoPretty | undefined {
  try {
    return createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * The one logger. Pretty, coloured lines on a terminal when pino-pretty is installed; JSON lines
 * otherwise, for log collectors. `fd` is 2 in the console so logs never mix into the replies on
 * stdout; `destination` (tests) takes the lines instead.
 */
export function createLogger(options: { level: LevelWithSilent; fd: 1 | 2; destination?: DestinationStream }): Logger {
  const base = { ...LOGGER_OPTIONS, level: options.level };
  if (options.destination) return pino(base, options.destination);
  const isTerminal = (options.fd === 1 ? process.stdout : process.stderr).isTTY === true;
  const pretty = isTerminal ? loadPretty() : undefined;
  if (pretty) return pino(base, pretty({ destination: options.fd, colorize: true, sync: true, ignore: 'pid,hostname,app' }));
  return pino(base, pino.destination({ fd: options.fd, sync: true }));
}
