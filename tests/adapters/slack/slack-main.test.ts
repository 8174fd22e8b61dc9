import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { compiledPath } from '../../support/compiled-program.js';
import { seedDataDir } from '../../support/databases.js';
import { ROOT } from '../../support/run-main.js';

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
    const child = spawn(process.execPath, [await compiledPath('src/main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: slack.apiUrl, DATA_DIR: dataDir, NUDGE_CRON: '0 0 1 1 *', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await slack.waitForSocket(30_000);
      const ack = await slack.socketCommand(slack.slashCommand({ command: '/kenshu', text: 'deliver new client:"アクメ" title:"記事" marketplace:coconala', user: 'U0WRITER', channel: 'C0GENERAL' }));
      const answer = await slack.waitFor(() => slack.responses(ack.responseId as string)[0], 10_000);
      expect(answer).toMatchObject({ response_type: 'ephemeral' });
      expect(JSON.stringify(answer)).toContain('納品 #1 を記録しました');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, output).toBe(0);
  });
});
