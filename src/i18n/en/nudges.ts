import {
  COCONALA_AUTO_APPROVAL_HOURS,
  CROWDWORKS_EARLY_TERMINATION_AUTO_WEEKS,
  CROWDWORKS_REVIEW_GUIDELINE_WEEKS,
  FREELANCE_ACT_IN_FORCE,
  FREELANCE_ACT_MIN_OFFICERS,
  FREELANCE_ACT_NAME_JA,
  FREELANCE_ACT_REPORT_DESK,
  FREELANCE_HOTLINE,
  LANCERS_CONTACT_REMINDER_AFTER_DAYS,
  LANCERS_CONTACT_REMINDER_DEADLINE_DAYS,
  LANCERS_MESSAGES_BEFORE_DESK,
  LEGAL_PAYMENT_DAYS,
  SMALL_CLAIMS_MAX_YEN,
  UPWORK_AUTO_RELEASE_DAYS,
} from '../../domain/facts.js';
import type { Marketplace } from '../../domain/marketplace.js';
import type { NudgeLetter, NudgeText } from '../../domain/nudge-facts.js';
import { formatIsoDate } from '../format.js';
import { DESK, lines, paragraphs, type Context, type PlatformMarketplace, type StageWriters } from '../nudges/shared.js';
import { deskAdvice, deskLetter } from './desk-letters.js';
import { days, list, NAME, spelled, weeks } from './words.js';
import { en as messages } from './messages.js';

/**
 * The nudges in English: plain advice to the writer, courteous letters to the client and the
 * desks, a little firmer at each stage. Letters state earlier contacts only from the writer's
 * confirmed record, give dates rather than "within N days", and leave the writer's name for them
 * to fill in. Laid out like src/i18n/ja/nudges.ts.
 */

const CLIENT_HEADING = 'Message to the client';

// ─── Pieces every stage uses ───

function when(c: Context): string {
  return c.f.daysWaited === 0 ? 'delivery day' : `${days(c.f.daysWaited)} after delivery`;
}

function title(c: Context, what: string): string {
  return `${what} for #${c.f.deliveryNumber} “${c.f.title}” (${when(c)})`;
}

/** Dear Acme Media team, / Dear Jane Doe, / Hello, */
function salutation(c: Context): string {
  const { clientName, clientIsBusiness } = c.f;
  if (!clientName) return 'Hello,';
  return clientIsBusiness ? `Dear ${clientName} team,` : `Dear ${clientName},`;
}

function opening(c: Context): string[] {
  return [salutation(c), ''];
}

function closing(): string[] {
  return ['', 'Best regards,', NAME];
}

function jobLine(c: Context): string | null {
  return c.f.jobUrl ? `Job: ${c.f.jobUrl}` : null;
}

/** Confirmed contacts the client has not answered, said once: nothing when none were confirmed. */
function unansweredLine(c: Context): string | null {
  return c.f.unanswered.length > 0 ? `I also wrote to you on ${list(c.f.unanswered)}, but have not heard back yet.` : null;
}

function fee(c: Context): string {
  return c.f.amount ? `the payment (${c.f.amount})` : 'the payment';
}

/** Escrow and platform-protection notes, wherever they matter. */
function protection(c: Context): string | null {
  if (!c.platform) {
    return c.f.marketplace === 'direct'
      ? 'A direct deal has no platform protection: keep your emails and chats, the agreed terms and your invoices.'
      : 'Do not count on a platform to protect this deal: keep your messages, the agreed terms and your invoices.';
  }
  if (c.f.escrow === 'not_funded') {
    const ask = c.platform === 'upwork' ? 'fund the milestone' : 'fund escrow (仮払い)';
    return `Escrow is not funded: stop any further work and ask the client to ${ask} first. Without it, ${c.label} cannot protect your payment.`;
  }
  if (c.f.escrow === 'unknown') {
    return 'Check on the job page whether the client funded escrow (仮払い). If not, do no more work until they do.';
  }
  return null;
}

function sendHint(c: Context): string {
  return c.platform
    ? "Copy the message below and send it in the job's message thread."
    : 'Copy the message below and send it by the email or chat you use with the client.';
}

/** How the writer's record gets into the next letters. */
function recordHint(c: Context): string {
  return `Once you have sent it, press “Sent it” or record it with /deliver log ${c.f.deliveryNumber} event:sent. Only the dates you record go into the next letters${c.platform ? ' and desk requests' : ''}.`;
}

