import { ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type MessageCreateOptions, type RawFile } from 'discord.js';
import type { Reply, ReplyButton } from '../../domain/reply.js';
import { buttonId, fileBytes, fileContentType } from '../../domain/reply.js';
import { clip } from '../../presenters/text.js';

/** A neutral reply in Discord's idiom: one embed, buttons in action rows, mentions off. */

const COLOR: Record<Reply['tone'], number> = { success: 0x2e7d32, info: 0x1565c0, warning: 0xef6c00, error: 0xc62828 };
const BUTTON_STYLE = { primary: ButtonStyle.Primary, secondary: ButtonStyle.Secondary, success: ButtonStyle.Success, danger: ButtonStyle.Danger } as const satisfies Record<ReplyButton['style'], ButtonStyle>;

// Discord's limits on embeds and components.
const LIMIT = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, buttonLabel: 80, buttonsPerRow: 5, rows: 5, embedTotal: 6000 };

export function toEmbed(reply: Reply): APIEmbed {
  const description = [...(reply.lines ?? [])];
  for (const quote of reply.quotes ?? []) description.push('', `**${quote.heading}**`, '```', quote.text.replace(/```/g, 'ˋˋˋ'), '```');
  const fields = [
    ...(reply.fields ?? []).map((f) => ({ name: clip(f.label, LIMIT.fieldName), value: clip(f.value || '—', LIMIT.fieldValue), inline: f.value.length <= 40 })),
    ...(reply.sections ?? []).map((s) => ({ name: clip(s.heading, LIMIT.fieldName), value: clip(s.lines.map((l) => `• ${l}`).join('\n') || '—', LIMIT.fieldValue), inline: false })),
  ].slice(0, LIMIT.fields);
  // Discord refuses an embed whose texts together pass 6000 characters (a queue of ten long
  // reports would): what is left after the title, description and footer is shared by the fields.
  const title = clip(reply.title, LIMIT.title);
  const descriptionText = description.length ? clip(description.join('\n'), LIMIT.description) : '';
  const footerText = reply.footer?.length ? clip(reply.footer.join('\n'), LIMIT.footer) : '';
  const fixed = title.length + descriptionText.length + footerText.length + fields.reduce((n, f) => n + f.name.length, 0);
  const total = fixed + fields.reduce((n, f) => n + f.value.length, 0);
  if (total > LIMIT.embedTotal && fields.length > 0) {
    const share = Math.max(1, Math.floor((LIMIT.embedTotal - fixed) / fields.length));
    for (const f of fields) f.value = clip(f.value, share);
  }
  return {
    title,
    color: COLOR[reply.tone],
    ...(descriptionText ? { description: descriptionText } : {}),
    ...(fields.length ? { fields } : {}),
    ...(footerText ? { footer: { text: footerText } } : {}),
  };
}

/**
 * Buttons in action rows: at most five a row (Discord's limit), and a new row where the buttons'
 * `row` changes; `ref` (a nudge's key) goes into each button's id, see `buttonId`.
 */
export function toComponents(buttons: readonly ReplyButton[] = [], ref?: string): APIActionRowComponent<APIButtonComponent>[] {
  const groups: ReplyButton[][] = [];
  for (const button of buttons) {
    const last = groups.at(-1);
    if (last && last.length < LIMIT.buttonsPerRow && (last[0]!.row ?? 0) === (button.row ?? 0)) last.push(button);
    else groups.push([button]);
  }
  return groups.slice(0, LIMIT.rows).map((group) => ({
    type: ComponentType.ActionRow,
    components: group.map((b) => ({ type: ComponentType.Button, style: BUTTON_STYLE[b.style], label: clip(b.label, LIMIT.buttonLabel), custom_id: buttonId(b, ref) })),
  }));
}

/**
 * Message content for a reply, a DM or a channel post (a digest with its chart attached). Nothing
 * a user typed can ping anyone.
 */
export function toMessage(reply: Reply, ref?: string): Pick<MessageCreateOptions, 'embeds' | 'components' | 'allowedMentions' | 'files'> {
  const files = (reply.files ?? []).map((f) => ({ attachment: fileBytes(f), name: f.name }));
  return { embeds: [toEmbed(reply)], components: toComponents(reply.buttons, ref), allowedMentions: { parse: [] }, ...(files.length ? { files } : {}) };
}

export function replyFlags(reply: Pick<Reply, 'ephemeral'>, inGuild: boolean): MessageFlags.Ephemeral | undefined {
  return inGuild && reply.ephemeral !== false ? MessageFlags.Ephemeral : undefined;
}

/**
 * The same as raw API JSON, for a REST call made without discord.js's message builders. Files
 * are declared in `attachments` by index and go along as the multipart parts `toRawFiles` makes.
 */
export function toApiMessage(reply: Reply, ref?: string) {
  const files = reply.files ?? [];
  return {
    embeds: [toEmbed(reply)],
    components: toComponents(reply.buttons, ref),
    allowed_mentions: { parse: [] as never[] },
    ...(files.length ? { attachments: files.map((f, id) => ({ id, filename: f.name })) } : {}),
  };
}

/** A reply's files as the parts of a multipart request, in the order `toApiMessage` declares them. */
export function toRawFiles(reply: Reply): RawFile[] {
  return (reply.files ?? []).map((f, id) => ({
    key: `files[${id}]`,
    name: f.name,
    data: fileBytes(f),
    contentType: fileContentType(f.name),
  }));
}
