import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_DAYS, plannedStages, STAGE_KEYS, STAGES, type DeliveryStatus, type Stage } from '../../src/domain/ladder.js';
import { defaultEscrow, ESCROW_STATES, MARKETPLACES, type Marketplace } from '../../src/domain/marketplace.js';
import { LOCALES, type Locale } from '../../src/domain/member.js';
import type { NudgeFacts, NudgeText } from '../../src/domain/nudge-facts.js';
import { messagesFor } from '../../src/i18n/index.js';
import { nudgeText } from '../../src/i18n/nudges/index.js';

type History = NudgeFacts['history'];

const PLATFORMS = ['crowdworks', 'lancers', 'coconala', 'upwork'] as const satisfies readonly Marketplace[];
const OFF_PLATFORM = ['direct', 'other'] as const satisfies readonly Marketplace[];

/** Dates as the caller formats them for each language (delivered Sun, Nov 1, 2026). */
const DATES: Record<Locale, { delivered: string; legalDue: string; stage: Record<Stage, string>; amount: string }> = {
  en: {
    delivered: 'Sun, Nov 1, 2026',
    legalDue: 'Thu, Dec 31, 2026',
    stage: { 1: 'Wed, Nov 4, 2026', 2: 'Sun, Nov 8, 2026', 3: 'Mon, Nov 9, 2026', 4: 'Sun, Nov 22, 2026', 5: 'Mon, Dec 21, 2026' },
    amount: '¥5,000',
  },
  ja: {
    delivered: '2026年11月1日(日)',
    legalDue: '2026年12月31日(木)',
    stage: { 1: '2026年11月4日(水)', 2: '2026年11月8日(日)', 3: '2026年11月9日(月)', 4: '2026年11月22日(日)', 5: '2026年12月21日(月)' },
    amount: '￥5,000',
  },
};

const CLIENT = '株式会社サンプル';
const TITLE = 'SEO記事';
const jobUrl = (m: Marketplace) => `https://example.com/${m}/jobs/123456`;

/** The day a stage comes on; stages the ladder skips for a marketplace get a plausible day. */
function dayOf(m: Marketplace, stage: Stage): number {
  return DEFAULT_STAGE_DAYS[m][stage] ?? { 1: 3, 2: 2, 3: 10, 4: 21, 5: 50 }[stage];
}

/** Every earlier stage the ladder plans for the marketplace, sent on its date. */
function historyBefore(locale: Locale, m: Marketplace, stage: Stage): History {
  return STAGES.filter((s) => s < stage && DEFAULT_STAGE_DAYS[m][s] !== null).map((s) => ({ stage: s, on: DATES[locale].stage[s], outcome: 'sent' as const }));
}

function facts(locale: Locale, marketplace: Marketplace, stage: Stage, over: Partial<NudgeFacts> = {}): NudgeFacts {
  return {
    stage,
    marketplace,
    escrow: defaultEscrow(marketplace),
    status: 'awaiting_review',
    deliveryNumber: 3,
    clientName: CLIENT,
    title: TITLE,
    deliveredOn: DATES[locale].delivered,
    daysWaited: dayOf(marketplace, stage),
    jobUrl: jobUrl(marketplace),
    amount: DATES[locale].amount,
    legalDueOn: DATES[locale].legalDue,
    history: historyBefore(locale, marketplace, stage),
    ...over,
  };
}

const all = (t: NudgeText) => [t.title, ...t.body, t.templateHeading, t.template].join('\n');
const bodyText = (t: NudgeText) => t.body.join('\n');

/** Japanese script: hiragana, katakana, CJK ideographs, full-width forms and CJK punctuation. */
const JAPANESE = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;

/** The template with every value that came from the facts removed. */
function withoutFacts(template: string, f: NudgeFacts): string {
  const values = [f.clientName, f.title, f.deliveredOn, f.legalDueOn, f.amount, f.jobUrl, ...f.history.map((h) => h.on)];
  return values.reduce<string>((text, v) => (v ? text.split(v).join('') : text), template);
}

const EVERY_CASE = LOCALES.flatMap((locale) =>
  MARKETPLACES.flatMap((marketplace) => STAGES.map((stage) => ({ locale, marketplace, stage }))),
);

