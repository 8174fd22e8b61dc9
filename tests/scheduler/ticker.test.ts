import { afterEach, describe, expect, it, vi } from 'vitest';
import { Ticker } from '../../src/scheduler/ticker.js';
import { capturedLogger } from '../support/logs.js';

/** Every second: node-cron accepts a seconds field, so a test waits one or two seconds, not a minute. */
const EVERY_SECOND = '* * * * * *';

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a log line');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const lines = (output: string) => output.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('a ticker on a schedule', () => {
  let ticker: Ticker<void> | undefined;
  afterEach(async () => {
    await ticker?.stop();
    vi.restoreAllMocks();
  });

  it('logs a pass that throws through the bot’s logger, redacted, and nothing on the console', async () => {
    const consoleError = vi.spyOn(console, 'error');
    const { logger, output } = capturedLogger();
    const token = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5OnNlY3JldA';
    ticker = new Ticker('test-pass', logger, () => Promise.reject(new Error(`post to https://discord.com/api/v10/webhooks/100000000000000001/${token} refused`)), () => undefined);
    ticker.start(EVERY_SECOND);
    await until(() => output().includes('scheduled pass failed'));
    await ticker.stop();

    const failed = lines(output()).find((l) => l.msg === 'scheduled pass failed')!;
    expect(failed).toMatchObject({ level: 50, cron: 'test-pass', err: { type: 'Error' } });
    expect(JSON.stringify(failed.err)).toContain('webhooks/100000000000000001/[redacted]');
    expect(output()).not.toContain(token);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('logs node-cron’s own warning when a pass is still running at the next beat', async () => {
    const consoleWarn = vi.spyOn(console, 'warn');
    const { logger, output } = capturedLogger();
    let finish = () => {};
    const slow = new Promise<void>((resolve) => (finish = resolve));
    ticker = new Ticker('test-slow', logger, () => slow, () => undefined);
    ticker.start(EVERY_SECOND);
    try {
      await until(() => output().includes('task still running'));
    } finally {
      finish();
      await ticker.stop();
    }

    expect(lines(output()).find((l) => String(l.msg).includes('task still running'))).toMatchObject({ level: 40, cron: 'test-slow' });
    expect(consoleWarn).not.toHaveBeenCalled();
  });
});
