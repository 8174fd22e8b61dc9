import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { deliverModal, modalInput } from '../../../src/adapters/slack/modal.js';
import { escapeMrkdwn, responseType, toBlocks, toMessage, toText } from '../../../src/adapters/slack/render.js';
import { findCommand } from '../../../src/commands/index.js';
import type { Delivery } from '../../../src/domain/delivery.js';
import { STAGES } from '../../../src/domain/ladder.js';
import { MARKETPLACE_LABELS, MARKETPLACES } from '../../../src/domain/marketplace.js';
import type { Locale } from '../../../src/domain/member.js';
import { buttonRef, parseButtonId, type Reply } from '../../../src/domain/reply.js';
import { nudgeReply } from '../../../src/presenters/nudge.js';
import { inert } from '../../../src/presenters/text.js';
import { CLIENT, TITLE } from '../../support/letter-fixtures.js';

type Block = types.KnownBlock;

/** Every piece of text a block holds, as Slack receives it. */
function texts(block: Block): string[] {
  switch (block.type) {
    case 'header':
      return [block.text.text];
    case 'section':
      return [...(block.text ? [block.text.text] : []), ...(block.fields ?? []).map((f) => f.text)];
    case 'context':
      return block.elements.map((e) => ('text' in e ? e.text : ''));
    case 'actions':
      return block.elements.map((e) => (e.type === 'button' ? e.text.text : ''));
    default:
      return [];
  }
}
const allText = (blocks: Block[]) => blocks.flatMap(texts).join('\n');
const buttonsOf = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements.filter((e): e is types.Button => e.type === 'button') : []));

const reply: Reply = {
  tone: 'warning',
  title: 'Day 8 · Ask CrowdWorks support',
  lines: ['It has been 8 days.'],
  fields: [{ label: 'Client', value: 'Acme' }],
  sections: [{ heading: 'Plan', lines: ['Day 3', 'Day 7'] }],
  quotes: [{ heading: 'Request to CrowdWorks support', text: 'Hello\n\n  Indented\n```injected```' }],
  footer: ['hint'],
  buttons: [
    { action: 'accept', deliveryId: 42, label: 'Accepted', style: 'success', row: 0 },
    { action: 'show', deliveryId: 42, label: 'Show message', style: 'primary', row: 0 },
    { action: 'stop', deliveryId: 42, label: 'Stop', style: 'danger', row: 1 },
  ],
};

