import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import { commandHarness, replyText, silentLogger } from '../support/commands.js';

type Harness = Awaited<ReturnType<typeof commandHarness>>;

describe('/deliver', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await commandHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const listAll = async (user: string) => replyText(await h.run('/deliver list', { show: 'all' }, { user }));

  it('records a delivery and shows the reminder plan with the day of each stage', async () => {
    const reply = await h.run('/deliver new', { client: 'Acme Media', title: 'SEO article', marketplace: 'crowdworks', delivered: '2026-11-24', amount: '5,000円' }, { user: 'plan' });
    expect(reply.tone).toBe('success');
    expect(reply.title).toBe('Delivery #1 recorded');
    const text = replyText(reply);
    expect(text).toContain('Client: Acme Media');
    expect(text).toContain('Amount: ¥5,000');
    expect(text).toContain('Escrow: Funded');
    expect(text).toContain('3 days after delivery (Fri, Nov 27, 2026): Check-in');
    expect(text).toContain('7 days after delivery (Tue, Dec 1, 2026): Follow-up');
    expect(text).toContain('8 days after delivery (Wed, Dec 2, 2026): Platform desk');
    expect(text).toContain('21 days after delivery (Tue, Dec 15, 2026): Record');
    expect(text).toContain('50 days after delivery (Wed, Jan 13, 2027): Legal deadline');
    expect(text).toContain('60 days after delivery (Sat, Jan 23, 2027): After the deadline');
    expect(text).toContain('/deliver accepted 1');
  });

  it('answers in Japanese for a Japanese-speaking writer', async () => {
    const reply = await h.run('/deliver new', { client: 'https://coconala.com/users/4242', title: '記事', delivered: '2026-11-24' }, { user: 'ja-writer', locale: 'ja' });
    expect(reply.title).toBe('納品 #1 を記録しました');
    const text = replyText(reply);
    expect(text).toContain('マーケット: ココナラ');
    expect(text).toContain('納品から2日後(2026年11月26日(木)): 確認の連絡');
    expect(text).not.toContain('再連絡'); // Coconala has no follow-up stage: the deal closes by itself after 72 hours.
  });

  it('warns about unfunded escrow on a platform and about the missing protection of a direct deal', async () => {
    const unfunded = replyText(await h.run('/deliver new', { client: 'x', title: 't', marketplace: 'lancers', escrow: 'no' }, { user: 'warn' }));
    expect(unfunded).toContain('Escrow (仮払い) is not funded');
    const direct = replyText(await h.run('/deliver new', { client: 'x', title: 't', marketplace: 'direct' }, { user: 'warn' }));
    expect(direct).toContain('A direct deal has no platform to protect you');
    expect(direct).not.toContain('Platform desk');
  });

  it('lists open deliveries with the next reminder, then marks one accepted and one paid', async () => {
    await h.run('/deliver new', { client: 'Acme', title: 'First', marketplace: 'crowdworks', delivered: '2026-11-20' }, { user: 'bob' });
    await h.run('/deliver new', { client: 'Beta', title: 'Second', marketplace: 'direct', delivered: '2026-11-25', amount: '30000' }, { user: 'bob' });

    const list = await h.run('/deliver list', {}, { user: 'bob' });
    expect(list.title).toBe('Your open deliveries (2)');
    const text = replyText(list);
    expect(text.indexOf('#2 Second')).toBeLessThan(text.indexOf('#1 First'));
    expect(text).toContain('Delivered Fri, Nov 20, 2026 (6 days ago). Awaiting review.');
    // Delivered six days ago and nothing sent yet: the check-in is what goes out next, today, not
    // the follow-up its date alone would suggest (the same answer the scheduler acts on).
    expect(text).toContain('Next reminder: Check-in, Thu, Nov 26, 2026.');

    const accepted = await h.run('/deliver accepted', { delivery: '#1' }, { user: 'bob' });
    expect(accepted.title).toBe('Delivery #1 accepted');
    expect(replyText(accepted)).toContain('Escrow releases the payment on acceptance');

    const acceptedDirect = await h.run('/deliver accepted', { delivery: '2' }, { user: 'bob' });
    expect(replyText(acceptedDirect)).toContain('Now waiting for payment');
    const paid = await h.run('/deliver paid', { delivery: '2' }, { user: 'bob' });
    expect(paid.title).toBe('Delivery #2 paid');
    expect(replyText(paid)).toContain('Reminders for this delivery have ended.');

    const open = await h.run('/deliver list', {}, { user: 'bob' });
    expect(open.title).toBe('Your open deliveries (0)');
    expect(await listAll('bob')).toMatch(/#2 Second.*Paid\.[\s\S]*#1 First.*Accepted\./);
  });

  it('cancels a delivery and refuses to mark it paid afterwards', async () => {
    await h.run('/deliver new', { client: 'Gamma', title: 'Doomed', marketplace: 'lancers' }, { user: 'carol' });
    expect((await h.run('/deliver cancel', { delivery: '1' }, { user: 'carol' })).title).toBe('Delivery #1 cancelled');
    const refused = await h.run('/deliver paid', { delivery: '1' }, { user: 'carol' });
    expect(refused.tone).toBe('error');
    expect(replyText(refused)).toContain('already cancelled, so you cannot mark it paid');
  });

  describe('bad input gets a clear, localized error and changes nothing', () => {
    const cases: { name: string; path: string; raw: Record<string, unknown>; en: RegExp; ja: RegExp }[] = [
      { name: 'unknown marketplace', path: '/deliver new', raw: { client: 'A', title: 't', marketplace: 'fiverr' }, en: /marketplace must be one of: crowdworks, lancers, coconala, upwork, direct, other/, ja: /マーケット\(marketplace\)は次のいずれか/ },
      { name: '10,000-character title', path: '/deliver new', raw: { client: 'A', title: 'あ'.repeat(10_000), marketplace: 'direct' }, en: /title is too long: at most 200 characters/, ja: /タイトル\(title\)が長すぎます。200文字以内/ },
      { name: 'delivery date in the future', path: '/deliver new', raw: { client: 'A', title: 't', marketplace: 'direct', delivered: '2099-01-01' }, en: /2099-01-01 is in the future/, ja: /2099-01-01 は未来の日付です/ },
      { name: 'negative amount', path: '/deliver new', raw: { client: 'A', title: 't', marketplace: 'direct', amount: '-5' }, en: /The amount must be more than 0/, ja: /金額は0より大きく/ },
      { name: 'neither client nor profile', path: '/deliver new', raw: { title: 't', marketplace: 'direct' }, en: /Say who the client is: client: with their name, profile: with/, ja: /client: にクライアント名、profile: に/ },
      { name: 'unknown option', path: '/deliver new', raw: { client: 'A', title: 't', marketplace: 'direct', price: '5' }, en: /"price" is not an option of \/deliver new/, ja: /「price」は \/deliver new のオプションではありません/ },
      { name: 'name without marketplace', path: '/deliver new', raw: { client: 'A', title: 't' }, en: /Which marketplace was this on\?/, ja: /どのマーケットでの取引ですか/ },
      { name: 'unknown delivery number', path: '/deliver paid', raw: { delivery: '999' }, en: /You have no delivery #999/, ja: /あなたの納品 #999 は見つかりません/ },
      { name: 'not a number', path: '/deliver accepted', raw: { delivery: 'abc' }, en: /"abc" is not a delivery number/, ja: /「abc」は納品番号ではありません/ },
    ];

    it.each(cases)('$name', async ({ path, raw, en, ja }) => {
      const before = await listAll('dave');
      const english = await h.run(path, raw, { user: 'dave', locale: 'en' });
      const japanese = await h.run(path, raw, { user: 'dave', locale: 'ja' });
      expect(english.tone).toBe('error');
      expect(replyText(english)).toMatch(en);
      expect(replyText(japanese)).toMatch(ja);
      expect(await listAll('dave')).toBe(before);
    });

    it("someone else's delivery cannot be changed: the number only reaches your own", async () => {
      await h.run('/deliver new', { client: 'Own', title: 'Erin only', marketplace: 'direct' }, { user: 'erin' });
      const before = await listAll('erin');
      const reply = await h.run('/deliver paid', { delivery: '1' }, { user: 'mallory' });
      expect(replyText(reply)).toMatch(/You have no delivery #1/);
      expect(await listAll('erin')).toBe(before);
      expect(before).toContain('Awaiting review');
    });
  });

  it('apologizes without details when something unexpected breaks, and says nothing was lost', async () => {
    const broken = await commandHarness();
    const ctx = await broken.contextFor('frank');
    await broken.database.close();
    const reply = await executeCommand(findCommand(['deliver', 'list'])!.command, {}, ctx, silentLogger);
    expect(reply.tone).toBe('error');
    expect(replyText(reply)).toContain('Sorry, something went wrong on our side');
    expect(replyText(reply)).not.toMatch(/closed|PGlite|Error/i);
  });
});
