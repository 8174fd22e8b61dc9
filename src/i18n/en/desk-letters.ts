import { COCONALA_AUTO_APPROVAL_HOURS, UPWORK_AUTO_RELEASE_DAYS } from '../../domain/facts.js';
import type { NudgeLetter } from '../../domain/nudge-facts.js';
import { DESK, lines, type Context, type PlatformMarketplace } from '../nudges/shared.js';
import { days, list, NAME } from './words.js';

/**
 * The requests to the platforms' desks in English, and how to reach each desk. Upwork's support
 * answers in English, so its letter is this one whatever the writer's language.
 */

/** The writer's confirmed record, as a desk request states it: nothing when nothing was confirmed. */
function deskRecord(c: Context, earlierRequests: string): (string | false)[] {
  const { f } = c;
  return [
    f.contacts.length > 0 && `My messages to the client: ${list(f.contacts)}${f.unanswered.length === f.contacts.length ? ' (no reply)' : ''}`,
    f.replies.length > 0 && `The client's last reply: ${f.replies[f.replies.length - 1]}`,
    f.deskRequests.length > 0 && `${earlierRequests}: ${list(f.deskRequests)}`,
  ];
}

/** Upwork's support answers in English: its letter is English whatever the writer's language. */
export function upworkSupportLetter(c: Context): string {
  const { f } = c;
  return lines(
    'Hello Upwork Support,',
    '',
    `I submitted work for a fixed-price milestone on ${f.deliveredOn}, and ${days(f.daysWaited)} have passed.`,
    f.daysWaited >= UPWORK_AUTO_RELEASE_DAYS
      ? `The client has not approved it or requested changes, and the funds were not released automatically after ${UPWORK_AUTO_RELEASE_DAYS} days.`
      : 'The client has not approved it or requested changes.',
    'Could you please look into this contract and help release the payment?',
    '',
    `Client: ${f.clientName ?? f.clientProfile ?? '[client]'}${f.clientName && f.clientProfile ? ` (${f.clientProfile})` : ''}`,
    `Contract: ${f.title}`,
    f.jobUrl && `Contract link: ${f.jobUrl}`,
    `Submitted: ${f.deliveredOn}`,
    f.amount && `Amount: ${f.amount}`,
    ...deskRecord(c, 'Earlier requests to support'),
    '',
    'Thank you for your help.',
    NAME,
  );
}

const DESK_REQUEST: Record<'crowdworks' | 'lancers' | 'coconala', string> = {
  crowdworks: 'Since I delivered the job below, I have not been able to reach the client. Could you please contact them and ask them to respond (連絡催促)?',
  lancers: 'Since I filed the completion report for the job below, I have not been able to reach the client. Could you please contact them and ask them to respond (連絡催促)?',
  coconala: 'I sent a formal delivery for the order below, but the buyer has not replied and the deal has not closed. Could you please contact the buyer?',
};

export function deskLetter(c: Context, platform: PlatformMarketplace): NudgeLetter {
  const { f } = c;
  const heading = `Request to ${DESK[platform].en}`;
  if (platform === 'upwork') return { to: 'desk', heading, text: upworkSupportLetter(c) };
  return {
    to: 'desk',
    heading,
    text: lines(
      `Dear ${DESK[platform].en},`,
      '',
      DESK_REQUEST[platform],
      '',
      `Job: ${f.title}`,
      `${platform === 'coconala' ? 'Buyer' : 'Client'}: ${f.clientName ?? f.clientProfile ?? '[client]'}${f.clientName && f.clientProfile ? ` (${f.clientProfile})` : ''}`,
      f.jobUrl && `Job URL: ${f.jobUrl}`,
      `Delivered: ${f.deliveredOn} (${days(f.daysWaited)} ago)`,
      f.amount && `Amount: ${f.amount}`,
      ...deskRecord(c, 'Earlier requests to you'),
      '',
      'Thank you for your help.',
      NAME,
    ),
  };
}

export function deskAdvice(platform: PlatformMarketplace): string {
  switch (platform) {
    case 'crowdworks':
      return 'On the contract page, the button 「契約相手と連絡がとれない場合はこちら」 (when you cannot reach the other party) asks CrowdWorks to contact the client. The message below is ready to use. If the client still does not respond, CrowdWorks may complete the review itself.';
    case 'lancers':
      return "Request it from the job's page (連絡催促申請) and use the message below to explain. File the completion report (完了報告) first.";
    case 'coconala':
      return `If the deal is still open more than ${COCONALA_AUTO_APPROVAL_HOURS} hours after the formal delivery, contact Coconala support through its contact form. The message below is ready to use.`;
    case 'upwork':
      return 'If it was not paid, contact Upwork Support (Help & support → Contact us) with the link to the contract. The message below is ready to send.';
  }
}
