import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { seedDataDir } from '../../support/databases.js';
import { startKenshu } from '../../support/run-main.js';

/**
 * `npm start` with Slack tokens: the composition root connects by Socket Mode, answers a command in
 * the member's language, and stops cleanly. It runs compiled, as the Docker image does.
 */
describe('npm start with SLACK_BOT_TOKEN and SLACK_APP_TOKEN', () => {
  let slack: FakeSlack;
  let dataDir: string;
  beforeAll(async () => {
    slack = await FakeSlack.start({ users: [{ id: 'U0WRITER', name: 'hanako', locale: 'ja-JP' }] });
    dataDir = await mkdtemp(join(tmpdir(), 'kenshu-slack-main-'));
    await seedDataDir(dataDir);
  });
  afterAll(async () => {
    await slack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('connects by Socket Mode, records a delivery from /kenshu in Japanese, and exits 0 on SIGTERM', async () => {
    const kenshu = await startKenshu({ SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: slack.apiUrl, DATA_DIR: dataDir });
    let code: number | null | undefined;
    try {
      await slack.waitForSocket(30_000);
      const ack = await slack.socketCommand(slack.slashCommand({ command: '/kenshu', text: 'deliver new client:"アクメ" title:"記事" marketplace:coconala', user: 'U0WRITER', channel: 'C0GENERAL' }));
      const answer = await slack.waitFor(() => slack.responses(ack.responseId as string)[0], 10_000);
      expect(answer).toMatchObject({ response_type: 'ephemeral' });
      expect(JSON.stringify(answer)).toContain('納品 #1 を記録しました');
    } finally {
      code = await kenshu.stop();
    }
    expect(code, kenshu.output()).toBe(0);
  });
});
