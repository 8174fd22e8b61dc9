import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Locale } from '../../src/domain/member.js';
import { createStores, type Stores } from '../../src/store/index.js';
import { MemoryClock } from '../support/clock.js';
import { playConsole } from '../support/console-session.js';
import { testDatabaseKinds, type TestDatabase } from '../support/databases.js';

/**
 * The console adapter in this process, as main.ts composes it: each session is a new adapter, a
 * new scheduler and a new notifier on the same database, as a new `npm start` process would be.
 */
describe.each(testDatabaseKinds)('console sessions on $name', (kind) => {
  let database: TestDatabase;
  let stores: Stores;
  let exportDir: string;
  const clock = new MemoryClock('2026-11-30T12:00:00+09:00');

  beforeAll(async () => {
    database = await kind.open();
    stores = createStores(database.db);
    exportDir = await mkdtemp(join(tmpdir(), 'kenshu-exports-'));
  });
  afterAll(async () => {
    await database?.destroy();
    await rm(exportDir, { recursive: true, force: true });
  });

  /** Plays `lines` as a piped script in a fresh adapter; returns the transcript's reply blocks. */
  const session = (lines: readonly string[], locale: Locale = 'en') => playConsole({ stores, clock, locale, exportDir }, lines);

  it('presses the buttons of a reminder printed by an earlier session', async () => {
    const [, , tick] = await session(['/deliver new client:Acme title:Draft marketplace:crowdworks delivered:2026-11-30', '/tick at:2026-12-03T13:00+09:00']);
    expect(tick).toContain('[DM] → writer');
    expect(tick).toContain('[Accepted] [Paid] [Snooze 3 days] [Stop reminders] [Show message]');

    const [, accepted, paid, again] = await session(['/press Accepted', '/press Paid', '/press Paid']);
    expect(accepted).toContain('✔ Delivery #1 accepted');
    expect(paid).toContain('✔ Delivery #1 paid');
    // The buttons stay those of the DM, and a second press is refused by the delivery's rules.
    expect(again).toContain('already paid');
  });

  it('presses the buttons of the latest message that had any, and refuses a label it does not have', async () => {
    const [, recorded, now] = await session(['/deliver new client:Beta title:Second marketplace:lancers delivered:2026-11-20', '/remind now 2']);
    expect(recorded).toContain('Delivery #2 recorded');
    expect(now).toContain('[Show message]');
    const [, list, unknown, show] = await session(['/deliver list', '/press Dance', '/press Show message']);
    // A reply without buttons leaves the last buttons pressable.
    expect(list).toContain('Your open deliveries');
    expect(unknown).toContain('There is no button "Dance". You can press: Accepted, Paid, Snooze 3 days, Stop reminders, Show message, Sent it, Asked the desk, Client replied.');
    expect(show).toContain('#2 “Second”');
  });

  it('never presses another member’s buttons', async () => {
    const [, , none, press] = await session(['/as hanako', '/press Paid', '/deliver list']);
    expect(none).toContain('There are no buttons to press yet');
    expect(press).toContain('no open deliveries');
  });

  it('applies a moderator’s settings to the very next command of the same session', async () => {
    const [, refused, saved, filed] = await session([
      '/client flag client:"Gamma KK" reason:unpaid',
      '/mod settings flag_delivery:optional',
      '/client flag client:"Gamma KK" reason:unpaid',
    ]);
    expect(refused).toContain('a report must be linked to one of your deliveries');
    expect(saved).toContain('Saved: flag_delivery.');
    expect(filed).toContain('filed');
    // And back: the next session, and the next command, see it required again.
    const [, required, refusedAgain] = await session(['/mod settings flag_delivery:required', '/client flag client:"Delta KK" reason:unpaid']);
    expect(required).toContain('Required');
    expect(refusedAgain).toContain('a report must be linked to one of your deliveries');
  });

  it('speaks Japanese by default: a session as the writer in the seed story would type it', async () => {
    const { defaultLocale } = loadConfig({});
    const [welcome, as, new1, new2, list, accepted, paid, all] = await session(
      [
        '/as sachiko',
        '/deliver new client:"Acme Media" title:"SEO記事" marketplace:crowdworks delivered:2026-11-01 amount:5000',
        '/deliver new client:https://www.lancers.jp/client/beta_inc title:"恋愛コラム 3本" delivered:2026-11-20 escrow:no',
        '/deliver list',
        '/deliver accepted 1',
        '/deliver paid #2',
        '/deliver list show:all',
      ],
      defaultLocale,
    );
    expect(welcome).toContain('Kenshu コンソール');
    expect(as).toContain('sachiko');
    expect(new1).toContain('✔ 納品 #1 を記録しました');
    expect(new1).toContain('マーケット: クラウドワークス');
    expect(new1).toContain('金額: ￥5,000');
    expect(new2).toContain('仮払いがされていません');
    expect(list).toContain('進行中の納品(2件)');
    expect(list).toMatch(/#2 恋愛コラム 3本[\s\S]*#1 SEO記事/);
    expect(accepted).toContain('✔ 納品 #1 を検収済みにしました');
    expect(paid).toContain('✔ 納品 #2 を支払い済みにしました');
    expect(all).toMatch(/#1 SEO記事.*検収済み/);
    expect(all).toMatch(/#2 恋愛コラム 3本.*支払い済み/);
  });

  it('records what the writer did and writes the evidence file into the export directory', async () => {
    const [, , , logged, desk, evidence] = await session(
      [
        '/as kiroku',
        '/deliver new client:"Mirai Media" title:"SEO記事 **5本**" marketplace:crowdworks delivered:2026-11-20 amount:8000',
        '/deliver log 1 sent text:"検収のお願いを送信" at:11/24',
        '/deliver log 1 事務局 at:2026年11月28日',
        '/deliver evidence 1',
      ],
      'ja',
    );
    expect(logged).toContain('✔ 納品 #1: クライアントへの連絡を記録しました');
    expect(logged).toContain('日付: 2026年11月24日(火)');
    expect(desk).toContain('✔ 納品 #1: 事務局への相談を記録しました');
    const path = join(exportDir, 'kenshu-delivery-1-20261130.md');
    expect(evidence).toContain('✔ 納品 #1 の経緯ファイル');
    expect(evidence).toContain(`ファイルを保存しました: ${path}`);
    expect(await readdir(exportDir)).toEqual(['kenshu-delivery-1-20261130.md']);
    const file = await readFile(path, 'utf8');
    expect(file).toContain('# 納品の経緯: SEO記事 \\*\\*5本\\*\\*(#1)');
    expect(file).toContain('- **クライアント:** Mirai Media');
    expect(file).toContain('- **納品日:** 2026年11月20日(金)');
    expect(file).toContain('- **フリーランス・事業者間取引適正化等法上の支払期日:** 2027年1月18日(月)');
    expect(file).toContain('## クライアントへの連絡(ライターの記録)\n\n- 2026年11月24日(火) クライアントに連絡「検収のお願いを送信」\n');
    expect(file).toContain('## 事務局への相談(ライターの記録)\n\n- 2026年11月28日(土) 事務局に相談\n');
  });

  it('applies a language chosen in /remind settings to the next command', async () => {
    const [, , list] = await session(['/remind settings language:ja', '/deliver list', '/remind settings language:en']);
    expect(list).toContain('進行中の納品');
  });
});
