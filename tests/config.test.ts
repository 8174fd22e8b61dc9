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
      database: { url: 'postgres://kenshu@127.0.0.1:5432/kenshu', poolSize: 10 },
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
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE: must be at least 1'],
    [{ DATABASE_POOL_SIZE: 'many' }, 'DATABASE_POOL_SIZE'],
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

  describe('Discord sharding', () => {
    const discord = { DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAx.x.y', DISCORD_APPLICATION_ID: '100000000000000001' };

    it('runs the one shard of a small bot when unset', () => {
      expect(loadConfig(discord).discord?.shards).toBeUndefined();
    });

    it('runs every shard of an automatic count in one process', () => {
      expect(loadConfig({ ...discord, SHARD_COUNT: 'auto' }).discord?.shards).toEqual({ count: 'auto' });
    });

    it('runs the listed shards of a fixed count, or all of them when none are listed', () => {
      expect(loadConfig({ ...discord, SHARD_COUNT: '4', SHARD_IDS: '1, 3' }).discord?.shards).toEqual({ count: 4, ids: [1, 3] });
      expect(loadConfig({ ...discord, SHARD_COUNT: '2' }).discord?.shards).toEqual({ count: 2, ids: [0, 1] });
    });

    it('refuses shard numbers the count does not have, a shard listed twice, and ids without a count', () => {
      expect(problemsOf({ ...discord, SHARD_COUNT: '2', SHARD_IDS: '0,2' })).toContain('SHARD_IDS: shard numbers go from 0 to 1 with SHARD_COUNT=2 (not 2)');
      expect(problemsOf({ ...discord, SHARD_COUNT: '2', SHARD_IDS: '1,1' })).toContain('SHARD_IDS: a shard is listed twice');
      expect(problemsOf({ ...discord, SHARD_IDS: '0' })).toContain('SHARD_IDS: needs SHARD_COUNT');
      expect(problemsOf({ ...discord, SHARD_COUNT: 'auto', SHARD_IDS: '0' })).toContain('SHARD_IDS: cannot be given with SHARD_COUNT=auto');
      expect(problemsOf({ ...discord, SHARD_COUNT: '0' })).toContain('SHARD_COUNT');
      expect(problemsOf({ ...discord, SHARD_IDS: 'one' })).toContain('SHARD_IDS: must be shard numbers separated by commas');
    });
  });
});
