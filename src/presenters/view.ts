import type { Locale } from '../domain/member.js';

/** Who a reply is written for: their language and the time zone dates are shown in. */
export interface View {
  locale: Locale;
  timezone: string;
}
