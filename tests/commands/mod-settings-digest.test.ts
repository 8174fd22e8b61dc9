import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import type { Locale } from '../../src/domain/member.js';
import { commandHarness, replyText, silentLogger } from '../support/commands.js';

type Harness = Awaited<ReturnType<typeof commandHarness>>;

describe('/mod settings: the community time zone, language and weekly digest', () => {
  let h: Harness;
  beforeAll(async () => {
    // Thursday 26 November 2026, 10:00 in Tokyo.
    h = await commandHarness();
    h.deps.defaultLocale = 'ja';
  });
  afterAll(async () => {
    await h.close();
  });

  const modSettings = findCommand(['mod', 'settings'])!.command;
  const asModerator = async (raw: Record<string, unknown>, locale: Locale = 'en') => executeCommand(modSettings, raw, await h.contextFor('moderator', locale, ['moderator']), silentLogger);

  it('says there is no digest while no moderators channel is set, in both languages', async () => {
    expect(replyText(await asModerator({}))).toContain('Weekly digest: Not posted: set mod_channel to receive one.');
    expect(replyText(await asModerator({}, 'ja'))).toContain('週次レポート: 投稿されません。受け取るには mod_channel を設定してください。');
  });

  it('states when and where the digest comes once a channel is set, in the bot defaults', async () => {
    const en = await asModerator({ mod_channel: '<#777>' });
    expect(en.tone).toBe('success');
    const text = replyText(en);
    expect(text).toContain('Weekly digest: Mondays 09:00 Asia/Tokyo to <#777>, in Japanese; next on Mon, Nov 30, 2026, 09:00');
    expect(text).toContain("Time zone: Asia/Tokyo (Kenshu's default)");
    expect(text).toContain("Language of the weekly digest: Japanese (Kenshu's default)");
    expect(replyText(await asModerator({}, 'ja'))).toContain('週次レポート: 毎週月曜の9時(Asia/Tokyo)に <#777> へ日本語で投稿します。次回: 2026年11月30日(月) 09:00');
  });

  it('takes a time zone and a language from a moderator, Japanese names included, and moves the next digest', async () => {
    const reply = await asModerator({ timezone: 'america/new_york', language: '英語' });
    const text = replyText(reply);
    expect(text).toContain('Saved: timezone, language.');
    expect(text).toContain('Mondays 09:00 America/New_York to <#777>, in English; next on Mon, Nov 30, 2026, 09:00');
    expect(text).toContain('Time zone: America/New_York\n');
    expect((await h.contextFor('someone')).community).toMatchObject({ timezone: 'America/New_York', locale: 'en' });
    const ja = await asModerator({ language: '日本語' }, 'ja');
    expect(replyText(ja)).toContain('保存しました: language');
    expect((await h.contextFor('someone')).community.locale).toBe('ja');
  });

  it('refuses a time zone that does not exist, in either language, saving nothing', async () => {
    const en = await asModerator({ timezone: 'Mars/Olympus', flag_daily_limit: '9' });
    expect(en.tone).toBe('error');
    expect(replyText(en)).toContain('"Mars/Olympus" is not a time zone. Use a name like Asia/Tokyo or America/New_York.');
    const ja = await asModerator({ timezone: 'Tokyo' }, 'ja');
    expect(replyText(ja)).toContain('「Tokyo」はタイムゾーンではありません。');
    expect((await h.contextFor('someone')).community).toMatchObject({ timezone: 'America/New_York' });
    expect((await h.contextFor('someone')).community.flagDailyLimit).not.toBe(9);
  });

  it('refuses a member who is not a moderator', async () => {
    const reply = await executeCommand(modSettings, { timezone: 'Europe/Berlin' }, await h.contextFor('member', 'en', []), silentLogger);
    expect(reply.tone).toBe('error');
    expect((await h.contextFor('someone')).community.timezone).toBe('America/New_York');
  });

  it('stops the digest when the channel is cleared, and says so', async () => {
    const reply = await asModerator({ clear: 'mod_channel' });
    expect(replyText(reply)).toContain('Weekly digest: Not posted: set mod_channel to receive one.');
  });
});
