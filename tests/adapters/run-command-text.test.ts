import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/adapters/text/parse-command-text.js';
import { runCommandText } from '../../src/adapters/text/run-command-text.js';
import { isDomainError } from '../../src/domain/errors.js';
import type { Locale } from '../../src/domain/member.js';
import { describeError } from '../../src/i18n/index.js';
import { commandHarness, replyText, silentLogger } from '../support/commands.js';

type Harness = Awaited<ReturnType<typeof commandHarness>>;

/** A line typed in the console (or, later, Slack), answered as the writer reads it. */
describe('typed command lines', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await commandHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const typed = async (line: string, locale: Locale = 'en'): Promise<string> => {
    try {
      return replyText(await runCommandText(parseCommandText(line), await h.contextFor('typist', locale), silentLogger));
    } catch (error) {
      if (isDomainError(error)) return `error: ${describeError(error, locale)}`;
      throw error;
    }
  };

  it('/deliver alone lists its subcommands, one line each, in the writer’s language', async () => {
    const en = await typed('/deliver');
    expect(en.split('\n')).toEqual([
      '/deliver: Record deliveries and what you did about them, mark them accepted, paid or cancelled, and correct them',
      '/deliver new: Record work you delivered; Kenshu plans the reminders',
      '/deliver list: Your deliveries and their next reminders',
      '/deliver accepted: The client accepted the work (検収完了)',
      '/deliver paid: You were paid; reminders end',
      '/deliver cancel: The deal was cancelled; reminders end',
      "/deliver show: A delivery's details and its dated timeline",
      '/deliver log: Record what you did: a message to the client, a request to the desk, a reply, a note',
      "/deliver evidence: A delivery's facts and timeline as a file, for the platform's desk or a lawyer",
      '/deliver edit: Correct a delivery: client, profile, title, amount, date, escrow, due date, letter language',
      '/deliver reopen: Undo accepted, paid or cancelled, marked by mistake; the reminders resume',
      '/help deliver shows the options of each.',
    ]);
    const ja = await typed('／deliver', 'ja');
    expect(ja).toContain('/deliver new: 納品を記録します(リマインドの予定を立てます)');
    expect(ja).toContain('/help deliver で、それぞれのオプションを表示します。');
  });

  it('an unknown subcommand names the ones there are; an unknown command names the commands', async () => {
    expect(await typed('/deliver sent 3')).toBe('error: There is no command "/deliver sent". /deliver has: new, list, accepted, paid, cancel, show, log, evidence, edit, reopen.');
    expect(await typed('/deliver sent 3', 'ja')).toBe('error: 「/deliver sent」というコマンドはありません。/deliver のコマンド: new、list、accepted、paid、cancel、show、log、evidence、edit、reopen');
    expect(await typed('/bogus')).toBe('error: There is no command "/bogus". The commands are /deliver, /remind, /client, /mod, /privacy, and /help.');
  });

  it('/help deliver shows only the /deliver commands, with their options', async () => {
    const text = await typed('/help deliver');
    expect(text).toContain('/deliver accepted: The client accepted the work');
    expect(text).toContain('delivery: (required) Delivery number, e.g. 3 or #3');
    expect(text).not.toContain('/remind');
    expect(text).not.toContain('title:"');
    const one = await typed('/help deliver new');
    expect(one).toContain('/deliver new:');
    expect(one).not.toContain('/deliver list');
    const nothing = await typed('/help nothing');
    expect(nothing).toContain('There is no command "/nothing". The commands are /deliver, /remind, /client, /mod, /privacy, and /help.');
    expect(await typed('/help deliver sent')).toContain('There is no command "/deliver sent". /deliver has: new, list, accepted, paid, cancel, show, log, evidence, edit, reopen.');
  });

  it('a full-width slash and spaces are read: ／deliver　list', async () => {
    expect(await typed('／deliver　list')).toContain('You have no open deliveries.');
  });

  it('/client lookup crowdworks:4455667 looks the client up without client:', async () => {
    expect(await typed('/client lookup crowdworks:4455667')).toContain('No track record for crowdworks:4455667');
  });
});
