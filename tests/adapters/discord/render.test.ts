import { describe, expect, it } from 'vitest';
import { toApiMessage, toComponents, toEmbed, toMessage, toRawFiles } from '../../../src/adapters/discord/render.js';
import type { Reply, ReplyButton } from '../../../src/domain/reply.js';

describe('rendering a reply for Discord', () => {
  const reply: Reply = {
    tone: 'warning',
    title: 'Day 8 · Ask CrowdWorks support',
    lines: ['It has been 8 days.'],
    fields: [{ label: 'Client', value: 'Acme' }],
    sections: [{ heading: 'Plan', lines: ['Day 3', 'Day 7'] }],
    quotes: [{ heading: 'Request to CrowdWorks support', text: 'Hello\n```injected```' }],
    footer: ['hint'],
    buttons: [
      { action: 'accept', deliveryId: 42, label: 'Accepted', style: 'success' },
      { action: 'show', deliveryId: 42, label: 'Show message', style: 'primary' },
    ],
  };

  it("shares Discord's 6000 characters an embed may hold among long fields, leaving short ones whole", () => {
    const long: Reply = { tone: 'info', title: 'Queue', lines: ['Page 1 of 1'], fields: [{ label: 'Client', value: 'Acme' }], sections: Array.from({ length: 10 }, (_, i) => ({ heading: `Report #${i + 1}`, lines: ['x'.repeat(900)] })), footer: ['hint'] };
    const embed = toEmbed(long);
    const size = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(size).toBeLessThanOrEqual(6000);
    expect(embed.fields?.[0]?.value).toBe('Acme');
    expect(embed.fields?.[10]?.value.endsWith('…')).toBe(true);
    // Short enough as it is: nothing is cut.
    expect(toEmbed(reply).fields?.[1]?.value).toBe('• Day 3\n• Day 7');
  });

  it('becomes one embed with the template in a code block that cannot be broken out of', () => {
    const embed = toEmbed(reply);
    expect(embed.title).toBe('Day 8 · Ask CrowdWorks support');
    expect(embed.description).toContain('**Request to CrowdWorks support**');
    expect(embed.description?.match(/```/g)).toHaveLength(2);
    expect(embed.fields).toEqual([
      { name: 'Client', value: 'Acme', inline: true },
      { name: 'Plan', value: '• Day 3\n• Day 7', inline: false },
    ]);
    expect(embed.footer?.text).toBe('hint');
  });

  it('turns buttons into components whose ids name the action and delivery', () => {
    expect(toComponents(reply.buttons)).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 3, label: 'Accepted', custom_id: 'kenshu:accept:42' },
          { type: 2, style: 1, label: 'Show message', custom_id: 'kenshu:show:42' },
        ],
      },
    ]);
  });

  it('lays buttons out at most five a row, starting a new row where their row changes', () => {
    const b = (action: ReplyButton['action'], row?: number): ReplyButton => ({ action, deliveryId: 7, label: action, style: 'secondary', ...(row === undefined ? {} : { row }) });
    const ids = (rows: ReturnType<typeof toComponents>) => rows.map((r) => r.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
    // A nudge: five actions, then what the writer confirms on a row of its own.
    expect(ids(toComponents([b('accept'), b('pay'), b('snooze'), b('stop'), b('show'), b('sent', 1), b('desk', 1), b('replied', 1)]))).toEqual([
      ['kenshu:accept:7', 'kenshu:pay:7', 'kenshu:snooze:7', 'kenshu:stop:7', 'kenshu:show:7'],
      ['kenshu:sent:7', 'kenshu:desk:7', 'kenshu:replied:7'],
    ]);
    // Accepted already: four actions, and the confirmations still start their own row.
    expect(ids(toComponents([b('pay', 0), b('snooze', 0), b('stop', 0), b('show', 0), b('sent', 1), b('replied', 1)]))).toEqual([
      ['kenshu:pay:7', 'kenshu:snooze:7', 'kenshu:stop:7', 'kenshu:show:7'],
      ['kenshu:sent:7', 'kenshu:replied:7'],
    ]);
    // Without rows, five a row; never more than Discord's five rows.
    const many = Array.from({ length: 30 }, () => b('show'));
    const rows = toComponents(many);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.components.length === 5)).toBe(true);
  });

  it('declares a reply’s files as attachments, in the order of their multipart parts', () => {
    const withFile: Reply = { tone: 'success', title: 'Evidence', files: [{ name: 'kenshu-delivery-3-20261126.md', text: '# 納品の経緯\n' }] };
    expect(toApiMessage(withFile).attachments).toEqual([{ id: 0, filename: 'kenshu-delivery-3-20261126.md' }]);
    const [part] = toRawFiles(withFile);
    expect(part).toMatchObject({ key: 'files[0]', name: 'kenshu-delivery-3-20261126.md', contentType: 'text/markdown; charset=utf-8' });
    expect(Buffer.from(part!.data as Buffer).toString('utf8')).toBe('# 納品の経緯\n');
    expect('attachments' in toApiMessage(reply)).toBe(false);
    expect(toRawFiles(reply)).toEqual([]);
  });

  it('allows no mentions and keeps within Discord’s limits', () => {
    const long: Reply = { tone: 'info', title: 'x'.repeat(300), lines: ['y'.repeat(5000)], fields: Array.from({ length: 30 }, (_, i) => ({ label: `f${i}`, value: 'z'.repeat(2000) })) };
    const message = toMessage(long);
    expect(message.allowedMentions).toEqual({ parse: [] });
    const embed = toEmbed(long);
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.fields!.length).toBeLessThanOrEqual(25);
    expect(embed.fields!.every((f) => f.value.length <= 1024)).toBe(true);
  });
});
