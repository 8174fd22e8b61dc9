import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggest } from '../../src/commands/autocomplete.js';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import { commandHarness, replyText, silentLogger } from '../support/commands.js';

type Harness = Awaited<ReturnType<typeof commandHarness>>;

describe('/mod settings and suggestions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await commandHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const modSettings = findCommand(['mod', 'settings'])!.command;

  it('refuses a member who is not a moderator, and changes nothing', async () => {
    const reply = await executeCommand(modSettings, { fallback_channel: '<#123>' }, await h.contextFor('member', 'en', []), silentLogger);
    expect(reply.tone).toBe('error');
    expect(replyText(reply)).toContain("Only this community's moderators can do that.");
    expect((await h.contextFor('member')).community.fallbackChannelId).toBeNull();
  });

  it('lets a moderator set the fallback channel, and an admin the moderator role, as Discord mentions or ids', async () => {
    const ctx = await h.contextFor('moderator', 'en', ['moderator']);
    const reply = await executeCommand(modSettings, { fallback_channel: '<#111222333>' }, ctx, silentLogger);
    expect(reply.tone).toBe('success');
    expect(replyText(reply)).toContain('Fallback channel for closed DMs: <#111222333>');
    const admin = await executeCommand(modSettings, { moderator_role: '<@&444555666>' }, await h.contextFor('admin', 'en', ['admin']), silentLogger);
    expect(replyText(admin)).toContain('Moderator role: <@&444555666>');
    const community = (await h.contextFor('someone')).community;
    expect(community).toMatchObject({ fallbackChannelId: '111222333', moderatorRoleId: '444555666' });

    const owner = await h.contextFor('owner', 'ja', ['admin']);
    const cleared = await executeCommand(modSettings, { clear: 'fallback_channel' }, owner, silentLogger);
    expect(replyText(cleared)).toContain('未設定');
    expect((await h.contextFor('someone')).community.fallbackChannelId).toBeNull();
  });

  it("refuses a channel the community does not have, in either language, saving nothing of the call", async () => {
    const ownChannels = new Set(['111222333']);
    const moderator = async (locale: 'en' | 'ja') => ({ ...(await h.contextFor('moderator', locale, ['moderator'])), hasChannel: (id: string) => Promise.resolve(ownChannels.has(id)) });
    for (const option of ['fallback_channel', 'mod_channel']) {
      const en = await executeCommand(modSettings, { [option]: '<#999888777>', flag_daily_limit: '9' }, await moderator('en'), silentLogger);
      expect(en.tone).toBe('error');
      expect(replyText(en)).toContain(`${option} must be a channel of this server, and the one given is not: pick one from this server's list of channels. Nothing was saved.`);
      const ja = await executeCommand(modSettings, { [option]: '999888777' }, await moderator('ja'), silentLogger);
      expect(replyText(ja)).toContain(`${option} にはこのサーバーのチャンネルを指定してください。`);
    }
    expect((await h.contextFor('someone')).community).toMatchObject({ fallbackChannelId: null, modChannelId: null });
    expect((await h.contextFor('someone')).community.flagDailyLimit).not.toBe(9);

    const own = await executeCommand(modSettings, { mod_channel: '<#111222333>', fallback_channel: 'none' }, await moderator('en'), silentLogger);
    expect(own.tone).toBe('success');
    expect((await h.contextFor('someone')).community.modChannelId).toBe('111222333');
    await executeCommand(modSettings, { clear: 'mod_channel' }, await moderator('en'), silentLogger);
  });

  it('takes a channel by name where the community has no list of channels to check (the console)', async () => {
    const reply = await executeCommand(modSettings, { mod_channel: 'kenshu-notices' }, await h.contextFor('moderator', 'en', ['moderator']), silentLogger);
    expect(reply.tone).toBe('success');
    expect((await h.contextFor('someone')).community.modChannelId).toBe('kenshu-notices');
    await executeCommand(modSettings, { clear: 'mod_channel' }, await h.contextFor('moderator', 'en', ['moderator']), silentLogger);
  });

  it("suggests only the caller's own open deliveries", async () => {
    await h.run('/deliver new', { client: 'Acme', title: 'SEO article', marketplace: 'direct' }, { user: 'suggest-a' });
    await h.run('/deliver new', { client: 'Beta', title: 'Column', marketplace: 'direct' }, { user: 'suggest-a' });
    await h.run('/deliver paid', { delivery: '1' }, { user: 'suggest-a' });
    await h.run('/deliver new', { client: 'Gamma', title: 'Other writer', marketplace: 'direct' }, { user: 'suggest-b' });
    const mine = await suggest('delivery', '', await h.contextFor('suggest-a'));
    expect(mine).toEqual([{ name: '#2 Column (Beta)', value: '2' }]);
    expect(await suggest('delivery', 'zzz', await h.contextFor('suggest-a'))).toEqual([]);
  });

  it('suggests clients this community has recorded, matched on the normalized name or key', async () => {
    await h.run('/deliver new', { client: '株式会社アクメ・メディア', title: 't', marketplace: 'direct' }, { user: 'client-a' });
    await h.run('/deliver new', { client: 'https://crowdworks.jp/public/employers/777', title: 't' }, { user: 'client-a' });
    const ctx = await h.contextFor('client-b');
    expect(await suggest('client', 'ｱｸﾒ', ctx)).toEqual([{ name: '株式会社アクメ・メディア', value: '株式会社アクメ・メディア' }]);
    expect(await suggest('client', 'crowdworks:7', ctx)).toEqual([{ name: 'crowdworks:777', value: 'crowdworks:777' }]);
    // LIKE wildcards typed by a user match literally.
    expect(await suggest('client', '%', ctx)).toEqual([]);
  });

  it('suggests from all 30 open deliveries, the oldest too, and never more than 25', async () => {
    for (let i = 0; i < 30; i++) await h.run('/deliver new', { client: `Client ${i}`, title: `T${i}`, marketplace: 'direct' }, { user: 'many' });
    const ctx = await h.contextFor('many');
    const values = async (typed: string) => (await suggest('delivery', typed, ctx)).map((s) => s.value);
    // Nothing typed: the newest 25 of 30, as Discord allows no more.
    expect(await values('')).toEqual(Array.from({ length: 25 }, (_, i) => String(30 - i)));
    // What is typed filters across all of them, not the newest page only.
    expect(await values('client 0')).toEqual(['1']);
    expect(await values('#2')).toEqual(['29', '28', '27', '26', '25', '24', '23', '22', '21', '20', '2']);
    expect(await values('t3')).toEqual(['4']);
    expect(await values('T1')).toEqual(['20', '19', '18', '17', '16', '15', '14', '13', '12', '11', '2']);
    // A % or _ typed is a character, not a pattern.
    expect(await values('%')).toEqual([]);
    expect((await suggest('client', 'client', ctx)).length).toBeLessThanOrEqual(25);
    // Another writer's deliveries are never suggested.
    expect(await suggest('delivery', '', await h.contextFor('nobody'))).toEqual([]);
  });
});
