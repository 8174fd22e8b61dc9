/** Shortens text to at most `max` characters, marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Text a member typed (a client's name, a note, a reason), shown as typed: on one line, with the
 * characters that would format it, link it or mention someone escaped.
 */
export function plain(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_~|[\]<>]/g, '\\$&')
    .replace(/^([#>-])/, '\\$1');
}
