import { z } from 'zod';
import type { Localized } from './command.js';

/**
 * What an adapter needs to know about an option beyond its zod type: its description in both
 * languages, its length limit and its choices, so a Discord option, a Slack hint and the console
 * help are all derived from the same definition.
 */
export interface OptionMeta {
  description: Localized;
  kind: 'text' | 'choice';
  maxLength?: number;
  choices?: readonly string[];
}

export const optionRegistry = z.registry<OptionMeta>();

export function textOption(description: Localized, maxLength: number) {
  return z.string().trim().min(1).max(maxLength).register(optionRegistry, { description, kind: 'text', maxLength });
}

/** A fixed set of values; `aliases` maps what people also type (ja words, short forms) onto them. */
export function choiceOption<const T extends readonly [string, ...string[]]>(description: Localized, values: T, aliases: Record<string, T[number]> = {}) {
  const fold = (v: unknown) => {
    if (typeof v !== 'string') return v;
    const key = v.normalize('NFKC').trim().toLowerCase();
    return aliases[key] ?? key;
  };
  return z.preprocess(fold, z.enum(values)).register(optionRegistry, { description, kind: 'choice', choices: values });
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
