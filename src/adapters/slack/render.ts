import type { types } from '@slack/bolt';
import type { Reply, ReplyButton } from '../../domain/reply.js';
import { buttonId } from '../../domain/reply.js';
import { clip } from '../../presenters/text.js';

/**
 * A neutral reply in Slack's idiom: Block Kit blocks, a plain `text` for notifications, and for a
 * nudge the metadata that lets recovery recognize a message already sent (DESIGN §3).
 */

type KnownBlock = types.KnownBlock;
type MrkdwnElement = types.MrkdwnElement;
type ActionsBlock = types.ActionsBlock;

// Slack's limits (api.slack.com/reference/block-kit/blocks, …/block-elements#button).
const LIMIT = { blocks: 50, header: 150, sectionText: 3000, fieldsPerSection: 10, fieldText: 2000, contextText: 3000, elementsPerActions: 25, buttonLabel: 75, actionId: 255, text: 3000 };

/** The tone as a mark before the title, where Discord shows a colour (the console: ✔ ℹ ⚠ ✖). */
const TONE_MARK: Record<Reply['tone'], string> = { success: '✅', info: 'ℹ️', warning: '⚠️', error: '✖️' };

/** Slack has no `secondary` or `success` button; those keep Slack's default look. */
const BUTTON_STYLE: Record<ReplyButton['style'], 'primary' | 'danger' | undefined> = { primary: 'primary', danger: 'danger', secondary: undefined, success: undefined };

/**
 * Text from a reply, made safe for a mrkdwn text object.
 *
 * `&`, `<` and `>` are escaped (api.slack.com/reference/surfaces/formatting#escaping): they are how
 * mrkdwn spells mentions and links (`<!channel>`, `<@U123>`, `<http://x|label>`), so a client named
 * `<!channel>` is shown as those characters and pings nobody, and no label can hide where a link goes.
 *
 * Replies pass what users typed through `inert()`, which escapes Discord's Markdown with backslashes.
 * Slack's mrkdwn has no backslash escape, so they would show; they are taken off again here (inert
 * doubles a typed backslash, so `\X` always means X). What is left of Slack's own formatting
 * (`*bold*`, `_italic_`, `~strike~`, `` `code` ``) can only change how a user's text looks, never who
 * is told or where a click goes, and Slack offers no escape for it short of invisible characters
 * that would then be copied into letters; so it is left as typed.
 *
 * Every mrkdwn object is also sent `verbatim`, so Slack does not turn a bare `@channel`, `#general`
 * or URL into a mention or a link on its own (…/composition-objects#text).
 */
