import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_DAYS, plannedStages, STAGES, type DeliveryStatus, type Stage } from '../../src/domain/ladder.js';
import { ESCROW_STATES, isPlatform, MARKETPLACES, type Escrow, type Marketplace } from '../../src/domain/marketplace.js';
import type { Locale } from '../../src/domain/member.js';
import type { NudgeFacts, NudgeLetter } from '../../src/domain/nudge-facts.js';
import { ja as messages } from '../../src/i18n/ja/messages.js';
import { nudgeText } from '../../src/i18n/nudges/index.js';
import { AMOUNT, CLIENT, DAY } from '../support/letter-fixtures.js';

/**
 * The Japanese letters read as a careful writer would send them (shared/JAPANESE.md, "Checking
 * your own Japanese"): every stage × marketplace × escrow × status, with and without a confirmed
 * record, checked for the patterns the style guide says to avoid.
 */

const CLOSING = '何卒よろしくお願いいたします。';
const NAME = '(お名前)';

/**
 * - none: nothing confirmed, a business client;
 * - contacted: contacts on Nov 4 and 8 and a desk request on Nov 9, none answered, an agreed
 *   payment date that has passed, the desk already open, the legal deadline passed from stage 5;
 * - replied: the same contacts with a reply on Nov 6, a person as the client.
 */
const RECORDS = ['none', 'contacted', 'replied'] as const;
type RecordKind = (typeof RECORDS)[number];

interface Case {
  marketplace: Marketplace;
  stage: Stage;
  escrow: Escrow;
  status: DeliveryStatus;
  record: RecordKind;
}

function facts(locale: Locale, { marketplace, stage, escrow, status, record }: Case): NudgeFacts {
  const d = (day: keyof typeof DAY) => DAY[day][locale];
  const base: NudgeFacts = {
    stage,
    marketplace,
    escrow,
    status,
    deliveryNumber: 3,
    clientName: CLIENT,
    clientIsBusiness: true,
    clientProfile: null,
    title: 'SEO記事',
    deliveredOn: d('delivered'),
    daysWaited: DEFAULT_STAGE_DAYS[marketplace][stage] ?? 10,
    jobUrl: `https://example.com/${marketplace}/jobs/123456`,
    amount: AMOUNT[locale],
    legalDueOn: d('dec30'),
    legalDuePassed: stage === 6,
    dueOn: null,
    duePassed: false,
    replyBy: stage === 6 ? d('jan6') : d('dec10'),
    contacts: [],
    deskRequests: [],
    replies: [],
    unanswered: [],
    deskOpen: false,
    first: stage === 1,
  };
  if (record === 'none') return base;
  const contacted = { ...base, contacts: [d('nov4'), d('nov8')], deskRequests: [d('nov9')], dueOn: d('nov30'), duePassed: true, deskOpen: stage === 1, legalDuePassed: stage >= 5 };
  if (record === 'contacted') return { ...contacted, unanswered: contacted.contacts };
  return { ...contacted, clientName: '山田', clientIsBusiness: false, replies: [d('nov6')], unanswered: [d('nov8')] };
}

/** Awaiting review at every stage; accepted where the ladder keeps the stage after acceptance. */
function statusesOf(marketplace: Marketplace, escrow: Escrow, stage: Stage): DeliveryStatus[] {
  const afterAcceptance = plannedStages({ marketplace, escrow, status: 'accepted', deliveredAt: new Date('2026-11-01T03:00:00Z') }).map((p) => p.stage);
  return afterAcceptance.includes(stage) ? ['awaiting_review', 'accepted'] : ['awaiting_review'];
}

const CASES: Case[] = MARKETPLACES.flatMap((marketplace) =>
  STAGES.flatMap((stage) =>
    ESCROW_STATES.flatMap((escrow) => statusesOf(marketplace, escrow, stage).flatMap((status) => RECORDS.map((record) => ({ marketplace, stage, escrow, status, record })))),
  ),
);
const name = (c: Case) => `${c.marketplace} stage ${c.stage} escrow ${c.escrow} ${c.status} (${c.record})`;

