/**
 * Reading what Kenshu sent to the loopback Slack: a `response_url` body, a posted message or a
 * published view all carry their Block Kit `blocks`.
 */
export interface SlackBlock {
  type: string;
  text?: { text: string };
  elements?: { type: string; action_id?: string; text?: { text: string } }[];
}

type WithBlocks = { blocks?: unknown } | Record<string, unknown> | undefined;

const blocksOf = (body: WithBlocks): SlackBlock[] => ((body as { blocks?: SlackBlock[] } | undefined)?.blocks ?? []);

/** The first block's text: a reply's title. */
export const header = (body: WithBlocks): string => blocksOf(body)[0]?.text?.text ?? '';

/** Every block as JSON, to look for a sentence anywhere in the message. */
export const textOf = (body: WithBlocks): string => JSON.stringify(blocksOf(body));

/** The buttons of every actions block, in order. */
export const buttonsOf = (body: WithBlocks) => blocksOf(body).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
