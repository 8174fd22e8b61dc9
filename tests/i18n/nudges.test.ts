import { describe, expect, it } from 'vitest';
import { FREELANCE_ACT_REPORT_DESK, FREELANCE_HOTLINE } from '../../src/domain/facts.js';
import { DEFAULT_STAGE_DAYS, plannedStages, STAGES, type DeliveryStatus, type Stage } from '../../src/domain/ladder.js';
import { defaultEscrow, ESCROW_STATES, MARKETPLACES, type Marketplace } from '../../src/domain/marketplace.js';
import { LOCALES, type Locale } from '../../src/domain/member.js';
import type { NudgeFacts, NudgeLetter, NudgeText } from '../../src/domain/nudge-facts.js';
import { nudgeText } from '../../src/i18n/nudges/index.js';
import { messagesFor } from '../../src/i18n/index.js';
import { DESK } from '../../src/i18n/nudges/shared.js';
import { AMOUNT, CLIENT, DAY, PERSON, TITLE } from '../support/letter-fixtures.js';

const PLATFORMS = ['crowdworks', 'lancers', 'coconala', 'upwork'] as const satisfies readonly Marketplace[];
const OFF_PLATFORM = ['direct', 'other'] as const satisfies readonly Marketplace[];

type Day = keyof typeof DAY;

const jobUrl = (m: Marketplace) => `https://example.com/${m}/jobs/123456`;

/** The day a stage comes on; stages the ladder does not plan for a marketplace get a plausible day. */
function dayOf(m: Marketplace, stage: Stage): number {
  return DEFAULT_STAGE_DAYS[m][stage] ?? { 1: 3, 2: 2, 3: 10, 4: 21, 5: 50, 6: 60 }[stage];
}

/** The writer's confirmed record, by day; what is unanswered follows from it as the presenter works it out. */
interface Record_ {
  contacts?: Day[];
  desk?: Day[];
  replies?: Day[];
}
const ORDER = Object.keys(DAY) as Day[];
function record(locale: Locale, r: Record_): Pick<NudgeFacts, 'contacts' | 'deskRequests' | 'replies' | 'unanswered'> {
  const contacts = r.contacts ?? [];
  const replies = r.replies ?? [];
  const last = replies.length > 0 ? ORDER.indexOf(replies[replies.length - 1]!) : -1;
  return {
    contacts: contacts.map((d) => DAY[d][locale]),
    deskRequests: (r.desk ?? []).map((d) => DAY[d][locale]),
    replies: replies.map((d) => DAY[d][locale]),
    unanswered: contacts.filter((d) => ORDER.indexOf(d) > last).map((d) => DAY[d][locale]),
  };
}

/** A complete NudgeFacts: nothing confirmed in the record, legal deadline passed only at stage 6. */
function facts(locale: Locale, marketplace: Marketplace, stage: Stage, over: Partial<NudgeFacts> = {}): NudgeFacts {
  return {
    stage,
    marketplace,
    escrow: defaultEscrow(marketplace),
    status: 'awaiting_review',
    deliveryNumber: 3,
    clientName: CLIENT,
    clientIsBusiness: true,
    clientProfile: null,
    title: TITLE,
    deliveredOn: DAY.delivered[locale],
    daysWaited: dayOf(marketplace, stage),
    jobUrl: jobUrl(marketplace),
    amount: AMOUNT[locale],
    legalDueOn: DAY.dec30[locale],
    legalDuePassed: stage === 6,
    dueOn: null,
    duePassed: false,
    replyBy: (stage === 6 ? DAY.jan6 : DAY.dec10)[locale],
    ...record(locale, {}),
    deskOpen: false,
    first: stage === 1,
    ...over,
  };
}

const all = (t: NudgeText) => [t.title, ...t.body, ...t.letters.flatMap((l) => [l.heading, l.text])].join('\n');
const bodyText = (t: NudgeText) => t.body.join('\n');
const lettersText = (t: NudgeText) => t.letters.map((l) => l.text).join('\n');
const deskLetters = (t: NudgeText) => t.letters.filter((l) => l.to === 'desk');
/** The letter itself, not the invoice template that goes with a direct deal's check-in. */
const mainLetter = (t: NudgeText): NudgeLetter => t.letters[0]!;
const isInvoice = (l: NudgeLetter) => /^(請求書|INVOICE)$/.test(l.text.split('\n')[0]!);

/** Japanese script: hiragana, katakana, CJK ideographs, full-width forms and CJK punctuation. */
const JAPANESE = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;

/** Every date a letter states, as written. */
const DATE_PATTERN: Record<Locale, RegExp> = {
  ja: /\d{4}年\d{1,2}月\d{1,2}日\([日月火水木金土]\)/g,
  en: /(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat), [A-Z][a-z]{2} \d{1,2}, \d{4}/g,
};
const datesIn = (text: string, locale: Locale) => [...new Set(text.match(DATE_PATTERN[locale]) ?? [])].sort();

/** Words that say an earlier contact happened. */
const EARLIER_CONTACT: Record<Locale, RegExp> = {
  ja: /連絡いたしましたが|お返事をいただけておりません|これまでの連絡|お返事なし|再度|先日/,
  en: /wrote to you|no reply|not heard back|My messages to the client|earlier message/i,
};

/** The text with every value that came from the facts removed. */
function withoutFacts(text: string, f: NudgeFacts): string {
  const values = [f.clientName, f.clientProfile, f.title, f.deliveredOn, f.legalDueOn, f.amount, f.jobUrl, f.dueOn, f.replyBy, ...f.contacts, ...f.deskRequests, ...f.replies];
  return values.reduce<string>((text, v) => (v ? text.split(v).join('') : text), text);
}

const EVERY_CASE = LOCALES.flatMap((locale) => MARKETPLACES.flatMap((marketplace) => STAGES.map((stage) => ({ locale, marketplace, stage }))));
const byLocaleAndMarketplace = LOCALES.flatMap((locale) => MARKETPLACES.map((marketplace) => ({ locale, marketplace })));
const byLocaleAndPlatform = LOCALES.flatMap((locale) => PLATFORMS.map((marketplace) => ({ locale, marketplace })));