describe('rendering a reply for Slack', () => {
  it('shows every part of the reply: the title with its tone, lines, fields, sections, the letter, the footer and the buttons', () => {
    const blocks = toBlocks(reply);
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '⚠️ Day 8 · Ask CrowdWorks support', emoji: false } });
    const text = allText(blocks);
    for (const part of ['It has been 8 days.', '*Client*\nAcme', '*Plan*\n• Day 3\n• Day 7', '*Request to CrowdWorks support*', 'hint']) expect(text).toContain(part);
    // The letter in a code block, its blank line and indentation kept, a ``` inside unable to close it.
    expect(text).toContain('```\nHello\n\n  Indented\nˋˋˋinjectedˋˋˋ\n```');
    expect(blocks.at(-3)).toMatchObject({ type: 'context' });
    const rows = blocks.filter((b): b is types.ActionsBlock => b.type === 'actions');
    expect(rows.map((r) => r.elements.length)).toEqual([2, 1]);
  });

  it("gives buttons ids that parse back, and Slack's styles only where Slack has them", () => {
    const buttons = buttonsOf(toBlocks(reply, 'kn42s3'));
    expect(buttons.map((b) => parseButtonId(b.action_id!))).toEqual([
      { action: 'accept', deliveryId: 42 },
      { action: 'show', deliveryId: 42 },
      { action: 'stop', deliveryId: 42 },
    ]);
    expect(buttons.map((b) => buttonRef(b.action_id!))).toEqual(['kn42s3', 'kn42s3', 'kn42s3']);
    expect(buttons.map((b) => b.value)).toEqual(buttons.map((b) => b.action_id));
    expect(buttons.map((b) => b.style)).toEqual([undefined, 'primary', 'danger']);
    expect(buttonsOf(toBlocks(reply)).map((b) => buttonRef(b.action_id!))).toEqual([undefined, undefined, undefined]);
  });

  it('keeps within 50 blocks and keeps the footer and the buttons when there is too much to show', () => {
    const long: Reply = { ...reply, sections: Array.from({ length: 60 }, (_, i) => ({ heading: `Report #${i + 1}`, lines: ['x'] })) };
    const blocks = toBlocks(long);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(buttonsOf(blocks)).toHaveLength(3);
    expect(blocks.at(-3)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'hint', verbatim: true }] });
    expect(allText(blocks)).toContain('…');
    const addressed = toMessage(long, 'kn42s3', 'U0WRITER');
    expect(addressed.blocks).toHaveLength(blocks.length);
    expect(addressed.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '<@U0WRITER>', verbatim: true } });
    expect(buttonsOf(addressed.blocks)).toHaveLength(3);
    expect(addressed.text.startsWith('<@U0WRITER> ')).toBe(true);
  });

  it("clips to Slack's limits: a section's 3000 characters, a header's 150, a button's 75, ten fields a section", () => {
    const big: Reply = {
      tone: 'info',
      title: 'T'.repeat(200),
      lines: ['a'.repeat(5000), 'short'],
      fields: Array.from({ length: 12 }, (_, i) => ({ label: `F${i}`, value: 'v'.repeat(2500) })),
      buttons: [{ action: 'snooze', deliveryId: 1, label: 'L'.repeat(100), style: 'secondary' }],
    };
    const blocks = toBlocks(big);
    const [header, first, second] = blocks;
    expect(header?.type === 'header' && header.text.text.length).toBe(150);
    expect(first?.type === 'section' && first.text?.text).toBe(`${'a'.repeat(2999)}…`);
    expect(second?.type === 'section' && second.text?.text).toBe('short');
    const fieldSections = blocks.filter((b): b is types.SectionBlock => b.type === 'section' && b.fields !== undefined);
    expect(fieldSections.map((s) => s.fields!.length)).toEqual([10, 2]);
    for (const f of fieldSections.flatMap((s) => s.fields!)) expect(f.text.length).toBeLessThanOrEqual(2000);
    expect(buttonsOf(blocks)[0]!.text.text).toHaveLength(75);
    for (const t of blocks.flatMap(texts)) expect(t.length).toBeLessThanOrEqual(3000);
  });

  it('splits a letter too long for one section between its lines, losing none of it', () => {
    const letter = Array.from({ length: 80 }, (_, i) => `${i}: ${'文'.repeat(60)}`).join('\n');
    const blocks = toBlocks({ tone: 'info', title: 't', quotes: [{ heading: 'Letter', text: letter }] });
    const parts = blocks.slice(2).map((b) => (b.type === 'section' ? b.text!.text : ''));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(3000);
    expect(parts.map((p) => p.slice(4, -4)).join('\n')).toBe(letter);
  });

  describe('text someone typed cannot ping anyone or hide a link', () => {
    const hostile = ['<!channel>', '<@U1>', '<http://evil.example|click>', 'R&D <!here>'];
    const escaped = ['&lt;!channel&gt;', '&lt;@U1&gt;', '&lt;http://evil.example|click&gt;', 'R&amp;D &lt;!here&gt;'];

    it.each(hostile.map((text, i) => ({ text, expected: escaped[i]! })))('$text is shown as text in every mrkdwn part', ({ text, expected }) => {
      const blocks = toBlocks({
        tone: 'error',
        title: text,
        lines: [text],
        fields: [{ label: text, value: text }],
        sections: [{ heading: text, lines: [text] }],
        quotes: [{ heading: text, text }],
        footer: [text],
        buttons: [{ action: 'show', deliveryId: 1, label: text, style: 'primary' }],
      });
      const mrkdwn = blocks.flatMap((b) => (b.type === 'header' || b.type === 'actions' ? [] : texts(b)));
      // Lines, the field (label and value), the section, the letter's heading and text, the footer.
      expect(mrkdwn).toHaveLength(6);
      for (const t of mrkdwn) {
        expect(t).toContain(expected);
        expect(t).not.toMatch(/<[!@#h]/);
      }
      // The header and button labels are plain_text: Slack shows them as they are and links nothing.
      expect(texts(blocks[0]!)[0]).toBe(`✖️ ${text}`);
      expect(buttonsOf(blocks)[0]!.text).toEqual({ type: 'plain_text', text, emoji: true });
      expect(toText({ tone: 'info', title: text, lines: [text] })).toBe(`${expected}\n${expected}`);
    });

    it("is not auto-linked either: every mrkdwn text is verbatim", () => {
      const blocks = toBlocks({ ...reply, lines: ['@channel see https://evil.example'] });
      for (const b of blocks) {
        if (b.type === 'section') for (const t of [...(b.text ? [b.text] : []), ...(b.fields ?? [])]) expect(t).toMatchObject({ type: 'mrkdwn', verbatim: true });
        if (b.type === 'context') for (const e of b.elements) expect(e).toMatchObject({ verbatim: true });
      }
    });

    it("shows text made inert for Discord without Discord's backslashes", () => {
      expect(escapeMrkdwn(inert('*Acme* [HQ](x) \\ <b>'))).toBe('*Acme* [HQ](x) \\ &lt;b&gt;');
    });

    it('never cuts an escaped character in two when clipping', () => {
      const blocks = toBlocks({ tone: 'info', title: 't', lines: [`${'a'.repeat(2997)}&&&`] });
      expect(blocks[1]?.type === 'section' && blocks[1].text?.text).toBe(`${'a'.repeat(2997)}…`);
    });
  });

  it('gives notifications the title and the first line', () => {
    expect(toText(reply)).toBe('Day 8 · Ask CrowdWorks support\nIt has been 8 days.');
    expect(toText({ tone: 'info', title: 'Only a title' })).toBe('Only a title');
    expect(toText({ tone: 'info', title: 'x', lines: ['y'.repeat(4000)] })).toHaveLength(3000);
  });

  it('marks a nudge with its key as message metadata, and nothing else', () => {
    expect(toMessage(reply, 'kn42s3').metadata).toEqual({ event_type: 'kenshu_nudge', event_payload: { idempotency_key: 'kn42s3' } });
    const plain = toMessage(reply);
    expect(plain).not.toHaveProperty('metadata');
    expect(plain).toEqual({ text: toText(reply), blocks: toBlocks(reply) });
  });

  it('answers only the caller unless the reply is meant for the channel', () => {
    expect(responseType({})).toBe('ephemeral');
    expect(responseType({ ephemeral: true })).toBe('ephemeral');
    expect(responseType({ ephemeral: false })).toBe('in_channel');
  });
});

