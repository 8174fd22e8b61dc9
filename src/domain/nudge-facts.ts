import type { DeliveryStatus, Stage } from './ladder.js';
import type { Escrow, Marketplace } from './marketplace.js';

/**
 * What a nudge is written from: the delivery's facts, already formatted by the caller for the
 * language it is written in, and the writer's confirmed record. Letters state earlier contacts,
 * desk requests and replies only from that record, never from the reminders Kenshu sent.
 */
export interface NudgeFacts {
  stage: Stage;
  marketplace: Marketplace;
  escrow: Escrow;
  status: DeliveryStatus;
  deliveryNumber: number;
  /** The client's name as the writer gave it, legal form written out; null when only a profile is known. */
  clientName: string | null;
  /** Whether that name is a business (addressed to its staff) rather than a person. */
  clientIsBusiness: boolean;
  clientProfile: string | null;
  title: string;
  /** The delivery date, e.g. 2026年11月1日(日) / Sun, Nov 1, 2026. */
  deliveredOn: string;
  /** Whole calendar days since delivery. */
  daysWaited: number;
  jobUrl: string | null;
  /** The fee as written inside a sentence (8,000円 / ¥8,000), or null when not recorded. */
  amount: string | null;
  /** The Freelance Act's deadline, its last day counting the day of receipt as day 1. */
  legalDueOn: string;
  /** That day is over. */
  legalDuePassed: boolean;
  /** The payment date under the terms agreed with the client, and whether it is over; null without terms. */
  dueOn: string | null;
  duePassed: boolean;
  /** A date FIRM_DEADLINE_DAYS from today: what a letter that sets a date asks for. */
  replyBy: string;
  /** The writer's confirmed record, as dates: contacts with the client, requests to the desk, the client's replies. */
  contacts: string[];
  deskRequests: string[];
  replies: string[];
  /** The confirmed contacts after the client's last confirmed reply (all of them when none). */
  unanswered: string[];
  /** The platform's desk may already be asked (a late first message also offers its request). */
  deskOpen: boolean;
  /** No reminder went out before this one. */
  first: boolean;
}

/** A nudge as the writer reads it: what is happening, what to do, and the letters to copy. */
export interface NudgeText {
  /** One line, e.g. "Check-in for #3 “SEO記事” (3 days after delivery)". */
  title: string;
  /** Why now and what to do, with the marketplace's traps where they matter. */
  body: string[];
  /** The messages the writer can copy and send as they are: to the client, to the desk. */
  letters: NudgeLetter[];
}

export interface NudgeLetter {
  /** Who it is for: the client, or the platform's desk (written in that desk's language). */
  to: 'client' | 'desk';
  /** "Message to the client", "Request to CrowdWorks support" … in the language of the advice. */
  heading: string;
  text: string;
}