describe('nudgeText: every stage × marketplace × locale', () => {
  it.each(EVERY_CASE)('$locale $marketplace stage $stage: title, body and template carry the facts', ({ locale, marketplace, stage }) => {
    const f = facts(locale, marketplace, stage);
    const t = nudgeText(locale, f);

    expect(t.title).toContain(String(f.daysWaited));
    expect(t.title).toContain('#3');
    expect(t.title).toContain(TITLE);
    expect(t.title).not.toContain('\n');
    if (locale === 'en') expect(t.title).toMatch(new RegExp(`^Day ${f.daysWaited} · .+ for #3 “SEO記事”$`));
    else expect(t.title).toMatch(new RegExp(`^${f.daysWaited}日目・#3「SEO記事」の.+$`));

    expect(t.body.length).toBeGreaterThan(1);
    for (const paragraph of t.body) expect(paragraph.trim()).not.toBe('');
    expect(t.templateHeading.trim()).not.toBe('');

    expect(t.template).toContain(CLIENT);
    expect(t.template).toContain(TITLE);
    expect(t.template).toContain(jobUrl(marketplace));
    expect(t.template).toContain(f.deliveredOn);

    expect(all(t)).not.toMatch(/undefined|null|NaN|\[object/);
  });

  it.each(EVERY_CASE)('$locale $marketplace stage $stage: no job URL and no amount leave no gaps', ({ locale, marketplace, stage }) => {
    const t = nudgeText(locale, facts(locale, marketplace, stage, { jobUrl: null, amount: null }));
    expect(t.template).toContain(CLIENT);
    expect(t.template).toContain(TITLE);
    expect(all(t)).not.toContain('https://');
    expect(all(t)).not.toMatch(/undefined|null|NaN/);
    // No label left dangling without its value.
    expect(all(t)).not.toMatch(/(案件URL|案件ページ|Job URL|Job|Contract link|報酬額|Amount)[:：] *$/m);
    expect(all(t)).not.toMatch(/報酬額|Amount:/);
  });

  it.each(EVERY_CASE)('$locale $marketplace stage $stage: deterministic and leaves the facts alone', ({ locale, marketplace, stage }) => {
    const f = facts(locale, marketplace, stage);
    const before = structuredClone(f);
    expect(nudgeText(locale, f)).toEqual(nudgeText(locale, structuredClone(f)));
    expect(f).toEqual(before);
  });

  it.each(EVERY_CASE)('$locale $marketplace stage $stage: template lines stay short', ({ locale, marketplace, stage }) => {
    const f = facts(locale, marketplace, stage);
    const t = nudgeText(locale, f);
    for (const line of withoutFacts(t.template, f).split('\n')) expect(line.length).toBeLessThanOrEqual(JAPANESE.test(line) ? 70 : 130);
  });
});

describe('stage headings: the client, or the platform desk at stage 3', () => {
  it.each(LOCALES.flatMap((locale) => MARKETPLACES.flatMap((marketplace) => ([1, 2, 4, 5] as const).map((stage) => ({ locale, marketplace, stage })))))(
    '$locale $marketplace stage $stage is a message to the client',
    ({ locale, marketplace, stage }) => {
      const t = nudgeText(locale, facts(locale, marketplace, stage));
      expect(t.templateHeading).toBe(locale === 'ja' ? 'クライアントへのメッセージ' : 'Message to the client');
      expect(t.template.split('\n')[0]).toBe(locale === 'ja' ? `${CLIENT} 様` : `${stage <= 2 ? 'Hi' : 'Dear'} ${CLIENT},`);
    },
  );

  it.each<{ locale: Locale; marketplace: Marketplace; heading: string; greeting: string }>([
    { locale: 'en', marketplace: 'crowdworks', heading: 'Request to CrowdWorks support', greeting: 'Hello CrowdWorks support,' },
    { locale: 'en', marketplace: 'lancers', heading: 'Request to Lancers support', greeting: 'Hello Lancers support,' },
    { locale: 'en', marketplace: 'coconala', heading: 'Request to Coconala support', greeting: 'Hello Coconala support,' },
    { locale: 'en', marketplace: 'upwork', heading: 'Request to Upwork Support', greeting: 'Hello Upwork Support,' },
    { locale: 'ja', marketplace: 'crowdworks', heading: 'クラウドワークス事務局への相談文', greeting: 'クラウドワークス事務局 ご担当者様' },
    { locale: 'ja', marketplace: 'lancers', heading: 'ランサーズ事務局への相談文', greeting: 'ランサーズ事務局 ご担当者様' },
    { locale: 'ja', marketplace: 'coconala', heading: 'ココナラ運営事務局への相談文', greeting: 'ココナラ運営事務局 ご担当者様' },
    // Upwork's support answers in English, so the ready-to-send text is English.
    { locale: 'ja', marketplace: 'upwork', heading: 'Upworkサポートへの問い合わせ文(英語)', greeting: 'Hello Upwork Support,' },
  ])('$locale $marketplace stage 3 is addressed to the desk, with the job facts', ({ locale, marketplace, heading, greeting }) => {
    const f = facts(locale, marketplace, 3);
    const t = nudgeText(locale, f);
    expect(t.templateHeading).toBe(heading);
    expect(t.template.split('\n')[0]).toBe(greeting);
    expect(t.template).not.toMatch(new RegExp(`^(Hi|Dear) ${CLIENT}|^${CLIENT} 様`));

    // client, title, job URL, delivered date, days waited, messages sent (with their dates)
    const sent = f.history.filter((h) => h.stage < 3);
    expect(sent.length).toBeGreaterThan(0);
    expect(t.template).toContain(CLIENT);
    expect(t.template).toContain(TITLE);
    expect(t.template).toContain(jobUrl(marketplace));
    expect(t.template).toContain(f.deliveredOn);
    expect(t.template).toContain(locale === 'ja' && marketplace !== 'upwork' ? `${f.daysWaited}日経過` : `${f.daysWaited} days ago`);
    expect(t.template).toContain(locale === 'ja' && marketplace !== 'upwork' ? `クライアントへの連絡: ${sent.length}回` : `Messages sent to the client: ${sent.length}`);
    for (const h of sent) expect(t.template).toContain(h.on);
    expect(t.template).toContain(f.amount);
  });

  it.each(LOCALES.flatMap((locale) => OFF_PLATFORM.map((marketplace) => ({ locale, marketplace }))))(
    '$locale $marketplace stage 3 (never planned) is a firmer written request to the client',
    ({ locale, marketplace }) => {
      const f = facts(locale, marketplace, 3);
      const t = nudgeText(locale, f);
      expect(t.templateHeading).toBe(locale === 'ja' ? 'クライアントへのメッセージ' : 'Message to the client');
      expect(t.template).toContain(locale === 'ja' ? '本メッセージの送信から7日以内' : 'within 7 days of this message');
      expect(t.template).toContain(locale === 'ja' ? 'これまでに2回ご連絡しております' : 'I have written to you 2 times so far');
      expect(bodyText(t)).toMatch(locale === 'ja' ? /事務局がない/ : /no platform desk/);
    },
  );

  it.each(LOCALES.flatMap((locale) => (['crowdworks', 'lancers', 'coconala'] as const).map((marketplace) => ({ locale, marketplace }))))(
    '$locale $marketplace stage 3 without any earlier message says to write to the client first',
    ({ locale, marketplace }) => {
      const t = nudgeText(locale, facts(locale, marketplace, 3, { history: [{ stage: 1, on: null, outcome: 'skipped' }] }));
      expect(bodyText(t)).toContain(locale === 'ja' ? 'クライアントへの連絡の記録がありません' : 'no record of a message to the client');
      expect(t.template).not.toMatch(/クライアントへの連絡:|Messages sent to the client/);
    },
  );
});

describe('stage 3: each platform’s own rule and trap', () => {
  it.each<{ locale: Locale; marketplace: Marketplace; must: (string | RegExp)[] }>([
    {
      locale: 'en',
      marketplace: 'crowdworks',
      must: ['お問い合わせ', '連絡催促', 'about a week', 'do not use the early-termination request (契約途中終了リクエスト)', 'granted automatically after a week', 'refunds the escrowed fee to the client'],
    },
    {
      locale: 'ja',
      marketplace: 'crowdworks',
      must: ['お問い合わせ', '連絡催促', '1週間', '納品後は「契約途中終了リクエスト」を使わないでください', '1週間たつと自動的に成立', 'クライアントに全額返金'],
    },
    {
      locale: 'en',
      marketplace: 'lancers',
      must: ['連絡催促申請', 'after 7 days without contact', 'deadline (7 days later)', /file the completion report \(完了報告\) BEFORE you request the contact reminder/],
    },
    {
      locale: 'ja',
      marketplace: 'lancers',
      must: ['7日以上連絡が取れない場合に「連絡催促申請」', '連絡期限(7日後)', /連絡催促申請の前に、必ず「完了報告」を済ませてください/, 'キャンセル'],
    },
    {
      locale: 'en',
      marketplace: 'coconala',
      must: ['72 hours after a formal delivery (正式な納品)', 'formal delivery button', 'Attaching a file to a message is not a formal delivery', 'contact Coconala support'],
    },
    {
      locale: 'ja',
      marketplace: 'coconala',
      must: ['「正式な納品」から72時間', '「正式な納品」ボタン', '正式な納品になりません', 'お問い合わせフォーム'],
    },
    {
      locale: 'en',
      marketplace: 'upwork',
      must: ['fixed-price', '14 days after you submit', 'contact Upwork Support', 'link to the contract', 'funded milestones'],
    },
    {
      locale: 'ja',
      marketplace: 'upwork',
      must: ['固定報酬', '作業の提出から14日以内', 'Upworkのサポート', '契約のリンク', '英語'],
    },
  ])('$locale $marketplace', ({ locale, marketplace, must }) => {
    const body = bodyText(nudgeText(locale, facts(locale, marketplace, 3)));
    for (const needle of must) {
      if (typeof needle === 'string') expect(body).toContain(needle);
      else expect(body).toMatch(needle);
    }
  });

  it.each(LOCALES)('%s: Lancers’ completion report comes before the contact reminder, in the template too', (locale) => {
    const t = nudgeText(locale, facts(locale, 'lancers', 3));
    expect(t.template).toContain(locale === 'ja' ? '完了報告後' : 'Since I filed the completion report');
  });

  it.each(LOCALES)('%s: Upwork’s desk template states the 14-day auto-release did not happen', (locale) => {
    const t = nudgeText(locale, facts(locale, 'upwork', 3));
    expect(t.template).toContain('fixed-price milestone');
    expect(t.template).toContain('not released automatically after 14 days');
  });

  it.each(LOCALES)('%s: Upwork asked before day 14 (e.g. /remind now) does not claim the auto-release failed', (locale) => {
    const t = nudgeText(locale, facts(locale, 'upwork', 3, { daysWaited: 8 }));
    expect(t.template).not.toContain('after 14 days');
    expect(t.template).toContain('8 days have passed');
    expect(bodyText(t)).toContain(locale === 'ja' ? 'まだ14日たっていない' : 'The 14 days have not passed yet');
  });

  it('ja: one message without a reply is 返信なし, several are いずれも返信なし', () => {
    const one = nudgeText('ja', facts('ja', 'coconala', 3)).template;
    const two = nudgeText('ja', facts('ja', 'crowdworks', 3)).template;
    expect(one).toContain(`・クライアントへの連絡: 1回(${DATES.ja.stage[1]})、返信なし`);
    expect(two).toContain(`・クライアントへの連絡: 2回(${DATES.ja.stage[1]}、${DATES.ja.stage[2]})、いずれも返信なし`);
  });

  it.each(LOCALES)('%s: Coconala’s desk template confirms a formal delivery was sent', (locale) => {
    const t = nudgeText(locale, facts(locale, 'coconala', 3));
    expect(t.template).toContain(locale === 'ja' ? '「正式な納品」を送信いたしました' : 'I sent a formal delivery');
    expect(t.template).toContain(locale === 'ja' ? `・購入者: ${CLIENT}` : `Buyer: ${CLIENT}`);
  });

  it.each(EVERY_CASE.filter((c) => c.marketplace !== 'crowdworks'))(
    '$locale $marketplace stage $stage never mentions CrowdWorks’ early termination',
    ({ locale, marketplace, stage }) => {
      expect(all(nudgeText(locale, facts(locale, marketplace, stage)))).not.toMatch(/途中終了|early-termination/);
    },
  );

  it.each(LOCALES)('%s: Coconala’s check-in (day 2, there is no stage 2) already asks to confirm the formal delivery', (locale) => {
    const body = bodyText(nudgeText(locale, facts(locale, 'coconala', 1)));
    expect(body).toContain(locale === 'ja' ? '72時間' : '72 hours');
    expect(body).toContain(locale === 'ja' ? '「正式な納品」ボタン' : 'formal delivery button');
  });
});

describe('stages 1 and 2: polite, then slightly firmer', () => {
  it.each(LOCALES.flatMap((locale) => MARKETPLACES.map((marketplace) => ({ locale, marketplace }))))(
    '$locale $marketplace stage 1 reassures and asks for a review when convenient',
    ({ locale, marketplace }) => {
      const f = facts(locale, marketplace, 1);
      const t = nudgeText(locale, f);
      if (locale === 'ja') {
        expect(bodyText(t)).toContain('1〜2日で検収');
        expect(bodyText(t)).toContain('失礼にはあたりません');
        expect(t.template).toContain(`${f.deliveredOn}に「${TITLE}」を納品いたしました。`);
        expect(t.template).toContain('お手すきの際に');
        expect(t.template).toContain('検収をお願いできますでしょうか');
        expect(t.template).toContain('修正が必要な点がございましたら');
      } else {
        expect(bodyText(t)).toContain('within a day or two');
        expect(bodyText(t)).toContain('normal and not rude');
        expect(t.template).toContain(`I delivered “${TITLE}” on ${f.deliveredOn}.`);
        expect(t.template).toContain('When you have a moment, could you please review it?');
        expect(t.template).toContain('needs revising');
      }
    },
  );

  it.each(LOCALES.flatMap((locale) => MARKETPLACES.map((marketplace) => ({ locale, marketplace }))))(
    '$locale $marketplace stage 2 mentions the earlier message, the days waited and a near answer',
    ({ locale, marketplace }) => {
      const f = facts(locale, marketplace, 2, { daysWaited: 7, history: [{ stage: 1, on: DATES[locale].stage[1], outcome: 'sent' }] });
      const t = nudgeText(locale, f);
      if (locale === 'ja') {
        expect(t.template).toContain('再度ご連絡いたしました');
        expect(t.template).toContain('先日もメッセージをお送りしておりますが');
        expect(t.template).toContain('納品から7日が経過');
        expect(t.template).toContain('数日中に');
      } else {
        expect(t.template).toContain('following up on my earlier message');
        expect(t.template).toContain('It has now been 7 days');
        expect(t.template).toContain('within the next few days');
      }
    },
  );

  it.each(LOCALES)('%s stage 2 does not claim an earlier message when the check-in was skipped', (locale) => {
    const t = nudgeText(locale, facts(locale, 'crowdworks', 2, { history: [{ stage: 1, on: null, outcome: 'skipped' }] }));
    expect(t.template).not.toMatch(/再度|先日|earlier message/);
    expect(t.template).toContain(locale === 'ja' ? '数日中に' : 'within the next few days');
  });

  it.each<{ locale: Locale; marketplace: Marketplace; needle: string }>([
    { locale: 'en', marketplace: 'crowdworks', needle: "check the client's last log-in on their profile (CrowdWorks shows it)" },
    { locale: 'en', marketplace: 'lancers', needle: "check the client's last log-in on their profile (Lancers shows it)" },
    { locale: 'ja', marketplace: 'crowdworks', needle: '最終ログインを確認しましょう(クラウドワークスではプロフィールに表示されます)' },
    { locale: 'ja', marketplace: 'lancers', needle: '最終ログインを確認しましょう(ランサーズではプロフィールに表示されます)' },
    { locale: 'en', marketplace: 'crowdworks', needle: 'review within about a week' },
    { locale: 'ja', marketplace: 'crowdworks', needle: '納品から1週間を目安に検収' },
    { locale: 'en', marketplace: 'lancers', needle: 'about three messages over about three days' },
    { locale: 'ja', marketplace: 'lancers', needle: '3日ほどかけて3回程度メッセージを送る' },
  ])('$locale $marketplace stage 2 body: $needle', ({ locale, marketplace, needle }) => {
    expect(bodyText(nudgeText(locale, facts(locale, marketplace, 2)))).toContain(needle);
  });
});

describe('stage 4: evidence, a factual flag, a firm deadline', () => {
  const history = (locale: Locale): History => [
    { stage: 1, on: DATES[locale].stage[1], outcome: 'sent' },
    { stage: 2, on: null, outcome: 'skipped' },
    { stage: 3, on: DATES[locale].stage[3], outcome: 'unreachable' },
  ];

  it.each(LOCALES.flatMap((locale) => MARKETPLACES.map((marketplace) => ({ locale, marketplace }))))(
    '$locale $marketplace lists delivered date, days waited and every history entry in order',
    ({ locale, marketplace }) => {
      const f = facts(locale, marketplace, 4, { history: history(locale), daysWaited: 21 });
      const body = nudgeText(locale, f).body;
      const names = (s: Stage) => messagesFor(locale).stage[STAGE_KEYS[s]].name;
      const expected =
        locale === 'ja'
          ? [
              '記録のまとめ:',
              `・納品日: ${f.deliveredOn}`,
              '・経過日数: 21日',
              '・状態: 検収待ち',
              `・${names(1)}: ${DATES.ja.stage[1]}`,
              `・${names(2)}: スキップ`,
              `・${names(3)}: DMが届かず(${DATES.ja.stage[3]})`,
            ]
          : [
              'Evidence so far:',
              `• Delivered: ${f.deliveredOn}`,
              '• Days waited: 21',
              '• Status: awaiting review',
              `• ${names(1)}: ${DATES.en.stage[1]}`,
              `• ${names(2)}: skipped`,
              `• ${names(3)}: not delivered to you (${DATES.en.stage[3]})`,
            ];
      const at = expected.map((line) => body.indexOf(line));
      expect(at.every((i) => i >= 0), JSON.stringify({ body, expected })).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    },
  );

  it.each(LOCALES.flatMap((locale) => MARKETPLACES.map((marketplace) => ({ locale, marketplace }))))(
    '$locale $marketplace suggests a factual /client flag and sets a 7-day deadline for the review',
    ({ locale, marketplace }) => {
      const t = nudgeText(locale, facts(locale, marketplace, 4));
      expect(bodyText(t)).toContain('/client flag');
      expect(bodyText(t)).toContain('no_response_after_delivery');
      expect(bodyText(t)).toMatch(locale === 'ja' ? /日付と起きたことだけ.*悪口/ : /dates and facts: no insults/);
      expect(t.template).toContain(locale === 'ja' ? '本メッセージの送信から7日以内に検収をお願いいたします' : 'Please review the work within 7 days of this message');
    },
  );

  it.each(LOCALES)('%s: an empty history still gives the delivered date and days waited', (locale) => {
    const f = facts(locale, 'direct', 4, { history: [] });
    const body = nudgeText(locale, f).body;
    expect(body).toContain(locale === 'ja' ? `・納品日: ${f.deliveredOn}` : `• Delivered: ${f.deliveredOn}`);
    expect(body).toContain(locale === 'ja' ? `・経過日数: ${f.daysWaited}日` : `• Days waited: ${f.daysWaited}`);
  });
});

describe('stage 5: the Freelance Act’s 60 days', () => {
  it.each(LOCALES.flatMap((locale) => MARKETPLACES.flatMap((marketplace) => (['awaiting_review', 'accepted'] as const).map((status) => ({ locale, marketplace, status })))))(
    '$locale $marketplace $status: deadline, hotline and a formal payment request',
    ({ locale, marketplace, status }) => {
      const f = facts(locale, marketplace, 5, { status, escrow: status === 'accepted' ? 'not_funded' : defaultEscrow(marketplace) });
      const t = nudgeText(locale, f);
      const body = bodyText(t);
      expect(body).toContain('0120-532-110');
      expect(body).toContain('フリーランス・トラブル110番');
      expect(body).toContain('フリーランス・事業者間取引適正化等法');
      expect(body).toContain('60');
      expect(body).toContain(f.legalDueOn);
      expect(body).toContain(locale === 'ja' ? '2024年11月1日' : 'November 1, 2024');
      expect(body).toContain(locale === 'ja' ? '第二東京弁護士会' : 'Daini Tokyo Bar Association');

      expect(t.template).toContain(locale === 'ja' ? '受領日から60日以内' : 'within 60 days of receiving it');
      expect(t.template).toContain(locale === 'ja' ? `本件の支払期限は${f.legalDueOn}です。` : `the deadline is ${f.legalDueOn}.`);
      expect(t.template).toContain(locale === 'ja' ? `${f.legalDueOn}までに` : `by ${f.legalDueOn}`);
      expect(t.template).toMatch(locale === 'ja' ? /お支払い/ : /payment/);
    },
  );
});

describe('escrow: the unfunded-escrow warning only where a platform holds escrow', () => {
  const WARNING: Record<Locale, string> = { en: 'stop any further work', ja: 'これ以上の作業は止めて' };
  const RECORDS: Record<Locale, string> = { en: 'keep records', ja: '記録を残して' };

  const platformCases = LOCALES.flatMap((locale) =>
    PLATFORMS.flatMap((marketplace) => STAGES.flatMap((stage) => ESCROW_STATES.map((escrow) => ({ locale, marketplace, stage, escrow })))),
  );

  it.each(platformCases)('$locale $marketplace stage $stage escrow $escrow', ({ locale, marketplace, stage, escrow }) => {
    const body = bodyText(nudgeText(locale, facts(locale, marketplace, stage, { escrow })));
    if (escrow === 'not_funded') {
      expect(body).toContain(WARNING[locale]);
      expect(body).toMatch(locale === 'ja' ? /仮払い.*をお願いしてください/ : /ask the client to (fund escrow \(仮払い\)|fund the milestone) first/);
    } else {
      expect(body).not.toContain(WARNING[locale]);
    }
    expect(body).not.toMatch(/no platform protection|直接取引にはマーケットの保護がありません/);
  });

  it.each(LOCALES.flatMap((locale) => OFF_PLATFORM.flatMap((marketplace) => STAGES.flatMap((stage) => ESCROW_STATES.map((escrow) => ({ locale, marketplace, stage, escrow }))))))(
    '$locale $marketplace stage $stage escrow $escrow: no escrow advice, but keep records',
    ({ locale, marketplace, stage, escrow }) => {
      const body = bodyText(nudgeText(locale, facts(locale, marketplace, stage, { escrow })));
      expect(body).not.toContain(WARNING[locale]);
      expect(body).toContain(RECORDS[locale]);
      if (marketplace === 'direct') expect(body).toContain(locale === 'ja' ? '直接取引にはマーケットの保護がありません' : 'A direct deal has no platform protection');
    },
  );

  it.each(LOCALES.flatMap((locale) => PLATFORMS.map((marketplace) => ({ locale, marketplace }))))(
    '$locale $marketplace: an unknown escrow asks to check it, without the stop-work warning',
    ({ locale, marketplace }) => {
      const body = bodyText(nudgeText(locale, facts(locale, marketplace, 1, { escrow: 'unknown' })));
      expect(body).toMatch(locale === 'ja' ? /仮払いがされているか、案件ページで確認/ : /Check on the job page whether the client funded escrow/);
    },
  );
});

describe('accepted but not paid: stages 4 and 5 chase payment, not review', () => {
  // The ladder keeps stages 4–5 after acceptance only where acceptance does not release payment.
  // Taken from the ladder itself: direct/other with any escrow, platforms without funded escrow.
  const cases = LOCALES.flatMap((locale) =>
    MARKETPLACES.flatMap((marketplace) =>
      ESCROW_STATES.flatMap((escrow) =>
        plannedStages({ marketplace, escrow, status: 'accepted', deliveredAt: new Date('2026-11-01T03:00:00Z') }).map(({ stage }) => ({ locale, marketplace, escrow, stage })),
      ),
    ),
  );

  it('covers every accepted-but-unpaid case the ladder plans, and only stages 4 and 5', () => {
    expect(new Set(cases.map((c) => c.stage))).toEqual(new Set([4, 5]));
    expect(cases.filter((c) => c.locale === 'en' && c.stage === 4).map((c) => `${c.marketplace}:${c.escrow}`)).toEqual(
      expect.arrayContaining(['direct:funded', 'other:unknown', 'crowdworks:not_funded', 'upwork:unknown']),
    );
    expect(cases.some((c) => c.marketplace === 'lancers' && c.escrow === 'funded')).toBe(false);
  });

  it.each(cases)('$locale $marketplace stage $stage escrow $escrow', ({ locale, stage, marketplace, escrow }) => {
    const status: DeliveryStatus = 'accepted';
    const t = nudgeText(locale, facts(locale, marketplace, stage, { status, escrow }));
    if (locale === 'ja') {
      expect(bodyText(t)).toContain('検収済みだが未払い');
      expect(t.template).toMatch(/お支払いをお願いいたします|お支払いいただけますよう/);
      expect(t.template).not.toMatch(/検収をお願い|検収とお支払い|検収およびお支払い|検収いただくか/);
      expect(t.template).toContain('行き違いでお支払いいただいている場合は');
    } else {
      expect(bodyText(t)).toContain('accepted but not paid');
      expect(t.template).toMatch(/Please make the payment/);
      expect(t.template).not.toMatch(/review|accepted or paid/i);
      expect(t.template).toContain('If you have already paid, please disregard this message.');
    }
    if (stage === 4) {
      expect(bodyText(t)).toContain('unpaid');
      expect(bodyText(t)).not.toContain('no_response_after_delivery');
      expect(t.title).toMatch(locale === 'ja' ? /未払い/ : /Unpaid/);
    }
  });

  it.each(LOCALES.flatMap((locale) => ([4, 5] as const).map((stage) => ({ locale, stage }))))(
    '$locale stage $stage awaiting review asks for the review as well',
    ({ locale, stage }) => {
      const t = nudgeText(locale, facts(locale, 'direct', stage));
      expect(bodyText(t)).not.toMatch(/検収済みだが未払い|accepted but not paid/);
      expect(t.template).toMatch(locale === 'ja' ? /検収をお願いいたします|検収とお支払い/ : /review the work|acceptance and the payment/);
    },
  );
});

describe('language: polite Japanese, plain English', () => {
  const KEIGO = ['いただけ', 'ございま', 'お願いいたします', 'お願い申し上げます', 'いたしました', '存じます', 'おります'];

  it.each(EVERY_CASE.filter((c) => c.locale === 'ja' && !(c.marketplace === 'upwork' && c.stage === 3)))(
    'ja $marketplace stage $stage: the template is business 敬語',
    ({ marketplace, stage }) => {
      const f = facts('ja', marketplace, stage);
      const { template } = nudgeText('ja', f);
      expect(template).toMatch(/ 様$|ご担当者様$/m);
      expect(template).toContain('お世話になっております');
      expect(KEIGO.filter((k) => template.includes(k)).length).toBeGreaterThanOrEqual(2);
      expect(template).toMatch(/(よろしくお願いいたします|よろしくお願い申し上げます)。$/);
      // Plain forms that do not belong in a business message.
      expect(template).not.toMatch(/してね|ください!|だよ|じゃない/);
    },
  );

  it.each(EVERY_CASE.filter((c) => c.locale === 'en' || (c.marketplace === 'upwork' && c.stage === 3)))(
    '$locale $marketplace stage $stage: the template has no Japanese beyond the facts',
    ({ locale, marketplace, stage }) => {
      const f = facts(locale, marketplace, stage);
      const { template } = nudgeText(locale, f);
      expect(template).toMatch(JAPANESE); // the client and title are Japanese in these facts …
      expect(withoutFacts(template, f)).not.toMatch(JAPANESE); // … and nothing else is
    },
  );

  it.each(EVERY_CASE.filter((c) => c.locale === 'ja'))('ja $marketplace stage $stage: the body is in Japanese', ({ marketplace, stage }) => {
    const t = nudgeText('ja', facts('ja', marketplace, stage));
    for (const paragraph of t.body) expect(paragraph).toMatch(JAPANESE);
  });

  it.each(EVERY_CASE)('$locale $marketplace stage $stage: nothing rude about the client', ({ locale, marketplace, stage }) => {
    const text = all(nudgeText(locale, facts(locale, marketplace, stage))).toLowerCase();
    for (const word of ['scam', 'liar', 'fraud', 'idiot', 'rude client', '詐欺', '悪質', '最低', '嘘つき']) expect(text).not.toContain(word);
  });
});
