import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pressButton } from '../../src/commands/press-button.js';
import { buttonId } from '../../src/domain/reply.js';
import { commandHarness, replyText, silentLogger } from '../support/commands.js';

type Harness = Awaited<ReturnType<typeof commandHarness>>;

describe('/remind and the nudge buttons', () => {
  let h: Harness;
  beforeAll(async () => {
    // Thursday 2026-11-26 10:00 in Tokyo.
    h = await commandHarness('2026-11-26T10:00:00+09:00');
  });
  afterAll(async () => {
    await h.close();
  });

  const record = (user: string, raw: Record<string, unknown>) => h.run('/deliver new', { client: 'Acme', title: 'Article', marketplace: 'crowdworks', ...raw }, { user });

  it('lists the next reminder of each open delivery in the writer\'s time zone', async () => {
    await record('lister', { delivered: '2026-11-25' });
    const reply = await h.run('/remind list', {}, { user: 'lister' });
    expect(reply.title).toBe('Your reminders (1 open delivery)');
    expect(replyText(reply)).toContain('#1 Article: Acme');
    expect(replyText(reply)).toContain('Next: Check-in, Sat, Nov 28, 2026, 12:00');
  });

  it('snoozes for a duration typed in English or Japanese, and refuses nonsense', async () => {
    await record('snoozer', { delivered: '2026-11-25' });
    const reply = await h.run('/remind snooze', { delivery: '1', for: '1週間' }, { user: 'snoozer' });
    expect(reply.title).toBe('Reminders for #1 snoozed until Thu, Dec 3, 2026, 10:00');
    expect(replyText(await h.run('/remind list', {}, { user: 'snoozer' }))).toContain('Snoozed until Thu, Dec 3, 2026, 10:00');
    const bad = await h.run('/remind snooze', { delivery: '1', for: 'forever' }, { user: 'snoozer', locale: 'ja' });
    expect(replyText(bad)).toContain('「forever」は期間として読めません');
  });

  it('pauses and resumes', async () => {
    await record('pauser', { delivered: '2026-11-25' });
    expect((await h.run('/remind pause', { delivery: '#1' }, { user: 'pauser' })).title).toBe('Reminders for #1 paused');
    expect(replyText(await h.run('/remind list', {}, { user: 'pauser' }))).toContain('Paused: /remind resume to start again');
    const resumed = await h.run('/remind resume', { delivery: '1' }, { user: 'pauser' });
    expect(resumed.title).toBe('Reminders for #1 resumed');
    expect(replyText(resumed)).toContain('Next: Check-in, Sat, Nov 28, 2026, 12:00');
  });

  it('refuses reminders for a delivery that is already paid', async () => {
    await record('closer', {});
    await h.run('/deliver paid', { delivery: '1' }, { user: 'closer' });
    const reply = await h.run('/remind pause', { delivery: '1' }, { user: 'closer' });
    expect(replyText(reply)).toContain('Delivery #1 is already paid; it has no reminders.');
  });

  it("shows the current stage's message at once, with buttons", async () => {
    // Day 9 on CrowdWorks, nothing sent yet: the check-in first, with the desk's request beside it
    // (its day has come), never the desk request alone.
    await record('nower', { delivered: '2026-11-17' });
    const reply = await h.run('/remind now', { delivery: '1' }, { user: 'nower', locale: 'ja' });
    expect(reply.title).toContain('確認の連絡(納品から9日後)');
    expect(reply.quotes?.map((q) => q.heading)).toEqual(['クライアントへのメッセージ', 'クラウドワークス事務局への相談文']);
    expect(reply.quotes?.[1]?.text).toMatch(/^クラウドワークス事務局 御中/);
    expect(reply.buttons?.map((b) => b.label)).toEqual(['検収済み', '支払い済み', '3日後に再通知', 'リマインド停止', '文面を表示', '送りました', '事務局に相談しました', '返信がありました']);
  });

  it('gives stage 1 advice early, saying it is not due yet', async () => {
    await record('early', {});
    const reply = await h.run('/remind now', { delivery: '1' }, { user: 'early' });
    expect(replyText(reply)).toContain('This stage is not due yet');
  });

  it('changes settings, moves the plan, and answers in the chosen language from then on', async () => {
    await record('settler', { delivered: '2026-11-25' });
    const shown = await h.run('/remind settings', {}, { user: 'settler' });
    expect(replyText(shown)).toContain('Quiet hours: 22:00–08:00');
    const saved = await h.run('/remind settings', { timezone: 'America/New_York', quiet_hours: 'off', weekends: 'skip', language: 'ja' }, { user: 'settler' });
    expect(saved.title).toBe('リマインドの設定');
    expect(replyText(saved)).toContain('タイムゾーン: America/New_York');
    expect(replyText(saved)).toContain('おやすみ時間: なし');
    expect(replyText(saved)).toContain('土日: 通知しない');
    // Day 3 from noon Tokyo on Nov 25 is Friday Nov 27 22:00 in New York: a weekday evening, no quiet hours.
    expect(replyText(await h.run('/remind list', {}, { user: 'settler' }))).toContain('2026年11月27日(金) 22:00');
  });

  it('moves the plan of every open delivery, all 30 of them, when the settings change', async () => {
    for (let i = 0; i < 30; i++) await record('thirty', { title: `A${i}`, delivered: '2026-11-25' });
    await h.run('/deliver paid', { delivery: '30' }, { user: 'thirty' });
    const writer = await h.contextFor('thirty');
    const before = await h.deps.deliveries.listByWriter(writer.member.id, { scope: 'all', limit: 100 });
    // Day 3 from noon Tokyo on Nov 25: noon on Nov 28 in Tokyo.
    expect(before.deliveries.filter((d) => d.nextNudgeAt?.toISOString() === '2026-11-28T03:00:00.000Z')).toHaveLength(29);

    await h.run('/remind settings', { timezone: 'America/New_York' }, { user: 'thirty' });
    const after = await h.deps.deliveries.listByWriter(writer.member.id, { scope: 'all', limit: 100 });
    // In New York that moment is 22:00 on Nov 27, inside quiet hours: it waits until 08:00 there.
    const open = after.deliveries.filter((d) => d.status === 'awaiting_review');
    expect(open).toHaveLength(29);
    for (const d of open) expect(d.nextNudgeAt?.toISOString()).toBe('2026-11-28T13:00:00.000Z');
    expect(after.deliveries.find((d) => d.number === 30)?.nextNudgeAt).toBeNull();
  });

  it.each([
    [{ timezone: 'Mars/Base' }, 'is not a time zone'],
    [{ quiet_hours: '25-08' }, 'is not a span of hours'],
    [{ weekends: 'sometimes' }, 'weekends must be one of: send, skip'],
    [{ language: 'fr' }, 'language must be one of: ja, en'],
  ])('refuses bad settings %o', async (raw, message) => {
    expect(replyText(await h.run('/remind settings', raw, { user: 'bad-settings' }))).toContain(message);
  });

  describe('buttons', () => {
    it('Accepted and Paid change the delivery of the one who clicks', async () => {
      await record('clicker', {});
      const ctx = await h.contextFor('clicker');
      const [d] = (await h.deps.deliveries.listByWriter(ctx.member.id, { scope: 'all', limit: 1 })).deliveries;
      const accepted = await pressButton(buttonId({ action: 'accept', deliveryId: d!.id }), ctx, silentLogger);
      expect(accepted.title).toBe('Delivery #1 accepted');
      const paid = await pressButton(buttonId({ action: 'pay', deliveryId: d!.id }), ctx, silentLogger);
      expect(paid.title).toBe('Delivery #1 paid');
      const stopped = await pressButton(buttonId({ action: 'stop', deliveryId: d!.id }), ctx, silentLogger);
      expect(replyText(stopped)).toContain('Delivery #1 is already paid; it has no reminders.');
    });

    it("a button id naming someone else's delivery does nothing to it", async () => {
      await record('victim', {});
      const victim = await h.contextFor('victim');
      const [d] = (await h.deps.deliveries.listByWriter(victim.member.id, { scope: 'all', limit: 1 })).deliveries;
      const mallory = await h.contextFor('mallory');
      for (const action of ['accept', 'pay', 'snooze', 'stop', 'show'] as const) {
        const reply = await pressButton(buttonId({ action, deliveryId: d!.id }), mallory, silentLogger);
        expect(reply.tone).toBe('error');
      }
      expect((await h.deps.deliveries.findById(d!.id))).toMatchObject({ status: 'awaiting_review', reminders: 'active', snoozedUntil: null });
    });

    it('a forged or stale id gets a clear message', async () => {
      const ctx = await h.contextFor('forger');
      for (const id of ['kenshu:explode:1', 'garbage', 'kenshu:accept:99999999']) {
        expect((await pressButton(id, ctx, silentLogger)).tone).toBe('error');
      }
    });

    it('Snooze 3 days and Stop reminders', async () => {
      await record('snoozebutton', {});
      const ctx = await h.contextFor('snoozebutton');
      const [d] = (await h.deps.deliveries.listByWriter(ctx.member.id, { scope: 'all', limit: 1 })).deliveries;
      expect((await pressButton(buttonId({ action: 'snooze', deliveryId: d!.id }), ctx, silentLogger)).title).toBe('Reminders for #1 snoozed until Sun, Nov 29, 2026, 10:00');
      expect((await pressButton(buttonId({ action: 'stop', deliveryId: d!.id }), ctx, silentLogger)).title).toBe('Reminders for #1 stopped');
      expect(await h.deps.deliveries.findById(d!.id)).toMatchObject({ reminders: 'stopped', nextNudgeAt: null });
    });
  });

  it('tells a writer whose DMs were closed, once, on their next command', async () => {
    const ctx = await h.contextFor('unreachable');
    await h.deps.members.setPendingNotice(ctx.member.id, 'dm_closed');
    const first = await h.run('/remind list', {}, { user: 'unreachable' });
    expect(replyText(first)).toContain('could not reach you because your direct messages are closed');
    const second = await h.run('/remind list', {}, { user: 'unreachable' });
    expect(replyText(second)).not.toContain('direct messages are closed');
  });
});

