import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import type { Locale } from '../../src/domain/member.js';
import { commandHarness, replyText, silentLogger } from '../support/commands.js';

type Harness = Awaited<ReturnType<typeof commandHarness>>;

/** Errors that say what is allowed: a range, a format, an example. */
describe('errors that say what is allowed', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await commandHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const modSettings = findCommand(['mod', 'settings'])!.command;
  const asModerator = async (raw: Record<string, string>, locale: Locale = 'en') => executeCommand(modSettings, raw, await h.contextFor('moderator', locale, ['moderator']), silentLogger);

  it.each([
    ['flag_daily_limit', '1000'],
    ['flag_daily_limit', '51'],
    ['flag_daily_limit', 'abc'],
    ['consensus_min_writers', '0'],
    ['consensus_min_writers', '-1'],
    ['consensus_min_writers', '2.5'],
  ])('/mod settings %s:%s gives the range 1 to 50, not a length', async (field, value) => {
    const en = await asModerator({ [field]: value });
    expect(en.tone).toBe('error');
    expect(replyText(en)).toContain(`${field} must be a whole number from 1 to 50.`);
    expect(replyText(en)).not.toContain('characters');
    const ja = await asModerator({ [field]: value }, 'ja');
    expect(replyText(ja)).toContain('は1〜50の整数で入力してください。');
  });

  it('/mod settings takes a full-width number in range', async () => {
    const reply = await asModerator({ flag_daily_limit: '１０' });
    expect(reply.tone, replyText(reply)).toBe('success');
    expect(replyText(reply)).toContain('Reports per member per day: 10');
  });

  it('a delivery number too long to be one says what a delivery number is, not a length', async () => {
    const en = await h.run('/deliver paid', { delivery: '12345678901234' });
    expect(replyText(en)).toContain('is not a delivery number. Use the number from /deliver list, like 3 or #3.');
    expect(replyText(en)).not.toContain('characters');
  });

  it.each([
    ['/remind snooze', { delivery: '1', for: '3 days and a bit more than that' }, 'Write 12h, 3d, 1w'],
    ['/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', amount: '123456789012345678901' }, 'at most 100,000,000'],
    ['/deliver new', { client: 'Acme', title: 't', marketplace: 'direct', currency: 'US dollars' }, 'Use a three-letter code such as JPY or USD.'],
    ['/remind settings', { quiet_hours: 'from ten at night to eight' }, 'Write 22-08'],
  ])('%s with a value too long for its format says the format: %j', async (path, raw, expected) => {
    const text = replyText(await h.run(path, raw));
    expect(text).toContain(expected);
    expect(text).not.toContain('characters');
  });
});
