import type { Locale } from '../../domain/member.js';
import type { NudgeFacts, NudgeText } from '../../domain/nudge-facts.js';
import { english } from '../en/nudges.js';
import { japanese } from '../ja/nudges.js';
import { context, type StageWriters } from './shared.js';
import { STAGE_KEYS } from '../../domain/ladder.js';

const WRITERS: Record<Locale, StageWriters> = { ja: japanese, en: english };

/**
 * The nudge ladder's words (DESIGN.md §2): for each stage, what is happening and what to do, with
 * the marketplace's traps, and a message the writer can copy as it is. Pure: everything comes from
 * the facts, already formatted for the writer's language and time zone by the caller.
 *
 * Firmness grows stage by stage: a friendly check (1), a follow-up asking for an answer within a
 * few days (2), the platform's desk (3), a written request with a firm deadline (4), and the
 * Freelance Act's payment deadline (5). Never an insult, never anything about the writer.
 */
export function nudgeText(locale: Locale, facts: NudgeFacts): NudgeText {
  const c = context(locale, facts);
  const w = WRITERS[locale];
  switch (STAGE_KEYS[c.f.stage]) {
    case 'check_in':
      return w.checkIn(c);
    case 'follow_up':
      return w.followUp(c);
    case 'platform_desk':
      return c.platform ? w.desk(c, c.platform) : w.writtenRequest(c);
    case 'record_and_warn':
      return w.recordAndWarn(c);
    case 'legal':
      return w.legal(c);
  }
}
