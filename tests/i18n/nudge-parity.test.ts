import { describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/domain/delivery.js';
import {
  COCONALA_AUTO_APPROVAL_HOURS,
  FIRM_DEADLINE_DAYS,
  FREELANCE_ACT_IN_FORCE,
  FREELANCE_HOTLINE,
  LANCERS_CONTACT_REMINDER_AFTER_DAYS,
  LANCERS_CONTACT_REMINDER_DEADLINE_DAYS,
  LEGAL_PAYMENT_DAYS,
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

/**
 * Japanese and English give the same letter in shape and in facts: the same paragraphs in the same
 * order, each carrying the same facts and figures, the same kind of template. A paragraph one
 * language drops or moves, or a figure only one language states, fails here.
 */

/** The values a caller formats for each language (delivered Sun, Nov 1, 2026). */
const FORMATTED: Record<Locale, { delivered: string; legalDue: string; amount: string; sent: Record<Stage, string> }> = {
  ja: {
    delivered: '2026年11月1日(日)',
    legalDue: '2026年12月30日(水)',
    amount: '￥8,000',
    sent: { 1: '2026年11月4日(水)', 2: '2026年11月8日(日)', 3: '2026年11月9日(月)', 4: '2026年11月22日(日)', 5: '2026年12月21日(月)' },
  },
  en: {
    delivered: 'Sun, Nov 1, 2026',
    legalDue: 'Wed, Dec 30, 2026',
    amount: '¥8,000',
    sent: { 1: 'Wed, Nov 4, 2026', 2: 'Sun, Nov 8, 2026', 3: 'Mon, Nov 9, 2026', 4: 'Sun, Nov 22, 2026', 5: 'Mon, Dec 21, 2026' },
  },
};

const CLIENT = '株式会社ミライメディア';
const TITLE = 'SEO記事';
const JOB_URL = 'https://example.com/jobs/987654';
/** Far from every figure the letters state, so a figure is never mistaken for it. */
const DELIVERY_NUMBER = 42;

/** The figures from src/domain/facts.ts that the letters state in digits, in both languages. */
const FACT_FIGURES = new Set<number>([
  COCONALA_AUTO_APPROVAL_HOURS,
  UPWORK_AUTO_RELEASE_DAYS,
  LEGAL_PAYMENT_DAYS,
  LANCERS_CONTACT_REMINDER_AFTER_DAYS,
  LANCERS_CONTACT_REMINDER_DEADLINE_DAYS,
  FIRM_DEADLINE_DAYS,
]);

/**
 * - due: on the stage's day, every earlier stage sent, with the job URL and the amount;
 * - bare: day 11 (before Upwork's auto-release), the check-in skipped, no URL and no amount;
 * - late: day 33, the check-in sent but not the rest.
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

function facts(locale: Locale, { marketplace, stage, escrow, status, variant }: Case): NudgeFacts {
  const v = FORMATTED[locale];
  const earlier = STAGES.filter((s) => s < stage && DEFAULT_STAGE_DAYS[marketplace][s] !== null);
  const history: NudgeFacts['history'] =
    variant === 'due'
      ? earlier.map((s) => ({ stage: s, on: v.sent[s], outcome: 'sent' }))
      : variant === 'bare'
        ? earlier.map((s) => (s === 1 ? { stage: s, on: null, outcome: 'skipped' } : { stage: s, on: v.sent[s], outcome: 'sent' }))
        : earlier.map((s) => (s === 1 ? { stage: s, on: v.sent[s], outcome: 'sent' } : { stage: s, on: null, outcome: 'unreachable' }));
  return {
    stage,
    marketplace,
    escrow,
    status,
    deliveryNumber: DELIVERY_NUMBER,
    clientName: CLIENT,
    title: TITLE,
    deliveredOn: v.delivered,
    daysWaited: variant === 'due' ? (DEFAULT_STAGE_DAYS[marketplace][stage] ?? 10) : variant === 'bare' ? 11 : 33,
    jobUrl: variant === 'bare' ? null : JOB_URL,
    amount: variant === 'bare' ? null : v.amount,
    legalDueOn: v.legalDue,
    history,
  };
}

/**
 * The facts a piece of text carries, by name, the same in both languages: the values from the
 * delivery (formatted for the language), the law's dates and hotline, the commands it names, the
 * days waited and delivery number, and the fact figures stated in digits.
 */
function factsIn(text: string, locale: Locale, f: NudgeFacts): string[] {
  const values: [string, string | null][] = [
    ['client', f.clientName],
    ['title', f.title],
    ['delivered', f.deliveredOn],
    ['legal due date', f.legalDueOn],
    ['job URL', f.jobUrl],
    ['amount', f.amount],
    ['hotline', FREELANCE_HOTLINE.nameJa],
    ['phone', FREELANCE_HOTLINE.phone],
    ['in force', formatIsoDate(FREELANCE_ACT_IN_FORCE, locale)],
    ['/deliver paid', `/deliver paid ${f.deliveryNumber}`],
    ['/client flag', '/client flag'],
    ...f.history.map((h): [string, string | null] => [`stage ${h.stage} date`, h.on]),
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

describe('nudge letters: Japanese and English in parallel', () => {
  it('covers every marketplace and stage, written request and accepted-but-unpaid included', () => {
    const seen = (pred: (c: Case) => boolean) => CASES.some(pred);
    for (const m of MARKETPLACES) for (const s of stagesOf(m)) expect(seen((c) => c.marketplace === m && c.stage === s)).toBe(true);
    expect(seen((c) => c.marketplace === 'direct' && c.stage === 3)).toBe(true);
    expect(seen((c) => c.marketplace === 'coconala' && c.stage === 2)).toBe(false);
    expect(seen((c) => c.status === 'accepted' && c.stage === 4 && c.marketplace === 'crowdworks' && c.escrow === 'not_funded')).toBe(true);
    expect(seen((c) => c.status === 'accepted' && c.stage < 4)).toBe(false);
  });

  it.each(CASES.map((c) => ({ ...c, name: name(c) })))('$name', (c) => {
    const { ja, en } = both(c);

    // Both say something under every heading.
    for (const { t } of [ja, en]) {
      expect(t.title.trim()).not.toBe('');
      expect(t.title).not.toContain('\n');
      expect(t.templateHeading.trim()).not.toBe('');
      expect(t.template.trim()).not.toBe('');
      expect(t.body.length).toBeGreaterThan(0);
    }

    // The same paragraphs, in the same order, each with the same facts.
    const paragraphFacts = (x: { f: NudgeFacts; t: NudgeText }, locale: Locale) => x.t.body.map((p, i) => `${i}: ${factsIn(p, locale, x.f).join(', ')}`);
    expect(paragraphFacts(en, 'en'), JSON.stringify({ ja: ja.t.body, en: en.t.body }, null, 1)).toEqual(paragraphFacts(ja, 'ja'));
    expect(en.t.body).toHaveLength(ja.t.body.length);

    // The same facts in the title and in the template.
    expect(factsIn(en.t.title, 'en', en.f)).toEqual(factsIn(ja.t.title, 'ja', ja.f));
    expect(factsIn(en.t.template, 'en', en.f), `${ja.t.template}\n---\n${en.t.template}`).toEqual(factsIn(ja.t.template, 'ja', ja.f));

    // The same reader: the platform's desk at stage 3 on a platform, the client otherwise.
    const desk = c.stage === 3 && isPlatform(c.marketplace) ? c.marketplace : null;
    for (const [locale, x] of [['ja', ja], ['en', en]] as const) {
      if (desk) {
        expect(x.t.templateHeading).toContain(DESK[desk][locale]);
        expect(x.t.title).toContain(DESK[desk][locale]);
      } else {
        expect(x.t.template).toContain(CLIENT);
        expect(x.t.template.split('\n')[0]).toContain(CLIENT);
      }
    }

    // The facts every letter must carry, whichever the language.
    for (const [locale, x] of [['ja', ja], ['en', en]] as const) {
      const inTemplate = factsIn(x.t.template, locale, x.f);
      expect(inTemplate).toEqual(expect.arrayContaining(['client', 'title', 'delivered']));
      if (x.f.jobUrl) expect(inTemplate).toContain('job URL');
      if (x.f.amount && (desk || c.stage >= 4)) expect(inTemplate).toContain('amount');
      if (c.stage === 5) {
        const inBody = factsIn(x.t.body.join('\n'), locale, x.f);
        expect(inBody).toEqual(expect.arrayContaining(['legal due date', 'phone', 'hotline', 'in force', String(LEGAL_PAYMENT_DAYS)]));
        expect(inTemplate).toEqual(expect.arrayContaining(['legal due date', String(LEGAL_PAYMENT_DAYS)]));
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
