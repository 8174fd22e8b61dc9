import { DESK_STAGE, STAGE_KEYS, type Stage } from '../../domain/ladder.js';
import { isPlatform, MARKETPLACE_LABELS, type PlatformMarketplace } from '../../domain/marketplace.js';
import type { Locale } from '../../domain/member.js';
import type { NudgeFacts, NudgeText } from '../../domain/nudge-facts.js';
import { messagesFor } from '../index.js';

/**
 * What both languages' nudge letters are written from: the facts with what follows from them,
 * and the small helpers both use. Each language (src/i18n/ja/nudges.ts, src/i18n/en/nudges.ts)
 * writes every stage with the same set of helpers, so the two can be read side by side.
 */

export type { PlatformMarketplace } from '../../domain/marketplace.js';

/** One language's writer for each stage. */
export interface StageWriters {
  checkIn(c: Context): NudgeText;
  followUp(c: Context): NudgeText;
  desk(c: Context, platform: PlatformMarketplace): NudgeText;
  /** Stage 3 outside a platform, where there is no desk to ask. */
  writtenRequest(c: Context): NudgeText;
  recordAndWarn(c: Context): NudgeText;
  legal(c: Context): NudgeText;
}

/** Who answers on each platform, by the name writers use for it. */
export const DESK: Record<PlatformMarketplace, Record<Locale, string>> = {
  crowdworks: { ja: `${MARKETPLACE_LABELS.crowdworks.ja}事務局`, en: `${MARKETPLACE_LABELS.crowdworks.en} support` },
  lancers: { ja: `${MARKETPLACE_LABELS.lancers.ja}事務局`, en: `${MARKETPLACE_LABELS.lancers.en} support` },
  coconala: { ja: `${MARKETPLACE_LABELS.coconala.ja}運営事務局`, en: `${MARKETPLACE_LABELS.coconala.en} support` },
  upwork: { ja: `${MARKETPLACE_LABELS.upwork.ja}サポート`, en: `${MARKETPLACE_LABELS.upwork.en} Support` },
};

export type HistoryOutcome = NudgeFacts['history'][number]['outcome'];

export interface Context {
  f: NudgeFacts;
  locale: Locale;
  /** The marketplace when it has a desk and escrow Kenshu knows about; null for direct/other. */
  platform: PlatformMarketplace | null;
  label: string;
  /** Accepted but not paid: stages 4–5 chase payment, not review. */
  unpaid: boolean;
  /** Earlier nudges that asked the writer to message the client, with their dates. */
  clientMessages: (string | null)[];
  /** False when the check-in was skipped or never reached the writer. */
  checkInSent: boolean;
}

export function context(locale: Locale, f: NudgeFacts): Context {
  const platform = isPlatform(f.marketplace) ? f.marketplace : null;
  // Stages before the desk ask the writer to message the client; without a platform, so does the desk's.
  const toClient = (stage: Stage) => stage < DESK_STAGE || (!platform && stage === DESK_STAGE);
  return {
    f,
    locale,
    platform,
    label: MARKETPLACE_LABELS[f.marketplace][locale],
    unpaid: f.status === 'accepted',
    clientMessages: f.history.filter((h) => h.outcome === 'sent' && h.stage < f.stage && toClient(h.stage)).map((h) => h.on),
    checkInSent: !f.history.some((h) => h.stage === 1 && h.outcome !== 'sent'),
  };
}

/** Joins the lines that apply; false, null and undefined are left out. */
export function lines(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string').join('\n');
}

/** The paragraphs that apply; false, null, undefined and empty strings are left out. */
export function paragraphs(...parts: (string | false | null | undefined)[]): string[] {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
}

export function stageName(locale: Locale, stage: Stage): string {
  return messagesFor(locale).stage[STAGE_KEYS[stage]].name;
}
