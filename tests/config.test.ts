import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('starts the console on the embedded database with the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      database: { dataDir: './data' },
      nudgeCron: '* * * * *',
      defaultLocale: 'ja',
      defaultTimezone: 'Asia/Tokyo',
      flagTtlDays: 365,
      exportDir: './kenshu-exports',
    });
  });

  it('treats empty variables, as .env files leave them, as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', DISCORD_TOKEN: ' ', HTTP_PORT: '' })).toEqual(loadConfig({}));
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'x'.repeat(60),
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:8081/api/',
      DATABASE_URL: 'postgres://kenshu@127.0.0.1:5432/kenshu',
      NUDGE_CRON: '*/5 * * * *',
      LOG_LEVEL: 'debug',
      DEFAULT_LOCALE: 'en',
      DEFAULT_TIMEZONE: 'America/New_York',
      HTTP_PORT: '8080',
      FLAG_TTL_DAYS: '180',
      KENSHU_EXPORT_DIR: '/srv/kenshu/exports',
    });
    expect(config).toMatchObject({
      discord: { applicationId: '123456789012345678', apiUrl: 'http://127.0.0.1:8080/api' },
      slack: { botToken: 'xoxb-1', appToken: 'xapp-1', apiUrl: 'http://127.0.0.1:8081/api/' },
      database: { url: 'postgres://kenshu@127.0.0.1:5432/kenshu' },
      nudgeCron: '*/5 * * * *',
      logLevel: 'debug',
      defaultLocale: 'en',
      defaultTimezone: 'America/New_York',
      httpPort: 8080,
      flagTtlDays: 180,
      exportDir: '/srv/kenshu/exports',
    });
  });

  it.each([
    [{ DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE'],
    [{ DEFAULT_TIMEZONE: 'Tokyo' }, 'DEFAULT_TIMEZONE: must be an IANA time zone'],
    [{ NUDGE_CRON: 'often' }, 'NUDGE_CRON: must be a cron expression'],
    [{ HTTP_PORT: '99999' }, 'HTTP_PORT: must be a port number'],
    [{ DATABASE_URL: 'mysql://x@localhost/db' }, 'DATABASE_URL: must be a postgres:// URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ FLAG_TTL_DAYS: '0' }, 'FLAG_TTL_DAYS: must be at least 1 day'],
    [{ FLAG_TTL_DAYS: 'a year' }, 'FLAG_TTL_DAYS'],
    [{ DISCORD_TOKEN: 'x'.repeat(60) }, 'DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_APP_TOKEN: required with SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'xapp-wrong' }, 'SLACK_BOT_TOKEN: must be a bot token'],
  ])('refuses %o, naming the variable', (env, expected) => {
    expect(problemsOf(env)).toContain(expected);
  });

  it('lists every problem at once', () => {
    const message = problemsOf({ DEFAULT_LOCALE: 'fr', HTTP_PORT: 'abc' });
    expect(message).toContain('DEFAULT_LOCALE');
    expect(message).toContain('HTTP_PORT');
  });
});
