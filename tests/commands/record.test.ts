import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pressButton } from '../../src/commands/press-button.js';
import { buttonId, type Reply } from '../../src/domain/reply.js';
import { nudges } from '../../src/store/schema.js';
import { commandHarness, fileText, replyText, silentLogger } from '../support/commands.js';

type Harness = Awaited<ReturnType<typeof commandHarness>>;

/** The writer's record: /deliver log, the nudge buttons that confirm, /deliver show and /deliver evidence. */
describe('the writer’s record of a delivery', () => {
  let h: Harness;
  beforeAll(async () => {
    // Thursday 26 November 2026, 10:00 in Tokyo.
    h = await commandHarness('2026-11-26T10:00:00+09:00');
  });
  afterAll(async () => {
    await h.close();
  });

  const deliver = (user: string, raw: Record<string, string>) => h.run('/deliver new', { client: 'Mirai Media', title: 'SEO article', marketplace: 'crowdworks', ...raw }, { user });
  const idOf = async (user: string, n: number) => (await h.deps.deliveries.findByNumber((await h.contextFor(user)).member.id, n))!.id;
  const eventsOf = async (user: string, n: number) => h.deps.events.list(await idOf(user, n));
  const press = async (user: string, action: Parameters<typeof buttonId>[0]['action'], deliveryId: number, locale: 'en' | 'ja' = 'en') =>
    pressButton(buttonId({ action, deliveryId }), await h.contextFor(user, locale), silentLogger);
  const errorOf = (reply: Reply) => {
    expect(reply.tone).toBe('error');
    return replyText(reply);
  };

  describe('/deliver log', () => {
    it('records each kind with its date and text, and confirms it in both languages', async () => {
      await deliver('logger', { delivered: '2026-11-20' });
      const sent = await h.run('/deliver log', { delivery: '1', event: 'sent', text: 'Asked whether the article arrived', at: '11/23' }, { user: 'logger' });
      expect(sent.tone).toBe('success');
      expect(sent.title).toBe('#1: your message to the client is recorded');
      expect(replyText(sent)).toContain('Date: Mon, Nov 23, 2026');
      expect(replyText(sent)).toContain('Text: Asked whether the article arrived');

      const desk = await h.run('/deliver log', { delivery: '#1', event: '事務局', at: '2026年11月24日' }, { user: 'logger', locale: 'ja' });
      expect(desk.title).toBe('納品 #1: 事務局への相談を記録しました');
      expect(replyText(desk)).toContain('日付: 2026年11月24日(火)');
      expect(replyText(desk)).toContain('/deliver show 1 で記録の全体を確認できます。');

      const replied = await h.run('/deliver log', { delivery: '1', event: '返信' }, { user: 'logger', locale: 'ja' });
      expect(replied.title).toBe('納品 #1: クライアントからの返信を記録しました');
      const note = await h.run('/deliver log', { delivery: '1', event: 'メモ', text: 'Client said **tomorrow**', at: '2026-11-25T18:30+09:00' }, { user: 'logger' });
      expect(note.title).toBe('#1: note added');

      const events = await eventsOf('logger', 1);
      expect(events.map((e) => [e.kind, e.at.toISOString(), e.text])).toEqual([
        // A bare date is noon of that day in the writer's zone.
        ['sent', '2026-11-23T03:00:00.000Z', 'Asked whether the article arrived'],
        ['desk', '2026-11-24T03:00:00.000Z', null],
        ['note', '2026-11-25T09:30:00.000Z', 'Client said **tomorrow**'],
        // Default: now.
        ['replied', '2026-11-26T01:00:00.000Z', null],
      ]);
    });

    it('takes the delivery number and the kind without their names, as typed text gives them', async () => {
      const { bindPositionals } = await import('../../src/adapters/text/parse-command-text.js');
      const { findCommand } = await import('../../src/commands/index.js');
      const command = findCommand(['deliver', 'log'])!.command;
      expect(bindPositionals(command, ['3', 'sent'], { at: 'yesterday' })).toEqual({ delivery: '3', event: 'sent', at: 'yesterday' });
    });

    it('places a bare date on the day of delivery after the delivery itself', async () => {
      await deliver('sameday', { delivered: '2026-11-25T16:00+09:00' });
      await h.run('/deliver log', { delivery: '1', event: 'sent', at: '2026-11-25' }, { user: 'sameday' });
      const [event] = await eventsOf('sameday', 1);
      expect(event?.at.toISOString()).toBe('2026-11-25T07:00:00.000Z');
    });

    const refusals: { name: string; raw: Record<string, string>; en: RegExp; ja: RegExp }[] = [
      { name: 'a date in the future', raw: { event: 'sent', at: '2026-11-27' }, en: /2026-11-27 is in the future\. Record what has already happened/, ja: /2026-11-27 は未来の日時です/ },
      { name: 'a time later today', raw: { event: 'sent', at: '2026-11-26T18:00+09:00' }, en: /is in the future/, ja: /未来の日時です/ },
      { name: 'a date before delivery', raw: { event: 'replied', at: '11/19' }, en: /11\/19 \(November 19, 2026\) is before delivery #1 was delivered \(November 20, 2026\)/, ja: /11\/19\(2026年11月19日\) は納品 #1 の納品日\(2026年11月20日\)より前です/ },
      { name: 'a full date before delivery', raw: { event: 'sent', at: '2026-11-19' }, en: /^Not done\n2026-11-19 is before delivery #1/, ja: /2026-11-19 は納品 #1 の納品日/ },
      { name: 'a date that is not one', raw: { event: 'sent', at: 'last week' }, en: /"last week" is not a date I can read/, ja: /「last week」は日付として読めません/ },
      { name: 'a note with nothing in it', raw: { event: 'note' }, en: /Please give text: \(it is required\)/, ja: /内容\(text\)を入力してください/ },
      { name: 'a note of spaces', raw: { event: 'note', text: '   ' }, en: /Please give text: \(it is required\)/, ja: /内容\(text\)を入力してください/ },
      { name: 'a text over 500 characters', raw: { event: 'note', text: 'あ'.repeat(501) }, en: /text is too long: at most 500 characters/, ja: /内容\(text\)が長すぎます。500文字以内/ },
      { name: 'an unknown kind', raw: { event: 'called' }, en: /event must be one of: sent, desk, replied, note/, ja: /記録の種類\(event\)は次のいずれか/ },
      { name: 'a number the writer does not have', raw: { delivery: '9999', event: 'sent' }, en: /You have no delivery #9999/, ja: /あなたの納品 #9999 は見つかりません/ },
    ];

    it.each(refusals)('refuses $name, clearly, in both languages, and records nothing', async ({ raw, en, ja }) => {
      if (!(await h.deps.deliveries.findByNumber((await h.contextFor('careful')).member.id, 1))) await deliver('careful', { delivered: '2026-11-20' });
      const before = await eventsOf('careful', 1);
      expect(errorOf(await h.run('/deliver log', { delivery: '1', ...raw }, { user: 'careful', locale: 'en' }))).toMatch(en);
      expect(errorOf(await h.run('/deliver log', { delivery: '1', ...raw }, { user: 'careful', locale: 'ja' }))).toMatch(ja);
      expect(await eventsOf('careful', 1)).toEqual(before);
    });

    it('reaches only the writer’s own deliveries: another writer’s number finds their own or nothing', async () => {
      await deliver('owner', { delivered: '2026-11-20' });
      const reply = await h.run('/deliver log', { delivery: '1', event: 'sent' }, { user: 'intruder' });
      expect(errorOf(reply)).toMatch(/You have no delivery #1/);
      expect(await eventsOf('owner', 1)).toEqual([]);
    });

    it('refuses a desk request on a deal that has no desk', async () => {
      await h.run('/deliver new', { client: 'Direct Co', title: 'Copy', marketplace: 'direct', delivered: '2026-11-20' }, { user: 'direct' });
      await h.run('/deliver new', { client: 'Elsewhere', title: 'Copy', marketplace: 'other', delivered: '2026-11-20' }, { user: 'direct' });
      expect(errorOf(await h.run('/deliver log', { delivery: '1', event: 'desk' }, { user: 'direct' }))).toMatch(/Delivery #1 is a direct deal, so there is no platform support desk to ask/);
      expect(errorOf(await h.run('/deliver log', { delivery: '2', event: 'desk' }, { user: 'direct', locale: 'ja' }))).toMatch(/納品 #2 はその他のサイトでの取引のため、相談できる事務局がありません/);
      expect(await eventsOf('direct', 1)).toEqual([]);
      // The other kinds are fine there.
      expect((await h.run('/deliver log', { delivery: '1', event: 'sent' }, { user: 'direct' })).tone).toBe('success');
    });
  });

  describe('the nudge buttons', () => {
    it('record what the writer did as of now, once however often pressed, with a private confirmation', async () => {
      await deliver('clicker', { delivered: '2026-11-20' });
      const id = await idOf('clicker', 1);
      const sent = await press('clicker', 'sent', id);
      expect(sent.tone).toBe('success');
      expect(sent.ephemeral).toBe(true);
      expect(sent.title).toBe('#1: your message to the client is recorded');
      expect(replyText(sent)).toContain('Date: Thu, Nov 26, 2026');
      expect(replyText(sent)).toContain('If it was on another day: /deliver log 1 event:sent at:11/25');

      const again = await press('clicker', 'sent', id);
      expect(replyText(again)).toContain('This was already recorded (Thu, Nov 26, 2026); pressing again adds nothing.');
      const desk = await press('clicker', 'desk', id, 'ja');
      expect(desk.title).toBe('納品 #1: 事務局への相談を記録しました');
      expect(replyText(desk)).toContain('別の日のことでしたら: /deliver log 1 event:desk at:11/25');
      h.clock.advance(60 * 60_000);
      await press('clicker', 'replied', id);
      await press('clicker', 'sent', id);

      expect((await eventsOf('clicker', 1)).map((e) => [e.kind, e.at.toISOString()])).toEqual([
        ['sent', '2026-11-26T01:00:00.000Z'],
        ['desk', '2026-11-26T01:00:00.000Z'],
        ['replied', '2026-11-26T02:00:00.000Z'],
        ['sent', '2026-11-26T02:00:00.000Z'],
      ]);
      h.clock.advance(-60 * 60_000);
    });

    it('refuse a forged button for another writer’s delivery, and record nothing', async () => {
      await deliver('target', { delivered: '2026-11-20' });
      const theirs = await idOf('target', 1);
      for (const action of ['sent', 'desk', 'replied'] as const) {
        expect(errorOf(await press('forger', action, theirs))).toMatch(/That delivery is not one of yours, or no longer exists, so nothing changed/);
      }
      expect(await eventsOf('target', 1)).toEqual([]);
    });

    it('refuse Asked the desk on a direct deal, forged or left over', async () => {
      await h.run('/deliver new', { client: 'Direct Co', title: 'Copy', marketplace: 'direct', delivered: '2026-11-20' }, { user: 'direct-click' });
      const id = await idOf('direct-click', 1);
      expect(errorOf(await press('direct-click', 'desk', id))).toMatch(/no platform support desk/);
      expect(await eventsOf('direct-click', 1)).toEqual([]);
    });
  });

  describe('/deliver show', () => {
    it('shows the facts and the dated timeline oldest first, with Kenshu’s reminders labelled as reminders to the writer', async () => {
      await deliver('shower', { delivered: '2026-11-10', amount: '8000' });
      const id = await idOf('shower', 1);
      await h.database.db.insert(nudges).values([
        { deliveryId: id, stage: 1, state: 'sent', channel: 'dm', idempotencyKey: `kn${id}s1`, sentAt: new Date('2026-11-13T04:00:00Z'), createdAt: new Date('2026-11-13T04:00:00Z') },
        { deliveryId: id, stage: 2, state: 'skipped', idempotencyKey: `kn${id}s2`, createdAt: new Date('2026-11-18T04:00:00Z') },
        { deliveryId: id, stage: 3, state: 'unreachable', idempotencyKey: `kn${id}s3`, createdAt: new Date('2026-11-18T04:00:00Z') },
      ]);
      await h.run('/deliver log', { delivery: '1', event: 'sent', at: '11/14', text: 'Polite check-in' }, { user: 'shower' });
      await h.run('/deliver log', { delivery: '1', event: 'note', at: '11/20', text: 'Profile shows a log-in today' }, { user: 'shower' });
      await h.run('/deliver accepted', { delivery: '1' }, { user: 'shower' });

      const reply = await h.run('/deliver show', { delivery: '1' }, { user: 'shower' });
      expect(reply.title).toBe('Delivery #1: SEO article');
      expect(replyText(reply)).toContain('Amount: ¥8,000');
      expect(reply.lines).toEqual([
        "What happened, oldest first. Kenshu's reminders were messages to you, not to the client.",
        '',
        'Tue, Nov 10, 2026: Delivered',
        'Fri, Nov 13, 2026: Kenshu reminded you (Check-in)',
        'Sat, Nov 14, 2026: You contacted the client: “Polite check-in”',
        "Wed, Nov 18, 2026: Kenshu's reminder (Platform desk) could not reach you: your DMs were closed",
        'Fri, Nov 20, 2026: Note: “Profile shows a log-in today”',
        'Thu, Nov 26, 2026: Recorded in Kenshu',
        'Thu, Nov 26, 2026: Marked accepted',
      ]);

      const ja = await h.run('/deliver show', { delivery: '1' }, { user: 'shower', locale: 'ja' });
      expect(ja.title).toBe('納品 #1「SEO article」');
      expect(ja.lines).toContain('2026年11月13日(金) Kenshu からのリマインド(確認の連絡)');
      expect(ja.lines).toContain('2026年11月14日(土) クライアントに連絡「Polite check-in」');
      expect(ja.lines).toContain('2026年11月26日(木) 検収済みに変更');
      // A reminder is never presented as a contact with the client.
      expect(ja.lines?.filter((l) => l.includes('クライアントに連絡'))).toHaveLength(1);
    });

    it('shows a status change made before the record existed, from the delivery itself, once', async () => {
      await deliver('older', { delivered: '2026-11-20' });
      const id = await idOf('older', 1);
      await h.deps.deliveries.changeStatus({ id, from: 'awaiting_review', to: 'paid', at: new Date('2026-11-25T03:00:00Z'), nextNudgeAt: null });
      const lines = (await h.run('/deliver show', { delivery: '1' }, { user: 'older' })).lines ?? [];
      expect(lines.filter((l) => /Marked/.test(l))).toEqual(['Wed, Nov 25, 2026: Marked paid']);
    });

    it('keeps a long timeline within a Discord embed and says how many entries it left out', async () => {
      await deliver('busy', { delivered: '2026-11-01' });
      for (let i = 0; i < 40; i++) await h.run('/deliver log', { delivery: '1', event: 'note', text: `${i} `.padEnd(400, 'x'), at: `11/${2 + (i % 20)}` }, { user: 'busy' });
      const reply = await h.run('/deliver show', { delivery: '1' }, { user: 'busy' });
      const description = (reply.lines ?? []).join('\n');
      expect(description.length).toBeLessThanOrEqual(3_200);
      const more = /… (\d+) more entries are not shown here: \/deliver evidence 1 writes them all to a file\./.exec(description);
      expect(more).not.toBeNull();
      const shown = (reply.lines ?? []).filter((l) => /^\w{3}, \w{3} \d+, 2026: /.test(l)).length;
      // 42 entries: delivered, recorded, 40 notes.
      expect(shown + Number(more![1])).toBe(42);
      expect(reply.lines?.[2]).toBe('Sun, Nov 1, 2026: Delivered');
      const { toEmbed } = await import('../../src/adapters/discord/render.js');
      const embed = toEmbed(reply);
      const total = embed.title!.length + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
      expect(total).toBeLessThanOrEqual(6_000);
    });

    it('refuses another writer’s delivery', async () => {
      await deliver('private', {});
      expect(errorOf(await h.run('/deliver show', { delivery: '1' }, { user: 'snoop' }))).toMatch(/You have no delivery #1/);
    });
  });

  describe('/deliver evidence', () => {
    it('writes a Markdown file with the facts, the confirmed events, and the reminders kept apart', async () => {
      await h.run(
        '/deliver new',
        { client: 'https://crowdworks.jp/public/employers/777', title: 'Article [click](http://evil.example) # 1', url: 'https://crowdworks.jp/public/jobs/123', delivered: '2026-09-01', amount: '12000' },
        { user: 'evidence' },
      );
      const id = await idOf('evidence', 1);
      await h.database.db.insert(nudges).values({ deliveryId: id, stage: 1, state: 'sent', channel: 'dm', idempotencyKey: `kn${id}s1`, sentAt: new Date('2026-09-04T04:00:00Z'), createdAt: new Date('2026-09-04T04:00:00Z') });
      await h.run('/deliver log', { delivery: '1', event: 'sent', at: '2026-09-05', text: 'Asked about review' }, { user: 'evidence' });
      await h.run('/deliver log', { delivery: '1', event: 'desk', at: '2026-09-20' }, { user: 'evidence' });
      await h.run('/deliver log', { delivery: '1', event: 'note', at: '2026-09-21', text: '<@everyone> **no** reply\nsecond line' }, { user: 'evidence' });

      const reply = await h.run('/deliver evidence', { delivery: '1' }, { user: 'evidence' });
      expect(reply.title).toBe('Evidence file for delivery #1');
      expect(replyText(reply)).toContain('フリーランス・トラブル110番 (0120-532-110)');
      expect(reply.files).toHaveLength(1);
      const file = reply.files![0]!;
      expect(file.name).toBe('kenshu-delivery-1-20261126.md');
      const text = fileText(file);
      expect(text).toContain('# Delivery record: Article \\[click\\](http://evil.example) \\# 1 (#1)');
      expect(text).toContain("- **Client's profile:** <https://crowdworks.jp/public/employers/777>");
      expect(text).toContain('- **Marketplace:** CrowdWorks');
      expect(text).toContain('- **Job page:** <https://crowdworks.jp/public/jobs/123>');
      expect(text).toContain('- **Fee:** ¥12,000');
      expect(text).toContain('- **Delivered:** Tue, Sep 1, 2026');
      expect(text).toContain('- **Recorded in Kenshu:** Thu, Nov 26, 2026');
      expect(text).toContain('- **Status:** Awaiting review');
      // 1 September + 59 days: the Act counts the day of receipt as day 1.
      expect(text).toContain('- **Payment deadline under the Freelance Act:** Fri, Oct 30, 2026 (passed)');
      expect(text).toContain('## Messages to the client, as the writer recorded them\n\n- Sat, Sep 5, 2026: You contacted the client: “Asked about review”\n');
      expect(text).toContain("## Requests to the platform's support desk, as the writer recorded them\n\n- Sun, Sep 20, 2026: You asked the platform's support desk\n");
      expect(text).toContain('## Replies from the client, as the writer recorded them\n\nNone recorded.\n');
      expect(text).toContain('- Mon, Sep 21, 2026: Note: “\\<@everyone\\> \\*\\*no\\*\\* reply second line”');
      expect(text).toContain(
        '## Reminders Kenshu sent to the writer\n\nThese were messages from Kenshu to the writer, not to the client or the desk.\n\n- Fri, Sep 4, 2026: Kenshu reminded you (Check-in)\n',
      );
      // The reminder appears among the reminders and in the full timeline, never among the contacts.
      const contacts = text.slice(text.indexOf('## Messages to the client'), text.indexOf('## Requests to'));
      expect(contacts).not.toContain('Kenshu');
    });

    it('is written in the writer’s language', async () => {
      await h.run('/deliver new', { client: '株式会社ミライ', title: '記事', marketplace: 'direct', delivered: '2026-11-20', amount: '5000' }, { user: 'nihongo', locale: 'ja' });
      const reply = await h.run('/deliver evidence', { delivery: '1' }, { user: 'nihongo', locale: 'ja' });
      expect(reply.title).toBe('納品 #1 の経緯ファイル');
      const text = fileText(reply.files![0]);
      expect(text).toContain('# 納品の経緯: 記事(#1)');
      expect(text).toContain('- **マーケット:** 直接取引');
      expect(text).toContain('- **フリーランス・事業者間取引適正化等法上の支払期日:** 2027年1月18日(月)\n');
      expect(text).toContain('## クライアントへの連絡(ライターの記録)\n\n記録はありません。');
      expect(text).toContain('## Kenshu からライターへのリマインド\n\nKenshu がライターに送ったお知らせで、クライアントや事務局への連絡ではありません。\n\nまだありません。');
    });

    it('refuses another writer’s delivery and writes no file', async () => {
      await deliver('secret', {});
      const reply = await h.run('/deliver evidence', { delivery: '1' }, { user: 'snooper' });
      expect(errorOf(reply)).toMatch(/You have no delivery #1/);
      expect(reply.files).toBeUndefined();
    });
  });
});
