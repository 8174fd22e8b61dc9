import {
  COCONALA_AUTO_APPROVAL_HOURS,
  CROWDWORKS_EARLY_TERMINATION_AUTO_WEEKS,
  CROWDWORKS_REVIEW_GUIDELINE_WEEKS,
  FIRM_DEADLINE_DAYS,
  FREELANCE_ACT_IN_FORCE,
  FREELANCE_ACT_MIN_OFFICERS,
  FREELANCE_ACT_NAME_JA,
  FREELANCE_HOTLINE,
  LANCERS_CONTACT_REMINDER_AFTER_DAYS,
  LANCERS_CONTACT_REMINDER_DEADLINE_DAYS,
  LANCERS_MESSAGES_BEFORE_DESK,
  LEGAL_PAYMENT_DAYS,
  UPWORK_AUTO_RELEASE_DAYS,
} from '../../domain/facts.js';
import type { Marketplace } from '../../domain/marketplace.js';
import type { NudgeText } from '../../domain/nudge-facts.js';
import { formatIsoDate } from '../format.js';
import { DESK, lines, paragraphs, stageName, type Context, type HistoryOutcome, type PlatformMarketplace, type StageWriters } from '../nudges/shared.js';
import { plural, pluralPhrase } from '../plural.js';

/**
 * The nudge letters in English: plain advice to the writer, courteous letters to the client and
 * the desks. Laid out like src/i18n/ja/nudges.ts: the same helpers, then the platforms' rules,
 * then one writer per stage.
 */

const CLIENT_HEADING = 'Message to the client';

// ─── Counts in English words (Japanese writes ${n}日 and needs none of these) ───

function days(n: number): string {
  return plural(n, { one: 'day', other: 'days' });
}

