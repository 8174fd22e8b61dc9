import type { Writable } from 'node:stream';
import type { Notifier, SendOutcome } from '../../domain/notifier.js';
import type { Reply, ReplyButton } from '../../domain/reply.js';
import { renderReply } from './render.js';

/**
 * Direct messages in the console: printed as they are sent, each starting with `[DM]`. Like a
 * platform, it shows a message only once per key, so a retried nudge is not printed twice.
 */
export class ConsoleNotifier implements Notifier {
  readonly platform = 'console' as const;
  private readonly seen = new Set<string>();
  /** The buttons of the last message each member received, for /press. */
  readonly lastButtons = new Map<string, ReplyButton[]>();

  constructor(private readonly output: Writable) {}

  dm(userId: string, message: Reply, key: string): Promise<SendOutcome> {
    return Promise.resolve(this.show(`[DM] → ${userId}`, userId, message, key));
  }

  post(channelId: string, userId: string, message: Reply, key: string): Promise<SendOutcome> {
    return Promise.resolve(this.show(`[#${channelId}] @${userId}`, userId, message, key));
  }

  /** Remembers the buttons of a reply shown to a member, so /press works on replies too. */
  remember(userId: string, reply: Reply): void {
    if (reply.buttons?.length) this.lastButtons.set(userId, reply.buttons);
  }

  private show(header: string, userId: string, message: Reply, key: string): SendOutcome {
    if (!this.seen.has(key)) {
      this.seen.add(key);
      this.output.write(`${header}\n${renderReply(message)}\n`);
      this.remember(userId, message);
    }
    return { kind: 'sent', ref: key };
  }
}
