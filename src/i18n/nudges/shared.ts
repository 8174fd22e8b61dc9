import { isPlatform, MARKETPLACE_LABELS, type PlatformMarketplace } from '../../domain/marketplace.js';
import type { Locale } from '../../domain/member.js';
import type { NudgeFacts, NudgeText } from '../../domain/nudge-facts.js';

/**
 * What both languages' nudges are written from: the facts with what follows from them, and the
 * small helpers both use. Each language (src/i18n/ja/nudges.ts, src/i18n/en/nudges.ts, with the
 * desk requests in desk-letters.ts beside them) writes every stage with the same set of helpers,
 * so the two can be read side by side, and gives the
 * same letters in the same order: the caller takes the advice in the writer's language and each
 * letter in its reader's.
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
  afterDeadline(c: Context): NudgeText;
}

/** Who answers on each platform, by the name writers use for it. */
export const DESK: Record<PlatformMarketplace, Record<Locale, string>> = {
  crowdworks: { ja: `${MARKETPLACE_LABELS.crowdworks.ja}事務局`, en: `${MARKETPLACE_LABELS.crowdworks.en} support` },
  lancers: { ja: `${MARKETPLACE_LABELS.lancers.ja} カスタマーサポート`, en: `${MARKETPLACE_LABELS.lancers.en} support` },
  coconala: { ja: `${MARKETPLACE_LABELS.coconala.ja}運営事務局`, en: `${MARKETPLACE_LABELS.coconala.en} support` },
  upwork: { ja: `${MARKETPLACE_LABELS.upwork.ja}サポート`, en: `${MARKETPLACE_LABELS.upwork.en} Support` },
};

export interface Context {
  f: NudgeFacts;
  locale: Locale;
  /** The marketplace when it has a desk and escrow Kenshu knows about; null for direct/other. */
  platform: PlatformMarketplace | null;
  label: string;
  /** Accepted but not paid: the payment stages chase payment, not review. */
  unpaid: boolean;
}

export function context(locale: Locale, f: NudgeFacts): Context {
  return {
    f,
    locale,
    platform: isPlatform(f.marketplace) ? f.marketplace : null,
    label: MARKETPLACE_LABELS[f.marketplace][locale],
    unpaid: f.status === 'accepted',
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
