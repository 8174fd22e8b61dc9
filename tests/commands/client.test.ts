import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reporterOf, type Reply } from '../../src/commands/command.js';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import type { Locale } from '../../src/domain/member.js';
import { reviewReport } from '../../src/domain/reports.js';
import { flagClient, lookupClient, retractFlag, type FlagCategory } from '../../src/domain/warning-list.js';
import { commandHarness, replyText, silentLogger } from '../support/commands.js';
import { rejectionCodeOf } from '../support/errors.js';

type Harness = Awaited<ReturnType<typeof commandHarness>>;

const HOUR = 60 * 60 * 1000;

/** Helpers over one harness: record, report, approve and look up as any member of its community. */
function clientCommands(get: () => Harness) {
  /** Records a delivery, by default on the day it was delivered (`recordedNow`: at the clock's time, as a late entry). */
  const deliver = async (user: string, client: string, options: { delivered?: string; marketplace?: string; recordedNow?: boolean } = {}) => {
    const delivered = options.delivered ?? '2026-11-20';
    const record = () => get().run('/deliver new', { client, title: 'SEO article', delivered, ...(options.marketplace ? { marketplace: options.marketplace } : {}) }, { user });
    const reply = options.recordedNow ? await record() : await get().at(`${delivered}T12:00:00+09:00`, record);
    expect(reply.tone).toBe('success');
    return Number(/#(\d+)/.exec(reply.title)![1]);
  };
  const reporter = async (user: string) => {
    const ctx = await get().contextFor(user);
    return reporterOf(ctx);
  };
  /** The error code `/client flag` would refuse with, through the domain function it calls. */
  const flagCode = async (user: string, input: { client: string; reason: FlagCategory; delivery?: string }) => rejectionCodeOf(flagClient(get().deps, await reporter(user), input));
  const flag = async (user: string, input: { client: string; reason: FlagCategory; delivery?: string; note?: string }, locale: Locale = 'en'): Promise<Reply> =>
    get().run('/client flag', input, { user, locale });
  /** Files a report with the command and returns its number. */
  const filed = async (user: string, input: { client: string; reason: FlagCategory; delivery?: string; note?: string }) => {
    const reply = await flag(user, input);
    expect(reply.tone, replyText(reply)).toBe('success');
    return Number(/#(\d+)/.exec(reply.title)![1]);
  };
  /** Approves report `number` of the community, as a moderator does. */
  const approve = async (number: number) => {
    const reply = await get().run('/mod approve', { report: String(number) }, { user: 'moderator', roles: ['moderator'] });
    expect(reply.tone, replyText(reply)).toBe('success');
  };
  const lookup = async (client: string, user = 'viewer', locale: Locale = 'en') => replyText(await get().run('/client lookup', { client }, { user, locale }));
  return { deliver, reporter, flagCode, flag, filed, approve, lookup };
}

describe('/client flag: the rules for filing a report', () => {
  let h: Harness;
  const c = clientCommands(() => h);
  beforeAll(async () => {
    h = await commandHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it("needs one of the reporter's own deliveries, for the client reported", async () => {
    await c.deliver('own-alice', 'https://crowdworks.jp/public/employers/6001');
    await c.deliver('own-alice', 'https://crowdworks.jp/public/employers/6001');
    await c.deliver('own-bob', 'Other Co', { marketplace: 'direct' });

    // Alice's #2 is not Bob's: another writer's delivery number is never found.
    expect(await c.flagCode('own-bob', { client: 'crowdworks:6001', reason: 'unpaid', delivery: '2' })).toBe('DELIVERY_NOT_FOUND');
    const notFound = await c.flag('own-bob', { client: 'crowdworks:6001', reason: 'unpaid', delivery: '2' });
    expect(notFound.tone).toBe('error');
    expect(replyText(notFound)).toContain('You have no delivery #2.');
    // Bob's own #1 is with another client.
    expect(await c.flagCode('own-bob', { client: 'crowdworks:6001', reason: 'unpaid', delivery: '1' })).toBe('FLAG_DELIVERY_MISMATCH');
    expect(replyText(await c.flag('own-bob', { client: 'crowdworks:6001', reason: 'unpaid', delivery: '1' }))).toContain('Your delivery #1 is with Other Co, not this client.');
    // A client nobody has recorded cannot match any delivery either.
    expect(await c.flagCode('own-bob', { client: 'crowdworks:6999', reason: 'unpaid', delivery: '1' })).toBe('FLAG_DELIVERY_MISMATCH');
    expect(await h.deps.warnings.countFlagsSince((await c.reporter('own-bob')).memberId, h.community.id, new Date(0))).toBe(0);

    // Alice, with her own delivery, named by URL or by key.
    const reply = await c.flag('own-alice', { client: 'https://crowdworks.jp/public/employers/6001/', reason: 'unpaid', delivery: '#2' });
    expect(reply.tone).toBe('success');
    expect(reply.title).toMatch(/^Report #\d+ filed$/);
    expect(replyText(reply)).toContain('Reason: Unpaid');
    expect(replyText(reply)).toContain('never who reported or your note');
    const ja = await c.flag('own-alice', { client: 'crowdworks:6001', reason: 'late_acceptance', delivery: '1' }, 'ja');
    expect(ja.title).toMatch(/^報告 #\d+ を受け付けました$/);
    expect(replyText(ja)).toContain('理由: 検収の遅れ');
  });

  it('is refused before the first reminder day of the delivery\'s marketplace', async () => {
    const start = h.clock.now();
    try {
      // CrowdWorks: the first reminder is on day 3; delivered two days ago.
      await c.deliver('early', 'https://crowdworks.jp/public/employers/6101', { delivered: '2026-11-24' });
      expect(await c.flagCode('early', { client: 'crowdworks:6101', reason: 'no_response_after_delivery', delivery: '1' })).toBe('FLAG_TOO_EARLY');
      expect(replyText(await c.flag('early', { client: 'crowdworks:6101', reason: 'no_response_after_delivery', delivery: '1' }))).toContain('wait until day 3 after delivery #1');
      const ja = await c.flag('early', { client: 'crowdworks:6101', reason: 'no_response_after_delivery', delivery: '1' }, 'ja');
      expect(replyText(ja)).toContain('納品 #1 から3日目');

      // Coconala: day 2, counted from noon of the delivery date (2026-11-24 12:00 JST).
      await c.deliver('early', 'https://coconala.com/users/6102', { delivered: '2026-11-24' });
      expect(await c.flagCode('early', { client: 'coconala:6102', reason: 'no_response_after_delivery', delivery: '2' })).toBe('FLAG_TOO_EARLY');
      h.clock.set('2026-11-26T11:59:00+09:00');
      expect(await c.flagCode('early', { client: 'coconala:6102', reason: 'no_response_after_delivery', delivery: '2' })).toBe('FLAG_TOO_EARLY');
      h.clock.set('2026-11-26T12:00:00+09:00');
      expect((await c.flag('early', { client: 'coconala:6102', reason: 'no_response_after_delivery', delivery: '2' })).tone).toBe('success');

      // A direct client: day 3.
      await c.deliver('early', 'Tanaka Design', { delivered: '2026-11-23', marketplace: 'direct' });
      expect(await c.flagCode('early', { client: '田中 Design', reason: 'unpaid', delivery: '3' })).toBe('FLAG_DELIVERY_MISMATCH');
      expect((await c.flag('early', { client: 'TANAKA DESIGN', reason: 'unpaid', delivery: '3' })).tone).toBe('success');
    } finally {
      h.clock.set(start);
    }
  });

  it('counts the wait from when Kenshu recorded the delivery, so a backdated one cannot be reported at once', async () => {
    const start = h.clock.now();
    try {
      // Typed as delivered long ago, recorded now: Kenshu has not yet seen any silence.
      await c.deliver('backdater', 'https://crowdworks.jp/public/employers/6151', { delivered: '2025-01-01', recordedNow: true });
      expect(await c.flagCode('backdater', { client: 'crowdworks:6151', reason: 'unpaid', delivery: '1' })).toBe('FLAG_TOO_EARLY');
      expect(replyText(await c.flag('backdater', { client: 'crowdworks:6151', reason: 'unpaid', delivery: '1' }))).toContain('wait until day 3 after you recorded delivery #1 in Kenshu');
      expect(replyText(await c.flag('backdater', { client: 'crowdworks:6151', reason: 'unpaid', delivery: '1' }, 'ja'))).toContain('納品 #1 を Kenshu に記録した日から3日目');
      h.clock.advance(3 * 24 * HOUR - 60 * 1000);
      expect(await c.flagCode('backdater', { client: 'crowdworks:6151', reason: 'unpaid', delivery: '1' })).toBe('FLAG_TOO_EARLY');
      h.clock.advance(60 * 1000);
      await c.filed('backdater', { client: 'crowdworks:6151', reason: 'unpaid', delivery: '1' });
    } finally {
      h.clock.set(start);
    }
  });

  it('allows one active report per reporter, client and kind; the reporter alone can retract it', async () => {
    await c.deliver('dup', 'https://crowdworks.jp/public/employers/6201');
    await c.deliver('dup-other', 'https://crowdworks.jp/public/employers/6201');
    const first = await c.filed('dup', { client: 'crowdworks:6201', reason: 'unpaid', delivery: '1' });
    expect(await c.flagCode('dup', { client: 'crowdworks:6201', reason: 'unpaid', delivery: '1' })).toBe('FLAG_DUPLICATE');
    expect(replyText(await c.flag('dup', { client: 'crowdworks:6201', reason: 'unpaid', delivery: '1' }))).toContain(
      'You already have an active report of this kind about this client. /client retract with its number takes it back; a report of another kind can be filed.',
    );
    // Another kind is another report; another writer may report the same kind.
    await c.filed('dup', { client: 'crowdworks:6201', reason: 'late_acceptance', delivery: '1' });
    await c.filed('dup-other', { client: 'crowdworks:6201', reason: 'unpaid', delivery: '1' });

    await c.approve(first);
    expect(await c.lookup('crowdworks:6201')).toContain('Unpaid: 1 report from 1 writer');

    // Someone else cannot retract it, and learns nothing about it.
    expect(await rejectionCodeOf(retractFlag(h.deps, await c.reporter('dup-other'), String(first)))).toBe('FLAG_NOT_FOUND');
    const foreign = await h.run('/client retract', { flag: String(first) }, { user: 'dup-other' });
    expect(replyText(foreign)).toContain(`You have no report #${first}.`);
    expect((await h.deps.reports.findByNumber(h.community.id, first))?.state).toBe('approved');
    expect(await rejectionCodeOf(retractFlag(h.deps, await c.reporter('dup'), '999999'))).toBe('FLAG_NOT_FOUND');
    expect(await rejectionCodeOf(retractFlag(h.deps, await c.reporter('dup'), 'first'))).toBe('FLAG_NOT_FOUND');

    const retracted = await h.run('/client retract', { flag: `F${first}` }, { user: 'dup' });
    expect(retracted.title).toBe(`Report #${first} retracted`);
    expect(await c.lookup('crowdworks:6201')).not.toContain('Unpaid');
    expect(await rejectionCodeOf(retractFlag(h.deps, await c.reporter('dup'), `#${first}`))).toBe('FLAG_NOT_ACTIVE');
    expect(replyText(await h.run('/client retract', { flag: String(first) }, { user: 'dup' }))).toContain(`Report #${first} is already retracted.`);

    // Retracted, it no longer blocks a new report of the same kind.
    const again = await c.filed('dup', { client: 'crowdworks:6201', reason: 'unpaid', delivery: '1' });
    expect(again).not.toBe(first);
    // A pending report can be retracted too.
    expect((await retractFlag(h.deps, await c.reporter('dup'), String(again))).state).toBe('retracted');
  });

  it('never shows the note or who reported in a lookup, in either language', async () => {
    const reporterName = 'hanako-reporter-8841';
    const note = 'NOTE-ONLY-FOR-MODS: 電話 090-1234-5678';
    await c.deliver(reporterName, 'https://crowdworks.jp/public/employers/6301');
    await c.deliver(reporterName, '株式会社ミドリ出版', { marketplace: 'direct' });
    await c.approve(await c.filed(reporterName, { client: 'crowdworks:6301', reason: 'unpaid', delivery: '1', note }));
    await c.approve(await c.filed(reporterName, { client: 'ミドリ出版', reason: 'abusive_communication', delivery: '2', note }));

    const shown = {
      'crowdworks:6301': { en: 'Unpaid: 1 report from 1 writer', ja: '未払い: 1人から1件' },
      'ﾐﾄﾞﾘ出版': { en: 'Abusive communication: 1 report from 1 writer', ja: '威圧的・不適切な連絡: 1人から1件' },
    };
    for (const [client, expected] of Object.entries(shown)) {
      for (const [user, locale] of [['viewer', 'en'], ['viewer-ja', 'ja'], [reporterName, 'en'], ['moderator', 'ja']] as const) {
        const text = await c.lookup(client, user, locale);
        expect(text).toContain(expected[locale]);
        expect(text).not.toContain('NOTE-ONLY-FOR-MODS');
        expect(text).not.toContain('090-1234-5678');
        expect(text).not.toContain(reporterName);
        expect(text).not.toContain('8841');
      }
      const result = await lookupClient(h.deps, { communityId: h.community.id, memberId: 0, showFromOthers: 'all', consensusMinWriters: 1 }, client);
      expect(result.kind).toBe('found');
      const json = JSON.stringify(result);
      expect(json).not.toContain('NOTE-ONLY-FOR-MODS');
      expect(json).not.toContain(reporterName);
      expect(json).not.toContain('reporter');
    }
  });
});

describe('/client flag: the daily limit', () => {
  let h: Harness;
  const c = clientCommands(() => h);
  beforeAll(async () => {
    h = await commandHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const settings = findCommand(['mod', 'settings'])!.command;
  const setLimit = async (limit: string) =>
    expect((await executeCommand(settings, { flag_daily_limit: limit }, await h.contextFor('moderator', 'en', ['moderator']), silentLogger)).tone).toBe('success');

  it('allows three reports a day by default, per member, and again after 24 hours of clock time', async () => {
    await c.deliver('busy', 'https://crowdworks.jp/public/employers/7001');
    await c.deliver('busy', 'https://crowdworks.jp/public/employers/7002');
    await c.deliver('calm', 'https://crowdworks.jp/public/employers/7001');
    expect(h.community.flagDailyLimit).toBe(3);

    for (const reason of ['unpaid', 'late_acceptance', 'scope_creep'] as const) await c.filed('busy', { client: 'crowdworks:7001', reason, delivery: '1' });
    expect(await c.flagCode('busy', { client: 'crowdworks:7002', reason: 'unpaid', delivery: '2' })).toBe('FLAG_RATE_LIMITED');
    expect(replyText(await c.flag('busy', { client: 'crowdworks:7002', reason: 'unpaid', delivery: '2' }))).toContain('You can file at most 3 reports a day in this community.');
    expect(replyText(await c.flag('busy', { client: 'crowdworks:7002', reason: 'unpaid', delivery: '2' }, 'ja'))).toContain('1日3件まで');
    // Another member is not limited by it.
    await c.filed('calm', { client: 'crowdworks:7001', reason: 'unpaid', delivery: '1' });

    h.clock.advance(23 * HOUR + 59 * 60 * 1000);
    expect(await c.flagCode('busy', { client: 'crowdworks:7002', reason: 'unpaid', delivery: '2' })).toBe('FLAG_RATE_LIMITED');
    h.clock.advance(2 * 60 * 1000);
    await c.filed('busy', { client: 'crowdworks:7002', reason: 'unpaid', delivery: '2' });
  });

  it("follows the community's own limit", async () => {
    // One report in the last 24 hours (from the test above).
    await setLimit('1');
    expect((await h.contextFor('busy')).community.flagDailyLimit).toBe(1);
    expect(await c.flagCode('busy', { client: 'crowdworks:7002', reason: 'late_acceptance', delivery: '2' })).toBe('FLAG_RATE_LIMITED');
    expect(replyText(await c.flag('busy', { client: 'crowdworks:7002', reason: 'late_acceptance', delivery: '2' }))).toContain('You can file at most 1 report');
    await setLimit('2');
    await c.filed('busy', { client: 'crowdworks:7002', reason: 'late_acceptance', delivery: '2' });
    expect(await c.flagCode('busy', { client: 'crowdworks:7002', reason: 'scope_creep', delivery: '2' })).toBe('FLAG_RATE_LIMITED');
  });
});

describe('/client flag where reports need no delivery', () => {
  let h: Harness;
  const c = clientCommands(() => h);
  beforeAll(async () => {
    h = await commandHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  const setting = async (value: string, locale: Locale = 'en') => {
    const found = findCommand(['mod', 'settings'])!;
    return executeCommand(found.command, { flag_delivery: value }, await h.contextFor('moderator', locale, ['moderator']), silentLogger);
  };

  it('requires a delivery by default, and says so when none is given', async () => {
    expect(h.community.flagRequiresDelivery).toBe(true);
    expect(await c.flagCode('no-delivery', { client: 'crowdworks:8101', reason: 'unpaid' })).toBe('FLAG_DELIVERY_REQUIRED');
    expect(replyText(await c.flag('no-delivery', { client: 'crowdworks:8101', reason: 'unpaid' }))).toContain('In this community a report must be linked to one of your deliveries');
    expect(replyText(await c.flag('no-delivery', { client: 'crowdworks:8101', reason: 'unpaid' }, 'ja'))).toContain('報告にそのクライアントへのご自身の納品を指定する必要があります');
  });

  it('lets moderators make it optional: a report may then name a client Kenshu has never seen, and shows once approved', async () => {
    const changed = await setting('optional');
    expect(changed.tone).toBe('success');
    expect(replyText(changed)).toContain('A report links a delivery: Optional: a report may name the client only');
    expect(replyText(await setting('optional', 'ja'))).toContain('報告への納品の指定: 任意: クライアントの指定だけでも報告できる');
    expect((await h.contextFor('no-delivery')).community.flagRequiresDelivery).toBe(false);

    expect((await c.lookup('https://crowdworks.jp/public/employers/8102')).split('\n')[0]).toBe('No track record for crowdworks:8102');
    const id = await c.filed('no-delivery', { client: 'https://crowdworks.jp/public/employers/8102', reason: 'off_platform_request' });
    const flag = await h.deps.reports.findByNumber(h.community.id, id);
    expect(flag).toMatchObject({ state: 'pending', deliveryId: null, deliveredAt: null, daysWaited: null });
    await c.approve(id);
    const text = await c.lookup('crowdworks:8102');
    expect(text).toContain('Asked to deal off the platform: 1 report from 1 writer');
    expect(text).not.toContain('Since then');
    // The same client named another way is the same client, not a second one.
    expect(await c.flagCode('no-delivery', { client: 'crowdworks:8102', reason: 'off_platform_request' })).toBe('FLAG_DUPLICATE');
  });

  it('still checks a delivery that is given', async () => {
    await setting('optional');
    await c.deliver('with-delivery', 'https://crowdworks.jp/public/employers/8103', { delivered: '2026-11-25' });
    expect(await c.flagCode('with-delivery', { client: 'crowdworks:8103', reason: 'unpaid', delivery: '1' })).toBe('FLAG_TOO_EARLY');
    expect(await c.flagCode('with-delivery', { client: 'crowdworks:8199', reason: 'unpaid', delivery: '1' })).toBe('FLAG_DELIVERY_MISMATCH');
  });

  it('requires it again once set back', async () => {
    expect(replyText(await setting('required'))).toContain("A report links a delivery: Required: one of the reporter's own deliveries");
    expect(await c.flagCode('no-delivery', { client: 'crowdworks:8104', reason: 'unpaid' })).toBe('FLAG_DELIVERY_REQUIRED');
  });
});

describe('reports that expired', () => {
  it('no longer block a new report of the same kind', async () => {
    const h = await commandHarness('2026-11-26T10:00:00+09:00');
    try {
      await h.at('2026-11-01T12:00:00+09:00', () => h.run('/deliver new', { client: 'Expiring Client', title: 't', marketplace: 'direct', delivered: '2026-11-01' }, { user: 'expirer' }));
      const filed = await h.run('/client flag', { client: 'Expiring Client', reason: 'unpaid', delivery: '1' }, { user: 'expirer' });
      expect(filed.tone).toBe('success');
      const number = Number(/#(\d+)/.exec(filed.title)![1]);
      const moderator = await h.contextFor('mod', 'en', ['moderator']);
      await reviewReport(h.deps, { memberId: moderator.member.id, communityId: h.community.id }, { action: 'approve', report: String(number), ttlDays: 30 });
      expect(replyText(await h.run('/client flag', { client: 'Expiring Client', reason: 'unpaid', delivery: '1' }, { user: 'expirer' }))).toContain('You already have an active report');
      h.clock.advance(31 * 24 * 60 * 60 * 1000);
      const again = await h.run('/client flag', { client: 'Expiring Client', reason: 'unpaid', delivery: '1' }, { user: 'expirer' });
      expect(again.tone).toBe('success');
      expect((await h.deps.reports.findByNumber(h.community.id, number))?.state).toBe('expired');
    } finally {
      await h.close();
    }
  });

  it('names a report’s state in the reader’s language', async () => {
    const h = await commandHarness('2026-11-26T10:00:00+09:00');
    try {
      await h.at('2026-11-01T12:00:00+09:00', () => h.run('/deliver new', { client: 'Gone Client', title: 't', marketplace: 'direct', delivered: '2026-11-01' }, { user: 'ja-writer' }));
      await h.run('/client flag', { client: 'Gone Client', reason: 'unpaid', delivery: '1' }, { user: 'ja-writer' });
      await h.run('/client retract', { flag: '1' }, { user: 'ja-writer' });
      expect(replyText(await h.run('/client retract', { flag: '1' }, { user: 'ja-writer', locale: 'ja' }))).toContain('報告 #1 はすでに「取り下げ済み」の状態です。');
    } finally {
      await h.close();
    }
  });
});
