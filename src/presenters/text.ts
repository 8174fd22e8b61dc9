/** Shortens text to at most `max` characters, marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One line of free text: what someone typed, line breaks folded, for a list entry. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/**
 * Text a user typed, made inert in Markdown: a title, a note or a client's reply cannot open a
 * heading, a link, an image, a table cell or a code span where it is shown (a chat embed, the file
 * a desk or a lawyer reads). Line breaks are folded.
 */
export function inert(text: string): string {
  // Parentheses stay as typed ((株)…): with [ and ] escaped they cannot form a link.
  return oneLine(text).replace(/[\\`*_[\]<>#|~]/g, '\\$&').replace(/^([-=+])/, '\\$1').replace(/^(\d+)\./, '$1\\.');
}
