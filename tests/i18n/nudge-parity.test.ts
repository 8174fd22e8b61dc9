import { describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/domain/delivery.js';
import {
  COCONALA_AUTO_APPROVAL_HOURS,
  FIRM_DEADLINE_DAYS,
  FREELANCE_ACT_IN_FORCE,
  FREELANCE_ACT_REPORT_DESK,
  FREELANCE_HOTLINE,
  LANCERS_CONTACT_REMINDER_AFTER_DAYS,
  LANCERS_CONTACT_REMINDER_DEADLINE_DAYS,
  LEGAL_PAYMENT_DAYS,
  SMALL_CLAIMS_MAX_YEN,
  UPWORK_AUTO_RELEASE_DAYS,
} from '../../src/domain/facts.js';
import { DEFAULT_STAGE_DAYS, plannedStages, STAGES, type DeliveryStatus, type Stage } from '../../src/domain/ladder.js';
import { ESCROW_STATES, isPlatform, MARKETPLACES, type Escrow, type Marketplace } from '../../src/domain/marketplace.js';
import type { Locale } from '../../src/domain/member.js';
import type { NudgeFacts, NudgeText } from '../../src/domain/nudge-facts.js';
import { formatIsoDate } from '../../src/i18n/format.js';
import { nudgeText } from '../../src/i18n/nudges/index.js';
import { DESK } from '../../src/i18n/nudges/shared.js';
import { nudgeButtons } from '../../src/presenters/nudge.js';
import { AMOUNT, CLIENT, DAY, PERSON, TITLE } from '../support/letter-fixtures.js';

/**
 * Japanese and English give the same nudge in shape and in facts: the same paragraphs in the same
 * order, each carrying the same facts and figures, and the same letters, to the same readers, in
 * the same order, each with the same facts. A paragraph or a letter one language drops or moves,
 * or a figure only one language states, fails here.
 */


/** Small claims' ceiling, as each language writes it. */
const SMALL_CLAIMS: Record<Locale, string> = { ja: `${SMALL_CLAIMS_MAX_YEN.toLocaleString('ja-JP')}円`, en: `¥${SMALL_CLAIMS_MAX_YEN.toLocaleString('en-US')}` };
const REPORT_DESK: Record<Locale, string> = { ja: FREELANCE_ACT_REPORT_DESK.nameJa, en: FREELANCE_ACT_REPORT_DESK.nameEn };

const PROFILE = 'https://example.com/u/mirai-media';
const JOB_URL = 'https://example.com/jobs/987654';
/** Far from every figure the letters state, so a figure is never mistaken for it. */
const DELIVERY_NUMBER = 42;

/** The figures from src/domain/facts.ts that the nudges state in digits, in both languages. */
const FACT_FIGURES = new Set<number>([
  COCONALA_AUTO_APPROVAL_HOURS,
  UPWORK_AUTO_RELEASE_DAYS,
  LEGAL_PAYMENT_DAYS,
  LANCERS_CONTACT_REMINDER_AFTER_DAYS,
  LANCERS_CONTACT_REMINDER_DEADLINE_DAYS,
  FIRM_DEADLINE_DAYS,
]);

/**
 * - due: on the stage's day, a business client, the job URL and the amount; the writer confirmed
 *   a contact at each earlier stage and, on a platform past the desk stage, a desk request;
 * - bare: day 11 (before Upwork's auto-release), a client known only by profile, no URL, no
 *   amount, nothing confirmed;
 * - late: day 33 (65 after the deadline), a person, contacts on Nov 4 and 8 with a reply on
 *   Nov 6, an agreed payment date that has passed, the desk already open, the legal deadline
 *   passed from stage 5.
 */
const VARIANTS = ['due', 'bare', 'late'] as const;
type Variant = (typeof VARIANTS)[number];

interface Case {
  marketplace: Marketplace;
  stage: Stage;
  escrow: Escrow;
  status: DeliveryStatus;
  variant: Variant;
}

/** Stages the ladder has for the marketplace, and stage 3 off-platform: the written request. */
function stagesOf(m: Marketplace): Stage[] {
  return STAGES.filter((s) => DEFAULT_STAGE_DAYS[m][s] !== null || (s === 3 && !isPlatform(m)));
}

/** Awaiting review at every stage; accepted at the stages the ladder keeps after acceptance. */
function statusesOf(marketplace: Marketplace, escrow: Escrow, stage: Stage): DeliveryStatus[] {
  const afterAcceptance = plannedStages({ marketplace, escrow, status: 'accepted', deliveredAt: new Date('2026-11-01T03:00:00Z') }).map((p) => p.stage);
  return afterAcceptance.includes(stage) ? ['awaiting_review', 'accepted'] : ['awaiting_review'];
}

const CASES: Case[] = MARKETPLACES.flatMap((marketplace) =>
  stagesOf(marketplace).flatMap((stage) =>
    ESCROW_STATES.flatMap((escrow) =>
      statusesOf(marketplace, escrow, stage).flatMap((status) => VARIANTS.map((variant) => ({ marketplace, stage, escrow, status, variant }))),
    ),
  ),
);

/** The day the writer confirmed contacting the client at each earlier stage ('due'). */
const CONTACT_AT: Partial<Record<Stage, keyof typeof DAY>> = { 1: 'nov4', 2: 'nov8' };

function facts(locale: Locale, { marketplace, stage, escrow, status, variant }: Case): NudgeFacts {
  const d = (day: keyof typeof DAY) => DAY[day][locale];
  const base = {
    stage,
    marketplace,
    escrow,
    status,
    deliveryNumber: DELIVERY_NUMBER,
    title: TITLE,
    deliveredOn: d('delivered'),
    legalDueOn: d('dec30'),
    first: stage === 1,
  };
  switch (variant) {
    case 'due': {
      const contacts = STAGES.filter((s) => s < stage && DEFAULT_STAGE_DAYS[marketplace][s] !== null && CONTACT_AT[s]).map((s) => d(CONTACT_AT[s]!));
      return {
        ...base,
        clientName: CLIENT,
        clientIsBusiness: true,
        clientProfile: null,
        daysWaited: DEFAULT_STAGE_DAYS[marketplace][stage] ?? 10,
        jobUrl: JOB_URL,
        amount: AMOUNT[locale],
        legalDuePassed: stage === 6,
        dueOn: null,
        duePassed: false,
        replyBy: stage === 6 ? d('jan6') : d('dec10'),
        contacts,
        deskRequests: isPlatform(marketplace) && stage > 3 ? [d('nov9')] : [],
        replies: [],
        unanswered: contacts,
        deskOpen: false,
      };
    }
    case 'bare':
      return {
        ...base,
        clientName: null,
        clientIsBusiness: false,
        clientProfile: PROFILE,
        daysWaited: 11,
        jobUrl: null,
        amount: null,
        legalDuePassed: stage === 6,
        dueOn: null,
        duePassed: false,
        replyBy: d('dec10'),
        contacts: [],
        deskRequests: [],
        replies: [],
        unanswered: [],
        deskOpen: false,
      };
    case 'late':
      return {
        ...base,
        clientName: PERSON,
        clientIsBusiness: false,
        clientProfile: PROFILE,
        daysWaited: stage === 6 ? 65 : 33,
        jobUrl: JOB_URL,
        amount: AMOUNT[locale],
        legalDuePassed: stage >= 5,
        dueOn: d('nov30'),
        duePassed: true,
        replyBy: d('jan6'),
        contacts: [d('nov4'), d('nov8')],
        deskRequests: [],
        replies: [d('nov6')],
        unanswered: [d('nov8')],
        deskOpen: isPlatform(marketplace) && stage < 3,
      };
  }
}

/**
 * The facts a piece of text carries, by name, the same in both languages: the values from the
 * delivery and the writer's record (formatted for the language), the law's dates, hotline and
 * routes, the commands it names, the days waited and delivery number, and the fact figures
 * stated in digits.
 */
function factsIn(text: string, locale: Locale, f: NudgeFacts): string[] {
  const values: [string, string | null][] = [
    ['client', f.clientName],
    ['profile', f.clientProfile],
    ['title', f.title],
    ['delivered', f.deliveredOn],
    ['legal due date', f.legalDueOn],
    ['reply by', f.replyBy],
    ['agreed due date', f.dueOn],
    ['job URL', f.jobUrl],
    ['amount', f.amount],
    ['hotline', FREELANCE_HOTLINE.nameJa],
    ['phone', FREELANCE_HOTLINE.phone],
    ['in force', formatIsoDate(FREELANCE_ACT_IN_FORCE, locale)],
    ['report desk', REPORT_DESK[locale]],
    ['small claims', SMALL_CLAIMS[locale]],
    ['/deliver paid', `/deliver paid ${f.deliveryNumber}`],
    ['/deliver log', `/deliver log ${f.deliveryNumber}`],
    ['/deliver evidence', `/deliver evidence ${f.deliveryNumber}`],
    ['/client flag', '/client flag'],
    ...f.contacts.map((on, i): [string, string] => [`contact ${i + 1}`, on]),
    ...f.deskRequests.map((on, i): [string, string] => [`desk request ${i + 1}`, on]),
    ...f.replies.map((on, i): [string, string] => [`reply ${i + 1}`, on]),
  ];
  const found = new Set<string>();
  let rest = text;
  for (const [name, value] of values) {
    if (value === null || !rest.includes(value)) continue;
    found.add(name);
    rest = rest.split(value).join(' ');
  }
  for (const digits of rest.match(/\d+/g) ?? []) {
    const n = Number(digits);
    if (n === f.daysWaited) found.add('days waited');
    if (n === f.deliveryNumber) found.add('#');
    if (FACT_FIGURES.has(n)) found.add(String(n));
  }
  return [...found].sort();
}

const name = (c: Case) => `${c.marketplace} stage ${c.stage} escrow ${c.escrow} ${c.status} (${c.variant})`;

function both(c: Case): Record<Locale, { f: NudgeFacts; t: NudgeText }> {
  const ja = facts('ja', c);
  const en = facts('en', c);
  return { ja: { f: ja, t: nudgeText('ja', ja) }, en: { f: en, t: nudgeText('en', en) } };
}

describe('nudges: Japanese and English in parallel', () => {
  it('covers every marketplace and stage, written request, late desk and accepted-but-unpaid included', () => {
    const seen = (pred: (c: Case) => boolean) => CASES.some(pred);
    for (const m of MARKETPLACES) for (const s of stagesOf(m)) expect(seen((c) => c.marketplace === m && c.stage === s)).toBe(true);
    expect(seen((c) => c.marketplace === 'direct' && c.stage === 3)).toBe(true);
    expect(seen((c) => c.marketplace === 'coconala' && c.stage === 2)).toBe(false);
    expect(seen((c) => c.stage === 6 && c.marketplace === 'upwork')).toBe(true);
    expect(seen((c) => c.status === 'accepted' && c.stage === 4 && c.marketplace === 'crowdworks' && c.escrow === 'not_funded')).toBe(true);
    expect(seen((c) => c.status === 'accepted' && c.stage === 6 && c.marketplace === 'direct')).toBe(true);
    expect(seen((c) => c.status === 'accepted' && c.stage < 4)).toBe(false);
    expect(CASES.filter((c) => c.variant === 'late' && c.stage === 1 && isPlatform(c.marketplace)).every((c) => facts('ja', c).deskOpen)).toBe(true);
  });

  it.each(CASES.map((c) => ({ ...c, name: name(c) })))('$name', (c) => {
    const { ja, en } = both(c);

    // Both say something under every heading.
    for (const { t } of [ja, en]) {
      expect(t.title.trim()).not.toBe('');
      expect(t.title).not.toContain('\n');
      expect(t.body.length).toBeGreaterThan(0);
      expect(t.letters.length).toBeGreaterThan(0);
      for (const letter of t.letters) {
        expect(letter.heading.trim()).not.toBe('');
        expect(letter.text.trim()).not.toBe('');
      }
    }

    // The same paragraphs, in the same order, each with the same facts.
    const paragraphFacts = (x: { f: NudgeFacts; t: NudgeText }, locale: Locale) => x.t.body.map((p, i) => `${i}: ${factsIn(p, locale, x.f).join(', ')}`);
    expect(paragraphFacts(en, 'en'), JSON.stringify({ ja: ja.t.body, en: en.t.body }, null, 1)).toEqual(paragraphFacts(ja, 'ja'));
    expect(en.t.body).toHaveLength(ja.t.body.length);

    // The same facts in the title.
    expect(factsIn(en.t.title, 'en', en.f)).toEqual(factsIn(ja.t.title, 'ja', ja.f));

    // The same letters: as many, to the same readers in the same order, each with the same facts.
    expect(en.t.letters.map((l) => l.to)).toEqual(ja.t.letters.map((l) => l.to));
    ja.t.letters.forEach((letter, i) => {
      const other = en.t.letters[i]!;
      expect(factsIn(other.text, 'en', en.f), `${letter.text}\n---\n${other.text}`).toEqual(factsIn(letter.text, 'ja', ja.f));
    });

    // The same readers: the platform's desk at stage 3, and beside a late check-in; the client otherwise.
    const desk = isPlatform(c.marketplace) && (c.stage === 3 || (c.stage === 1 && ja.f.deskOpen)) ? c.marketplace : null;
    const expectedTo = c.stage === 3 && desk ? ['desk'] : desk ? ['client', 'desk'] : c.stage === 1 && !isPlatform(c.marketplace) ? ['client', 'client'] : ['client'];
    expect(ja.t.letters.map((l) => l.to)).toEqual(expectedTo);
    for (const [locale, x] of [['ja', ja], ['en', en]] as const) {
      for (const letter of x.t.letters) {
        if (letter.to === 'desk') expect(letter.heading).toContain(DESK[desk!][locale]);
        else if (x.f.clientName) expect(letter.text.split('\n').slice(0, 3).join('\n')).toContain(x.f.clientName);
      }
      if (c.stage === 3 && desk) expect(x.t.title).toContain(DESK[desk][locale]);
    }

    // The facts every letter must carry, whichever the language.
    for (const [locale, x] of [['ja', ja], ['en', en]] as const) {
      const [main] = x.t.letters;
      for (const letter of x.t.letters) {
        const inLetter = factsIn(letter.text, locale, x.f);
        expect(inLetter).toEqual(expect.arrayContaining(['title', 'delivered']));
        if (x.f.clientName) expect(inLetter).toContain('client');
        else if (letter.to === 'desk') expect(inLetter).toContain('profile');
        if (letter.to === 'desk') {
          if (x.f.jobUrl) expect(inLetter).toContain('job URL');
          if (x.f.amount) expect(inLetter).toContain('amount');
          for (let i = 0; i < x.f.contacts.length; i++) expect(inLetter).toContain(`contact ${i + 1}`);
        }
      }
      const inMain = factsIn(main!.text, locale, x.f);
      if (x.f.jobUrl && c.stage < 6) expect(inMain).toContain('job URL');
      if (x.f.amount && (c.stage >= 5 || (c.stage === 4 && c.status === 'accepted'))) expect(inMain).toContain('amount');
      if (main!.to === 'client' && (c.stage === 2 || c.stage === 4 || c.stage === 6 || (c.stage === 3 && !desk) || (c.stage === 5 && x.f.legalDuePassed))) {
        expect(inMain).toContain('reply by');
      }
      if (main!.to === 'client' && c.stage === 2) {
        // Only the contacts after the client's last reply are said to be unanswered.
        const expected = x.f.unanswered.map((on) => `contact ${x.f.contacts.indexOf(on) + 1}`);
        expect(inMain.filter((n) => n.startsWith('contact'))).toEqual(expected);
      }
      if (c.stage === 5) {
        const inBody = factsIn(x.t.body.join('\n'), locale, x.f);
        expect(inBody).toEqual(expect.arrayContaining(['legal due date', 'phone', 'hotline', 'in force', String(LEGAL_PAYMENT_DAYS)]));
        expect(inMain).toEqual(expect.arrayContaining(['legal due date', String(LEGAL_PAYMENT_DAYS)]));
      }
      if (c.stage === 6) {
        const inBody = factsIn(x.t.body.join('\n'), locale, x.f);
        expect(inBody).toEqual(expect.arrayContaining(['legal due date', 'phone', 'hotline', 'report desk', 'small claims']));
        expect(inMain).toEqual(expect.arrayContaining(['legal due date', 'reply by']));
      }
    }
  });
});

describe('nudge buttons: the same actions in both languages', () => {
  const delivery = (status: DeliveryStatus): Delivery => ({
    id: 7,
    number: DELIVERY_NUMBER,
    writerId: 1,
    communityId: 1,
    client: { id: 1, key: 'mirai', displayName: CLIENT, profileUrl: null },
    title: TITLE,
    marketplace: 'crowdworks',
    amount: 8000,
    currency: 'JPY',
    deliveredAt: new Date('2026-11-01T03:00:00Z'),
    escrow: 'funded',
    jobUrl: JOB_URL,
    status,
    acceptedAt: status === 'accepted' ? new Date('2026-11-20T03:00:00Z') : null,
    paidAt: null,
    cancelledAt: null,
    createdAt: new Date('2026-11-01T03:00:00Z'),
    reminders: 'active',
    snoozedUntil: null,
    lastStage: 0,
    lastNudgeAt: null,
    nextNudgeAt: null,
    clientName: CLIENT,
    letterLocale: 'ja',
    dueAt: null,
    dueTerms: null,
  });

  it.each([
    { marketplace: 'crowdworks', status: 'awaiting_review', actions: ['accept', 'pay', 'snooze', 'stop', 'show', 'sent', 'desk', 'replied'] },
    { marketplace: 'crowdworks', status: 'accepted', actions: ['pay', 'snooze', 'stop', 'show', 'sent', 'desk', 'replied'] },
    // No desk to ask outside a platform.
    { marketplace: 'direct', status: 'awaiting_review', actions: ['accept', 'pay', 'snooze', 'stop', 'show', 'sent', 'replied'] },
    { marketplace: 'other', status: 'accepted', actions: ['pay', 'snooze', 'stop', 'show', 'sent', 'replied'] },
  ] as const)('$marketplace, $status', ({ marketplace, status, actions }) => {
    const ja = nudgeButtons({ ...delivery(status), marketplace }, 'ja');
    const en = nudgeButtons({ ...delivery(status), marketplace }, 'en');
    expect(en.map((b) => b.action)).toEqual(actions);
    // What the writer confirms having done comes on a row of its own.
    expect(en.filter((b) => b.row === 1).map((b) => b.action)).toEqual(actions.filter((a) => a === 'sent' || a === 'desk' || a === 'replied'));
    const withoutLabel = (buttons: typeof ja) => buttons.map(({ label: _label, ...rest }) => rest);
    expect(withoutLabel(ja)).toEqual(withoutLabel(en));
    expect(ja.map((b) => b.action)).toContain('pay');
    expect(ja.some((b) => b.action === 'accept')).toBe(status === 'awaiting_review');
    for (const buttons of [ja, en]) {
      for (const b of buttons) expect(b.label.trim()).not.toBe('');
      expect(new Set(buttons.map((b) => b.label)).size).toBe(buttons.length);
    }
    expect(ja.map((b) => b.label)).not.toEqual(en.map((b) => b.label));
  });
});