describe('letters go in the reader’s language, advice in the writer’s', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await commandHarness('2026-11-26T10:00:00+09:00');
  });
  afterAll(async () => {
    await h.close();
  });

  it('an English-speaking writer on CrowdWorks gets English advice and Japanese letters to the client and the desk', async () => {
    await h.run('/deliver new', { client: '株式会社ミライメディア', title: 'SEO記事', marketplace: 'crowdworks', delivered: '2026-11-12' }, { user: 'en-cw', locale: 'en' });
    const reply = await h.run('/remind now', { delivery: '1' }, { user: 'en-cw', locale: 'en' });
    expect(reply.title).toBe('Check-in for #1 “SEO記事” (14 days after delivery)');
    expect(reply.lines?.join('\n')).toContain('Copy the message below');
    expect(reply.quotes?.map((q) => q.heading)).toEqual(['Message to the client (in Japanese)', 'Request to CrowdWorks support (in Japanese)']);
    expect(reply.quotes?.[0]?.text).toMatch(/^株式会社ミライメディア ご担当者様\n/);
    expect(reply.quotes?.[0]?.text).not.toContain('Hi ');
    expect(reply.quotes?.[1]?.text).toMatch(/^クラウドワークス事務局 御中\n/);
  });

  it('a Japanese-speaking writer on Upwork gets Japanese advice and English letters', async () => {
    await h.run('/deliver new', { client: 'Northwind Media LLC', title: 'Blog series', marketplace: 'upwork', delivered: '2026-11-20' }, { user: 'ja-up', locale: 'ja' });
    const reply = await h.run('/remind now', { delivery: '1' }, { user: 'ja-up', locale: 'ja' });
    expect(reply.title).toContain('確認の連絡');
    expect(reply.quotes?.[0]?.heading).toBe('クライアントへのメッセージ(英語)');
    expect(reply.quotes?.[0]?.text).toMatch(/^Dear Northwind Media LLC team,\n/);
  });

  it('a direct deal is written in the writer’s own language', async () => {
    await h.run('/deliver new', { client: '山田太郎', title: '記事', marketplace: 'direct', delivered: '2026-11-20' }, { user: 'ja-direct', locale: 'ja' });
    const reply = await h.run('/remind now', { delivery: '1' }, { user: 'ja-direct', locale: 'ja' });
    expect(reply.quotes?.map((q) => q.heading)).toEqual(['クライアントへのメッセージ', '請求書のひな形']);
    expect(reply.quotes?.[0]?.text).toMatch(/^山田太郎様\n/);
  });
});

