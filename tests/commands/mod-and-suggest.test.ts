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

  it('lets a moderator set the fallback channel and the moderator role, as Discord mentions or ids', async () => {
    const ctx = await h.contextFor('moderator', 'en', ['moderator']);
    const reply = await executeCommand(modSettings, { fallback_channel: '<#111222333>', moderator_role: '<@&444555666>' }, ctx, silentLogger);
    expect(reply.tone).toBe('success');
    expect(replyText(reply)).toContain('Fallback channel for closed DMs: <#111222333>');
    expect(replyText(reply)).toContain('Moderator role: <@&444555666>');
    const community = (await h.contextFor('someone')).community;
    expect(community).toMatchObject({ fallbackChannelId: '111222333', moderatorRoleId: '444555666' });

    const owner = await h.contextFor('owner', 'ja', ['owner']);
    const cleared = await executeCommand(modSettings, { clear: 'fallback_channel' }, owner, silentLogger);
    expect(replyText(cleared)).toContain('未設定');
    expect((await h.contextFor('someone')).community.fallbackChannelId).toBeNull();
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

  it('never returns more than 25 suggestions', async () => {
    for (let i = 0; i < 30; i++) await h.run('/deliver new', { client: `Client ${i}`, title: `T${i}`, marketplace: 'direct' }, { user: 'many' });
    expect(await suggest('delivery', '', await h.contextFor('many'))).toHaveLength(20);
    expect((await suggest('client', 'client', await h.contextFor('many'))).length).toBeLessThanOrEqual(25);
  });
});
