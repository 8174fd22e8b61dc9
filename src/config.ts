import { IANAZone } from 'luxon';
import { DEFAULT_POOL_SIZE } from './store/pool-size.js';
import cron from 'node-cron';
import { z } from 'zod';
import { LIMITS } from './domain/limits.js';
import { LOCALES } from './domain/member.js';

/**
 * The only reader of the environment. Every variable Kenshu understands is here, with its
 * default; anything missing or malformed stops start-up with a message naming the variable.
 */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, value: z.input<T>) => z.preprocess(blankToUndefined, schema.default(value as never));

const port = z.coerce.number().int('must be a whole number').min(1, 'must be a port number (1-65535)').max(65535, 'must be a port number (1-65535)');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

const EnvSchema = z.object({
  DISCORD_TOKEN: optional(z.string().min(20, 'looks too short for a Discord bot token')),
  DISCORD_APPLICATION_ID: optional(z.string().regex(/^\d{15,25}$/, 'must be the numeric application id')),
  DISCORD_API_URL: optional(httpUrl),
  SHARD_COUNT: optional(z.union([z.literal('auto'), z.coerce.number().int('must be a whole number or auto').min(1, 'must be at least 1').max(1000, 'must be at most 1000')])),
  SHARD_IDS: optional(z.string().regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'must be shard numbers separated by commas, e.g. 0,1')),
  SLACK_BOT_TOKEN: optional(z.string().startsWith('xoxb-', 'must be a bot token (xoxb-…)')),
  SLACK_APP_TOKEN: optional(z.string().startsWith('xapp-', 'must be an app-level token (xapp-…)')),
  SLACK_SIGNING_SECRET: optional(z.string().min(8, 'looks too short for a signing secret')),
  SLACK_PORT: optional(port),
  SLACK_API_URL: optional(httpUrl),
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })),
  DATABASE_POOL_SIZE: withDefault(z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100'), DEFAULT_POOL_SIZE),
  DATA_DIR: withDefault(z.string(), './data'),
  NUDGE_CRON: withDefault(
    z.string().refine((v) => cron.validate(v), 'must be a cron expression such as "* * * * *"'),
    '* * * * *',
  ),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  DEFAULT_LOCALE: withDefault(z.enum(LOCALES), 'ja'),
  DEFAULT_TIMEZONE: withDefault(
    z.string().refine((v) => IANAZone.isValidZone(v), 'must be an IANA time zone such as Asia/Tokyo'),
    'Asia/Tokyo',
  ),
  HTTP_PORT: optional(port),
  KENSHU_EXPORT_DIR: withDefault(z.string(), './kenshu-exports'),
  FLAG_TTL_DAYS: withDefault(z.coerce.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(LIMITS.flagTtlDaysMax, `must be at most ${LIMITS.flagTtlDaysMax} days`), 365),
});

type Env = z.output<typeof EnvSchema>;

export interface Config {
  discord?: { token: string; applicationId: string; apiUrl?: string; shards?: DiscordShards };
  slack?: { botToken: string; appToken?: string; signingSecret?: string; port?: number; apiUrl?: string };
  /** PostgreSQL, with the connections to keep open; or the embedded database in a directory. */
  database: { url: string; poolSize: number } | { dataDir: string };
  nudgeCron: string;
  /** Unset means: info on a chat platform, warn in the console (which shares the terminal). */
  logLevel?: Env['LOG_LEVEL'];
  defaultLocale: Env['DEFAULT_LOCALE'];
  defaultTimezone: string;
  httpPort?: number;
  /** How long an approved report about a client stays visible. */
  flagTtlDays: number;
  /** Where the console writes the files a reply carries (an evidence file). */
  exportDir: string;
}

/**
 * Which of the bot's Discord gateway shards this process runs (discord.js sharding): all of an
 * automatic count in one process, or the listed ones of a fixed count, so several Kenshu
 * instances can share a big bot, one set of shards each.
 */
export type DiscordShards = { count: 'auto' } | { count: number; ids: number[] };

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** SHARD_COUNT and SHARD_IDS as one setting; unset means discord.js's single shard. */
function shardsOf(e: Env, problems: string[]): DiscordShards | undefined {
  if (e.SHARD_COUNT === undefined) {
    if (e.SHARD_IDS !== undefined) problems.push('  SHARD_IDS: needs SHARD_COUNT, the number of shards across all instances');
    return undefined;
  }
  if (e.SHARD_COUNT === 'auto') {
    if (e.SHARD_IDS !== undefined) problems.push('  SHARD_IDS: cannot be given with SHARD_COUNT=auto (one process then runs every shard)');
    return { count: 'auto' };
  }
  const count = e.SHARD_COUNT;
  const ids = e.SHARD_IDS === undefined ? Array.from({ length: count }, (_, i) => i) : e.SHARD_IDS.split(',').map((id) => Number(id.trim()));
  const wrong = ids.filter((id) => id >= count);
  if (wrong.length > 0) problems.push(`  SHARD_IDS: shard numbers go from 0 to ${count - 1} with SHARD_COUNT=${count} (not ${wrong.join(', ')})`);
  if (new Set(ids).size !== ids.length) problems.push('  SHARD_IDS: a shard is listed twice');
  return { count, ids };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`Kenshu cannot start: check these environment variables.\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.DISCORD_TOKEN && !e.DISCORD_APPLICATION_ID) problems.push('  DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set');
  if (!e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID) problems.push('  DISCORD_TOKEN: required when DISCORD_APPLICATION_ID is set');
  if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !(e.SLACK_SIGNING_SECRET && e.SLACK_PORT)) {
    problems.push('  SLACK_APP_TOKEN: required with SLACK_BOT_TOKEN for Socket Mode (or set SLACK_SIGNING_SECRET and SLACK_PORT to serve HTTP)');
  }
  if (!e.SLACK_BOT_TOKEN && (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET)) problems.push('  SLACK_BOT_TOKEN: required when other SLACK_ variables are set');
  const shards = shardsOf(e, problems);
  if (problems.length > 0) throw new ConfigError(`Kenshu cannot start: check these environment variables.\n${problems.join('\n')}`);

  return {
    ...(e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID
      ? { discord: { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, ...(e.DISCORD_API_URL ? { apiUrl: e.DISCORD_API_URL } : {}), ...(shards ? { shards } : {}) } }
      : {}),
    ...(e.SLACK_BOT_TOKEN
      ? {
          slack: {
            botToken: e.SLACK_BOT_TOKEN,
            ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
            ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
            ...(e.SLACK_PORT ? { port: e.SLACK_PORT } : {}),
            ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
          },
        }
      : {}),
    database: e.DATABASE_URL ? { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE } : { dataDir: e.DATA_DIR },
    nudgeCron: e.NUDGE_CRON,
    ...(e.LOG_LEVEL ? { logLevel: e.LOG_LEVEL } : {}),
    defaultLocale: e.DEFAULT_LOCALE,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    ...(e.HTTP_PORT ? { httpPort: e.HTTP_PORT } : {}),
    flagTtlDays: e.FLAG_TTL_DAYS,
    exportDir: e.KENSHU_EXPORT_DIR,
  };
}