describe('lists name the client as the writer typed it', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await commandHarness('2026-11-26T10:00:00+09:00');
  });
  afterAll(async () => {
    await h.close();
  });

  it('/remind list shows the typed name, not the profile key the client is pooled under', async () => {
    await h.run('/deliver new', { client: '(株)ミライメディア', profile: 'crowdworks:4455667', title: '恋愛記事', marketplace: 'crowdworks' }, { user: 'namer', locale: 'ja' });
    const text = replyText(await h.run('/remind list', {}, { user: 'namer', locale: 'ja' }));
    expect(text).toContain('#1 恋愛記事 — (株)ミライメディア');
    expect(text).not.toContain('crowdworks:4455667');
  });
});

describe('the next reminder is never a date already past', () => {
  let h: Harness;
  beforeAll(async () => {
    // Thursday 2026-11-26 10:00 in Tokyo.
    h = await commandHarness('2026-11-26T10:00:00+09:00');
  });
  afterAll(async () => {
    await h.close();
  });

  it('/remind resume, /remind list and /deliver list agree: a stage that came due while paused goes out now', async () => {
    await h.run('/deliver new', { client: 'Acme', title: 'Article', marketplace: 'crowdworks', delivered: '2026-11-17' }, { user: 'pasts' });
    await h.run('/remind pause', { delivery: '1' }, { user: 'pasts' });
    const resumed = replyText(await h.run('/remind resume', { delivery: '1' }, { user: 'pasts' }));
    // The check-in was due on Nov 20, while paused: it comes at the next allowed moment, not "Nov 20".
    expect(resumed).toContain('Next: Check-in, Thu, Nov 26, 2026, 10:00');
    expect(resumed).not.toContain('Nov 20');
    expect(replyText(await h.run('/remind list', {}, { user: 'pasts' }))).toContain('Next: Check-in, Thu, Nov 26, 2026, 10:00');
    expect(replyText(await h.run('/deliver list', {}, { user: 'pasts' }))).toContain('Next reminder: Check-in, Thu, Nov 26, 2026.');
  });
});
