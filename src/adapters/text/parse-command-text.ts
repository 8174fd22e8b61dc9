import { commandPath, type AnyCommand } from '../../commands/command.js';
import { exampleOf } from '../../commands/examples.js';
import { DomainError } from '../../domain/errors.js';
import { MARKETPLACES } from '../../domain/marketplace.js';

/**
 * Reads a command typed as text, the way the console and Slack slash commands receive it:
 *
 *   /deliver new client:"Acme Media" title:SEO記事 marketplace:crowdworks
 *   /deliver paid 3
 *
 * Values with spaces go in quotes: "…", '…', and the “…” and 「…」 that phones and Japanese
 * keyboards produce. What a Japanese keyboard types works as well: the full-width slash `／`,
 * colon `：` and spaces, and option names in full-width letters. A word like `https://…` is a
 * value, not an option named `https`; nor is `crowdworks:123456`, a client named by marketplace.
 */
export interface ParsedText {
  /** Words without a name, in order: the command path first, then positional values. */
  words: string[];
  options: Record<string, string>;
}

const CLOSING_QUOTE: Record<string, string> = { '"': '"', "'": "'", '“': '”', '”': '”', '「': '」', '『': '』', '‘': '’' };
const SPACE = /[\s\u3000]/;
const KEY = /^([A-Za-zＡ-Ｚａ-ｚ_＿][A-Za-z0-9_Ａ-Ｚａ-ｚ０-９＿]*)[:：](?!\/\/)/;
const NOT_KEYS: ReadonlySet<string> = new Set(MARKETPLACES);

export function parseCommandText(text: string): ParsedText {
  const words: string[] = [];
  const options: Record<string, string> = {};
  let i = 0;

  const readValue = (): string => {
    const open = text[i];
    const close = open === undefined ? undefined : CLOSING_QUOTE[open];
    if (close === undefined) {
      const start = i;
      while (i < text.length && !SPACE.test(text[i]!)) i++;
      return text.slice(start, i);
    }
    i++;
    let value = '';
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '\\' && open === '"' && i + 1 < text.length) {
        value += text[i + 1];
        i += 2;
        continue;
      }
      // Phones mix straight and curly quotes; either closes a curly-quoted value.
      if (ch === close || (open === '“' && ch === '"')) {
        i++;
        return value;
      }
      value += ch;
      i++;
    }
    throw new DomainError('UNBALANCED_QUOTE');
  };

  while (i < text.length) {
    if (SPACE.test(text[i]!)) {
      i++;
      continue;
    }
    const key = KEY.exec(text.slice(i, i + 64));
    const name = key?.[1]!.normalize('NFKC').toLowerCase();
    if (key && name !== undefined && !NOT_KEYS.has(name)) {
      i += key[0].length;
      if (name in options) throw new DomainError('DUPLICATE_OPTION', { option: name });
      options[name] = readValue();
    } else {
      words.push(readValue());
    }
  }
  if (words[0] !== undefined) words[0] = words[0].normalize('NFKC').replace(/^\//, '');
  return { words, options };
}

/** Gives unnamed values to the command's positional options, in order (`/deliver paid 3`). */
export function bindPositionals(command: AnyCommand, values: readonly string[], options: Record<string, string>): Record<string, string> {
  const bound = { ...options };
  const slots = (command.positional ?? []).filter((name) => !(name in bound));
  values.forEach((value, index) => {
    const slot = slots[index];
    if (slot === undefined) throw new DomainError('UNEXPECTED_ARGUMENT', { value: value.slice(0, 40), command: commandPath(command), example: exampleOf(command) });
    bound[slot] = value;
  });
  return bound;
}
