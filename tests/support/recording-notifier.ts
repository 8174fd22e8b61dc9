import type { Clock } from '../../src/domain/clock.js';
import type { Platform } from '../../src/domain/member.js';
import type { Notifier, SendOptions, SendOutcome } from '../../src/domain/notifier.js';
import type { Reply } from '../../src/domain/reply.js';

export interface SentMessage {
  to: string;
  channel: 'dm' | 'post';
  channelId?: string;
  key: string;
  message: Reply;
  /** The stage, read from the nudge key (`kn<id>s<stage>`). */
  stage: number;
  /** When it was sent, by the clock the notifier was given. */
  sentAt: Date;
}

export interface RecordingNotifierOptions {
  /**
   * Whether a key seen before is answered "sent" without a second message, as a platform with
   * idempotency keys does (the default). Off, every send is a message: what a scheduler alone
   * must keep from happening twice.
   */
  dedupeKeys?: boolean;
  /** Runs before each message is recorded: a slow platform, or the world moving on meanwhile. */
  beforeSend?: (key: string) => Promise<void> | void;
  /** The sends it takes at once, as a paced platform adapter says (`Notifier.maxInFlight`). */
  maxInFlight?: number;
}

/**
 * A notifier that behaves like a platform with idempotency keys: a key seen before is answered
 * "sent" without a second message. Users can be made unreachable or flaky.
 */
export class RecordingNotifier implements Notifier {
  readonly messages: SentMessage[] = [];
  readonly closedDms = new Set<string>();
  /** Every DM asked for, sent or not, with whether the scheduler said it was a retry. */
  readonly dmCalls: { to: string; key: string; retry: boolean }[] = [];
  /** Answers `transient` this many more times. */
  failNext = 0;
  /** Sends under way now, and the most at any one time. */
  inFlight = 0;
  mostInFlight = 0;
  readonly maxInFlight: number | undefined;
  private readonly keys = new Set<string>();

  constructor(
    readonly platform: Platform = 'discord',
    private readonly clock: Clock = { now: () => new Date() },
    private readonly options: RecordingNotifierOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight;
  }

  async dm(userId: string, message: Reply, key: string, options: SendOptions = {}): Promise<SendOutcome> {
    this.mostInFlight = Math.max(this.mostInFlight, ++this.inFlight);
    try {
      return await this.dmNow(userId, message, key, options);
    } finally {
      this.inFlight--;
    }
  }

  private async dmNow(userId: string, message: Reply, key: string, options: SendOptions): Promise<SendOutcome> {
    await this.options.beforeSend?.(key);
    this.dmCalls.push({ to: userId, key, retry: options.retry === true });
    if (this.failNext > 0) {
      this.failNext--;
      return { kind: 'transient', reason: 'HTTP 503', retryAfterMs: 0 };
    }
    if (this.closedDms.has(userId)) return { kind: 'unreachable', reason: 'Cannot send messages to this user (50007)' };
    return this.record({ to: userId, channel: 'dm', key, message });
  }

  async post(channelId: string, userId: string | null, message: Reply, key: string): Promise<SendOutcome> {
    await this.options.beforeSend?.(key);
    return this.record({ to: userId ?? '', channel: 'post', channelId, key, message });
  }

  to(userId: string): SentMessage[] {
    return this.messages.filter((m) => m.to === userId);
  }

  private record(m: Omit<SentMessage, 'stage' | 'sentAt'>): SendOutcome {
    if (this.options.dedupeKeys === false || !this.keys.has(m.key)) {
      this.keys.add(m.key);
      this.messages.push({ ...m, stage: Number(/s(\d)$/.exec(m.key)?.[1]), sentAt: this.clock.now() });
    }
    return { kind: 'sent', ref: m.key };
  }
}
