import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, seedDataDir, TEST_DATABASE_URL } from '../support/databases.js';
import { runMain } from '../support/run-main.js';

/** The scripted session from the foundation issue: two deliveries, a list, one accepted, one paid. */
const SESSION = [
  '/deliver new client:"Acme Media" title:"SEO記事" marketplace:crowdworks delivered:2026-11-01 amount:5000',
  '/deliver new client:https://www.lancers.jp/client/beta_inc title:"恋愛コラム 3本" delivered:2026-11-20 escrow:no',
  '/deliver list',
  '/deliver accepted 1',
  '/deliver paid #2',
  '/deliver list show:all',
];

/** The reply blocks of a transcript, keyed by the command line echoed before each. */
function blocks(stdout: string): string[] {
  return stdout.split('\n› ').slice(1);
}

/** The session's replies in English (the same session in Japanese: console-session.test.ts). */
function expectSessionReplies(stdout: string) {
  const [new1, new2, list, accepted, paid, all] = blocks(stdout);
  expect(new1).toContain('✔ Delivery #1 recorded');
  expect(new1).toContain('Marketplace: CrowdWorks');
  expect(new1).toContain('Amount: ¥5,000');
  expect(new2).toContain('✔ Delivery #2 recorded');
  expect(new2).toContain('Client: lancers:beta_inc (https://www.lancers.jp/client/beta_inc)');
  expect(new2).toContain('Escrow (仮払い) is not funded');
  expect(list).toContain('Your open deliveries (2)');
  expect(list).toMatch(/#2 恋愛コラム 3本[\s\S]*#1 SEO記事/);
  expect(accepted).toContain('✔ Delivery #1 accepted');
  expect(paid).toContain('✔ Delivery #2 paid');
  expect(all).toContain('All your deliveries (2)');
  expect(all).toMatch(/#2 恋愛コラム 3本.*Paid\./);
  expect(all).toMatch(/#1 SEO記事.*Accepted\./);
}

describe('console (npm start with no platform tokens)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kenshu-console-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('plays a scripted session on the embedded database and exits when the input ends', async () => {
    // From the sources through the tsx command line, as `npm start` runs it; the other sessions
    // run the program compiled, as the production build does, which starts much quicker.
    const result = await runMain(SESSION, { DATA_DIR: dataDir, DEFAULT_LOCALE: 'en' }, { via: 'tsx-cli' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Kenshu console.');
    expectSessionReplies(result.stdout);
    expect(result.stdout.trim().endsWith('Bye.')).toBe(true);
  });

  it('finds the same data on the next start, and /as plays another writer who cannot touch it', async () => {
    const result = await runMain(
      ['/deliver list show:all', '/as hanako', '/deliver paid 1', '/deliver list', '/as writer', '/deliver accepted 2', '/bogus', '/deliver new title:"no client" marketplace:direct'],
      { DATA_DIR: dataDir, DEFAULT_LOCALE: 'en' },
    );
    expect(result.code).toBe(0);
    const [list, asHanako, hanakoPays, hanakoList, asWriter, cancel, bogus, noClient] = blocks(result.stdout);
    expect(list).toContain('All your deliveries (2)');
    expect(asHanako).toContain('You are now "hanako".');
    expect(hanakoPays).toContain('You have no delivery #1');
    expect(hanakoList).toContain('You have no open deliveries');
    expect(asWriter).toContain('You are now "writer".');
    expect(cancel).toContain('This delivery is already paid, so you cannot mark it accepted.');
    expect(bogus).toContain('There is no command "/bogus"');
    expect(noClient).toContain('Say who the client is: client: with their name, profile: with');
  });

  it('prints nudges as [DM] when /tick runs the scheduler, and presses their buttons', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kenshu-console-dm-'));
    await seedDataDir(dir);
    try {
      const result = await runMain(
        [
          '/deliver new client:"Acme Media" title:"SEO記事" marketplace:crowdworks delivered:2026-11-20',
          '/tick at:2026-11-23T13:00+09:00',
          '/press Show message',
          '/tick at:2026-11-29T10:00+09:00',
          '/press Accepted',
          '/tick at:2026-12-31T10:00+09:00',
          '/press Nope',
        ],
        { DATA_DIR: dir, DEFAULT_LOCALE: 'en' },
      );
      expect(result.code).toBe(0);
      const [, firstTick, show, secondTick, accepted, thirdTick, nope] = blocks(result.stdout);
      expect(firstTick).toMatch(/^\/tick at:2026-11-23T13:00\+09:00\n\[DM\] → writer\nℹ Check-in for #1 “SEO記事” \(3 days after delivery\)/);
      expect(firstTick).toContain('[Accepted] [Paid] [Snooze 3 days] [Stop reminders] [Show message]');
      expect(firstTick).toContain('1 sent');
      expect(show).toContain('Message to the client');
      // Day 9: stages 2 (day 7) and 3 (day 8) are both due by date; one message, the follow-up,
      // and the desk request comes a day after it.
      expect(secondTick?.match(/\[DM\]/g)).toHaveLength(1);
      expect(secondTick).toContain('Follow-up for #1');
      expect(secondTick).not.toContain('Ask CrowdWorks support');
      expect(accepted).toContain('✔ Delivery #1 accepted');
      expect(thirdTick).not.toContain('[DM]');
      expect(nope).toContain('There is no button "Nope"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a malformed variable, naming it', async () => {
    const result = await runMain([], { DATA_DIR: dataDir, DEFAULT_TIMEZONE: 'Mars/Olympus', NUDGE_CRON: 'every minute' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DEFAULT_TIMEZONE: must be an IANA time zone');
    expect(result.stderr).toContain('NUDGE_CRON: must be a cron expression');
    expect(result.stdout).toBe('');
  });

  describe.runIf(TEST_DATABASE_URL)('with DATABASE_URL', () => {
    it('plays the same session on PostgreSQL', async () => {
      const created = await createPostgresDatabase();
      try {
        const result = await runMain(SESSION, { DATABASE_URL: created.url, DEFAULT_LOCALE: 'en' });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('data: PostgreSQL');
        expectSessionReplies(result.stdout);
      } finally {
        await created.drop();
      }
    });
  });
});