/** The writer's confirmed record, for the advice (never for the client). */
function recordSummary(c: Context): string {
  const { contacts, deskRequests, replies } = c.f;
  const part = (label: string, dates: readonly string[]) => `${label}: ${dates.length > 0 ? `${dates.length} (${list(dates)})` : 'none recorded'}`;
  const items = [part('Messages to the client', contacts), ...(c.platform ? [part('Requests to the desk', deskRequests)] : []), part('Replies from the client', replies)];
  return ['Your record:', ...items.map((item) => `• ${item}`)].join('\n');
}

function evidenceHint(c: Context): string {
  return `/deliver evidence ${c.f.deliveryNumber} puts the dated timeline and the facts in one file, ready for a desk or an adviser.`;
}

function desklessDueLine(c: Context): string | null {
  if (!c.f.dueOn) return null;
  return c.f.duePassed ? `The payment date we agreed (${c.f.dueOn}) has passed.` : `The payment date we agreed is ${c.f.dueOn}.`;
}

// ─── The platforms' rules, from src/domain/facts.ts ───

const COCONALA_RULE =
  `On Coconala, a deal closes automatically (自動承認) ${COCONALA_AUTO_APPROVAL_HOURS} hours after a formal delivery (正式な納品) if the buyer neither approves nor sends it back.`;
const COCONALA_FORMAL = `${COCONALA_RULE} Check that you delivered with the formal delivery button.`;
const UPWORK_AUTO_RELEASE =
  `On an Upwork fixed-price contract, a milestone's funds are released automatically ${UPWORK_AUTO_RELEASE_DAYS} days after you submit the work if the client neither approves it nor requests changes.`;

// ─── One writer per stage ───

function checkIn(c: Context): NudgeText {
  const { f } = c;
  const tip: Record<Marketplace, string | null> = {
    crowdworks: "Make sure you delivered through the contract page's delivery button (納品), so the client got the review request.",
    lancers: 'On Lancers the client cannot pay until you file the completion report (完了報告). If you have not, file it now.',
    coconala: COCONALA_FORMAL,
    upwork: `${UPWORK_AUTO_RELEASE} Make sure you submitted it from the contract page (Submit work).`,
    direct: null,
    other: null,
  };
  const late = f.deskOpen && c.platform;
  const invoice = !c.platform;
  return {
    title: title(c, 'Check-in'),
    body: paragraphs(
      f.daysWaited === 0 ? 'Well done on delivering.' : `It has been ${days(f.daysWaited)} since you delivered. Most clients review within a few days.`,
      late
        ? `Start with a polite check-in. It is also already time to ask ${DESK[c.platform!].en}: asking them to contact the client alongside your check-in often settles it sooner. Both messages are below.`
        : 'A short check-in is not rude: it often just reminds a busy client.',
      tip[f.marketplace],
      invoice && (f.dueOn ? `If you have not sent an invoice yet, send one now with the payment date (${f.dueOn}). A template is below.` : 'If you have not sent an invoice yet, send one now with the payment date you agreed. A template is below.'),
      protection(c),
      sendHint(c),
      recordHint(c),
      late && 'Once you have asked the desk, press “Asked the desk” to record it.',
    ),
    letters: [
      {
        to: 'client',
        heading: CLIENT_HEADING,
        text: lines(
          ...opening(c),
          `I delivered “${f.title}” on ${f.deliveredOn} and wanted to check that it reached you.`,
          jobLine(c),
          'If anything needs revising, just let me know and I will be happy to update it.',
          ...closing(),
        ),
      },
      ...(late ? [deskLetter(c, c.platform!)] : []),
      ...(invoice ? [invoiceLetter(c)] : []),
    ],
  };
}

function invoiceLetter(c: Context): NudgeLetter {
  const { f } = c;
  return {
    to: 'client',
    heading: 'Invoice template',
    text: lines(
      'INVOICE',
      '',
      `To: ${f.clientName ?? '[client]'}`,
      `Date: [today]`,
      '',
      `For: “${f.title}”, delivered ${f.deliveredOn}`,
      `Amount due: ${f.amount ?? '[amount]'}`,
      `Payment due: ${f.dueOn ?? '[payment date]'}`,
      'Pay to: [bank name, branch, account type, account number, account holder]',
      '',
      NAME,
      '[address, contact details, tax registration number if you have one]',
    ),
  };
}

