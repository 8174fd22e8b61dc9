import type { Locale } from '../../domain/member.js';
import type { NudgeFacts, NudgeText } from '../../domain/nudge-facts.js';
import { english } from '../en/nudges.js';
import { japanese } from '../ja/nudges.js';
import { context, type StageWriters } from './shared.js';
import { STAGE_KEYS } from '../../domain/ladder.js';

const WRITERS: Record<Locale, StageWriters> = { ja: japanese, en: english };

/**
 * The nudge ladder's words (DESIGN.md §2): for each stage, what is happening and what to do, with
 * the marketplace's traps, and the letters the writer can copy as they are. Pure: everything
 * comes from the facts, already formatted for the language by the caller.
 *
 * Firmness grows stage by stage: a friendly check-in (1), a follow-up asking for an answer by a
 * date (2), the platform's desk (3), a record with a date for acceptance or payment (4), the
 * Freelance Act's payment deadline (5), and once it has passed, the routes that remain (6).
 * Never a threat, never a contact the writer did not confirm.
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
    case 'after_deadline':
      return w.afterDeadline(c);
  }
}
