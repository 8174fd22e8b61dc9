import type { webApi } from '@slack/bolt';
import { SlackBot } from '../../src/adapters/slack/slack-bot.js';
import type { CommandDeps } from '../../src/commands/command.js';
import type { Notifier } from '../../src/domain/notifier.js';
import type { Logger } from '../../src/logger.js';
import type { FakeSlack } from '../fakes/slack/fake-slack.js';
import { silentLogger } from './commands.js';
import { RecordingNotifier } from './recording-notifier.js';

/** How Kenshu is reached: Slack's Socket Mode, or signed requests to its HTTP receiver. */
export type SlackMode = 'socket' | 'http';

/** The signing secret of every test bot over HTTP; requests to it are signed with this. */
export const SLACK_TEST_SECRET = 'kenshu-slack-test-signing-secret';

/**
 * Kenshu's Slack adapter with the real Bolt, against the loopback Slack, started: by Socket Mode
 * (connected when this resolves) or over HTTP on a free port of 127.0.0.1. Web API calls are not
 * retried; the notifier only records, unless `makeNotifier` is given.
 */
export async function startSlackBot(
  slack: FakeSlack,
  mode: SlackMode,
  deps: CommandDeps,
  options: { logger?: Logger; makeNotifier?: (client: webApi.WebClient) => Notifier } = {},
): Promise<SlackBot> {
  const bot = new SlackBot({
    botToken: slack.botToken,
    ...(mode === 'socket' ? { appToken: slack.appToken } : { signingSecret: SLACK_TEST_SECRET, port: 0, host: '127.0.0.1' }),
    apiUrl: slack.apiUrl,
    retries: 0,
    deps,
    logger: options.logger ?? silentLogger,
    defaultLocale: 'en',
    makeNotifier: options.makeNotifier ?? (() => new RecordingNotifier('slack')),
  });
  await bot.start();
  if (mode === 'socket') await slack.waitForSocket();
  return bot;
}

/** Stops the bot and, by Socket Mode, waits for its socket to close, so the fake can stop cleanly. */
export async function stopSlackBot(slack: FakeSlack, bot: SlackBot | undefined): Promise<void> {
  if (!bot) return;
  const socket = slack.connected;
  await bot.stop();
  if (socket) await slack.waitFor(() => !slack.connected);
}