function followUp(c: Context): NudgeText {
  const { f } = c;
  const rule: Record<Marketplace, string | null> = {
    crowdworks: `CrowdWorks asks clients to review within about ${weeks(CROWDWORKS_REVIEW_GUIDELINE_WEEKS)} of delivery. If there is still no answer after that, you can ask its desk to step in. Before you send this, check the client's last log-in on their profile.`,
    lancers: `On Lancers, about ${spelled(LANCERS_MESSAGES_BEFORE_DESK.messages)} messages over about ${spelled(LANCERS_MESSAGES_BEFORE_DESK.days)} days are expected before asking the platform. After ${LANCERS_CONTACT_REMINDER_AFTER_DAYS} days without contact you can request a contact reminder (連絡催促申請).`,
    coconala: COCONALA_FORMAL,
    upwork: UPWORK_AUTO_RELEASE,
    direct: "If you have the client's email address, send it by email too and keep a copy.",
    other: "If you have the client's email address, send it by email too and keep a copy.",
  };
  return {
    title: title(c, 'Follow-up'),
    body: paragraphs(
      `It has been ${days(f.daysWaited)} since you delivered and the client has not reviewed it yet. Time for another message.`,
      f.contacts.length === 0 && `Kenshu has no record of a message to the client yet. If you sent the check-in, record it with /deliver log ${f.deliveryNumber} event:sent at:DATE and its date goes into the letter below.`,
      rule[f.marketplace],
      protection(c),
      sendHint(c),
      recordHint(c),
    ),
    letters: [
      {
        to: 'client',
        heading: CLIENT_HEADING,
        text: lines(
          ...opening(c),
          `I am writing about “${f.title}”, which I delivered on ${f.deliveredOn}.`,
          jobLine(c),
          unansweredLine(c),
          'I know you are busy; could you let me know where the review stands?',
          `It would be a great help to have your review or a reply by ${f.replyBy}.`,
          'If you would like any changes, I am happy to make them.',
          ...closing(),
        ),
      },
    ],
  };
}

function desk(c: Context, platform: PlatformMarketplace): NudgeText {
  const { f } = c;
  const deskName = DESK[platform].en;
  const situation: Record<PlatformMarketplace, (string | false)[]> = {
    crowdworks: [
      `It has been ${days(f.daysWaited)} since you delivered. CrowdWorks asks clients to review within about ${weeks(CROWDWORKS_REVIEW_GUIDELINE_WEEKS)} of delivery. No need to keep waiting alone.`,
      `Warning: after delivering, do not use the early-termination request (契約途中終了リクエスト). It is granted automatically after ${weeks(CROWDWORKS_EARLY_TERMINATION_AUTO_WEEKS)} and refunds the escrowed fee to the client.`,
    ],
    lancers: [
      `It has been ${days(f.daysWaited)} since you delivered. On Lancers you can request a contact reminder (連絡催促申請) after ${LANCERS_CONTACT_REMINDER_AFTER_DAYS} days without contact.`,
      `Lancers then sets the client a deadline (${LANCERS_CONTACT_REMINDER_DEADLINE_DAYS} days later). If the client stays silent, a job whose completion report was filed is paid; without the completion report, the job is cancelled at the deadline and the escrow is refunded to the client.`,
    ],
    coconala: [
      `It has been ${days(f.daysWaited)} since you delivered. ${COCONALA_RULE}`,
      'First check in the talk room that you delivered with the formal delivery button. Attaching a file to a message is not a formal delivery.',
      `If the deal has closed, record it with /deliver paid ${f.deliveryNumber}.`,
    ],
    upwork: [
      `It has been ${days(f.daysWaited)} since you submitted the work. ${UPWORK_AUTO_RELEASE}`,
      f.daysWaited < UPWORK_AUTO_RELEASE_DAYS && `The ${UPWORK_AUTO_RELEASE_DAYS} days have not passed yet, so the payment may still be released by itself: contact support only if it is not.`,
      `Check the contract page and your transaction history. If the payment was released, record it with /deliver paid ${f.deliveryNumber}. This protection covers only funded milestones and work submitted from the contract page.`,
    ],
  };
  return {
    title: title(c, `Ask ${deskName}`),
    body: paragraphs(
      ...situation[platform],
      deskAdvice(platform),
      f.deskRequests.length > 0 && `You recorded asking them on ${list(f.deskRequests)}. If nothing has moved since, use the message below to tell them again.`,
      f.contacts.length === 0 &&
        `Kenshu has no record of a message to the client. Desks usually ask whether you contacted the client first; if you did, record it with /deliver log ${f.deliveryNumber} event:sent at:DATE and its date goes into the request.`,
      protection(c),
      'Once you have asked, press “Asked the desk” to record it.',
    ),
    letters: [deskLetter(c, platform)],
  };
}

