import { IANAZone } from 'luxon';
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
  SLACK_BOT_TOKEN: optional(z.string().startsWith('xoxb-', 'must be a bot token (xoxb-…)')),
  SLACK_APP_TOKEN: optional(z.string().startsWith('xapp-', 'must be an app-level token (xapp-…)')),
  SLACK_SIGNING_SECRET: optional(z.string().min(8, 'looks too short for a signing secret')),
  SLACK_PORT: optional(port),
  SLACK_API_URL: optional(httpUrl),
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })),
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
  discord?: { token: string; applicationId: string; apiUrl?: string };
  slack?: { botToken: string; appToken?: string; signingSecret?: string; port?: number; apiUrl?: string };
  database: { url: string } | { dataDir: string };
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

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
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
  if (problems.length > 0) throw new ConfigError(`Kenshu cannot start: check these environment variables.\n${problems.join('\n')}`);

  return {
    ...(e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID
      ? { discord: { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, ...(e.DISCORD_API_URL ? { apiUrl: e.DISCORD_API_URL } : {}) } }
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
    database: e.DATABASE_URL ? { url: e.DATABASE_URL } : { dataDir: e.DATA_DIR },
    nudgeCron: e.NUDGE_CRON,
    ...(e.LOG_LEVEL ? { logLevel: e.LOG_LEVEL } : {}),
    defaultLocale: e.DEFAULT_LOCALE,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    ...(e.HTTP_PORT ? { httpPort: e.HTTP_PORT } : {}),
    flagTtlDays: e.FLAG_TTL_DAYS,
    exportDir: e.KENSHU_EXPORT_DIR,
  };
}