describe('a real nudge in Slack', () => {
  const delivery: Delivery = {
    id: 42,
    number: 3,
    writerId: 1,
    communityId: 1,
    client: { id: 7, key: 'crowdworks:4455667', displayName: CLIENT, profileUrl: 'https://crowdworks.jp/public/employers/4455667' },
    title: TITLE,
    marketplace: 'crowdworks',
    amount: 8000,
    currency: 'JPY',
    deliveredAt: new Date('2026-11-01T10:00:00+09:00'),
    escrow: 'funded',
    jobUrl: null,
    status: 'awaiting_review',
    acceptedAt: null,
    paidAt: null,
    cancelledAt: null,
    createdAt: new Date('2026-11-01T10:00:00+09:00'),
    reminders: 'active',
    snoozedUntil: null,
    lastStage: 0,
    lastNudgeAt: null,
    nextNudgeAt: null,
    clientName: CLIENT,
    letterLocale: 'ja',
    dueAt: null,
    dueTerms: null,
  };
  const now = new Date('2027-01-10T10:00:00+09:00');

  it.each(STAGES.flatMap((stage) => (['ja', 'en'] as Locale[]).map((locale) => ({ stage, locale }))))('stage $stage in $locale fits within Slack\'s limits with its buttons', ({ stage, locale }) => {
    const nudge = nudgeReply(delivery, [], [], stage, { locale, timezone: 'Asia/Tokyo' }, now);
    const message = toMessage(nudge, `kn42s${stage}`);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.text.length).toBeLessThanOrEqual(3000);
    for (const t of message.blocks.flatMap(texts)) expect(t.length).toBeLessThanOrEqual(3000);
    const buttons = buttonsOf(message.blocks);
    expect(buttons.length).toBe(nudge.buttons?.length);
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons) expect(buttonRef(b.action_id!)).toBe(`kn42s${stage}`);
    // Each letter arrives whole, inside code blocks.
    const text = allText(message.blocks);
    expect(nudge.quotes?.length).toBeGreaterThan(0);
    const entities = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const quote of nudge.quotes ?? []) for (const line of quote.text.split('\n')) expect(text).toContain(entities(line));
  });
});