export function escapeMrkdwn(text: string): string {
  return escapeEntities(text.replace(/\\([\\`*_[\]<>#|~=+.-])/g, '$1'));
}

/** Only `&`, `<` and `>`: for letters, which are shown in a code block as they are, never through `inert()`. */
function escapeEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Clips escaped text without cutting an entity (`&am…`) in two. */
function fit(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  return `${escaped.slice(0, max - 1).replace(/&[a-z]{0,3}$/, '')}…`;
}

function mrkdwn(text: string, max = LIMIT.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: fit(text, max), verbatim: true };
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

/**
 * Escaped lines as few sections as they fit in, each at most 3000 characters, split between lines;
 * one line longer than a section is clipped.
 */
function linesAsSections(lines: readonly string[], head?: string): types.SectionBlock[] {
  const out: types.SectionBlock[] = [];
  let current = head ?? '';
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length <= LIMIT.sectionText || !current) current = next;
    else {
      out.push(section(current));
      current = line;
    }
  }
  if (current) out.push(section(current));
  return out;
}

/**
 * A letter in a code block: Slack keeps its line breaks and spacing, applies no formatting inside
 * (an `*` or `_` in a client's name stays as typed) and copies it exactly as shown, where a `>`
 * quote would format it and would need a `>` on every line. A letter too long for one section
 * continues in the next, split between lines, so nothing of it is lost.
 */
function quoteBlocks(quote: { heading: string; text: string }): types.SectionBlock[] {
  // ``` inside a letter would close the block early; Discord's renderer does the same.
  const lines = escapeEntities(quote.text.replace(/```/g, 'ˋˋˋ')).split('\n');
  const room = LIMIT.sectionText - '```\n\n```'.length;
  const chunks: string[][] = [[]];
  let size = 0;
  for (const line of lines) {
    const last = chunks.at(-1)!;
    if (last.length > 0 && size + 1 + line.length > room) {
      chunks.push([line]);
      size = line.length;
    } else {
      last.push(line);
      size += (last.length > 1 ? 1 : 0) + line.length;
    }
  }
  return [
    section(`*${escapeMrkdwn(quote.heading)}*`),
    ...chunks.map((chunk) => section(`\`\`\`\n${fit(chunk.join('\n'), room)}\n\`\`\``)),
  ];
}

function fieldBlocks(fields: NonNullable<Reply['fields']>): types.SectionBlock[] {
  const out: types.SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += LIMIT.fieldsPerSection) {
    out.push({
      type: 'section',
      fields: fields.slice(i, i + LIMIT.fieldsPerSection).map((f) => mrkdwn(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value || '—')}`, LIMIT.fieldText)),
    });
  }
  return out;
}

/**
 * Buttons in `actions` blocks: a new block where the buttons' `row` changes, at most 25 buttons a
 * block (Slack's limit). `ref` (a nudge's key) goes into each action id, see `buttonId`.
 */
function toActions(buttons: readonly ReplyButton[] = [], ref?: string): ActionsBlock[] {
  const groups: ReplyButton[][] = [];
  for (const button of buttons) {
    const last = groups.at(-1);
    if (last && last.length < LIMIT.elementsPerActions && (last[0]!.row ?? 0) === (button.row ?? 0)) last.push(button);
    else groups.push([button]);
  }
  return groups.map((group) => ({
    type: 'actions',
    elements: group.map((b): types.Button => {
      const id = clip(buttonId(b, ref), LIMIT.actionId);
      const style = BUTTON_STYLE[b.style];
      // plain_text: Slack shows it as it is and parses no mentions or links in it, so it needs no escaping.
      return { type: 'button', text: { type: 'plain_text', text: clip(b.label, LIMIT.buttonLabel), emoji: true }, action_id: id, value: id, ...(style ? { style } : {}) };
    }),
  }));
}

/**
 * The blocks of a reply or a nudge: the title as a header, then `lead` (a mention), then lines, fields, sections and
 * letters, the footer as context, and the buttons last. Slack refuses a message of more than 50
 * blocks: what does not fit is cut from the middle, marked with `…`, and the footer and the buttons
 * always stay, since the buttons are how the writer answers a nudge.
 */
export function toBlocks(reply: Reply, ref?: string, lead: readonly KnownBlock[] = []): KnownBlock[] {
  // plain_text, like a button label: shown as typed, so not escaped; `emoji: false` keeps a `:name:` in a title as text.
  const header: types.HeaderBlock = { type: 'header', text: { type: 'plain_text', text: clip(`${TONE_MARK[reply.tone]} ${reply.title}`, LIMIT.header), emoji: false } };
  const body: KnownBlock[] = [
    ...linesAsSections((reply.lines ?? []).map(escapeMrkdwn)),
    ...fieldBlocks(reply.fields ?? []),
    ...(reply.sections ?? []).flatMap((s) => linesAsSections(s.lines.map((l) => `• ${escapeMrkdwn(l)}`), `*${escapeMrkdwn(s.heading)}*`)),
    ...(reply.quotes ?? []).flatMap(quoteBlocks),
  ];
  const footer: KnownBlock[] = reply.footer?.length ? [{ type: 'context', elements: [mrkdwn(reply.footer.map(escapeMrkdwn).join('\n'), LIMIT.contextText)] }] : [];
  const fixed = 1 + lead.length + footer.length;
  const actions = toActions(reply.buttons, ref).slice(0, LIMIT.blocks - fixed - 1);
  const room = LIMIT.blocks - fixed - actions.length;
  const kept = body.length > room ? [...body.slice(0, room - 1), { type: 'context', elements: [mrkdwn('…')] } satisfies types.ContextBlock] : body;
  return [header, ...lead, ...kept, ...footer, ...actions];
}

/** The message's plain `text`: what a notification or a screen reader shows. Title and first line. */
export function toText(reply: Reply): string {
  const first = reply.lines?.[0];
  return fit(escapeMrkdwn(first ? `${reply.title}\n${first}` : reply.title), LIMIT.text);
}

/** The event type of the metadata a nudge carries, that recovery looks for before resending. */
export const NUDGE_EVENT_TYPE = 'kenshu_nudge';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
  metadata?: types.MessageMetadata;
}

/**
 * A reply or a nudge for chat.postMessage. A nudge (`ref`, its key) carries the key as message
 * metadata, so a send cut short by a crash can be found in the conversation's history instead of
 * being sent twice; an ordinary reply carries none. Files go separately (files.uploadV2).
 *
 * A message to one member in a channel (`addressee`, a Slack member id the caller has checked)
 * mentions them in `text` and under the title: Slack shows the blocks rather than `text`, and
 * desktop notifications read the blocks first (docs.slack.dev/changelog/2026/07/13/notification-changes),
 * mobile ones `text`. Nothing else in the message can mention anyone: user text is escaped.
 */
export function toMessage(reply: Reply, ref?: string, addressee?: string): SlackMessage {
  const mention = addressee ? `<@${addressee}>` : undefined;
  return {
    text: mention ? `${mention} ${toText(reply)}` : toText(reply),
    blocks: toBlocks(reply, ref, mention ? [section(mention)] : []),
    ...(ref ? { metadata: { event_type: NUDGE_EVENT_TYPE, event_payload: { idempotency_key: ref } } } : {}),
  };
}

/** How respond() posts a reply: only to the caller unless the reply says otherwise. */
export function responseType(reply: Pick<Reply, 'ephemeral'>): 'ephemeral' | 'in_channel' {
  return reply.ephemeral === false ? 'in_channel' : 'ephemeral';
}
