import { describe, expect, it } from 'vitest';
import { toComponents, toEmbed, toMessage } from '../../../src/adapters/discord/render.js';
import type { Reply } from '../../../src/domain/reply.js';

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
