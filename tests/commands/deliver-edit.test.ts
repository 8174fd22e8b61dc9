import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/commands/command.js';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import type { Delivery } from '../../src/domain/delivery.js';
import type { Locale } from '../../src/domain/member.js';
import { clientAliases } from '../../src/store/schema.js';
import { commandHarness, replyText, silentLogger } from '../support/commands.js';

type Harness = Awaited<ReturnType<typeof commandHarness>>;

/** The end of a day in Tokyo, as an ISO string in UTC. */
const endOfTokyoDay = (day: string) => new Date(new Date(`${day}T00:00:00+09:00`).getTime() + 86_400_000 - 1).toISOString();

describe('/deliver new, edit, reopen and the totals of /deliver list', () => {
  let h: Harness;
  let userSeq = 0;
  /** A writer nobody else uses, so each test starts from an empty record. */
  const newUser = (name = 'w') => `${name}-${++userSeq}`;

  beforeAll(async () => {
    h = await commandHarness(); // Thursday 2026-11-26 10:00 in Tokyo
  });
  afterAll(async () => {
    await h.close();
  });

  const run = (path: string, raw: Record<string, unknown>, user: string, locale: Locale = 'en') => h.run(path, raw, { user, locale });
  const text = async (path: string, raw: Record<string, unknown>, user: string, locale: Locale = 'en') => replyText(await run(path, raw, user, locale));
  const stored = async (user: string, number: number): Promise<Delivery> => {
    const member = (await h.deps.members.findMember('discord', user))!;
    return (await h.deps.deliveries.findByNumber(member.id, number))!;
  };
  const eventsOf = async (user: string, number: number) => h.deps.events.list((await stored(user, number)).id);

  /** Runs a command as `user` in another Discord server. */
  async function runIn(guild: string, path: string, raw: Record<string, unknown>, user: string): Promise<Reply> {
    const community = await h.deps.communities.ensureCommunity({ platform: 'discord', platformCommunityId: guild, name: guild });
    const member = await h.deps.members.ensureMember({ platform: 'discord', platformUserId: user, displayName: user });
    const found = findCommand(path.replace(/^\//, '').split(' '))!;
    const ctx = { platform: 'discord' as const, community, member, locale: 'en' as const, timezone: 'Asia/Tokyo', roles: new Set<never>(), direct: false, deps: h.deps };
    return executeCommand(found.command, raw, ctx, silentLogger);
  }

  describe('/deliver new: client name and profile', () => {
    it('takes a name and a profile: the profile identifies the client, the name is kept for letters', async () => {
      const user = newUser();
      const reply = await text('/deliver new', { client: '株式会社ミライメディア', profile: 'crowdworks:4455667', title: 'SEO記事' }, user);
      expect(reply).toContain('Client: 株式会社ミライメディア (https://crowdworks.jp/public/employers/4455667)');
      expect(reply).toContain('Marketplace: CrowdWorks'); // implied by the profile
      expect(reply).not.toContain('/deliver edit 1 client:');
      const d = await stored(user, 1);
      expect(d.client.key).toBe('crowdworks:4455667');
      expect(d.clientName).toBe('株式会社ミライメディア');
    });

    it('takes a profile URL alone in profile:', async () => {
      const user = newUser();
      const reply = await text('/deliver new', { profile: 'https://www.lancers.jp/client/acme_jp', title: 'Article' }, user);
      expect(reply).toContain('Client: lancers:acme_jp (https://www.lancers.jp/client/acme_jp)');
      expect(reply).toContain('Add it with /deliver edit 1 client:"…"');
      expect((await stored(user, 1)).clientName).toBeNull();
    });

    it('still takes a profile URL in client:, and asks for the name in both languages', async () => {
      const user = newUser();
      const en = await text('/deliver new', { client: 'https://crowdworks.jp/public/employers/777', title: 'Article' }, user);
      expect(en).toContain("Letters need the client's name to address them. Add it with /deliver edit 1 client:\"…\".");
      expect((await stored(user, 1)).client.key).toBe('crowdworks:777');
      const ja = await text('/deliver new', { client: 'https://crowdworks.jp/public/employers/777', title: '記事' }, user, 'ja');
      expect(ja).toContain('/deliver edit 2 client:"株式会社〇〇" で追加してください');
    });

    it('refuses a name given as profile:, a second different profile, and neither, saying what is allowed', async () => {
      const user = newUser();
      const notProfile = await run('/deliver new', { profile: 'Acme Media', title: 't', marketplace: 'direct' }, user);
      expect(notProfile.tone).toBe('error');
      expect(replyText(notProfile)).toContain('"Acme Media" is not a client profile');
      expect(replyText(await run('/deliver new', { profile: 'Acme Media', title: 't', marketplace: 'direct' }, user, 'ja'))).toContain('「Acme Media」はクライアントのプロフィールではありません');
      const two = await text('/deliver new', { client: 'crowdworks:1', profile: 'crowdworks:2', title: 't' }, user);
      expect(two).toContain('client: names the profile crowdworks:1 but profile: names crowdworks:2');
      expect(await text('/deliver list', { show: 'all' }, user)).toContain('(0)');
    });

    it('a profile on one marketplace and marketplace: another is a mismatch', async () => {
      const reply = await text('/deliver new', { client: 'Acme', profile: 'crowdworks:1', title: 't', marketplace: 'lancers' }, newUser());
      expect(reply).toContain('You said Lancers, but the link is a CrowdWorks page');
    });
  });

  describe('/deliver new: another spelling of a client this community knows', () => {
    it("says so with this community's spelling, never another community's", async () => {
      // Another community met the client first: its spelling is the client record's name.
      const elsewhere = await runIn('guild-other', '/deliver new', { client: '株式会社アクメ出版', title: 'x', marketplace: 'direct' }, newUser('far'));
      expect(replyText(elsewhere)).not.toContain('already knows');

      const first = newUser();
      const firstReply = await text('/deliver new', { client: 'アクメ出版', title: 'a', marketplace: 'direct' }, first);
      expect(firstReply).toContain('Client: アクメ出版');
      expect(firstReply).not.toContain('株式会社アクメ出版');
      expect(firstReply).not.toContain('already knows');

      const second = newUser();
      const secondReply = await text('/deliver new', { client: 'ｱｸﾒ出版(株)', title: 'b', marketplace: 'direct' }, second);
      expect(secondReply).toContain('This community already knows this client as "アクメ出版".');
      expect(secondReply).toContain('Client: アクメ出版(株)'); // as typed (NFKC), not another writer's spelling
      expect(secondReply).not.toContain('株式会社アクメ出版');
      expect((await stored(second, 1)).client.id).toBe((await stored(first, 1)).client.id);

      // The spelling typed is not news: only the others are named.
      expect(await text('/deliver new', { client: 'アクメ出版', title: 'c', marketplace: 'direct' }, newUser())).toContain('already knows this client as "アクメ出版(株)".');
      const ja = await text('/deliver new', { client: 'あくめ出版', title: 'd', marketplace: 'direct' }, newUser(), 'ja');
      expect(ja).toContain('このコミュニティでは、このクライアントは「アクメ出版」「アクメ出版(株)」の名前でも記録されています。');
    });

    it('a name a moderator merged into a client is recorded for that client', async () => {
      const first = newUser();
      await run('/deliver new', { client: 'Sunrise Books', title: 'a', marketplace: 'direct' }, first);
      const client = (await stored(first, 1)).client;
      await h.database.db.insert(clientAliases).values({ clientId: client.id, key: 'name:あさひぶっくす', displayName: 'あさひブックス', normalizedName: 'あさひぶっくす' });
      const second = newUser();
      const reply = await text('/deliver new', { client: 'アサヒブックス', title: 'b', marketplace: 'direct' }, second);
      expect((await stored(second, 1)).client.id).toBe(client.id);
      expect(reply).toContain('already knows this client as "Sunrise Books"');
    });
  });

  describe('/deliver new: the language of letters', () => {
    const letters = async (raw: Record<string, unknown>, locale: Locale) => {
      const user = newUser();
      await run('/deliver new', { client: 'A', title: 't', ...raw }, user, locale);
      return (await stored(user, 1)).letterLocale;
    };

    it.each([
      [{ marketplace: 'crowdworks' }, 'en', 'ja'],
      [{ marketplace: 'lancers' }, 'en', 'ja'],
      [{ marketplace: 'coconala' }, 'en', 'ja'],
      [{ marketplace: 'upwork' }, 'ja', 'en'],
      [{ marketplace: 'direct' }, 'en', 'en'],
      [{ marketplace: 'direct' }, 'ja', 'ja'],
      [{ marketplace: 'other' }, 'ja', 'ja'],
      [{ marketplace: 'crowdworks', letter_language: 'en' }, 'ja', 'en'],
      [{ marketplace: 'upwork', letter_language: '日本語' }, 'en', 'ja'],
      [{ marketplace: 'direct', letter_language: 'English' }, 'ja', 'en'],
      [{ marketplace: 'direct', letter_language: '英語' }, 'ja', 'en'],
      [{ marketplace: 'direct', letter_language: 'japanese' }, 'en', 'ja'],
    ] as const)('%o by a writer in %s: letters in %s', async (raw, writerLocale, expected) => {
      expect(await letters(raw, writerLocale)).toBe(expected);
    });

    it('shows the language among the fields, and refuses another', async () => {
      expect(await text('/deliver new', { client: 'A', title: 't', marketplace: 'upwork' }, newUser())).toContain('Letters in: English');
      expect(await text('/deliver new', { client: 'A', title: 't', marketplace: 'upwork' }, newUser(), 'ja')).toContain('文面の言語: 英語');
      expect(await text('/deliver new', { client: 'A', title: 't', marketplace: 'direct', letter_language: 'fr' }, newUser())).toContain('letter_language must be one of: ja, en');
    });
  });

  describe('/deliver new: payment terms of direct deals', () => {
    it.each([
      ['2026-12-31', 'date', '2026-12-31', 'Payment due: Thu, Dec 31, 2026'],
      ['1/20', 'date', '2027-01-20', 'Payment due: Wed, Jan 20, 2027'],
      ['月末締め翌月末払い', 'month_end_next_month_end', '2026-12-31', 'Thu, Dec 31, 2026 (end of the month after delivery (月末締め翌月末払い))'],
      ['翌月末払い', 'month_end_next_month_end', '2026-12-31', '(月末締め翌月末払い)'],
      ['月末締め翌々月末払い', 'month_end_month_after_next_end', '2027-01-31', 'Sun, Jan 31, 2027 (end of the second month after delivery'],
      ['翌々月末払い', 'month_end_month_after_next_end', '2027-01-31', '(月末締め翌々月末払い)'],
      ['net30', 'net30', '2026-12-20', 'Sun, Dec 20, 2026 (net 30: 30 days after delivery)'],
      ['NET 60', 'net60', '2027-01-19', 'net 60: 60 days after delivery'],
      ['ｎｅｔ３０', 'net30', '2026-12-20', 'net 30'],
    ])('due:%s is stored as %s, due %s, and shown', async (due, terms, day, shown) => {
      const user = newUser();
      const reply = await text('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', delivered: '2026-11-20', due }, user);
      expect(reply).toContain(shown);
      const d = await stored(user, 1);
      expect(d.dueTerms).toBe(terms);
      expect(d.dueAt?.toISOString()).toBe(endOfTokyoDay(day));
    });

    it('reads the terms in Japanese replies the Japanese way', async () => {
      const reply = await text('/deliver new', { client: 'アクメ', title: '記事', marketplace: 'direct', delivered: '2026-11-20', due: 'net30' }, newUser(), 'ja');
      expect(reply).toContain('支払期日: 2026年12月20日(日)(納品から30日後払い)');
      expect(reply).toContain('クライアントに請求書を送りましょう。金額と支払期日(2026年12月20日(日)(納品から30日後払い))を記載します。');
    });

    it('works for `other` too', async () => {
      const user = newUser();
      await run('/deliver new', { client: 'Acme', title: 't', marketplace: 'other', due: 'net30' }, user);
      expect((await stored(user, 1)).dueTerms).toBe('net30');
    });

    it.each(['crowdworks', 'lancers', 'coconala', 'upwork'])('is refused on %s, whose escrow governs payment, and nothing is stored', async (marketplace) => {
      const user = newUser();
      const en = await run('/deliver new', { client: 'Acme', title: 't', marketplace, due: 'net30' }, user);
      expect(en.tone).toBe('error');
      expect(replyText(en)).toMatch(/the platform's escrow decides when you are paid, so due: is only for direct and other deals/);
      expect(replyText(await run('/deliver new', { client: 'Acme', title: 't', marketplace, due: 'net30' }, user, 'ja'))).toContain('due: は直接取引とその他の取引でだけ使えます');
      expect(await text('/deliver list', { show: 'all' }, user)).toContain('(0)');
    });

    it('refuses what it cannot read, saying what it can', async () => {
      const reply = await text('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', due: 'when they feel like it' }, newUser());
      expect(reply).toContain('Use a date (2026-12-31, 12/31), 月末締め翌月末払い, 翌々月末払い, or net30 / net60');
      expect(await text('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', delivered: '2026-11-20', due: '2026-11-01' }, newUser())).toContain('is before the delivery');
    });

    it("points out a due date past the Freelance Act's deadline, and records it all the same", async () => {
      const user = newUser();
      const late = await text('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', delivered: '2026-11-01', due: '翌々月末払い' }, user);
      expect(late).toContain("This due date is after the Freelance Act's deadline (フリーランス・事業者間取引適正化等法: payment within 60 days of receiving the work, here Wed, Dec 30, 2026)");
      expect((await stored(user, 1)).dueTerms).toBe('month_end_month_after_next_end');
      const ja = await text('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', delivered: '2026-11-01', due: '2027-01-05' }, user, 'ja');
      expect(ja).toContain('この支払期日は、フリーランス・事業者間取引適正化等法の期限(受領から60日以内、本件は2026年12月30日(水))より後です');
      for (const due of ['net30', '2026-12-30', '月末締め翌月末払い']) {
        expect(await text('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', delivered: '2026-11-01', due }, user)).not.toContain("Freelance Act's deadline");
      }
    });

    it('reminds to send an invoice outside a platform, with the due date when known, and not on a platform', async () => {
      const withDue = await text('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', delivered: '2026-11-20', due: '2026-12-31' }, newUser());
      expect(withDue).toContain('Send the client an invoice (請求書) with the amount and the due date, Thu, Dec 31, 2026');
      const withoutDue = await text('/deliver new', { client: 'Acme', title: 't', marketplace: 'other' }, newUser());
      expect(withoutDue).toContain('Send the client an invoice (請求書) and agree when they pay; record it with /deliver edit 1 due:');
      const ja = await text('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct' }, newUser(), 'ja');
      expect(ja).toContain('クライアントに請求書を送り、支払期日を確認しましょう。');
      expect(await text('/deliver new', { client: 'Acme', title: 't', marketplace: 'crowdworks' }, newUser())).not.toContain('invoice');
    });
  });

  describe('/deliver edit', () => {
    it('changes each field, with the checks of /deliver new, and records what changed', async () => {
      const user = newUser();
      await run('/deliver new', { client: 'Acme', title: 'Draft', marketplace: 'direct', delivered: '2026-11-20', amount: '5000' }, user);
      const steps: { raw: Record<string, unknown>; changed: string; check: (d: Delivery) => void }[] = [
        { raw: { client: 'Acme Media' }, changed: 'client', check: (d) => expect([d.clientName, d.client.key]).toEqual(['Acme Media', 'name:acmemedia']) },
        { raw: { title: 'Final article' }, changed: 'title', check: (d) => expect(d.title).toBe('Final article') },
        { raw: { amount: '$120.50' }, changed: 'amount, currency', check: (d) => expect([d.amount, d.currency]).toEqual([120.5, 'USD']) },
        { raw: { amount: '8,000', currency: 'JPY' }, changed: 'amount, currency', check: (d) => expect([d.amount, d.currency]).toEqual([8000, 'JPY']) },
        { raw: { currency: 'EUR' }, changed: 'currency', check: (d) => expect(d.currency).toBe('EUR') },
        { raw: { delivered: '2026-11-18' }, changed: 'delivered', check: (d) => expect(d.deliveredAt.toISOString()).toBe('2026-11-18T03:00:00.000Z') },
        { raw: { escrow: 'yes' }, changed: 'escrow', check: (d) => expect(d.escrow).toBe('funded') },
        { raw: { due: 'net30' }, changed: 'due', check: (d) => expect([d.dueTerms, d.dueAt?.toISOString()]).toEqual(['net30', endOfTokyoDay('2026-12-18')]) },
        { raw: { letter_language: 'ja' }, changed: 'letter_language', check: (d) => expect(d.letterLocale).toBe('ja') },
        { raw: { due: 'none' }, changed: 'due', check: (d) => expect([d.dueTerms, d.dueAt]).toEqual([null, null]) },
      ];
      for (const [i, step] of steps.entries()) {
        const reply = await run('/deliver edit', { delivery: '1', ...step.raw }, user);
        expect(reply.title, JSON.stringify(step.raw)).toBe('Delivery #1 updated');
        expect(replyText(reply)).toContain(`Changed: ${step.changed}.`);
        step.check(await stored(user, 1));
        const events = await eventsOf(user, 1);
        expect(events).toHaveLength(i + 1);
        expect(events.at(-1)).toMatchObject({ kind: 'edited', text: step.changed });
      }
    });

    it('answers in Japanese, naming the fields in Japanese and when the next reminder comes', async () => {
      const user = newUser();
      await run('/deliver new', { client: 'アクメ', title: '記事', marketplace: 'direct', delivered: '2026-11-01' }, user, 'ja');
      const reply = await text('/deliver edit', { delivery: '1', due: 'net30', letter_language: '英語' }, user, 'ja');
      expect(reply).toContain('納品 #1 を修正しました');
      expect(reply).toContain('変更した項目: 支払期日(due)、文面の言語(letter_language)');
      // Stages already due: the next comes at the scheduler's next look, not on a date in the past.
      expect(reply).toContain('すでに期日を過ぎた段階があるため、まもなくお届けします');
      const later = await text('/deliver edit', { delivery: '1', delivered: '今日' }, user, 'ja');
      expect(later).toContain('次のリマインドは2026年11月29日(日)です。');
    });

    it('names a client known by its profile, or gives it a profile, keeping the other', async () => {
      const user = newUser();
      await run('/deliver new', { client: 'https://crowdworks.jp/public/employers/9001', title: 't' }, user);
      expect(await text('/deliver edit', { delivery: '1', client: '株式会社ミライメディア' }, user)).toContain('Client: 株式会社ミライメディア (https://crowdworks.jp/public/employers/9001)');
      expect((await stored(user, 1)).client.key).toBe('crowdworks:9001');

      await run('/deliver new', { client: 'Beta', title: 't', marketplace: 'lancers' }, user);
      const linked = await text('/deliver edit', { delivery: '2', profile: 'https://www.lancers.jp/client/beta_inc' }, user);
      expect(linked).toContain('Changed: profile.');
      expect(await stored(user, 2)).toMatchObject({ clientName: 'Beta', client: { key: 'lancers:beta_inc' } });
      // A profile on another marketplace than the delivery's is refused.
      expect(await text('/deliver edit', { delivery: '2', profile: 'crowdworks:5' }, user)).toContain('You said Lancers, but the link is a CrowdWorks page');
    });

    it('a new delivery date moves the next reminder, out of quiet hours, and due terms with it', async () => {
      const user = newUser();
      await run('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', delivered: '2026-11-25', due: 'net30' }, user);
      expect((await stored(user, 1)).nextNudgeAt?.toISOString()).toBe('2026-11-28T03:00:00.000Z'); // day 3, noon in Tokyo
      const reply = await text('/deliver edit', { delivery: '1', delivered: '2026-11-10' }, user);
      expect(reply).toContain('Changed: delivered, due.');
      expect(reply).toContain('The reminders were planned again');
      const d = await stored(user, 1);
      // Day 3 (11-13) and day 7 (11-17) have passed: the scheduler looks at once.
      expect(d.nextNudgeAt?.toISOString()).toBe('2026-11-13T03:00:00.000Z');
      expect(d.dueAt?.toISOString()).toBe(endOfTokyoDay('2026-12-10'));

      // A fixed due date does not move, and a delivery after it is refused.
      await run('/deliver edit', { delivery: '1', due: '2026-11-30' }, user);
      expect(await text('/deliver edit', { delivery: '1', delivered: 'today' }, user)).toContain('Changed: delivered.');
      expect(await text('/deliver edit', { delivery: '1', delivered: '2026-11-01' }, user)).toContain('Changed: delivered.');
      expect((await stored(user, 1)).dueAt?.toISOString()).toBe(endOfTokyoDay('2026-11-30'));
    });

    it('funding escrow on a platform after acceptance ends the payment reminders', async () => {
      const user = newUser();
      await run('/deliver new', { client: 'Acme', title: 't', marketplace: 'upwork', delivered: '2026-11-20' }, user);
      await run('/deliver accepted', { delivery: '1' }, user);
      expect((await stored(user, 1)).nextNudgeAt).not.toBeNull(); // unknown escrow: payment stages continue
      expect(await text('/deliver edit', { delivery: '1', escrow: 'yes' }, user)).toContain('No reminder is left for this delivery.');
      expect((await stored(user, 1)).nextNudgeAt).toBeNull();
    });

    it('refuses a due date on a platform, nothing to change, and bad values, changing nothing', async () => {
      const user = newUser();
      await run('/deliver new', { client: 'Acme', title: 't', marketplace: 'crowdworks' }, user);
      const before = await stored(user, 1);
      expect(await text('/deliver edit', { delivery: '1', due: 'net30' }, user)).toContain("CrowdWorks the platform's escrow decides when you are paid");
      expect(await text('/deliver edit', { delivery: '1' }, user)).toContain('Say what to change: one or more of client, profile, title, amount, currency, delivered, escrow, due, letter_language.');
      expect(await text('/deliver edit', { delivery: '1' }, user, 'ja')).toContain('変更する項目を指定してください');
      expect(await text('/deliver edit', { delivery: '1', delivered: '2099-01-01' }, user)).toContain('is in the future');
      expect(await text('/deliver edit', { delivery: '1', amount: '-1' }, user)).toContain('The amount must be more than 0');
      expect(await text('/deliver edit', { delivery: '1', title: '   ' }, user)).toMatch(/title/);
      expect(await stored(user, 1)).toEqual(before);
      expect(await eventsOf(user, 1)).toEqual([]);
    });

    it('the same values again change nothing and record nothing', async () => {
      const user = newUser();
      await run('/deliver new', { client: 'Acme', title: 'Same', marketplace: 'direct' }, user);
      const reply = await run('/deliver edit', { delivery: '1', title: 'Same', client: 'Acme' }, user);
      expect(reply.title).toBe('Nothing changed: those are the values already recorded.');
      expect(await eventsOf(user, 1)).toEqual([]);
    });

    it("another writer's delivery is not found, by number or otherwise, and stays as it was", async () => {
      const owner = newUser();
      await run('/deliver new', { client: 'Own', title: 'Mine', marketplace: 'direct' }, owner);
      const before = await stored(owner, 1);
      const mallory = newUser('mallory');
      expect(await text('/deliver edit', { delivery: '1', title: 'Hijacked' }, mallory)).toContain('You have no delivery #1');
      expect(await text('/deliver reopen', { delivery: '1' }, mallory)).toContain('You have no delivery #1');
      expect(await stored(owner, 1)).toEqual(before);
    });

    it('keeps markdown and mentions in names as plain text, stored as typed', async () => {
      const user = newUser();
      await run('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct' }, user);
      await run('/deliver edit', { delivery: '1', client: '**@everyone** [x](https://evil.example)' }, user);
      expect((await stored(user, 1)).clientName).toBe('**@everyone** [x](https://evil.example)');
    });
  });

  describe('/deliver reopen', () => {
    const setUp = async (marketplace: string, ...actions: string[]) => {
      const user = newUser();
      await run('/deliver new', { client: 'Acme', title: 't', marketplace, delivered: '2026-11-20' }, user);
      for (const action of actions) {
        await run(`/deliver ${action}`, { delivery: '1' }, user);
        h.clock.advance(60_000);
      }
      return user;
    };

    it.each([
      { marketplace: 'direct', actions: ['accepted'], to: 'awaiting_review', title: 'It had not been accepted' },
      { marketplace: 'direct', actions: ['paid'], to: 'awaiting_review', title: 'It had not been accepted' },
      { marketplace: 'direct', actions: ['accepted', 'paid'], to: 'accepted', title: 'It had been accepted' },
      { marketplace: 'crowdworks', actions: ['cancel'], to: 'awaiting_review', title: 'It had not been accepted' },
      { marketplace: 'direct', actions: ['accepted', 'cancel'], to: 'accepted', title: 'It had been accepted' },
    ])('$actions on $marketplace goes back to $to', async ({ marketplace, actions, to, title }) => {
      const user = await setUp(marketplace, ...actions);
      const before = await stored(user, 1);
      const reply = await run('/deliver reopen', { delivery: '#1' }, user);
      expect(reply.title).toBe('Delivery #1 reopened');
      expect(replyText(reply)).toContain(title);
      const after = await stored(user, 1);
      expect(after).toMatchObject({ status: to, paidAt: null, cancelledAt: null });
      expect(after.acceptedAt).toEqual(to === 'accepted' ? before.acceptedAt : null);
      // Reminders come again: review stages from the delivery, or payment stages after acceptance.
      expect(after.nextNudgeAt).not.toBeNull();
      expect((await eventsOf(user, 1)).filter((e) => e.kind === 'reopened')).toEqual([expect.objectContaining({ text: `${before.status} → ${to}` })]);
      expect(await text('/deliver list', {}, user)).toContain('#1 t');
    });

    it('paid then reopened on a platform with funded escrow is accepted again, with nothing left to remind', async () => {
      const user = await setUp('crowdworks', 'accepted', 'paid');
      const reply = await text('/deliver reopen', { delivery: '1' }, user);
      expect(reply).toContain('It had been accepted, so it is back to accepted.');
      expect(reply).toContain('No reminder is left for this delivery.');
      expect(await stored(user, 1)).toMatchObject({ status: 'accepted', paidAt: null, nextNudgeAt: null });
    });

    it('is refused while the delivery still awaits review, in both languages', async () => {
      const user = await setUp('direct');
      expect(await text('/deliver reopen', { delivery: '1' }, user)).toContain('Delivery #1 is still awaiting review: there is nothing to reopen.');
      expect(await text('/deliver reopen', { delivery: '1' }, user, 'ja')).toContain('納品 #1 はまだ検収待ちのため、戻す必要はありません。');
      expect(await eventsOf(user, 1)).toEqual([]);
    });

    it('answers in Japanese', async () => {
      const user = await setUp('direct', 'accepted', 'paid');
      const reply = await text('/deliver reopen', { delivery: '1' }, user, 'ja');
      expect(reply).toContain('納品 #1 の状態を戻しました');
      expect(reply).toContain('検収済みだったため「検収済み」に戻しました。');
      expect(reply).toContain('リマインドの予定を立て直しました');
    });
  });

  describe('/deliver list: what is still owed', () => {
    it('sums open deliveries per currency, leaves out paid, cancelled and escrow-released ones, counts those without an amount', async () => {
      const user = newUser();
      const add = (raw: Record<string, unknown>) => run('/deliver new', { client: 'Acme', title: 't', ...raw }, user);
      await add({ marketplace: 'direct', amount: '5000', delivered: '2026-11-06' }); // #1 open: 20 days ago
      await add({ marketplace: 'direct', amount: '3,000円' }); // #2 open
      await add({ marketplace: 'upwork', amount: '$120.50' }); // #3 open
      await add({ marketplace: 'direct', amount: '$9.50' }); // #4 accepted, not paid: still owed
      await add({ marketplace: 'crowdworks', amount: '7000' }); // #5 accepted on funded escrow: released
      await add({ marketplace: 'direct', amount: '100000' }); // #6 paid
      await add({ marketplace: 'direct', amount: '200000' }); // #7 cancelled
      await add({ marketplace: 'direct' }); // #8 no amount
      await add({ marketplace: 'lancers' }); // #9 no amount
      await run('/deliver accepted', { delivery: '4' }, user);
      await run('/deliver accepted', { delivery: '5' }, user);
      await run('/deliver paid', { delivery: '6' }, user);
      await run('/deliver cancel', { delivery: '7' }, user);

      const en = await run('/deliver list', {}, user);
      expect(en.sections).toEqual([{ heading: 'Still owed', lines: ['¥8,000 over 2 deliveries', '$130.00 over 2 deliveries', '2 deliveries without an amount', 'Oldest unpaid: delivered 20 days ago'] }]);
      const ja = await run('/deliver list', {}, user, 'ja');
      expect(ja.sections).toEqual([{ heading: '未払いの合計', lines: ['￥8,000(2件)', '$130.00(2件)', '金額未入力: 2件', '最も古い未払い: 納品から20日経過'] }]);
      // show:all lists finished ones too, but the totals stay those of the open ones.
      expect((await run('/deliver list', { show: 'all' }, user)).sections).toEqual(en.sections);
    });

    it('covers every open delivery, beyond the page listed', async () => {
      const user = newUser();
      await run('/deliver new', { client: 'Acme', title: 'oldest', marketplace: 'direct', amount: '1000', delivered: '2026-10-27' }, user);
      for (let i = 0; i < 24; i++) await run('/deliver new', { client: 'Acme', title: `n${i}`, marketplace: 'direct', amount: '1000' }, user);
      const reply = await run('/deliver list', {}, user);
      expect(replyText(reply)).toContain('Showing the newest 20 of 25');
      expect(replyText(reply)).not.toContain('oldest —');
      expect(reply.sections?.[0]?.lines).toEqual(['¥25,000 over 25 deliveries', 'Oldest unpaid: delivered 30 days ago']);
    });

    it('keeps and sums the third decimal of currencies that have one', async () => {
      const user = newUser();
      await run('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', amount: '1.239', currency: 'BHD' }, user);
      await run('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', amount: '2.5', currency: 'BHD' }, user);
      await run('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', amount: '0.001', currency: 'KWD' }, user);
      expect((await stored(user, 1)).amount).toBe(1.239);
      expect((await run('/deliver list', {}, user)).sections?.[0]?.lines.slice(0, 2)).toEqual(['BHD\u00a03.739 over 2 deliveries', 'KWD\u00a00.001 over 1 delivery']);
      expect((await run('/deliver list', {}, user, 'ja')).sections?.[0]?.lines.slice(0, 2)).toEqual(['BHD\u00a03.739(2件)', 'KWD\u00a00.001(1件)']);
    });

    it('has no totals when nothing is open', async () => {
      const user = newUser();
      await run('/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', amount: '1000' }, user);
      await run('/deliver paid', { delivery: '1' }, user);
      expect((await run('/deliver list', { show: 'all' }, user)).sections).toBeUndefined();
    });
  });
});
