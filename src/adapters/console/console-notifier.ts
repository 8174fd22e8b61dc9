import type { Writable } from 'node:stream';
import type { Notifier, SendOutcome } from '../../domain/notifier.js';
import type { Reply, ReplyButton, ReplyFile } from '../../domain/reply.js';
import { renderReply } from './render.js';

/** Keeps the buttons a member was last shown, for `/press` (in the database: see ButtonStore). */
export type RememberButtons = (userId: string, buttons: readonly ReplyButton[]) => Promise<void>;
/** Writes the files a message carries (a digest's chart) where the console keeps them, and says where. */
type SaveFiles = (files: ReplyFile[]) => Promise<void>;

/**
 * Direct messages in the console: printed as they are sent, each starting with `[DM]`. Like a
 * platform, it shows a message only once per key, so a retried nudge is not printed twice.
 */
export class ConsoleNotifier implements Notifier {
  readonly platform = 'console' as const;
  private readonly seen = new Set<string>();

  constructor(
    private readonly output: Writable,
    private readonly rememberButtons: RememberButtons,
  ) {}

  private saveFiles: SaveFiles | undefined;

  /** Where the files of a message go: set by the session, which knows the export directory and the reader's language. */
  writeFilesWith(save: SaveFiles): void {
    this.saveFiles = save;
  }

  async dm(userId: string, message: Reply, key: string): Promise<SendOutcome> {
    return this.show(`[DM] → ${userId}`, userId, message, key);
  }

  async post(channelId: string, userId: string | null, message: Reply, key: string): Promise<SendOutcome> {
    return this.show(userId ? `[#${channelId}] @${userId}` : `[#${channelId}]`, userId, message, key);
  }

  /** Remembers the buttons of a message shown to a member, so /press works on replies too. */
  async remember(userId: string, message: Reply): Promise<void> {
    if (message.buttons?.length) await this.rememberButtons(userId, message.buttons);
  }

  private async show(header: string, userId: string | null, message: Reply, key: string): Promise<SendOutcome> {
    if (!this.seen.has(key)) {
      this.seen.add(key);
      this.output.write(`${header}\n${renderReply(message)}\n`);
      if (message.files?.length) await this.saveFiles?.(message.files);
      if (userId) await this.remember(userId, message);
    }
    return { kind: 'sent', ref: key };
  }
}
