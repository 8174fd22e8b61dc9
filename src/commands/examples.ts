import { commandPath, type AnyCommand } from './command.js';
import { describeOptions } from './options.js';

/**
 * How each command is typed, as one example line: shown when a typed line does not fit its
 * command (`/deliver accepted 1 2`). Every example is checked to be valid input for its command.
 */
const EXAMPLES: Record<string, string> = {
  '/deliver new': '/deliver new client:"Acme Media" title:"SEO記事" marketplace:crowdworks',
  '/deliver list': '/deliver list all',
  '/deliver accepted': '/deliver accepted 3',
  '/deliver paid': '/deliver paid 3',
  '/deliver cancel': '/deliver cancel 3',
  '/deliver log': '/deliver log 3 sent at:2026-12-04',
  '/deliver show': '/deliver show 3',
  '/deliver evidence': '/deliver evidence 3',
  '/deliver edit': '/deliver edit 3 client:"株式会社アクメ" profile:crowdworks:4455667',
  '/deliver reopen': '/deliver reopen 3',
  '/remind list': '/remind list',
  '/remind snooze': '/remind snooze 3 3d',
  '/remind pause': '/remind pause 3',
  '/remind resume': '/remind resume 3',
  '/remind now': '/remind now 3',
  '/remind settings': '/remind settings quiet_hours:22-08 weekends:skip',
  '/client lookup': '/client lookup crowdworks:123456',
  '/client flag': '/client flag client:crowdworks:123456 reason:unpaid delivery:3',
  '/client retract': '/client retract 12',
  '/mod settings': '/mod settings flag_daily_limit:5',
  '/help': '/help deliver',
};

/** The command's example; for a command without one, its path and required options by name. */
export function exampleOf(command: AnyCommand): string {
  const path = commandPath(command);
  const example = EXAMPLES[path];
  if (example) return example;
  const positional = new Set<string>(command.positional ?? []);
  const required = describeOptions(command.input).filter((o) => o.required);
  return [path, ...required.map((o) => (positional.has(o.name) ? `<${o.name}>` : `${o.name}:…`))].join(' ');
}