function writtenRequest(c: Context): NudgeText {
  const { f } = c;
  return {
    title: title(c, 'Request with a date'),
    body: paragraphs(
      `It has been ${days(f.daysWaited)} since you delivered. There is no platform desk to ask here, so the next step is to ask for a review or a reply by a date.`,
      "If you have the client's email address, send it by email too and keep a copy.",
      protection(c),
      recordHint(c),
    ),
    letters: [
      {
        to: 'client',
        heading: CLIENT_HEADING,
        text: lines(
          ...opening(c),
          `I am writing again about “${f.title}”, which I delivered on ${f.deliveredOn}.`,
          jobLine(c),
          unansweredLine(c) ?? `It has now been ${days(f.daysWaited)}, and I have not received a review or a reply.`,
          `Could you please review the work, or let me know the status, by ${f.replyBy}?`,
          desklessDueLine(c),
          ...closing(),
        ),
      },
    ],
  };
}

function recordAndWarn(c: Context): NudgeText {
  const { f } = c;
  const category = messages.client.category[c.unpaid ? 'unpaid' : 'no_response_after_delivery'];
  const lancersDeadline =
    c.platform === 'lancers' &&
    (f.deskRequests.length > 0
      ? `If the deadline of your contact reminder request (${f.deskRequests[f.deskRequests.length - 1]}) has passed, a job whose completion report was filed should now be paid. Check the job page, and if it was paid, record it with /deliver paid ${f.deliveryNumber}.`
      : 'If you requested a contact reminder and its deadline has passed, a job whose completion report was filed should now be paid. Check the job page.');
  const deskStep =
    c.platform &&
    (f.deskRequests.length === 0
      ? `If you have not asked ${DESK[c.platform].en} yet, do it now.`
      : `If asking ${DESK[c.platform].en} (${list(f.deskRequests)}) did not settle it, contact them again with the /deliver evidence summary.`);
  return {
    title: title(c, c.unpaid ? 'Unpaid: record and a date' : 'Record and a date'),
    body: paragraphs(
      c.unpaid
        ? `The work was accepted but not paid, ${days(f.daysWaited)} after delivery. Time to keep a record of what happened.`
        : `It has been ${days(f.daysWaited)} since you delivered and the client has not reviewed it. Time to keep a record of what happened.`,
      recordSummary(c),
      evidenceHint(c),
      c.platform ? 'Save screenshots of the job page and your messages too.' : 'Keep your emails and chats with the client too.',
      lancersDeadline,
      deskStep,
      `To spare other writers, you can flag this client in the community warning list with /client flag (category: ${category}). Stick to dates and facts: no insults, no guesses.`,
      protection(c),
      `The message below asks for ${c.unpaid ? 'payment' : 'a review'} by a date.`,
    ),
    letters: [
      {
        to: 'client',
        heading: CLIENT_HEADING,
        text: lines(
          ...opening(c),
          `I am writing about “${f.title}”, which I delivered on ${f.deliveredOn}.`,
          jobLine(c),
          c.unpaid
            ? `Thank you for accepting it. As of today, I have not yet received ${fee(c)}.`
            : `It has now been ${days(f.daysWaited)}, and I have not received a review.`,
          unansweredLine(c),
          desklessDueLine(c),
          'I am keeping a record of how this has gone so far.',
          c.unpaid ? `Please make the payment by ${f.replyBy}.` : `Please review the work by ${f.replyBy}.`,
          c.platform && `If I have not heard from you by then, I will ask ${DESK[c.platform].en} for help.`,
          c.unpaid && 'If you have already paid, please disregard this message.',
          ...closing(),
        ),
      },
    ],
  };
}

