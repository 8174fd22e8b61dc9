import { z } from 'zod';
import { parseDeliveryNumber } from '../domain/delivery.js';
import { LIMITS } from '../domain/limits.js';
import type { Localized } from './command.js';

/**
 * What an adapter needs to know about an option beyond its zod type: its description in both
 * languages, its length limit and its choices, so a Discord option, a Slack hint and the console
 * help are all derived from the same definition.
 */
export interface OptionMeta {
  description: Localized;
  /** `channel`, `role` and `user` are picked from the platform's own lists where it has them (Discord). */
  kind: 'text' | 'choice' | 'channel' | 'role' | 'user' | 'integer';
  maxLength?: number;
  /** The range of an `integer` option, both ends included. */
  min?: number;
  max?: number;
  /**
   * The domain's own reading of a text option's value (a date, an amount, a duration). A value
   * too long for the option is handed to it, so the writer hears what such a value looks like
   * ("Write 12h, 3d, 1w") rather than a count of characters.
   */
  parse?: (value: string) => unknown;
  choices?: readonly string[];
  /** What each choice is called in each language, where its key is not a word a reader knows. */
  labels?: Readonly<Record<string, Localized>>;
  /** Suggestions the platform may offer while the option is typed. */
  autocomplete?: 'client' | 'delivery';
}

const optionRegistry = z.registry<OptionMeta>();

export function textOption(description: Localized, maxLength: number, autocomplete?: OptionMeta['autocomplete']) {
  return z
    .string()
    .trim()
    .min(1)
    .max(maxLength)
    .register(optionRegistry, { description, kind: 'text', maxLength, ...(autocomplete ? { autocomplete } : {}) });
}

/** A whole number from `min` to `max`, typed (full-width digits too) or picked on the platform. */
export function integerOption(description: Localized, min: number, max: number) {
  const toNumber = (v: unknown) => {
    if (typeof v !== 'string') return v;
    const t = v.normalize('NFKC').trim();
    return /^\d{1,9}$/.test(t) ? Number(t) : NaN;
  };
  return z.preprocess(toNumber, z.number().int().min(min).max(max)).register(optionRegistry, { description, kind: 'integer', min, max });
}

/** The option, with the domain parser that explains what its values look like (see `OptionMeta.parse`). */
export function parsedAs<T extends z.ZodType>(option: T, parse: (value: string) => unknown): T {
  const meta = optionRegistry.get(option);
  if (!meta) throw new Error('parsedAs takes an option built with textOption');
  optionRegistry.remove(option);
  optionRegistry.add(option, { ...meta, parse });
  return option;
}

/**
 * A channel, role or member, as the platforms write them in text: `<#123>`, `<#C123|general>`,
 * `<@&456>`, `<@789>`, or a bare id or name. The value is the id (or name, in the console).
 */
export function referenceOption(description: Localized, kind: 'channel' | 'role' | 'user') {
  const unwrap = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/^<(?:#|@&|@!?)([^|>]+)(?:\|[^>]*)?>$/, '$1').replace(/^[#@]/, '') : v);
  return z.preprocess(unwrap, z.string().min(1).max(100)).register(optionRegistry, { description, kind, maxLength: 100 });
}

/**
 * A fixed set of values; `aliases` maps what people also type (ja words, short forms) onto them.
 * With `labels`, each value's name in either language is accepted too, and shown where the key
 * would mean nothing to the reader (Japanese help, Discord's choice names).
 */
export function choiceOption<const T extends readonly [string, ...string[]]>(
  description: Localized,
  values: T,
  aliases: Record<string, T[number]> = {},
  labels?: Readonly<Record<T[number], Localized>>,
) {
  const folded = (v: string) => v.normalize('NFKC').trim().toLowerCase();
  const known: Record<string, T[number]> = { ...aliases };
  if (labels) for (const value of values as readonly T[number][]) for (const label of [labels[value].en, labels[value].ja]) known[folded(label)] = value;
  const fold = (v: unknown) => {
    if (typeof v !== 'string') return v;
    const key = folded(v);
    return known[key] ?? key;
  };
  return z.preprocess(fold, z.enum(values)).register(optionRegistry, { description, kind: 'choice', choices: values, ...(labels ? { labels } : {}) });
}

/** A choice as the reader sees it: its label in their language, or else its key. */
export function choiceName(meta: OptionMeta, choice: string, locale: keyof Localized): string {
  return meta.labels?.[choice]?.[locale] ?? choice;
}

export interface DescribedOption {
  name: string;
  required: boolean;
  meta: OptionMeta;
}

/** The options of a command's input, in declaration order. */
export function describeOptions(input: z.ZodObject): DescribedOption[] {
  return Object.entries(input.shape).map(([name, schema]) => {
    const field = schema as z.ZodType;
    const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
    const meta = optionRegistry.get(inner);
    if (!meta) throw new Error(`option ${name} has no description; build it with textOption or choiceOption`);
    return { name, required: !(field instanceof z.ZodOptional), meta };
  });
}

/** The writer's own delivery number, `3` or `#3`, shared by every command about one delivery. */
export function deliveryOption() {
  return parsedAs(textOption({ en: 'Delivery number, e.g. 3 or #3', ja: '納品番号(例: 3、#3)' }, String(LIMITS.deliveryNumberMax).length + 2, 'delivery'), parseDeliveryNumber);
}

/** The input of a command about one delivery and nothing else. */
export const deliveryInput = z.object({ delivery: deliveryOption() });

/** A report by the community's own number (`3` or `#3`), as `/mod queue` and `/client flag` show it. */
export function reportOption() {
  return textOption({ en: 'Report number, e.g. 3', ja: '報告番号(例: 3)' }, 10);
}