const isInvoice = (l: NudgeLetter) => l.text.split('\n')[0] === '請求書';
/** Upwork's desk letter is English whatever the writer's language. */
const isJapanese = (l: NudgeLetter) => /[\u3040-\u30ff]/.test(l.text.replace(/「[^」]*」|株式会社ミライメディア|山田|SEO記事/g, ''));

/** The patterns JAPANESE.md says to avoid in any Japanese text the writer sees or sends. */
const AVOID_ANYWHERE: [string, RegExp][] = [
  ['abbreviated legal form', /\(株\)|\uFF08株\uFF09|㈱/],
  ['yen sign before digits', /[￥¥]\s*\d/],
  ['chained させていただきたく', /させていただきたく/],
  ['plain form 検収済みだが未払い', /検収済みだが未払い/],
  ['the threat 必要な対応を取らせていただきます', /必要な対応を取らせていただきます/],
  ['internal word スキップ', /スキップ/],
  ['ambiguous day count 日目', /日目/],
  ['a category key', /\b[a-z]+(?:_[a-z]+)+\b/],
  ['a date in digits and slashes', /\d{4}\/\d{1,2}\/\d{1,2}/],
];

/** What a Japanese letter must not do, on top of the patterns above. */
function letterProblems(letter: NudgeLetter): string[] {
  const { text } = letter;
  const problems = AVOID_ANYWHERE.filter(([, re]) => re.test(text)).map(([what]) => what);
  const count = (needle: string) => text.split(needle).length - 1;
  if (/^\s*([￥¥]\s*[\d,]+|[\d,]+円)\s*$/m.test(text)) problems.push('an amount on its own line');
  if (count('何卒') > 1) problems.push('何卒 more than once');
  if (/本メッセージ[^。]*以内に/.test(text)) problems.push('以内に counted from 本メッセージ');
  if (/事務局\s*ご担当者様/.test(text)) problems.push('a desk addressed with ご担当者様');
  if (count('お返事をいただけておりません') > 1) problems.push('the missing reply said more than once');
  if (!text.includes(NAME)) problems.push('no (お名前) placeholder');
  if (!isInvoice(letter)) {
    if (count(CLOSING) !== 1) problems.push(`the closing ${CLOSING} ${count(CLOSING)} times`);
    if (!text.trimEnd().endsWith(CLOSING)) problems.push('does not end with the closing');
    if (!text.includes('お世話になっております。')) problems.push('no お世話になっております。');
  }
  if (letter.to === 'desk' && !/ 御中$/.test(text.split('\n')[0]!)) problems.push('a desk not addressed with 御中');
  if (letter.to === 'desk' && /様$/.test(text.split('\n')[0]!)) problems.push('a desk addressed with 様');
  return problems;
}

describe('the style checker', () => {
  it('catches each pattern to avoid in a bad draft', () => {
    const draft: NudgeLetter = {
      to: 'desk',
      heading: 'クラウドワークス事務局への相談文',
      text: [
        'クラウドワークス事務局 ご担当者様',
        '',
        '(株)ミライメディアの件です。\uFF08株\uFF09と㈱も。',
        '￥8,000',
        '8,000円',
        'ご状況を確認させていただきたく、ご連絡いたしました。3日目です。',
        '検収済みだが未払いのままです。本メッセージの送信から7日以内にご対応がない場合、必要な対応を取らせていただきます。',
        '分類: no_response_after_delivery、前回: スキップ、2026/11/04',
        'まだお返事をいただけておりません。何卒ご確認ください。まだお返事をいただけておりません。',
        '何卒よろしくお願いいたします。',
        '何卒よろしくお願いいたします。',
      ].join('\n'),
    };
    expect(letterProblems(draft).sort()).toEqual(
      [
        'abbreviated legal form',
        'yen sign before digits',
        'chained させていただきたく',
        'plain form 検収済みだが未払い',
        'the threat 必要な対応を取らせていただきます',
        'internal word スキップ',
        'ambiguous day count 日目',
        'a category key',
        'a date in digits and slashes',
        'an amount on its own line',
        '何卒 more than once',
        '以内に counted from 本メッセージ',
        'a desk addressed with ご担当者様',
        'the missing reply said more than once',
        'no (お名前) placeholder',
        `the closing ${CLOSING} 2 times`,
        'no お世話になっております。',
        'a desk not addressed with 御中',
        'a desk addressed with 様',
      ].sort(),
    );
  });

  it('passes a letter written as the guide says', () => {
    const good: NudgeLetter = {
      to: 'client',
      heading: 'クライアントへのメッセージ',
      text: [
        `${CLIENT} ご担当者様`,
        '',
        'お世話になっております。',
        `${NAME}です。`,
        '2026年11月1日(日)に納品いたしました「SEO記事」の報酬(8,000円)について、ご連絡いたします。',
        '2026年12月10日(木)までにお支払いいただけますと幸いです。',
        '',
        CLOSING,
      ].join('\n'),
    };
    expect(letterProblems(good)).toEqual([]);
  });
});