function weeks(n: number): string {
  return pluralPhrase(n, { one: 'a week', other: '# weeks' });
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Small counts in running text are spelled out ("about three messages"), larger ones are digits. */
function spelled(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

// ─── Pieces every stage uses ───

function title(c: Context, what: string): string {
  return `Day ${c.f.daysWaited} · ${what} for #${c.f.deliveryNumber} “${c.f.title}”`;
}

function jobLine(c: Context): string | null {
  return c.f.jobUrl ? `Job: ${c.f.jobUrl}` : null;
}

function amountLine(c: Context): string | null {
  return c.f.amount ? `Amount: ${c.f.amount}` : null;
}

/** Escrow and platform-protection notes, wherever they matter. */
function protection(c: Context): string | null {
  if (!c.platform) {
    return c.f.marketplace === 'direct'
      ? 'A direct deal has no platform protection: keep records of your messages, the agreed terms and invoices.'
      : 'Do not count on a platform to protect this deal: keep records of your messages, the agreed terms and invoices.';
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

/** The messages Kenshu knows were sent to the client, for a desk request: null when none. */
function contactLine(c: Context): string | null {
  const n = c.clientMessages.length;
  if (n === 0) return null;
  const dates = c.clientMessages.filter((d): d is string => d !== null);
  return `Messages sent to the client: ${n}${dates.length > 0 ? ` (${dates.join('; ')})` : ''}, no reply`;
}

/** At the desk stage with no message to the client on record: desks expect one first. */
function noMessageYet(c: Context): string | null {
  return c.clientMessages.length === 0
    ? 'Kenshu has no record of a message to the client. Desks usually expect you to contact the client once first, so send the check-in message first if you have not.'
    : null;
}

const OUTCOME: Record<HistoryOutcome, string> = {
  sent: '',
  skipped: 'skipped',
  unreachable: 'not delivered to you',
  failed: 'could not be sent',
};

function evidence(c: Context): string[] {
  const { f } = c;
  return [
    'Evidence so far:',
    `• Client: ${f.clientName}`,
    `• Job: ${f.title}`,
    ...(f.jobUrl ? [`• Job URL: ${f.jobUrl}`] : []),
    `• Delivered: ${f.deliveredOn}`,
    `• Days waited: ${f.daysWaited}`,
    `• Status: ${c.unpaid ? 'accepted but not paid' : 'awaiting review'}`,
    ...(f.amount ? [`• Amount: ${f.amount}`] : []),
    ...f.history.map((h) => {
      const name = stageName('en', h.stage);
      if (h.outcome === 'sent') return `• ${name}: ${h.on ?? 'sent'}`;
      return `• ${name}: ${OUTCOME[h.outcome]}${h.on ? ` (${h.on})` : ''}`;
    }),
  ];
}

/** Stage 4: ask the platform's desk now, or again with the evidence. */
function deskAdvice(c: Context): string | null {
  if (!c.platform) return null;
  return `If you have not asked ${DESK[c.platform].en} yet, do it now. If you did and nothing changed, contact them again with this summary.`;
}

// ─── The platforms' rules, from src/domain/facts.ts ───

const COCONALA_RULE =
  `On Coconala, a deal closes automatically ${COCONALA_AUTO_APPROVAL_HOURS} hours after a formal delivery (正式な納品) if the buyer neither approves nor sends it back.`;
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
  return {
    title: title(c, 'Check-in'),
    body: paragraphs(
      `It has been ${days(f.daysWaited)} since you delivered. Most clients review within a day or two.`,
      'A short, polite check is normal and not rude: it often just reminds a busy client.',
      tip[f.marketplace],
      protection(c),
      sendHint(c),
    ),
    templateHeading: CLIENT_HEADING,
    template: lines(
      `Hi ${f.clientName},`,
      '',
      `I hope you are well. I delivered “${f.title}” on ${f.deliveredOn}.`,
      jobLine(c),
      'When you have a moment, could you please review it?',
      'If anything needs revising, just let me know and I will be happy to update it.',
      '',
      'Thank you.',
    ),
  };
}

function followUp(c: Context): NudgeText {
  const { f } = c;
  const lastLogIn =
    f.marketplace === 'crowdworks' || f.marketplace === 'lancers'
      ? `Before you send it, check the client's last log-in on their profile (${c.label} shows it). If they log in but do not answer, the platform's desk is the next step.`
      : 'Before you send it, check whether the client has been active recently.';
  const rule: Record<Marketplace, string | null> = {
    crowdworks: `CrowdWorks asks clients to review within about ${weeks(CROWDWORKS_REVIEW_GUIDELINE_WEEKS)} of delivery. If there is still no answer after that, you can ask its desk to step in.`,
    lancers: `On Lancers, about ${spelled(LANCERS_MESSAGES_BEFORE_DESK.messages)} messages over about ${spelled(LANCERS_MESSAGES_BEFORE_DESK.days)} days are expected before asking the platform. After ${LANCERS_CONTACT_REMINDER_AFTER_DAYS} days without contact you can request a contact reminder (連絡催促申請).`,
    coconala: COCONALA_FORMAL,
    upwork: UPWORK_AUTO_RELEASE,
    direct: "If you have the client's email address, send it by email too and keep a copy.",
    other: "If you have the client's email address, send it by email too and keep a copy.",
  };
  return {
    title: title(c, 'Follow-up'),
    body: paragraphs(
      `It has been ${days(f.daysWaited)} since you delivered and the client has not reviewed it yet. Time for a second message.`,
      lastLogIn,
      rule[f.marketplace],
      protection(c),
      sendHint(c),
    ),
    templateHeading: CLIENT_HEADING,
    template: lines(
      `Hi ${f.clientName},`,
      '',
      c.checkInSent
        ? `I am following up on my earlier message about “${f.title}”, which I delivered on ${f.deliveredOn}.`
        : `I am writing about “${f.title}”, which I delivered on ${f.deliveredOn}.`,
      jobLine(c),
      `It has now been ${days(f.daysWaited)}, so I wanted to check that everything is all right.`,
      'Could you please review the work, or let me know the status, within the next few days?',
      'If you would like any changes, I am happy to make them.',
      '',
      'Thank you.',
    ),
  };
}

/** Upwork's support answers in English, so this one is English in both languages. */
export function upworkSupportLetter(c: Context): string {
  const { f } = c;
  return lines(
    'Hello Upwork Support,',
    '',
    `I submitted work for a fixed-price milestone on ${f.deliveredOn}, and ${days(f.daysWaited)} have passed.`,
    f.daysWaited >= UPWORK_AUTO_RELEASE_DAYS
      ? `The client has not approved it or requested changes, and the funds were not released automatically after ${UPWORK_AUTO_RELEASE_DAYS} days.`
      : 'The client has not approved it, requested changes or replied to my messages.',
    'Could you please look into this contract and help release the payment?',
    '',
    `Client: ${f.clientName}`,
    `Contract: ${f.title}`,
    f.jobUrl && `Contract link: ${f.jobUrl}`,
    `Submitted: ${f.deliveredOn} (${days(f.daysWaited)} ago)`,
    f.amount && `Amount: ${f.amount}`,
    contactLine(c),
    '',
    'Thank you for your help.',
  );
}

function desk(c: Context, platform: PlatformMarketplace): NudgeText {
  const { f } = c;
  const deskName = DESK[platform].en;

  if (platform === 'upwork') {
    return {
      title: title(c, `Ask ${deskName}`),
      body: paragraphs(
        `It has been ${days(f.daysWaited)} since you submitted the work. ${UPWORK_AUTO_RELEASE}`,
        f.daysWaited < UPWORK_AUTO_RELEASE_DAYS && `The ${UPWORK_AUTO_RELEASE_DAYS} days have not passed yet, so the payment may still be released by itself: contact support only if it is not.`,
        `Check the contract page and your transaction history. If the payment was released, record it with /deliver paid ${f.deliveryNumber}.`,
        'If it was not, contact Upwork Support (Help & support → Contact us) with the link to the contract. The message below is ready to send.',
        'This protection covers only funded milestones and work submitted from the contract page.',
        noMessageYet(c),
        protection(c),
      ),
      templateHeading: `Request to ${deskName}`,
      template: upworkSupportLetter(c),
    };
  }

  const body: Record<'crowdworks' | 'lancers' | 'coconala', string[]> = {
    crowdworks: [
      `It has been ${days(f.daysWaited)} since you delivered. CrowdWorks asks clients to review within about ${weeks(CROWDWORKS_REVIEW_GUIDELINE_WEEKS)} of delivery.`,
      "No need to keep waiting alone: ask CrowdWorks support (お問い合わせ, the help centre's chatbot or contact form) to contact the client (連絡催促). The message below is ready to use; a screenshot of the job page helps.",
      'Clients often review right away once the desk contacts them.',
      `Warning: after delivering, do not use the early-termination request (契約途中終了リクエスト). It is granted automatically after ${weeks(CROWDWORKS_EARLY_TERMINATION_AUTO_WEEKS)} and refunds the escrowed fee to the client.`,
    ],
    lancers: [
      `It has been ${days(f.daysWaited)} since you delivered. On Lancers you can request a contact reminder (連絡催促申請) after ${LANCERS_CONTACT_REMINDER_AFTER_DAYS} days without contact.`,
      `Lancers then sets the client a deadline (${LANCERS_CONTACT_REMINDER_DEADLINE_DAYS} days later). If the client stays silent, a job whose completion report was filed is paid.`,
      'Warning: file the completion report (完了報告) BEFORE you request the contact reminder. Without it, the job is cancelled at the deadline and the escrow is refunded to the client.',
      "Request it from the job's page (連絡催促申請) and use the message below to explain.",
    ],
    coconala: [
      `It has been ${days(f.daysWaited)} since you delivered. ${COCONALA_RULE}`,
      'First check in the talk room that you delivered with the formal delivery button. Attaching a file to a message is not a formal delivery; if you have not made one, do it now.',
      `If the deal has closed, record it with /deliver paid ${f.deliveryNumber}. If it is still open more than ${COCONALA_AUTO_APPROVAL_HOURS} hours after the formal delivery, contact Coconala support through its contact form. The message below is ready to use.`,
    ],
  };
  const request: Record<'crowdworks' | 'lancers' | 'coconala', string[]> = {
    crowdworks: [
      'Since I delivered the job below, the client has not reviewed it or replied.',
      'Could you please contact the client and ask them to respond?',
    ],
    lancers: [
      'Since I filed the completion report for the job below, the client has not reviewed it or replied.',
      'Could you please contact the client and ask them to respond?',
    ],
    coconala: [
      'I sent a formal delivery for the order below, but the buyer has not replied and the deal has not closed.',
      'Could you please look into it and contact the buyer?',
    ],
  };
  return {
    title: title(c, `Ask ${deskName}`),
    body: paragraphs(...body[platform], noMessageYet(c), protection(c)),
    templateHeading: `Request to ${deskName}`,
    template: lines(
      `Hello ${deskName},`,
      '',
      ...request[platform],
      '',
      `${platform === 'coconala' ? 'Buyer' : 'Client'}: ${f.clientName}`,
      `Job: ${f.title}`,
      f.jobUrl && `Job URL: ${f.jobUrl}`,
      `Delivered: ${f.deliveredOn} (${days(f.daysWaited)} ago)`,
      f.amount && `Amount: ${f.amount}`,
      contactLine(c),
      '',
      'Thank you for your help.',
    ),
  };
}

function writtenRequest(c: Context): NudgeText {
  const { f } = c;
  const n = c.clientMessages.length;
  return {
    title: title(c, 'Written request'),
    body: paragraphs(
      `It has been ${days(f.daysWaited)} since you delivered. There is no platform desk to ask here, so the next step is a firmer written request with a deadline.`,
      "If you have the client's email address, send it by email too and keep a copy.",
      protection(c),
    ),
    templateHeading: CLIENT_HEADING,
    template: lines(
      `Dear ${f.clientName},`,
      '',
      `I am writing again about “${f.title}”, which I delivered on ${f.deliveredOn}.`,
      jobLine(c),
      `It has now been ${days(f.daysWaited)}, and I have not received a review or a reply.`,
      n > 0 && `I have written to you ${pluralPhrase(n, { one: 'once', other: '# times' })} so far.`,
      `Could you please review the work, or let me know the status, within ${FIRM_DEADLINE_DAYS} days of this message?`,
      '',
      'Best regards',
    ),
  };
}

function recordAndWarn(c: Context): NudgeText {
  const { f } = c;
  const category = c.unpaid ? 'unpaid' : 'no_response_after_delivery';
  const consequence = c.platform
    ? `If I do not hear from you by then, I will ask ${DESK[c.platform].en} to step in.`
    : 'If I do not hear from you by then, I will consider the appropriate next steps.';
  const template = c.unpaid
    ? lines(
        `Dear ${f.clientName},`,
        '',
        `Thank you for accepting “${f.title}”, which I delivered on ${f.deliveredOn}.`,
        jobLine(c),
        `As of today, ${days(f.daysWaited)} after delivery, I have not received the payment.`,
        amountLine(c),
        `Please make the payment within ${FIRM_DEADLINE_DAYS} days of this message.`,
        consequence,
        'If you have already paid, please disregard this message.',
        '',
        'Best regards',
      )
    : lines(
        `Dear ${f.clientName},`,
        '',
        `I am writing again about “${f.title}”, which I delivered on ${f.deliveredOn}.`,
        jobLine(c),
        c.clientMessages.length > 0
          ? `It has now been ${days(f.daysWaited)}, and I have not received a review or a reply to my previous messages.`
          : `It has now been ${days(f.daysWaited)}, and I have not received a review or a reply.`,
        amountLine(c),
        `Please review the work within ${FIRM_DEADLINE_DAYS} days of this message.`,
        consequence,
        '',
        'Best regards',
      );
  return {
    title: title(c, c.unpaid ? 'Unpaid: record & warn' : 'Record & warn'),
    body: paragraphs(
      c.unpaid
        ? `The work was accepted but not paid, ${days(f.daysWaited)} after delivery. Time to keep a record of what happened.`
        : `It has been ${days(f.daysWaited)} since you delivered and the client has not reviewed it. Time to keep a record of what happened.`,
      ...evidence(c),
      'Save screenshots of the job page and your messages too.',
      `To spare other writers, you can flag this client in the community warning list with /client flag (category: ${category}). Stick to dates and facts: no insults, no guesses.`,
      deskAdvice(c),
      protection(c),
      `The message below asks for ${c.unpaid ? 'payment' : 'a review'} by a firm deadline.`,
    ),
    templateHeading: CLIENT_HEADING,
    template,
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
      `Payment deadline for this delivery: ${f.legalDueOn}`,
      `The duty applies when the client is a business with employees, or a company with ${spelled(FREELANCE_ACT_MIN_OFFICERS)} or more officers.`,
      'The message below asks formally for payment by that deadline.',
      `Free advice from a lawyer: Freelance Trouble 110 (${FREELANCE_HOTLINE.nameJa}), phone ${FREELANCE_HOTLINE.phone}, run by the Daini Tokyo Bar Association for the Ministry of Health, Labour and Welfare. You can stay anonymous.`,
      'Have your records, the job page and screenshots of your messages ready when you call.',
      c.platform && `Tell ${DESK[c.platform].en} about it as well.`,
      protection(c),
    ),
    templateHeading: CLIENT_HEADING,
    template: lines(
      `Dear ${f.clientName},`,
      '',
      `I am writing about the payment for “${f.title}”, which I delivered on ${f.deliveredOn}.`,
      jobLine(c),
      c.unpaid
        ? 'Thank you for accepting it. As of today, however, I have not received the payment.'
        : 'As of today, the work has not been accepted or paid.',
      amountLine(c),
      `Under Japan's Freelance Act, a business that commissions work from a freelancer must pay within ${LEGAL_PAYMENT_DAYS} days of receiving it.`,
      `For this work, the deadline is ${f.legalDueOn}.`,
      c.unpaid
        ? `Please make the payment by ${f.legalDueOn}.`
        : `Please complete the acceptance and the payment by ${f.legalDueOn}.`,
      'If it is not paid by then, I will seek advice from the relevant public services and take the appropriate steps.',
      c.unpaid && 'If you have already paid, please disregard this message.',
      '',
      'Sincerely',
    ),
  };
}

export const english: StageWriters = { checkIn, followUp, desk, writtenRequest, recordAndWarn, legal };