describe('the /deliver new form', () => {
  const command = findCommand(['deliver', 'new'])!.command;

  it.each<{ locale: Locale; labels: string[]; title: string }>([
    { locale: 'en', labels: ['Client', 'Title', 'Marketplace', 'Delivered'], title: 'Record a delivery' },
    { locale: 'ja', labels: ['クライアント', 'タイトル', 'マーケット', '納品日'], title: '納品を記録' },
  ])('asks in $locale for the client, the title, the marketplace (one of six) and the date', ({ locale, labels, title }) => {
    const view = deliverModal(locale, 'deliver_new', 'C123');
    expect(view).toMatchObject({ type: 'modal', callback_id: 'deliver_new', private_metadata: 'C123', title: { text: title } });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit?.text.length).toBeLessThanOrEqual(24);
    const inputs = view.blocks.filter((b): b is types.InputBlock => b.type === 'input');
    expect(inputs.slice(0, 4).map((b) => [b.block_id, b.label.text, b.optional])).toEqual([
      ['client', labels[0], false],
      ['title', labels[1], false],
      ['marketplace', labels[2], false],
      ['delivered', labels[3], true],
    ]);
    const marketplace = inputs[2]!.element as types.StaticSelect;
    expect(marketplace.options?.map((o) => [o.value, o.text.text])).toEqual(MARKETPLACES.map((m) => [m, MARKETPLACE_LABELS[m][locale]]));
    expect(inputs[3]!.element.type).toBe('datepicker');
    // The optional options of the command, each with its own description as the hint.
    expect(inputs.slice(4).map((b) => [b.block_id, b.optional])).toEqual(['profile', 'amount', 'currency', 'url', 'due', 'escrow', 'letter_language'].map((f) => [f, true]));
    expect(inputs[0]!.hint?.text).toBe(locale === 'ja' ? 'クライアント名(プロフィールURLも可)' : "Client's name (a profile URL works too)");
  });

  const value = (type: string, v: Partial<Record<'value' | 'selected_date', string>> | { selected_option: { value: string } }) => ({ type, ...v }) as never;

  it('reads a submitted form into the input the command parses', () => {
    const input = modalInput({
      client: { client: value('plain_text_input', { value: ' 株式会社ミライメディア ' }) },
      title: { title: value('plain_text_input', { value: 'SEO記事' }) },
      marketplace: { marketplace: value('static_select', { selected_option: { value: 'crowdworks' } }) },
      delivered: { delivered: value('datepicker', { selected_date: '2026-11-01' }) },
      amount: { amount: value('plain_text_input', { value: '5万円' }) },
      escrow: { escrow: value('static_select', { selected_option: { value: 'yes' } }) },
      letter_language: { letter_language: value('static_select', { selected_option: { value: 'ja' } }) },
      url: { url: value('plain_text_input', { value: '' }) },
      due: { due: { type: 'plain_text_input', value: null } },
    });
    expect(input).toEqual({ client: '株式会社ミライメディア', title: 'SEO記事', marketplace: 'crowdworks', delivered: '2026-11-01', amount: '5万円', escrow: 'yes', letter_language: 'ja' });
    const parsed = command.input.safeParse(input);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ client: '株式会社ミライメディア', marketplace: 'crowdworks', escrow: 'yes' });
  });

  it('leaves an empty optional field out, so the command applies its default', () => {
    const input = modalInput({ client: { client: value('plain_text_input', { value: 'Acme' }) }, title: { title: value('plain_text_input', { value: 'Post' }) } });
    expect(input).toEqual({ client: 'Acme', title: 'Post' });
    expect(command.input.safeParse(input).success).toBe(true);
  });
});
