import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SLACK_COMMANDS } from '../../../src/adapters/slack/slack-bot.js';
import { ROOT } from '../../support/run-main.js';

interface Manifest {
  features: { app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean }; slash_commands: { command: string; description: string; should_escape: boolean }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

describe('slack-manifest.json', () => {
  it('creates the app with the commands Kenshu answers, its buttons and forms, and Socket Mode', async () => {
    const manifest = JSON.parse(await readFile(`${ROOT}/slack-manifest.json`, 'utf8')) as Manifest;
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([...SLACK_COMMANDS]);
    // Slack owns /remind: no app can register it.
    expect(manifest.features.slash_commands.map((c) => c.command)).not.toContain('/remind');
    expect(manifest.features.slash_commands.every((c) => c.description.length <= 100)).toBe(true);
    // Where a channel or member is picked (/mod settings, also as /kenshu mod …), Slack sends its id
    // (<#C…|name>, <@U…|name>), which the adapter turns into the bare id; elsewhere the text as typed.
    expect(manifest.features.slash_commands.filter((c) => c.should_escape).map((c) => c.command)).toEqual(['/kenshu', '/mod']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    // DMs to Kenshu are answered (message.im, read with im:history) and the Home tab lists open deliveries.
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'message.im']);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    // What the adapter calls: commands, messages and DMs, their history (a retried nudge or digest is looked for before it is sent again), members' admin flag and language, files,
    // and conversations.info on public and private channels (a setting names only this workspace's channels, with Kenshu in them).
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['channels:history', 'channels:read', 'chat:write', 'commands', 'files:write', 'groups:history', 'groups:read', 'im:history', 'im:write', 'users:read']);
  });
});