describe('Japanese letters: every stage × marketplace × escrow × status, with and without a record', () => {
  it('covers every stage of every marketplace, accepted-but-unpaid and each record', () => {
    for (const m of MARKETPLACES) for (const s of STAGES) expect(CASES.some((c) => c.marketplace === m && c.stage === s)).toBe(true);
    expect(CASES.filter((c) => c.status === 'accepted').map((c) => c.stage).sort()).toEqual(expect.arrayContaining([4, 5, 6]));
    expect(CASES.some((c) => c.status === 'accepted' && c.stage < 4)).toBe(false);
    expect(new Set(CASES.map((c) => c.record))).toEqual(new Set(RECORDS));
  });

  it.each(CASES.map((c) => ({ ...c, name: name(c) })))('$name', (c) => {
    const f = facts('ja', c);
    const t = nudgeText('ja', f);
    const japanese = t.letters.filter(isJapanese);
    // Only Upwork's desk letter is in English.
    expect(t.letters.length - japanese.length).toBe(t.letters.filter((l) => l.to === 'desk' && c.marketplace === 'upwork').length);

    for (const letter of japanese) expect(letterProblems(letter), letter.text).toEqual([]);

    // The advice the writer reads avoids the same words, and shows categories by their label.
    const advice = [t.title, ...t.body].join('\n');
    expect(AVOID_ANYWHERE.filter(([, re]) => re.test(advice.replace(/https?:\/\/\S+/g, ''))).map(([what]) => what), advice).toEqual([]);
    for (const key of Object.keys(messages.client.category)) expect(advice + t.letters.map((l) => l.text).join('\n')).not.toContain(key);

    // How the client is addressed: company ご担当者様, person 様.
    for (const letter of japanese.filter((l) => l.to === 'client' && !isInvoice(l))) {
      expect(letter.text.split('\n')[0]).toBe(f.clientIsBusiness ? `${CLIENT} ご担当者様` : '山田様');
    }
  });
});

describe('English letters: dates, and the Freelance Act as it reads', () => {
  it.each(CASES.map((c) => ({ ...c, name: name(c) })))('$name', (c) => {
    const f = facts('en', c);
    const t = nudgeText('en', f);
    for (const letter of t.letters) {
      expect(letter.text).not.toMatch(/within \d+ days of (this|my) message/i);
      // No Japanese words beyond the facts (kana would be a Japanese sentence left in).
      expect(letter.text.replace(/株式会社ミライメディア/g, '')).not.toMatch(/[\u3040-\u30ff]/);
    }
    if (c.stage === 5) {
      const [letter] = t.letters;
      expect(letter!.text).toContain('Freelance Act');
      expect(letter!.text).toContain('of receiving');
      expect(letter!.text).not.toContain('of delivery');
    }
    if (isPlatform(c.marketplace) && c.stage === 3) expect(t.letters.map((l) => l.to)).toEqual(['desk']);
  });
});

describe('desk letters count the contacts as they are', () => {
  // (いずれもお返事なし), "none of them answered", only for more than one contact.
  it.each(['crowdworks', 'lancers', 'coconala'] as const)('%s: one unanswered contact is not いずれも', (marketplace) => {
    const f = { ...facts('ja', { marketplace, stage: 3, escrow: 'funded', status: 'awaiting_review', record: 'none' }), contacts: [DAY.nov4.ja], unanswered: [DAY.nov4.ja] };
    const desk = nudgeText('ja', f).letters.find((l) => l.to === 'desk')!;
    expect(desk.text).toContain(`・これまでの連絡: ${DAY.nov4.ja}(お返事なし)`);
  });
});
