import type { DomainError } from '../domain/errors.js';
import type { Locale } from '../domain/member.js';
import { en } from './en/messages.js';
import { ja } from './ja/messages.js';
import type { Messages } from './messages.js';

export type { Messages } from './messages.js';
export * from './format.js';

const CATALOGS: Record<Locale, Messages> = { ja, en };

export function messagesFor(locale: Locale): Messages {
  return CATALOGS[locale];
}

/** A coded error as a sentence the user can act on. */
export function describeError(error: DomainError, locale: Locale): string {
  const m = messagesFor(locale);
  if (error.code === 'INVALID_INPUT') {
    const key = String(error.params.field ?? '');
    const field = m.fields[key] ?? key;
    switch (error.params.issue) {
      case 'required':
        return m.inputIssue.required(field);
      case 'too_long':
        return m.inputIssue.tooLong(field, Number(error.params.max));
      case 'out_of_range':
        return m.inputIssue.outOfRange(field, Number(error.params.min), Number(error.params.max));
      case 'invalid_choice':
        return m.inputIssue.invalidChoice(field, (error.params.choices as readonly string[] | undefined) ?? [], error.params[`labels_${locale}`] as readonly string[] | undefined);
      default:
        return m.inputIssue.invalid(field);
    }
  }
  return m.errors[error.code](error.params);
}
