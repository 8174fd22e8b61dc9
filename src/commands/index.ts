import type { AnyCommand } from './command.js';
import deliverAccepted from './deliver-accepted.js';
import deliverCancel from './deliver-cancel.js';
import deliverList from './deliver-list.js';
import deliverNew from './deliver-new.js';
import deliverPaid from './deliver-paid.js';
import help from './help.js';
import remindList from './remind-list.js';
import remindNow from './remind-now.js';
import remindPause from './remind-pause.js';
import remindResume from './remind-resume.js';
import remindSettings from './remind-settings.js';
import remindSnooze from './remind-snooze.js';

/** Every command, in the order help lists them. Adapters loop over this; nothing is written twice. */
export const commands: readonly AnyCommand[] = [
  deliverNew,
  deliverList,
  deliverAccepted,
  deliverPaid,
  deliverCancel,
  remindList,
  remindSnooze,
  remindPause,
  remindResume,
  remindNow,
  remindSettings,
  help,
];

/** The command a typed path names: `['deliver', 'new']`, or `['help']`. */
export function findCommand(words: readonly string[]): { command: AnyCommand; consumed: number } | undefined {
  const [group, name] = words.map((w) => w.toLowerCase());
  const withName = commands.find((c) => c.group === group && c.name !== undefined && c.name === name);
  if (withName) return { command: withName, consumed: 2 };
  const alone = commands.find((c) => c.group === group && c.name === undefined);
  return alone ? { command: alone, consumed: 1 } : undefined;
}