describe('nudgeText: every stage × marketplace × locale', () => {
  it.each(EVERY_CASE)('$locale $marketplace stage $stage: title, body and letters carry the facts', ({ locale, marketplace, stage }) => {
    const f = facts(locale, marketplace, stage);
    const t = nudgeText(locale, f);

    expect(t.title).toContain('#3');
    expect(t.title).toContain(TITLE);
    expect(t.title).not.toContain('\n');
    if (locale === 'en') expect(t.title).toMatch(new RegExp(`^.+ for #3 “SEO記事” \\(${f.daysWaited} days after delivery\\)$`));
    else expect(t.title).toMatch(new RegExp(`^#3「SEO記事」の.+\\(納品から${f.daysWaited}日後\\)$`));

    expect(t.body.length).toBeGreaterThan(1);
    for (const paragraph of t.body) expect(paragraph.trim()).not.toBe('');
    expect(t.letters.length).toBeGreaterThan(0);
    for (const letter of t.letters) {
      expect(letter.heading.trim()).not.toBe('');
      expect(letter.text.trim()).not.toBe('');
      expect(letter.text).toContain(TITLE);
      expect(letter.text).toContain(f.deliveredOn);
      expect(letter.text).toContain(CLIENT);
    }
    // The letter itself names the job, but the brief one after the deadline.
    if (stage < 6) expect(mainLetter(t).text).toContain(jobUrl(marketplace));

    expect(all(t)).not.toMatch(/undefined|null|NaN|\[object/);
  });

  it.each(EVERY_CASE)('$locale $marketplace stage $stage: no job URL and no amount leave no gaps', ({ locale, marketplace, stage }) => {
    const t = nudgeText(locale, facts(locale, marketplace, stage, { jobUrl: null, amount: null }));
    expect(mainLetter(t).text).toContain(CLIENT);
    expect(mainLetter(t).text).toContain(TITLE);
    expect(all(t)).not.toContain('https://');
    expect(all(t)).not.toMatch(/undefined|null|NaN/);
    // No label left dangling without its value, no amount in brackets with nothing in them.
    expect(all(t)).not.toMatch(/(案件URL|案件ページ|Job URL|Job|Contract link|報酬額|Amount)[:：] *$/m);
    expect(all(t)).not.toMatch(/報酬額|Amount:|\(\)|（）/);
  });

  it.each(EVERY_CASE)('$locale $marketplace stage $stage: deterministic and leaves the facts alone', ({ locale, marketplace, stage }) => {
    const f = facts(locale, marketplace, stage, record(locale, { contacts: ['nov4', 'nov8'], replies: ['nov6'], desk: ['nov9'] }));
    const before = structuredClone(f);
    expect(nudgeText(locale, f)).toEqual(nudgeText(locale, structuredClone(f)));
    expect(f).toEqual(before);
  });

  it.each(EVERY_CASE)('$locale $marketplace stage $stage: letter lines stay short enough to read in a chat', ({ locale, marketplace, stage }) => {
    const f = facts(locale, marketplace, stage, { ...record(locale, { contacts: ['nov4', 'nov8'] }), deskOpen: true });
    for (const letter of nudgeText(locale, f).letters) {
      for (const line of withoutFacts(letter.text, f).split('\n')) {
        const japanese = [...line].filter((ch) => JAPANESE.test(ch)).length > line.length / 2;
        expect(line.length).toBeLessThanOrEqual(japanese ? 90 : 200);
      }
    }
  });
});

describe('letters: who each is for, and how it is addressed', () => {
  it.each(EVERY_CASE.filter((c) => c.stage !== 3 || !(PLATFORMS as readonly Marketplace[]).includes(c.marketplace)))(
    '$locale $marketplace stage $stage: the letter is to the client',
    ({ locale, marketplace, stage }) => {
      const t = nudgeText(locale, facts(locale, marketplace, stage));
      const letter = mainLetter(t);
      expect(letter.to).toBe('client');
      expect(letter.heading).toBe(locale === 'ja' ? 'クライアントへのメッセージ' : 'Message to the client');
      expect(letter.text.split('\n')[0]).toBe(locale === 'ja' ? `${CLIENT} ご担当者様` : `Dear ${CLIENT} team,`);
      expect(deskLetters(t)).toHaveLength(0);
    },
  );

  it.each<{ locale: Locale; marketplace: Marketplace; heading: string; greeting: string }>([
    { locale: 'en', marketplace: 'crowdworks', heading: 'Request to CrowdWorks support', greeting: 'Dear CrowdWorks support,' },
    { locale: 'en', marketplace: 'lancers', heading: 'Request to Lancers support', greeting: 'Dear Lancers support,' },
    { locale: 'en', marketplace: 'coconala', heading: 'Request to Coconala support', greeting: 'Dear Coconala support,' },
    { locale: 'en', marketplace: 'upwork', heading: 'Request to Upwork Support', greeting: 'Hello Upwork Support,' },
    { locale: 'ja', marketplace: 'crowdworks', heading: 'クラウドワークス事務局への相談文', greeting: 'クラウドワークス事務局 御中' },
    { locale: 'ja', marketplace: 'lancers', heading: 'ランサーズ カスタマーサポートへの相談文', greeting: 'ランサーズ カスタマーサポート 御中' },
    { locale: 'ja', marketplace: 'coconala', heading: 'ココナラ運営事務局への相談文', greeting: 'ココナラ運営事務局 御中' },
    // Upwork's support answers in English, so the ready-to-send text is English.
    { locale: 'ja', marketplace: 'upwork', heading: 'Upworkサポートへの問い合わせ文', greeting: 'Hello Upwork Support,' },
  ])('$locale $marketplace stage 3 is one letter to the desk, with the job facts', ({ locale, marketplace, heading, greeting }) => {
    const f = facts(locale, marketplace, 3, { ...record(locale, { contacts: ['nov4', 'nov8'] }), daysWaited: dayOf(marketplace, 3) });
    const t = nudgeText(locale, f);
    expect(t.letters.map((l) => l.to)).toEqual(['desk']);
    const [letter] = t.letters;
    expect(letter!.heading).toBe(heading);
    expect(letter!.text.split('\n')[0]).toBe(greeting);
    expect(letter!.text).not.toMatch(/ご担当者様|^Dear 株式会社/m);

    const english = locale === 'en' || marketplace === 'upwork';
    expect(letter!.text).toContain(CLIENT);
    expect(letter!.text).toContain(TITLE);
    expect(letter!.text).toContain(jobUrl(marketplace));
    expect(letter!.text).toContain(f.deliveredOn);
    expect(letter!.text).toContain(AMOUNT[locale]);
    if (marketplace !== 'upwork') expect(letter!.text).toContain(english ? `(${f.daysWaited} days ago)` : `本日で納品から${f.daysWaited}日`);
    else expect(letter!.text).toContain(`${f.daysWaited} days have passed`);
    expect(letter!.text).toContain(english ? `My messages to the client: ${f.contacts.join('; ')} (no reply)` : `・これまでの連絡: ${f.contacts.join('、')}(いずれもお返事なし)`);
  });

  it.each(LOCALES)('%s: the client is addressed as a business, a person, or nobody by name', (locale) => {
    const first = (over: Partial<NudgeFacts>) =>
      STAGES.map((stage) => mainLetter(nudgeText(locale, facts(locale, 'direct', stage, over))).text.split('\n')[0]);
    const expected = (line: string) => STAGES.map(() => line);
    if (locale === 'ja') {
      expect(first({})).toEqual(expected('株式会社ミライメディア ご担当者様'));
      expect(first({ clientName: PERSON, clientIsBusiness: false })).toEqual(expected('山田様'));
      expect(first({ clientName: null, clientIsBusiness: false, clientProfile: 'https://example.com/u/1' })).toEqual(expected('ご担当者様'));
    } else {
      expect(first({})).toEqual(expected(`Dear ${CLIENT} team,`));
      expect(first({ clientName: 'Jane Doe', clientIsBusiness: false })).toEqual(expected('Dear Jane Doe,'));
      expect(first({ clientName: null, clientIsBusiness: false, clientProfile: 'https://example.com/u/1' })).toEqual(expected('Hello,'));
    }
  });

  it.each(byLocaleAndPlatform)('$locale $marketplace: a client known only by profile is named by it to the desk', ({ locale, marketplace }) => {
    const profile = 'https://example.com/u/mirai';
    const t = nudgeText(locale, facts(locale, marketplace, 3, { clientName: null, clientProfile: profile }));
    expect(deskLetters(t)[0]!.text).toContain(profile);
    expect(all(t)).not.toContain('ご担当者様 ご担当者様');
  });
});

describe('the confirmed record: letters state only the contacts the writer confirmed', () => {
  it.each(EVERY_CASE)('$locale $marketplace stage $stage: with none confirmed, no letter mentions earlier contacts', ({ locale, marketplace, stage }) => {
    const t = nudgeText(locale, facts(locale, marketplace, stage, { deskOpen: stage === 1 }));
    expect(t.letters.length).toBeGreaterThan(0);
    for (const letter of t.letters) {
      expect(letter.text).not.toMatch(EARLIER_CONTACT.ja);
      expect(letter.text).not.toMatch(EARLIER_CONTACT.en);
    }
  });

  it.each(byLocaleAndMarketplace)('$locale $marketplace: the follow-up gives exactly the confirmed contacts, and says it once', ({ locale, marketplace }) => {
    const f = facts(locale, marketplace, 2, record(locale, { contacts: ['nov4', 'nov6'] }));
    const text = mainLetter(nudgeText(locale, f)).text;
    expect(datesIn(text, locale)).toEqual([f.deliveredOn, f.replyBy, ...f.contacts].sort());
    if (locale === 'ja') {
      expect(text).toContain(`${f.contacts.join('、')}にもご連絡いたしましたが、まだお返事をいただけておりません。`);
      expect(text.split('お返事をいただけておりません')).toHaveLength(2);
    } else {
      expect(text).toContain(`I also wrote to you on ${f.contacts.join('; ')}, but have not heard back yet.`);
    }
  });

  it.each(byLocaleAndPlatform)('$locale $marketplace: the desk letter gives exactly the confirmed contacts and desk requests', ({ locale, marketplace }) => {
    const f = facts(locale, marketplace, 3, record(locale, { contacts: ['nov4', 'nov6'], desk: ['nov9'] }));
    const text = deskLetters(nudgeText(locale, f))[0]!.text;
    expect(datesIn(text, locale)).toEqual([f.deliveredOn, ...f.contacts, ...f.deskRequests].sort());
  });

  it.each(byLocaleAndMarketplace)('$locale $marketplace: after a confirmed reply, contacts before it are not called unanswered', ({ locale, marketplace }) => {
    // Contacts on Nov 4 and 8, the client replied on Nov 6: only Nov 8 is unanswered.
    const f = facts(locale, marketplace, 2, record(locale, { contacts: ['nov4', 'nov8'], replies: ['nov6'] }));
    expect(f.unanswered).toEqual([DAY.nov8[locale]]);
    const followUp = mainLetter(nudgeText(locale, f)).text;
    expect(followUp).toContain(DAY.nov8[locale]);
    expect(followUp).not.toContain(DAY.nov4[locale]);

    for (const stage of [3, 4] as const) {
      const t = nudgeText(locale, facts(locale, marketplace, stage, record(locale, { contacts: ['nov4', 'nov8'], replies: ['nov6'] })));
      for (const letter of t.letters) {
        expect(letter.text).not.toContain(`${DAY.nov4[locale]}${locale === 'ja' ? '、' : '; '}${DAY.nov8[locale]}${locale === 'ja' ? 'にも' : ', but'}`);
        expect(letter.text).not.toMatch(/いずれもお返事なし|\(no reply\)/);
      }
      const desk = deskLetters(t)[0];
      if (desk) expect(desk.text).toContain(DAY.nov6[locale]);
    }
  });

  it.each(byLocaleAndMarketplace)('$locale $marketplace: a reply after every contact leaves nothing unanswered', ({ locale, marketplace }) => {
    const f = facts(locale, marketplace, 2, record(locale, { contacts: ['nov4'], replies: ['nov6'] }));
    expect(mainLetter(nudgeText(locale, f)).text).not.toMatch(EARLIER_CONTACT[locale]);
  });

  it.each(byLocaleAndMarketplace)('$locale $marketplace: the record in the advice at stage 4', ({ locale, marketplace }) => {
    const platform = (PLATFORMS as readonly Marketplace[]).includes(marketplace);
    const f = facts(locale, marketplace, 4, record(locale, { contacts: ['nov4', 'nov8'], desk: ['nov9'] }));
    const body = nudgeText(locale, f).body;
    const summary =
      locale === 'ja'
        ? [
            'あなたの記録:',
            `・クライアントへの連絡: 2回(${DAY.nov4.ja}、${DAY.nov8.ja})`,
            ...(platform ? [`・事務局への相談: 1回(${DAY.nov9.ja})`] : []),
            '・クライアントからの返信: 記録なし',
          ]
        : [
            'Your record:',
            `• Messages to the client: 2 (${DAY.nov4.en}; ${DAY.nov8.en})`,
            ...(platform ? [`• Requests to the desk: 1 (${DAY.nov9.en})`] : []),
            '• Replies from the client: none recorded',
          ];
    expect(body).toContain(summary.join('\n'));
    expect(bodyText(nudgeText(locale, f))).not.toMatch(/スキップ|skipped/i);
  });
});

describe('replyBy: a date, never "within N days"', () => {
  const cases = LOCALES.flatMap((locale) =>
    MARKETPLACES.flatMap((marketplace): { locale: Locale; marketplace: Marketplace; stage: Stage; what: string }[] => [
      { locale, marketplace, stage: 2, what: 'follow-up' },
      ...((OFF_PLATFORM as readonly Marketplace[]).includes(marketplace) ? [{ locale, marketplace, stage: 3 as const, what: 'written request' }] : []),
      { locale, marketplace, stage: 4, what: 'record' },
      { locale, marketplace, stage: 6, what: 'after the deadline' },
    ]),
  );

  it.each(cases)('$locale $marketplace $what (stage $stage) asks by replyBy', ({ locale, marketplace, stage }) => {
    const replyBy = DAY.jan6[locale];
    const text = mainLetter(nudgeText(locale, facts(locale, marketplace, stage, { replyBy }))).text;
    expect(text).toContain(locale === 'ja' ? `${replyBy}までに` : `by ${replyBy}`);
  });

  it.each(EVERY_CASE)('$locale $marketplace stage $stage: no letter counts days from the message', ({ locale, marketplace, stage }) => {
    const t = nudgeText(locale, facts(locale, marketplace, stage, { legalDuePassed: stage >= 5, deskOpen: true, ...record(locale, { contacts: ['nov4'] }) }));
    for (const letter of t.letters) expect(letter.text).not.toMatch(/以内に|本メッセージ|within \d+ days of (this|my) message|within 7 days/);
  });
});

describe('check-in: one letter, the desk beside it when late, the invoice off-platform', () => {
  it.each(byLocaleAndPlatform)('$locale $marketplace: on time, one letter to the client', ({ locale, marketplace }) => {
    const t = nudgeText(locale, facts(locale, marketplace, 1));
    expect(t.letters.map((l) => l.to)).toEqual(['client']);
  });

  it.each(byLocaleAndPlatform)('$locale $marketplace: deskOpen gives the client letter, then the desk request', ({ locale, marketplace }) => {
    const t = nudgeText(locale, facts(locale, marketplace, 1, { deskOpen: true }));
    expect(t.letters.map((l) => l.to)).toEqual(['client', 'desk']);
    expect(t.letters[1]!.heading).toContain(DESK[marketplace][locale]);
    expect(bodyText(t)).toContain(DESK[marketplace][locale]);
    // The check-in itself stays light: no desk, no deadline.
    expect(t.letters[0]!.text).not.toContain(DESK[marketplace][locale]);
    expect(t.letters[0]!.text).not.toContain(DAY.dec10[locale]);
  });

  it.each(LOCALES.flatMap((locale) => OFF_PLATFORM.flatMap((marketplace) => [false, true].map((deskOpen) => ({ locale, marketplace, deskOpen })))))(
    '$locale $marketplace (deskOpen $deskOpen): a client letter and an invoice template, no desk',
    ({ locale, marketplace, deskOpen }) => {
      const f = facts(locale, marketplace, 1, { deskOpen, dueOn: DAY.nov30[locale] });
      const t = nudgeText(locale, f);
      expect(t.letters.map((l) => l.to)).toEqual(['client', 'client']);
      expect(t.letters.map((l) => l.heading)).toEqual(locale === 'ja' ? ['クライアントへのメッセージ', '請求書のひな形'] : ['Message to the client', 'Invoice template']);
      const invoice = t.letters[1]!.text;
      expect(isInvoice(t.letters[1]!)).toBe(true);
      for (const v of [CLIENT, TITLE, f.deliveredOn, AMOUNT[locale], DAY.nov30[locale]]) expect(invoice).toContain(v);
      expect(invoice).toContain(locale === 'ja' ? `${CLIENT} 御中` : `To: ${CLIENT}`);
    },
  );

  it.each(byLocaleAndMarketplace)('$locale $marketplace: the check-in letter asks whether it arrived, nothing more', ({ locale, marketplace }) => {
    const f = facts(locale, marketplace, 1);
    const text = mainLetter(nudgeText(locale, f)).text;
    if (locale === 'ja') {
      expect(text).toContain(`${f.deliveredOn}に納品いたしました「${TITLE}」について、ご確認いただけましたでしょうか。`);
      expect(text).toContain('修正点などございましたら、お気軽にお申し付けください。');
      expect(bodyText(nudgeText(locale, f))).toContain('短い確認の連絡は失礼ではありません');
    } else {
      expect(text).toContain(`I delivered “${TITLE}” on ${f.deliveredOn} and wanted to check that it reached you.`);
      expect(text).toContain('If anything needs revising');
      expect(bodyText(nudgeText(locale, f))).toContain('A short check-in is not rude');
    }
    expect(text).not.toMatch(/事務局|期日|期限|support|deadline|Freelance Act|フリーランス/);
    expect(text).not.toContain(f.replyBy);
  });

  it.each(LOCALES)('%s: Coconala’s check-in (day 2, there is no stage 2) already asks to confirm the formal delivery', (locale) => {
    const body = bodyText(nudgeText(locale, facts(locale, 'coconala', 1)));
    expect(body).toContain(locale === 'ja' ? '72時間' : '72 hours');
    expect(body).toContain(locale === 'ja' ? '「正式な納品」ボタン' : 'formal delivery button');
  });
});

describe('direct deals: no platform words, the agreed payment date', () => {
  it.each(LOCALES.flatMap((locale) => STAGES.flatMap((stage) => ESCROW_STATES.map((escrow) => ({ locale, stage, escrow })))))(
    '$locale direct stage $stage escrow $escrow: no last log-in, no job-page screenshots',
    ({ locale, stage, escrow }) => {
      for (const status of ['awaiting_review', 'accepted'] as const) {
        const text = all(nudgeText(locale, facts(locale, 'direct', stage, { escrow, status, deskOpen: true, ...record(locale, { contacts: ['nov4'] }) })));
        expect(text).not.toMatch(/最終ログイン|last log-?in|スクリーンショット|screenshot/i);
      }
    },
  );

  it.each(LOCALES.flatMap((locale) => [true, false].map((duePassed) => ({ locale, duePassed }))))(
    '$locale stage 3 written request with the agreed date (passed: $duePassed)',
    ({ locale, duePassed }) => {
      const dueOn = DAY.nov30[locale];
      const text = mainLetter(nudgeText(locale, facts(locale, 'direct', 3, { dueOn, duePassed }))).text;
      if (locale === 'ja') expect(text).toContain(duePassed ? `なお、お支払い期日(${dueOn})を過ぎております。` : `なお、お支払い期日は${dueOn}です。`);
      else expect(text).toContain(duePassed ? `The payment date we agreed (${dueOn}) has passed.` : `The payment date we agreed is ${dueOn}.`);
    },
  );

  it.each(LOCALES)('%s stage 4 accepted but unpaid: the agreed date has passed', (locale) => {
    const dueOn = DAY.nov30[locale];
    const text = mainLetter(nudgeText(locale, facts(locale, 'direct', 4, { status: 'accepted', dueOn, duePassed: true }))).text;
    expect(text).toContain(locale === 'ja' ? `お支払い期日(${dueOn})を過ぎております。` : `The payment date we agreed (${dueOn}) has passed.`);
    expect(text).toContain(locale === 'ja' ? `${DAY.dec10.ja}までにお支払いのご対応をお願いいたします。` : `Please make the payment by ${DAY.dec10.en}.`);
  });

  it.each(LOCALES)('%s: without agreed terms, no payment date is made up', (locale) => {
    for (const stage of [3, 4] as const) {
      const text = mainLetter(nudgeText(locale, facts(locale, 'direct', stage, { status: stage === 4 ? 'accepted' : 'awaiting_review' }))).text;
      expect(text).not.toMatch(/お支払い期日|payment date we agreed/);
    }
  });
});

describe('stage 3: each platform’s own rule and trap', () => {
  it.each<{ locale: Locale; marketplace: Marketplace; must: (string | RegExp)[] }>([
    {
      locale: 'en',
      marketplace: 'crowdworks',
      must: ['「契約相手と連絡がとれない場合はこちら」', 'about a week', 'do not use the early-termination request (契約途中終了リクエスト)', 'granted automatically after a week', 'refunds the escrowed fee to the client'],
    },
    {
      locale: 'ja',
      marketplace: 'crowdworks',
      must: ['「契約相手と連絡がとれない場合はこちら」', '連絡催促', '1週間', '納品後は「契約途中終了リクエスト」を使わないでください', '1週間たつと自動的に成立', 'クライアントに全額返金'],
    },
    {
      locale: 'en',
      marketplace: 'lancers',
      must: ['連絡催促申請', 'after 7 days without contact', 'deadline (7 days later)', 'File the completion report (完了報告) first'],
    },
    {
      locale: 'ja',
      marketplace: 'lancers',
      must: ['7日以上連絡が取れない場合に「連絡催促申請」', '連絡期限(7日後)', /申請の前に、必ず「完了報告」を済ませて/, 'キャンセル'],
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

  it.each(LOCALES.flatMap((locale) => OFF_PLATFORM.map((marketplace) => ({ locale, marketplace }))))(
    '$locale $marketplace stage 3 (no desk) is a written request to the client with a date',
    ({ locale, marketplace }) => {
      const f = facts(locale, marketplace, 3, record(locale, { contacts: ['nov4', 'nov8'] }));
      const t = nudgeText(locale, f);
      expect(t.letters.map((l) => l.to)).toEqual(['client']);
      expect(mainLetter(t).text).toContain(locale === 'ja' ? `お手数ですが、${f.replyBy}までに、検収または現在の状況をお知らせいただけますでしょうか。` : `by ${f.replyBy}?`);
      expect(mainLetter(t).text).toContain(locale === 'ja' ? `${DAY.nov4.ja}、${DAY.nov8.ja}にもご連絡いたしましたが` : `I also wrote to you on ${DAY.nov4.en}; ${DAY.nov8.en}`);
      expect(bodyText(t)).toMatch(locale === 'ja' ? /相談できる事務局がない/ : /no platform desk/);
    },
  );

  it.each(byLocaleAndPlatform)('$locale $marketplace stage 3 without a confirmed contact says to record one first', ({ locale, marketplace }) => {
    const t = nudgeText(locale, facts(locale, marketplace, 3));
    expect(bodyText(t)).toContain(locale === 'ja' ? 'クライアントへ連絡した記録がありません' : 'no record of a message to the client');
    expect(lettersText(t)).not.toMatch(/これまでの連絡|My messages to the client/);
  });

  it.each(byLocaleAndPlatform)('$locale $marketplace stage 3 after an earlier desk request says so', ({ locale, marketplace }) => {
    const f = facts(locale, marketplace, 3, record(locale, { contacts: ['nov4'], desk: ['nov9'] }));
    const t = nudgeText(locale, f);
    expect(bodyText(t)).toContain(DAY.nov9[locale]);
    expect(deskLetters(t)[0]!.text).toContain(marketplace === 'upwork' || locale === 'en' ? `Earlier requests to ${marketplace === 'upwork' ? 'support' : 'you'}: ${DAY.nov9[locale]}` : `・前回のご相談: ${DAY.nov9.ja}`);
  });

  it.each(LOCALES)('%s: Lancers’ completion report comes before the contact reminder, in the letter too', (locale) => {
    const t = nudgeText(locale, facts(locale, 'lancers', 3));
    expect(lettersText(t)).toContain(locale === 'ja' ? '完了報告後' : 'Since I filed the completion report');
  });

  it.each(LOCALES)('%s: Upwork’s desk letter states the 14-day auto-release did not happen', (locale) => {
    const text = lettersText(nudgeText(locale, facts(locale, 'upwork', 3)));
    expect(text).toContain('fixed-price milestone');
    expect(text).toContain('not released automatically after 14 days');
  });

  it.each(LOCALES)('%s: Upwork asked before day 14 (e.g. /remind now) does not claim the auto-release failed', (locale) => {
    const t = nudgeText(locale, facts(locale, 'upwork', 3, { daysWaited: 8 }));
    expect(lettersText(t)).not.toContain('after 14 days');
    expect(lettersText(t)).toContain('8 days have passed');
    expect(bodyText(t)).toContain(locale === 'ja' ? 'まだ14日たっていない' : 'The 14 days have not passed yet');
  });

  it.each(LOCALES)('%s: Coconala’s desk letter confirms a formal delivery was sent, to the buyer', (locale) => {
    const text = lettersText(nudgeText(locale, facts(locale, 'coconala', 3)));
    expect(text).toContain(locale === 'ja' ? '「正式な納品」を送信いたしました' : 'I sent a formal delivery');
    expect(text).toContain(locale === 'ja' ? `・購入者: ${CLIENT}` : `Buyer: ${CLIENT}`);
  });

  it.each(EVERY_CASE.filter((c) => c.marketplace !== 'crowdworks'))('$locale $marketplace stage $stage never mentions CrowdWorks’ early termination', ({ locale, marketplace, stage }) => {
    expect(all(nudgeText(locale, facts(locale, marketplace, stage, { deskOpen: true })))).not.toMatch(/途中終了|early-termination/);
  });
});

describe('stage 2: slightly firmer, with the platform’s rule', () => {
  it.each(LOCALES)('%s stage 2 without a confirmed contact asks to record it and claims no earlier message', (locale) => {
    const t = nudgeText(locale, facts(locale, 'crowdworks', 2));
    expect(mainLetter(t).text).not.toMatch(EARLIER_CONTACT[locale]);
    expect(mainLetter(t).text).toContain(locale === 'ja' ? `${DAY.dec10.ja}までに、検収またはご連絡をいただけますと幸いです。` : `by ${DAY.dec10.en}.`);
    expect(bodyText(t)).toContain(locale === 'ja' ? 'クライアントへ連絡した記録がまだありません' : 'no record of a message to the client yet');
  });

  it.each<{ locale: Locale; marketplace: Marketplace; needle: string }>([
    { locale: 'en', marketplace: 'crowdworks', needle: "check the client's last log-in on their profile" },
    { locale: 'ja', marketplace: 'crowdworks', needle: 'クライアントのプロフィールで最終ログインも確認' },
    { locale: 'en', marketplace: 'crowdworks', needle: 'review within about a week' },
    { locale: 'ja', marketplace: 'crowdworks', needle: '納品から1週間を目安に検収' },
    { locale: 'en', marketplace: 'lancers', needle: 'about three messages over about three days' },
    { locale: 'ja', marketplace: 'lancers', needle: '3日ほどかけて3回程度メッセージを送る' },
  ])('$locale $marketplace stage 2 body: $needle', ({ locale, marketplace, needle }) => {
    expect(bodyText(nudgeText(locale, facts(locale, marketplace, 2)))).toContain(needle);
  });
});

describe('stage 4: the record, a factual flag, a date', () => {
  it.each(byLocaleAndMarketplace)('$locale $marketplace suggests a factual /client flag and asks for the review by a date', ({ locale, marketplace }) => {
    const t = nudgeText(locale, facts(locale, marketplace, 4));
    expect(bodyText(t)).toContain('/client flag');
    expect(bodyText(t)).toContain(locale === 'ja' ? `分類: ${messagesFor('ja').client.category.no_response_after_delivery}` : 'category: No response after delivery');
    expect(bodyText(t)).toMatch(locale === 'ja' ? /日付と起きたことだけ.*悪口/ : /dates and facts: no insults/);
    expect(mainLetter(t).text).toContain(locale === 'ja' ? `${DAY.dec10.ja}までに検収のご対応をお願いいたします。` : `Please review the work by ${DAY.dec10.en}.`);
    expect(mainLetter(t).text).toContain(locale === 'ja' ? 'これまでの経緯を記録として残しております。' : 'I am keeping a record');
  });

  it.each(byLocaleAndPlatform)('$locale $marketplace: the letter says the desk comes next, calmly', ({ locale, marketplace }) => {
    const text = mainLetter(nudgeText(locale, facts(locale, marketplace, 4))).text;
    expect(text).toContain(locale === 'ja' ? `${DESK[marketplace].ja}に状況をご相談いたします。` : `I will ask ${DESK[marketplace].en} for help.`);
    expect(text).not.toMatch(/必要な対応|legal action|法的/);
  });
});

describe('stage 5: the Freelance Act’s 60 days', () => {
  it.each(LOCALES.flatMap((locale) => MARKETPLACES.flatMap((marketplace) => (['awaiting_review', 'accepted'] as const).map((status) => ({ locale, marketplace, status })))))(
    '$locale $marketplace $status: deadline to come, hotline and a formal payment request',
    ({ locale, marketplace, status }) => {
      const f = facts(locale, marketplace, 5, { status, escrow: status === 'accepted' ? 'not_funded' : defaultEscrow(marketplace) });
      const t = nudgeText(locale, f);
      const body = bodyText(t);
      expect(body).toContain(FREELANCE_HOTLINE.phone);
      expect(body).toContain(FREELANCE_HOTLINE.nameJa);
      expect(body).toContain('フリーランス・事業者間取引適正化等法');
      expect(body).toContain('60');
      expect(body).toContain(f.legalDueOn);
      expect(body).toContain(locale === 'ja' ? '2024年11月1日' : 'November 1, 2024');
      expect(body).toContain(locale === 'ja' ? '第二東京弁護士会' : 'Daini Tokyo Bar Association');
      expect(body).not.toMatch(/すでに過ぎています|has already passed/);

      const text = mainLetter(t).text;
      expect(text).toContain(locale === 'ja' ? '成果物の受領日から60日以内の支払い' : 'within 60 days of receiving it');
      expect(text).not.toMatch(/days of delivery/);
      expect(text).toContain(locale === 'ja' ? `本件の支払期日は${f.legalDueOn}です。期日までにお支払いいただけますと幸いです。` : `the deadline is ${f.legalDueOn}; please make the payment by then.`);
      expect(text).not.toMatch(/を過ぎております|has passed/);
      expect(text).not.toContain(f.replyBy);
    },
  );

  it.each(byLocaleAndMarketplace)('$locale $marketplace: once the deadline has passed, it says so and asks by replyBy', ({ locale, marketplace }) => {
    const f = facts(locale, marketplace, 5, { legalDuePassed: true, daysWaited: 61, replyBy: DAY.jan6[locale] });
    const t = nudgeText(locale, f);
    const text = mainLetter(t).text;
    if (locale === 'ja') {
      expect(text).toContain(`本件の支払期日(${f.legalDueOn})を過ぎております`);
      expect(text).toContain(`${f.replyBy}までにお支払いいただけますよう`);
      expect(bodyText(t)).toContain(`この納品の支払期日(${f.legalDueOn})は、すでに過ぎています。`);
    } else {
      expect(text).toContain(`that deadline (${f.legalDueOn}) has passed, so please make the payment by ${f.replyBy}.`);
      expect(bodyText(t)).toContain(`(${f.legalDueOn}) has already passed`);
    }
  });
});

describe('stage 6: after the legal deadline', () => {
  it.each(byLocaleAndMarketplace)('$locale $marketplace: the routes that remain, and a brief letter', ({ locale, marketplace }) => {
    const f = facts(locale, marketplace, 6, record(locale, { contacts: ['nov4'] }));
    const t = nudgeText(locale, f);
    const body = bodyText(t);
    expect(t.title).toMatch(locale === 'ja' ? /支払期日を過ぎたあと/ : /After the legal deadline/);
    expect(body).toContain(locale === 'ja' ? FREELANCE_ACT_REPORT_DESK.nameJa : FREELANCE_ACT_REPORT_DESK.nameEn);
    expect(body).toContain('支払督促');
    expect(body).toContain('少額訴訟');
    expect(body).toContain(FREELANCE_HOTLINE.phone);
    expect(body).toContain(locale === 'ja' ? '600,000円' : '¥600,000');
    if ((PLATFORMS as readonly Marketplace[]).includes(marketplace)) expect(body).toContain(DESK[marketplace as (typeof PLATFORMS)[number]][locale]);

    expect(t.letters.map((l) => l.to)).toEqual(['client']);
    const text = mainLetter(t).text;
    expect(text).toContain(locale === 'ja' ? `お支払い期日(${f.legalDueOn})を過ぎておりますが` : `The payment deadline (${f.legalDueOn})`);
    if (locale === 'en') expect(text).toMatch(/has passed/);
    expect(text).toContain(AMOUNT[locale]);
    expect(text).toContain(locale === 'ja' ? `${f.replyBy}までにお支払いいただけますよう` : `Please make the payment by ${f.replyBy}.`);
  });
});

describe('escrow: the unfunded-escrow warning only where a platform holds escrow', () => {
  const WARNING: Record<Locale, string> = { en: 'stop any further work', ja: 'これ以上の作業は止めて' };
  const RECORDS: Record<Locale, string> = { en: 'keep your', ja: '保存しておきましょう' };
  // Stage 6 names the routes after the deadline and leaves escrow advice to the earlier stages.
  const ADVISED: Stage[] = [1, 2, 3, 4, 5];

  const platformCases = LOCALES.flatMap((locale) => PLATFORMS.flatMap((marketplace) => ADVISED.flatMap((stage) => ESCROW_STATES.map((escrow) => ({ locale, marketplace, stage, escrow })))));

  it.each(platformCases)('$locale $marketplace stage $stage escrow $escrow', ({ locale, marketplace, stage, escrow }) => {
    const body = bodyText(nudgeText(locale, facts(locale, marketplace, stage, { escrow })));
    if (escrow === 'not_funded') {
      expect(body).toContain(WARNING[locale]);
      expect(body).toMatch(locale === 'ja' ? /(仮払い|マイルストーンへの入金\(仮払い\))をお願いしてください/ : /ask the client to (fund escrow \(仮払い\)|fund the milestone) first/);
    } else {
      expect(body).not.toContain(WARNING[locale]);
    }
    expect(body).not.toMatch(/no platform protection|直接取引にはマーケットの保護がありません/);
  });

  it.each(LOCALES.flatMap((locale) => OFF_PLATFORM.flatMap((marketplace) => ADVISED.flatMap((stage) => ESCROW_STATES.map((escrow) => ({ locale, marketplace, stage, escrow }))))))(
    '$locale $marketplace stage $stage escrow $escrow: no escrow advice, but keep records',
    ({ locale, marketplace, stage, escrow }) => {
      const body = bodyText(nudgeText(locale, facts(locale, marketplace, stage, { escrow })));
      expect(body).not.toContain(WARNING[locale]);
      expect(body).toContain(RECORDS[locale]);
      if (marketplace === 'direct') expect(body).toContain(locale === 'ja' ? '直接取引にはマーケットの保護がありません' : 'A direct deal has no platform protection');
    },
  );

  it.each(byLocaleAndPlatform)('$locale $marketplace: an unknown escrow asks to check it, without the stop-work warning', ({ locale, marketplace }) => {
    const body = bodyText(nudgeText(locale, facts(locale, marketplace, 1, { escrow: 'unknown' })));
    expect(body).toMatch(locale === 'ja' ? /仮払いがされているか、案件ページで確認/ : /Check on the job page whether the client funded escrow/);
  });
});

describe('accepted but not paid: the payment stages chase payment, not review', () => {
  // The ladder keeps the payment stages after acceptance only where acceptance does not release
  // payment. Taken from the ladder itself: direct/other with any escrow, platforms without funded escrow.
  const cases = LOCALES.flatMap((locale) =>
    MARKETPLACES.flatMap((marketplace) =>
      ESCROW_STATES.flatMap((escrow) =>
        plannedStages({ marketplace, escrow, status: 'accepted', deliveredAt: new Date('2026-11-01T03:00:00Z') }).map(({ stage }) => ({ locale, marketplace, escrow, stage })),
      ),
    ),
  );

  it('covers every accepted-but-unpaid case the ladder plans, and only stages 4 to 6', () => {
    expect(new Set(cases.map((c) => c.stage))).toEqual(new Set([4, 5, 6]));
    expect(cases.filter((c) => c.locale === 'en' && c.stage === 4).map((c) => `${c.marketplace}:${c.escrow}`)).toEqual(
      expect.arrayContaining(['direct:funded', 'other:unknown', 'crowdworks:not_funded', 'upwork:unknown']),
    );
    expect(cases.some((c) => c.marketplace === 'lancers' && c.escrow === 'funded')).toBe(false);
  });

  it.each(cases)('$locale $marketplace stage $stage escrow $escrow', ({ locale, stage, marketplace, escrow }) => {
    const status: DeliveryStatus = 'accepted';
    const t = nudgeText(locale, facts(locale, marketplace, stage, { status, escrow }));
    const text = mainLetter(t).text;
    if (locale === 'ja') {
      if (stage < 6) expect(bodyText(t)).toContain('検収はされましたが、まだ支払われていません');
      expect(text).toMatch(/お支払いのご対応をお願いいたします|お支払いいただけます|お支払いを確認できておりません/);
      expect(text).not.toMatch(/検収をお願い|検収のご対応|検収およびお支払い|検収いただくか|検収をいただけておりません/);
      expect(text).toContain('行き違いでお支払いいただいている場合は、ご容赦ください。');
    } else {
      if (stage < 6) expect(bodyText(t)).toContain('accepted but not paid');
      expect(text).toMatch(/make the payment/);
      expect(text).not.toMatch(/review|not been accepted/i);
      expect(text).toContain('If you have already paid, please disregard this message.');
    }
    if (stage === 4) {
      expect(bodyText(t)).toContain(locale === 'ja' ? '分類: 未払い' : 'category: Unpaid');
      expect(t.title).toMatch(locale === 'ja' ? /未払い/ : /Unpaid/);
    }
  });

  it.each(LOCALES.flatMap((locale) => ([4, 5] as const).map((stage) => ({ locale, stage }))))('$locale stage $stage awaiting review asks for the review as well', ({ locale, stage }) => {
    const t = nudgeText(locale, facts(locale, 'direct', stage));
    expect(bodyText(t)).not.toMatch(/検収はされましたが|accepted but not paid/);
    expect(mainLetter(t).text).toMatch(locale === 'ja' ? /検収のご対応をお願いいたします|検収およびお支払いを確認できておりません/ : /review the work|has not been accepted or paid/);
  });
});

describe('language: polite Japanese, plain English', () => {
  const KEIGO = ['いただけ', 'ございま', 'お願いいたします', 'お願い申し上げます', 'いたしました', '存じます', 'おります'];
  const withRecord = (locale: Locale, marketplace: Marketplace, stage: Stage) =>
    facts(locale, marketplace, stage, { deskOpen: true, ...record(locale, { contacts: ['nov4', 'nov8'], desk: ['nov9'], replies: ['nov6'] }) });

  it.each(EVERY_CASE.filter((c) => c.locale === 'ja'))('ja $marketplace stage $stage: every Japanese letter is business 敬語', ({ marketplace, stage }) => {
    const letters = nudgeText('ja', withRecord('ja', marketplace, stage)).letters.filter((l) => !isInvoice(l) && JAPANESE.test(withoutFacts(l.text, withRecord('ja', marketplace, stage))));
    // Upwork's desk answers in English: its stage 3 has no Japanese letter.
    if (marketplace === 'upwork' && stage === 3) expect(letters).toHaveLength(0);
    else expect(letters.length).toBeGreaterThan(0);
    for (const { text } of letters) {
      expect(text.split('\n')[0]).toMatch(/ご担当者様$|様$| 御中$/);
      expect(text).toContain('お世話になっております');
      expect(text).toContain('(お名前)');
      expect(KEIGO.filter((k) => text.includes(k)).length).toBeGreaterThanOrEqual(2);
      expect(text).toMatch(/何卒よろしくお願いいたします。$/);
      // Plain forms that do not belong in a business message.
      expect(text).not.toMatch(/してね|ください!|だよ|じゃない|のまま。/);
    }
  });

  it.each(EVERY_CASE)('$locale $marketplace stage $stage: English letters have no Japanese beyond the facts and platform terms', ({ locale, marketplace, stage }) => {
    const f = withRecord(locale, marketplace, stage);
    const english = nudgeText(locale, f).letters.filter((l) => locale === 'en' || (marketplace === 'upwork' && l.to === 'desk'));
    if (locale === 'ja') expect(english.length).toBe(marketplace === 'upwork' && (stage === 1 || stage === 3) ? 1 : 0);
    for (const { text } of english) {
      expect(text).toMatch(JAPANESE); // the client and title are Japanese in these facts …
      // … and nothing else is, but the platform's own word for what is asked, in brackets.
      expect(withoutFacts(text, f).split('(連絡催促)').join('')).not.toMatch(JAPANESE);
      expect(text).toMatch(/(Best regards,|Thank you for your help\.|INVOICE[^]*)\n\[Your name\]/);
    }
  });

  it.each(EVERY_CASE.filter((c) => c.locale === 'ja'))('ja $marketplace stage $stage: the advice is in Japanese', ({ marketplace, stage }) => {
    const t = nudgeText('ja', facts('ja', marketplace, stage));
    for (const paragraph of t.body) expect(paragraph).toMatch(JAPANESE);
    expect(t.title).toMatch(JAPANESE);
  });

  it.each(EVERY_CASE)('$locale $marketplace stage $stage: nothing rude about the client', ({ locale, marketplace, stage }) => {
    const text = all(nudgeText(locale, withRecord(locale, marketplace, stage))).toLowerCase();
    for (const word of ['scam', 'liar', 'fraud', 'idiot', 'rude client', '詐欺', '悪質', '最低', '嘘つき']) expect(text).not.toContain(word);
  });
});

describe('the legal letter keeps the writer’s record and the agreed date', () => {
  it.each(LOCALES)('%s: a direct deal past its agreed date, with a confirmed unanswered contact', (locale) => {
    const f = facts(locale, 'direct', 5, { status: 'accepted', dueOn: DAY.nov30[locale], duePassed: true, contacts: [DAY.nov4[locale]], unanswered: [DAY.nov4[locale]] });
    const text = mainLetter(nudgeText(locale, f)).text;
    expect(text).toContain(DAY.nov4[locale]);
    expect(text).toContain(DAY.nov30[locale]);
    expect(text).toMatch(locale === 'ja' ? /お支払い期日\(.+\)を過ぎております/ : /The payment date we agreed \(.+\) has passed/);
  });
});
