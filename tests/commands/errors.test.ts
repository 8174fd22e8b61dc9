import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import type { Locale } from '../../src/domain/member.js';
import { FLAG_CATEGORIES } from '../../src/domain/warning-list.js';
import { messagesFor } from '../../src/i18n/index.js';
import { nudgeText } from '../../src/i18n/nudges/index.js';
import { commandHarness, replyText, silentLogger } from '../support/commands.js';

type Harness = Awaited<ReturnType<typeof commandHarness>>;

/** Errors that say what is allowed: a range, a format, an example. */
describe('errors that say what is allowed', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await commandHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const modSettings = findCommand(['mod', 'settings'])!.command;
  const asModerator = async (raw: Record<string, string>, locale: Locale = 'en') => executeCommand(modSettings, raw, await h.contextFor('moderator', locale, ['moderator']), silentLogger);

  it.each([
    ['flag_daily_limit', '1000'],
    ['flag_daily_limit', '51'],
    ['flag_daily_limit', 'abc'],
    ['consensus_min_writers', '0'],
    ['consensus_min_writers', '-1'],
    ['consensus_min_writers', '2.5'],
  ])('/mod settings %s:%s gives the range 1 to 50, not a length', async (field, value) => {
    const en = await asModerator({ [field]: value });
    expect(en.tone).toBe('error');
    expect(replyText(en)).toContain(`${field} must be a whole number from 1 to 50.`);
    expect(replyText(en)).not.toContain('characters');
    const ja = await asModerator({ [field]: value }, 'ja');
    expect(replyText(ja)).toContain('は1〜50の整数で入力してください。');
  });

  it('/mod settings takes a full-width number in range', async () => {
    const reply = await asModerator({ flag_daily_limit: '１０' });
    expect(reply.tone, replyText(reply)).toBe('success');
    expect(replyText(reply)).toContain('Reports per member per day: 10');
  });

  it('a delivery number too long to be one says what a delivery number is, not a length', async () => {
    const en = await h.run('/deliver paid', { delivery: '12345678901234' });
    expect(replyText(en)).toContain('is not a delivery number. Use the number from /deliver list, like 3 or #3.');
    expect(replyText(en)).not.toContain('characters');
  });

  it.each([
    ['/remind snooze', { delivery: '1', for: '3 days and a bit more than that' }, 'Write 3d, 1w, 12h'],
    ['/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', amount: '123456789012345678901' }, 'at most 100,000,000'],
    ['/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', currency: 'US dollars' }, 'Use a three-letter code such as JPY or USD.'],
    ['/remind settings', { quiet_hours: 'from ten at night to eight' }, 'Write 22-08'],
  ])('%s with a value too long for its format says the format: %j', async (path, raw, expected) => {
    const text = replyText(await h.run(path, raw));
    expect(text).toContain(expected);
    expect(text).not.toContain('characters');
  });

  it('/remind snooze 1 100d says the longest snooze, 1 0h the shortest, and an unreadable one the forms', async () => {
    const long = replyText(await h.run('/remind snooze', { delivery: '1', for: '100d' }));
    expect(long).toContain('"100d" is too long: a snooze lasts at most 90 days (for example 90d or 12w).');
    expect(replyText(await h.run('/remind snooze', { delivery: '1', for: '100d' }, { locale: 'ja' }))).toContain('「100d」は長すぎます。止められるのは最長90日です(例: 90d、12週間)。');
    expect(replyText(await h.run('/remind snooze', { delivery: '1', for: '0h' }))).toContain('"0h" is too short: a snooze lasts at least 1 hour (for example 1h or 3d).');
    expect(replyText(await h.run('/remind snooze', { delivery: '1', for: '0h' }, { locale: 'ja' }))).toContain('「0h」は短すぎます。最短1時間から指定できます(例: 1h、3日)。');
    const unreadable = replyText(await h.run('/remind snooze', { delivery: '1', for: 'soon' }));
    expect(unreadable).toContain('"soon" is not a length of time I can read. Write 3d, 1w, 12h, 3日 or 1週間 (from 1 hour to 90 days).');
    expect(replyText(await h.run('/remind snooze', { delivery: '1', for: 'soon' }, { locale: 'ja' }))).toContain('「soon」は期間として読めません。3d、1w、12h、3日、1週間 のように入力してください(1時間から90日まで)。');
  });

  it('delivered:12/25 typed in late November is not silently last year: it names the date and asks for the year', async () => {
    const raw = { client: 'Acme', title: 't', marketplace: 'direct', delivered: '12/25' };
    const en = await h.run('/deliver new', raw, { user: 'yearless' });
    expect(en.tone).toBe('error');
    expect(replyText(en)).toContain('"12/25" without a year would be 2025-12-25, more than 6 months ago. If that is the day, write the year: delivered:2025-12-25');
    const ja = await h.run('/deliver new', raw, { user: 'yearless', locale: 'ja' });
    expect(replyText(ja)).toContain('「12/25」は年がないため2025-12-25(6か月以上前)と読めます。その日でよければ、delivered:2025-12-25 のように年も入力してください。');
    expect(replyText(await h.run('/deliver list', { show: 'all' }, { user: 'yearless' }))).toContain('You have not recorded any deliveries yet.');
  });

  it('amount:5万円 is 50,000 yen, and an unreadable amount shows 5万円 among the forms', async () => {
    const reply = await h.run('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', amount: '1.5万円' }, { user: 'man' });
    expect(replyText(reply)).toContain('Amount: ¥15,000');
    expect(replyText(await h.run('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', amount: 'lots' }))).toContain('Write it like 5000, 5,000, 5000円 or 5万円.');
    expect(replyText(await h.run('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', amount: 'たくさん' }, { locale: 'ja' }))).toContain('5000、5,000、5000円、5万円 のように入力してください。');
  });

  it('a fuzzy lookup with one match says one, not several', async () => {
    await h.run('/deliver new', { client: 'Sunrise Publishing', title: 't', marketplace: 'direct' }, { user: 'fuzzy' });
    const one = await h.run('/client lookup', { client: 'Sunrise' });
    expect(one.lines).toEqual(['• Sunrise Publishing']);
    expect(one.title).toBe('One client has a similar name');
    expect(one.footer).toEqual(['Look it up by its exact name or profile URL.']);
    expect((await h.run('/client lookup', { client: 'Sunrise' }, { locale: 'ja' })).title).toBe('似た名前のクライアントが1件あります');
  });

  it('Japanese help shows report categories by their Japanese names, never the keys', async () => {
    const labels = messagesFor('ja').client.category;
    for (const path of ['/help', '/help client']) {
      const text = replyText(await h.run('/help', path === '/help' ? {} : { command: 'client' }, { locale: 'ja' }));
      for (const key of FLAG_CATEGORIES) {
        expect(text, path).not.toContain(key);
        expect(text, path).toContain(labels[key]);
      }
    }
    // English help keeps the keys, which are what is typed there.
    expect(replyText(await h.run('/help', { command: 'client' }))).toContain('no_response_after_delivery');
  });

  it('a report category is accepted by its Japanese name, and a wrong one is answered with the Japanese names', async () => {
    const flag = findCommand(['client', 'flag'])!.command;
    expect(flag.input.safeParse({ client: 'Acme', reason: '納品後の無連絡' }).data).toMatchObject({ reason: 'no_response_after_delivery' });
    expect(flag.input.safeParse({ client: 'Acme', reason: '未払い' }).data).toMatchObject({ reason: 'unpaid' });
    const ja = replyText(await h.run('/client flag', { client: 'Acme', reason: '遅い' }, { locale: 'ja' }));
    expect(ja).toContain('理由(reason)は次のいずれかを指定してください: 納品後の無連絡、検収の遅れ、未払い、');
    expect(ja).not.toContain('late_acceptance');
    expect(replyText(await h.run('/client flag', { client: 'Acme', reason: 'slow' }))).toContain('reason must be one of: no_response_after_delivery, late_acceptance, unpaid,');
  });

  it('each report category has one Japanese name: the record letter names it as /client flag and lookups do', () => {
    const label = messagesFor('ja').client.category.no_response_after_delivery;
    const body = nudgeText('ja', {
      stage: 4,
      marketplace: 'crowdworks',
      escrow: 'funded',
      status: 'awaiting_review',
      deliveryNumber: 3,
      clientName: '株式会社サンプル',
      clientIsBusiness: true,
      clientProfile: null,
      title: 'SEO記事',
      deliveredOn: '2026年11月1日(日)',
      daysWaited: 21,
      jobUrl: null,
      amount: null,
      legalDueOn: '2026年12月29日(火)',
      legalDuePassed: false,
      dueOn: null,
      duePassed: false,
      replyBy: '2026年11月29日(日)',
      contacts: [],
      deskRequests: [],
      replies: [],
      unanswered: [],
      deskOpen: false,
      first: false,
    }).body.join('\n');
    expect(body).toContain(`分類: ${label}`);
  });

  it.each<[string, Record<string, string>, string, string]>([
    [
      '/deliver new',
      { client: 'Acme', title: 't', marketplace: 'direct', amount: '5000円', currency: 'USD' },
      'The amount 5000円 names its own currency, which is not USD. Write the amount as a number alone (amount:5000 currency:USD), or leave currency: out.',
      '金額 5000円 には USD とは別の通貨が含まれています。金額を数字だけにする(amount:5000 currency:USD)か、currency: を省いてください。',
    ],
    [
      '/deliver new',
      { client: 'Acme', title: 't', marketplace: 'direct', delivered: '2099-01-01' },
      '2099-01-01 is in the future. Give the day you actually delivered: today or earlier.',
      '2099-01-01 は未来の日付です。実際に納品した日(今日以前)を入力してください。',
    ],
    [
      '/client retract',
      { flag: 'abc' },
      'You have no report #abc. Give the number from the reply to /client flag, like 12.',
      'あなたの報告 #abc は見つかりません。/client flag の返信に表示された番号(例: 12)を指定してください。',
    ],
  ])('%s %j says what is allowed', async (path, raw, en, ja) => {
    expect(replyText(await h.run(path, raw))).toContain(en);
    expect(replyText(await h.run(path, raw, { locale: 'ja' }))).toContain(ja);
  });

  // 100 characters as typed, 400 once NFKC writes ㍿ out as 株式会社: the limit is on what is stored.
  const longOnceNormalized = '㍿'.repeat(100);
  it.each<[string, string, Record<string, string>]>([
    ['/deliver new', 'client', { client: longOnceNormalized, title: 't', marketplace: 'direct' }],
    ['/deliver new', 'profile', { profile: 'ﬃ'.repeat(101), title: 't', marketplace: 'direct' }],
    ['/deliver edit', 'client', { delivery: '1', client: longOnceNormalized }],
    ['/deliver edit', 'profile', { delivery: '1', profile: 'ﬃ'.repeat(101) }],
    ['/client flag', 'client', { client: longOnceNormalized, reason: FLAG_CATEGORIES[0] }],
    ['/client lookup', 'client', { client: longOnceNormalized }],
    ['/mod reply', 'client', { client: longOnceNormalized, text: 'Paid.' }],
    ['/mod merge', 'client', { client: longOnceNormalized, into: 'Acme' }],
    ['/mod merge', 'into', { client: 'Acme', into: longOnceNormalized }],
    ['/mod unmerge', 'client', { client: longOnceNormalized }],
  ])('%s %s: refused when over the limit once normalized', async (path, field, raw) => {
    const as = { user: 'long-names', roles: ['moderator' as const] };
    await h.run('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct' }, as);
    const en = await h.run(path, raw, as);
    expect(en.tone).toBe('error');
    expect(replyText(en)).toContain(`${field} is too long: at most 300 characters.`);
    expect(replyText(await h.run(path, raw, { ...as, locale: 'ja' }))).toContain('300文字以内で入力してください。');
  });
});
