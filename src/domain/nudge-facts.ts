import type { DeliveryStatus, Stage } from './ladder.js';
import type { Escrow, Marketplace } from './marketplace.js';

/**
 * What a nudge message is written from: the delivery's facts, already formatted for the
 * writer's language and time zone by the caller, and its history so far.
 */
export interface NudgeFacts {
  stage: Stage;
  marketplace: Marketplace;
  escrow: Escrow;
  status: DeliveryStatus;
  deliveryNumber: number;
  clientName: string;
  title: string;
  /** The delivery date as the writer reads it, e.g. 2026年11月1日(日) / Sun, Nov 1, 2026. */
  deliveredOn: string;
  /** Whole calendar days since delivery. */
  daysWaited: number;
  jobUrl: string | null;
  /** Formatted fee, e.g. ￥5,000, or null when not recorded. */
  amount: string | null;
  /** The Freelance Act's deadline, its last day counting the day of delivery as day 1, formatted like deliveredOn. */
  legalDueOn: string;
  /** Earlier stages of this delivery: when each was sent, or that it was skipped. */
  history: { stage: Stage; on: string | null; outcome: 'sent' | 'skipped' | 'unreachable' | 'failed' }[];
}

/** A nudge as the writer reads it: what is happening, what to do, and a message to copy. */
export interface NudgeText {
  /** One line, e.g. "Day 3: time for a polite check-in (#3 SEO記事)". */
  title: string;
  /** Why now and what to do, with the marketplace's traps where they matter. */
  body: string[];
  /** Heading over the template: "Message to the client", "Request to CrowdWorks support" … */
  templateHeading: string;
  /** The message the writer can copy and send as it is. */
  template: string;
}
