import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/domain/member.js';
import type { OpenDatabase } from '../../src/store/index.js';
import { createStores, type Stores } from '../../src/store/index.js';
import { MemoryClock } from '../support/clock.js';
import { playConsole } from '../support/console-session.js';
import { openMemoryDatabase } from '../support/databases.js';

/**
 * Three deals walked through the console as their writers would live them, reading every letter
 * Kenshu hands over: the seed story (a CrowdWorks article recorded three weeks late, in Japanese),
 * an English Upwork milestone, and a direct deal on 月末締め翌月末払い terms. Each letter must be
 * one a writer can send as it is: only confirmed contacts, concrete dates, the client addressed
 * properly, nothing that was skipped, no ultimatum before a polite note.
 */
describe('walks of real deals through the console', () => {
  let database: OpenDatabase;
  let stores: Stores;

  beforeAll(async () => {
    database = await openMemoryDatabase();
    stores = createStores(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  /** Plays `lines` in a fresh console starting at `start`; returns each command's reply block. */
  async function walk(start: string, locale: Locale, lines: readonly string[]): Promise<string[]> {
    const [, ...blocks] = await playConsole({ stores, clock: new MemoryClock(start), locale, exportDir: tmpdir() }, lines);
    return blocks;
  }

  /** The letters in a reply block: each run of quoted lines, under its heading. */
  function letters(block: string | undefined): { heading: string; text: string }[] {
    const out: { heading: string; text: string }[] = [];
    let previous = '';
    for (const line of (block ?? '').split('\n')) {
      if (line.startsWith('  │')) {
        if (!previous.startsWith('  │')) out.push({ heading: previous.trim(), text: '' });
        const letter = out[out.length - 1]!;
        letter.text += `${letter.text ? '\n' : ''}${line.replace(/^ {2}│ ?/, '')}`;
      }
      previous = line;
    }
    return out;
  }

  /** What no letter a writer sends may contain (shared/JAPANESE.md). */
  function expectSendable(letter: { heading: string; text: string }, locale: Locale): void {
    expect(letter.text).not.toMatch(/スキップ|skipped|日目|\(株\)|㈱|させていただきたく|必要な対応を取らせていただきます|within \d+ days of this message|本メッセージの送信から/);
    if (locale === 'ja' && !letter.text.startsWith('請求書')) {
      expect(letter.text.match(/何卒/g)).toHaveLength(1);
      expect(letter.text).toContain('(お名前)');
    }
    if (locale === 'en') expect(letter.text).toContain('[Your name]');
  }

  it('the seed story: a CrowdWorks article recorded three weeks late, in Japanese', async () => {
    const [recorded, checkIn, sent, desk, followUp, deskStage, replied, accepted, show, lookup] = await walk('2026-11-30T12:00:00+09:00', 'ja', [
      '/as seed-writer',
      '/deliver new client:"(株)ミライメディア" profile:crowdworks:4455667 title:"恋愛記事 5本" marketplace:crowdworks delivered:2026-11-09 amount:8000 url:https://crowdworks.jp/public/jobs/1234567',
      '/tick at:2026-11-30T13:00+09:00',
      '/press 送りました',
      '/press 事務局に相談しました',
      '/tick at:2026-12-04T13:00+09:00',
      '/tick at:2026-12-05T13:00+09:00',
      '/deliver log 1 replied text:"検証完了です"',
      '/deliver accepted 1',
      '/deliver show 1',
      '/client lookup crowdworks:4455667',
    ]).then((blocks) => blocks.slice(1));

    // Recorded 21 days late: the plan starts with the check-in, and says so.
    expect(recorded).toContain('✔ 納品 #1 を記録しました');
    expect(recorded).toMatch(/リマインド予定\n {4}• 納品から21日後\(2026年11月30日\(月\)\): 確認の連絡/);
    expect(recorded).toContain('まず確認の連絡からお送りし');

    // The first message is the polite check-in, with the desk's request beside it: not the day-21 letter.
    expect(checkIn).toContain('[DM] → ');
    expect(checkIn).toContain('#1「恋愛記事 5本」の確認の連絡(納品から21日後)');
    expect(checkIn).not.toContain('記録と期日のお願い');
    const first = letters(checkIn);
    expect(first.map((l) => l.heading)).toEqual(['クライアントへのメッセージ', 'クラウドワークス事務局への相談文']);
    expect(first[0]!.text).toMatch(/^株式会社ミライメディア ご担当者様\n/);
    expect(first[0]!.text).not.toMatch(/ご連絡いたしましたが|お返事をいただけておりません|期日|までに/);
    expect(first[1]!.text).toMatch(/^クラウドワークス事務局 御中\n/);
    // Nothing was confirmed yet: the desk request claims no earlier contact.
    expect(first[1]!.text).not.toContain('これまでの連絡');
    for (const letter of first) expectSendable(letter, 'ja');

    expect(sent).toContain('クライアントへの連絡を記録しました');
    expect(desk).toContain('事務局への相談を記録しました');

    // The follow-up four days later states exactly the contact the writer confirmed.
    expect(followUp).toContain('#1「恋愛記事 5本」の再度の連絡(納品から25日後)');
    const second = letters(followUp);
    expect(second).toHaveLength(1);
    expect(second[0]!.text).toContain('2026年11月30日(月)にもご連絡いたしましたが、まだお返事をいただけておりません。');
    expect(second[0]!.text).toContain('2026年12月11日(金)までに、検収またはご連絡をいただけますと幸いです。');
    expectSendable(second[0]!, 'ja');

    // The desk stage a day later: the confirmed contact and the earlier request, nothing else.
    const third = letters(deskStage);
    expect(third.map((l) => l.heading)).toEqual(['クラウドワークス事務局への相談文']);
    expect(third[0]!.text).toContain('・これまでの連絡: 2026年11月30日(月)(お返事なし)');
    expect(third[0]!.text).toContain('・前回のご相談: 2026年11月30日(月)');
    expect(third[0]!.text).not.toContain('2026年12月4日');
    expect(deskStage).toContain('2026年11月30日(月)に相談済みと記録されています');
    expectSendable(third[0]!, 'ja');

    expect(replied).toContain('返信');
    expect(accepted).toContain('✔ 納品 #1 を検収済みにしました');

    // The timeline keeps Kenshu's reminders apart from what the writer did.
    expect(show).toContain('Kenshu からのリマインド(確認の連絡)');
    expect(show).toContain('検証完了です');

    // Her own delivery is shown to her apart, never pooled into figures about others.
    expect(lookup).toContain('あなた自身: 納品1件、うち支払い済み1件');
    expect(lookup).not.toContain('事務局への相談が必要だった件数');
  });

  it('an English Upwork milestone', async () => {
    const [recorded, checkIn, sent, followUp, desk, paid, list] = await walk('2026-12-02T10:00:00+09:00', 'en', [
      '/as upwork-writer',
      '/deliver new client:"Northwind Media LLC" title:"Blog series" marketplace:upwork delivered:2026-11-20 amount:$400 escrow:yes',
      '/tick at:2026-12-02T13:00+09:00',
      '/press Sent it',
      '/tick at:2026-12-06T13:00+09:00',
      '/tick at:2026-12-14T13:00+09:00',
      '/deliver paid 1',
      '/deliver list',
    ]).then((blocks) => blocks.slice(1));

    expect(recorded).toContain('Letters in: English');
    const first = letters(checkIn);
    expect(first.map((l) => l.heading)).toEqual(['Message to the client']);
    expect(first[0]!.text).toMatch(/^Dear Northwind Media LLC team,\n/);
    expectSendable(first[0]!, 'en');
    expect(sent).toContain('#1: your message to the client is recorded');

    const second = letters(followUp);
    expect(second[0]!.text).toContain('I also wrote to you on Wed, Dec 2, 2026, but have not heard back yet.');
    expect(second[0]!.text).toContain('by Sun, Dec 13, 2026');
    expectSendable(second[0]!, 'en');

    const third = letters(desk);
    expect(third.map((l) => l.heading)).toEqual(['Request to Upwork Support']);
    expect(third[0]!.text).toContain('My messages to the client: Wed, Dec 2, 2026 (no reply)');
    expect(third[0]!.text).toContain('Amount: $400.00');
    expectSendable(third[0]!, 'en');

    expect(paid).toContain('✔ Delivery #1 paid');
    expect(list).toContain('no open deliveries');
  });

  it('a direct deal on 月末締め翌月末払い terms', async () => {
    const [recorded, checkIn, accepted, early, record, list] = await walk('2026-11-30T10:00:00+09:00', 'ja', [
      '/as direct-writer',
      '/deliver new client:"山田商店" title:"商品紹介記事 3本" marketplace:direct delivered:2026-11-25 amount:5万円 due:月末締め翌月末払い',
      '/tick at:2026-11-30T13:00+09:00',
      '/deliver accepted 1',
      '/tick at:2026-12-31T13:00+09:00',
      '/tick at:2027-01-01T13:00+09:00',
      '/deliver list',
    ]).then((blocks) => blocks.slice(1));

    expect(recorded).toContain('支払期日: 2026年12月31日(木)(月末締め翌月末払い)');
    expect(recorded).toContain('請求書');
    expect(recorded).toContain('金額: ￥50,000');

    const first = letters(checkIn);
    expect(first.map((l) => l.heading)).toEqual(['クライアントへのメッセージ', '請求書のひな形']);
    expect(first[0]!.text).toMatch(/^山田商店 ご担当者様\n/);
    expect(first[1]!.text).toContain('ご請求金額: 50,000円');
    expect(first[1]!.text).toContain('お支払い期日: 2026年12月31日(木)');
    for (const letter of first) expectSendable(letter, 'ja');
    // No platform here: no log-in to check, no job page to capture, no desk.
    expect(checkIn).not.toMatch(/最終ログイン|案件ページ|事務局/);

    expect(accepted).toContain('✔ 納品 #1 を検収済みにしました');
    // Payment reminders count from the agreed date, not from delivery: nothing on the due date itself.
    expect(early).not.toContain('[DM]');

    const fourth = letters(record);
    expect(record).toContain('#1「商品紹介記事 3本」の未払いの記録と期日のお願い');
    expect(fourth[0]!.text).toContain('報酬(50,000円)のお支払いを、本日時点でまだ確認できておりません。');
    expect(fourth[0]!.text).toContain('お支払い期日(2026年12月31日(木))を過ぎております。');
    expect(fourth[0]!.text).toContain('2027年1月8日(金)までにお支払いのご対応をお願いいたします。');
    expect(record).not.toMatch(/最終ログイン|案件ページ|事務局に/);
    expectSendable(fourth[0]!, 'ja');

    expect(list).toContain('未払いの合計');
    expect(list).toContain('￥50,000(1件)');
  });
});
