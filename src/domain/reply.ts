/**
 * A platform-neutral message: a command's answer or a nudge DM. Each adapter renders it in its
 * own idiom (Discord embeds and components, Slack Block Kit, plain console text).
 */
export interface Reply {
  tone: 'success' | 'info' | 'warning' | 'error';
  title: string;
  lines?: string[];
  fields?: { label: string; value: string }[];
  sections?: { heading: string; lines: string[] }[];
  /** Blocks of text meant to be copied as they are (the letters under a nudge). */
  quotes?: { heading: string; text: string }[];
  /** Closing hints, after everything else. */
  footer?: string[];
  buttons?: ReplyButton[];
  /** Private to the caller unless set to false. */
  ephemeral?: boolean;
  /**
   * Files that come with the reply (an evidence file, a data export, a chart): attached where the
   * platform takes attachments, written to a directory by the console. `name` is chosen by
   * Kenshu, never typed by a user.
   */
  files?: ReplyFile[];
}

/** A text file (UTF-8) or a binary one (a PNG chart). */
export type ReplyFile = { name: string; text: string } | { name: string; bytes: Uint8Array };

/** A file's content as bytes, the way every adapter sends or writes it. */
export function fileBytes(file: ReplyFile): Buffer {
  return 'bytes' in file ? Buffer.from(file.bytes) : Buffer.from(file.text, 'utf8');
}

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  png: 'image/png',
};

/** The media type of a file Kenshu names, from its extension. */
export function fileContentType(name: string): string {
  return CONTENT_TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

/**
 * What a button does. `sent`, `desk` and `replied` are the writer confirming what they did or
 * what came back (events.ts); `approve` and `reject` are a moderator's decision on a report and
 * `queue` turns the review queue's page; `erase` confirms `/privacy delete`, its number the
 * member's own id; the others change the delivery or its reminders.
 */
export const BUTTON_ACTIONS = ['accept', 'pay', 'snooze', 'stop', 'show', 'sent', 'desk', 'replied', 'approve', 'reject', 'queue', 'erase'] as const;
/** Buttons whose number is not a delivery: a report's number in the community, or a queue page. */
export const MODERATION_BUTTONS = ['approve', 'reject', 'queue'] as const satisfies readonly ButtonAction[];
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

export interface ReplyButton {
  action: ButtonAction;
  /** The delivery the button acts on; for the MODERATION_BUTTONS, the report number or page. */
  deliveryId: number;
  label: string;
  style: 'primary' | 'secondary' | 'success' | 'danger';
  /** Buttons of one kind go together: a platform that lays buttons out in rows starts a new row where this changes. */
  row?: number;
}

/**
 * A button's id as the platform carries it: `kenshu:accept:42`, or `kenshu:accept:42:kn16s3` under
 * a nudge, where `ref` is the nudge's key: the message can then be recognized in the platform's
 * history (see `buttonRef`). It carries no trust: whoever clicks, the handler checks that the
 * delivery is theirs.
 */
export function buttonId(button: Pick<ReplyButton, 'action' | 'deliveryId'>, ref?: string): string {
  return `kenshu:${button.action}:${button.deliveryId}${ref ? `:${ref}` : ''}`;
}

const BUTTON_ID = /^kenshu:([a-z]+):(\d{1,15})(?::([a-z0-9]{1,25}))?$/;

export function parseButtonId(id: string): Pick<ReplyButton, 'action' | 'deliveryId'> | undefined {
  const match = BUTTON_ID.exec(id);
  const action = match?.[1] as ButtonAction | undefined;
  if (!match || !action || !(BUTTON_ACTIONS as readonly string[]).includes(action)) return undefined;
  return { action, deliveryId: Number(match[2]) };
}

/** The nudge key a button id carries, if any. */
export function buttonRef(id: string): string | undefined {
  return BUTTON_ID.exec(id)?.[3];
}
