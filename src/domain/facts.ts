/**
 * The platform rules and legal facts Kenshu's advice and letters rest on, each in one place. Both
 * languages read them from here (src/i18n), so when a platform changes a rule it changes once.
 * Each cites where it comes from; check the source again when a platform rewrites its help pages.
 *
 * The ladder's days (`DEFAULT_STAGE_DAYS` in ladder.ts) are Kenshu's choices built on these facts
 * (Upwork's 14 days → the desk on day 15), not the facts themselves.
 */

import { DateTime } from 'luxon';
import { zonedDay } from './zoned-day.js';

/** A calendar date with no time of day or zone, as `YYYY-MM-DD`. */
export type IsoDate = `${number}-${number}-${number}`;

// ─── Japan's Freelance Act ───────────────────────────────────────────────────────────────────
// 特定受託事業者に係る取引の適正化等に関する法律 (Act No. 25 of 2023).

/** The Act's usual short name in Japanese, which English text quotes as well. */
export const FREELANCE_ACT_NAME_JA = 'フリーランス・事業者間取引適正化等法';

/** In force from this date (施行日, 令和6年11月1日). */
export const FREELANCE_ACT_IN_FORCE: IsoDate = '2024-11-01';

/**
 * Art. 4: a client bound by the Act pays within 60 days of receiving the work, counting the day of
 * receipt as day 1 (初日算入), whether or not it has reviewed the work.
 */
export const LEGAL_PAYMENT_DAYS = 60;

/**
 * The last moment of the Act's payment period for work received at `receivedAt`: the end of its
 * last day in the writer's time zone, counting the day of receipt as day 1.
 */
export function legalPaymentDeadline(receivedAt: Date, timezone: string): Date {
  // luxon's answer depends only on the day of receipt and the zone's offset at it (its guess for
  // the day's start), so it is worked out once per such day: deliveries come in many to a day.
  const day = zonedDay(receivedAt, timezone);
  if (!day) return luxonPaymentDeadline(receivedAt, timezone);
  const key = `${timezone} ${day.year}-${day.month}-${day.day} ${day.offset}`;
  let deadline = deadlines.get(key);
  if (deadline === undefined) {
    deadline = luxonPaymentDeadline(receivedAt, timezone).getTime();
    if (deadlines.size >= 10_000) deadlines.clear();
    deadlines.set(key, deadline);
  }
  return new Date(deadline);
}

const deadlines = new Map<string, number>();

function luxonPaymentDeadline(receivedAt: Date, timezone: string): Date {
  return DateTime.fromJSDate(receivedAt, { zone: timezone }).startOf('day').plus({ days: LEGAL_PAYMENT_DAYS - 1 }).endOf('day').toJSDate();
}

/** Art. 2(6): the duty binds a client with employees, or a company with at least this many officers. */
export const FREELANCE_ACT_MIN_OFFICERS = 2;

/**
 * Free legal advice for freelancers, run by the Daini Tokyo Bar Association (第二東京弁護士会) for
 * the Ministry of Health, Labour and Welfare (厚生労働省), by phone or email; anonymous calls
 * are taken.
 */
export const FREELANCE_HOTLINE = { nameJa: 'フリーランス・トラブル110番', phone: '0120-532-110' } as const;

// ─── Marketplaces ────────────────────────────────────────────────────────────────────────────

/**
 * CrowdWorks sets one week as the guideline for a client's review after delivery (検収期間の目安を
 * 1週間; CrowdWorks help, 連絡催促 and 検収 FAQs); past it, its desk contacts the client.
 */
export const CROWDWORKS_REVIEW_GUIDELINE_WEEKS = 1;

/**
 * CrowdWorks: an early-termination request (契約途中終了リクエスト) the other side leaves unanswered
 * for a week is granted automatically, and the escrowed fee goes back to the client (CrowdWorks
 * help, 契約途中終了).
 */
export const CROWDWORKS_EARLY_TERMINATION_AUTO_WEEKS = 1;

/**
 * Lancers: a contact reminder (連絡催促申請) can be requested after this many days without contact
 * (Lancers terms and help, 連絡催促).
 */
export const LANCERS_CONTACT_REMINDER_AFTER_DAYS = 7;

/**
 * Lancers then gives the client a deadline this many days later (168 hours); past it, a job whose
 * completion report (完了報告) was filed is paid, one without it is cancelled and refunded.
 */
export const LANCERS_CONTACT_REMINDER_DEADLINE_DAYS = 7;

/** Lancers expects about this many messages over about this many days before a desk request. */
export const LANCERS_MESSAGES_BEFORE_DESK = { messages: 3, days: 3 } as const;

/**
 * Coconala: after a formal delivery (正式な納品), a buyer who neither approves nor sends it back
 * within 72 hours approves it automatically and the deal closes (Coconala help, 検収/納品確認).
 */
export const COCONALA_AUTO_APPROVAL_HOURS = 72;

/**
 * Upwork Fixed-Price Protection: a funded milestone's payment is released automatically 14 days
 * after the work is submitted if the client neither approves it nor requests changes (Upwork Help,
 * "Fixed-Price Protection").
 */
export const UPWORK_AUTO_RELEASE_DAYS = 14;

// ─── Kenshu's own rules ──────────────────────────────────────────────────────────────────────

/** Kenshu's choice, not a platform's: a firm request gives the client this many days from the message. */
export const FIRM_DEADLINE_DAYS = 7;

/**
 * Where a Freelance Act breach can be reported: the Japan Fair Trade Commission's report desk
 * (申出窓口, with a web form) for payment deadlines, alongside the SME Agency.
 * https://www.jftc.go.jp/freelancelaw_2024/
 */
export const FREELANCE_ACT_REPORT_DESK = { nameJa: '公正取引委員会・中小企業庁のフリーランス法違反の申出窓口', nameEn: "the Japan Fair Trade Commission's and SME Agency's report desk for Freelance Act breaches" } as const;

/** Small claims (少額訴訟): a claim for money of at most this many yen, usually decided in one hearing (Code of Civil Procedure art. 368). */
export const SMALL_CLAIMS_MAX_YEN = 600_000;