function legal(c: Context): NudgeText {
  const { f } = c;
  return {
    title: title(c, 'Legal payment deadline'),
    body: paragraphs(
      c.unpaid
        ? `The work was accepted but not paid, ${days(f.daysWaited)} after delivery.`
        : `It has been ${days(f.daysWaited)} since you delivered, and the work is neither reviewed nor paid.`,
      `Under Japan's Freelance Act (${FREELANCE_ACT_NAME_JA}, in force since ${formatIsoDate(FREELANCE_ACT_IN_FORCE, 'en')}), a business must pay a freelancer within ${LEGAL_PAYMENT_DAYS} days of receiving the work, whether or not it has reviewed it.`,
      f.legalDuePassed ? `The payment deadline for this delivery (${f.legalDueOn}) has already passed.` : `Payment deadline for this delivery: ${f.legalDueOn}`,
      `The duty applies when the client is a business with employees, or a company with ${spelled(FREELANCE_ACT_MIN_OFFICERS)} or more officers.`,
      'The message below asks formally for payment by that deadline.',
      `Free advice from a lawyer: Freelance Trouble 110 (${FREELANCE_HOTLINE.nameJa}), phone ${FREELANCE_HOTLINE.phone}, run by the Daini Tokyo Bar Association for the Ministry of Health, Labour and Welfare. You can stay anonymous.`,
      evidenceHint(c),
      c.platform && `Tell ${DESK[c.platform].en} about it as well.`,
      protection(c),
    ),
    letters: [
      {
        to: 'client',
        heading: CLIENT_HEADING,
        text: lines(
          ...opening(c),
          `I am writing about ${fee(c)} for “${f.title}”, which I delivered on ${f.deliveredOn}.`,
          jobLine(c),
          c.unpaid ? 'Thank you for accepting it; as of today, however, I have not received the payment.' : 'As of today, the work has not been accepted or paid.',
          unansweredLine(c),
          desklessDueLine(c),
          `Japan's Freelance Act requires a business to pay for commissioned work within ${LEGAL_PAYMENT_DAYS} days of receiving it.`,
          f.legalDuePassed
            ? `For this work that deadline (${f.legalDueOn}) has passed, so please make the payment by ${f.replyBy}.`
            : `For this work the deadline is ${f.legalDueOn}; please make the payment by then.`,
          'If you have already paid, please disregard this message.',
          ...closing(),
        ),
      },
    ],
  };
}

/** Stage 6, once: the legal deadline has passed; the routes that remain. */
function afterDeadline(c: Context): NudgeText {
  const { f } = c;
  return {
    title: title(c, 'After the legal deadline'),
    body: paragraphs(
      `The Freelance Act's payment deadline (${f.legalDueOn}) has passed and the work is still not paid. These are the routes that remain; this message comes once.`,
      `• Report it: missing the deadline breaches the Act. You can report it to ${FREELANCE_ACT_REPORT_DESK.nameEn} (a web form).`,
      '• Demand for payment (支払督促): filed with the clerk of a summary court, on papers alone. If the client does not object, it becomes enforceable.',
      `• Small claims (少額訴訟): for up to ¥${SMALL_CLAIMS_MAX_YEN.toLocaleString('en-US')}, usually decided in a single hearing.`,
      `• Which route fits: ask ${FREELANCE_HOTLINE.nameJa} (phone ${FREELANCE_HOTLINE.phone}), free of charge.`,
      evidenceHint(c),
      c.platform && `Tell ${DESK[c.platform].en} as well.`,
      'The message below says the deadline has passed and asks for payment once more. Whether to send it is your call.',
    ),
    letters: [
      {
        to: 'client',
        heading: CLIENT_HEADING,
        text: lines(
          ...opening(c),
          `The payment deadline (${f.legalDueOn}) for “${f.title}”, which I delivered on ${f.deliveredOn}, has passed, and I have not yet received ${fee(c)}.`,
          jobLine(c),
          `Please make the payment by ${f.replyBy}.`,
          'If I cannot confirm the payment, I will consult the Japan Fair Trade Commission and the other bodies concerned.',
          'If you have already paid, please disregard this message.',
          ...closing(),
        ),
      },
    ],
  };
}

export const english: StageWriters = { checkIn, followUp, desk, writtenRequest, recordAndWarn, legal, afterDeadline };
