import { renderReply } from '../../src/adapters/console/render.js';
import type { Platform } from '../../src/domain/member.js';
import type { Notifier, SendOptions, SendOutcome } from '../../src/domain/notifier.js';
import type { Reply } from '../../src/domain/reply.js';
import { CANNOT_DM_USER } from './fake-dm-platform.js';

/**
 * A Notifier that talks to FakeDmPlatform over real HTTP, mapping answers the way the Discord
 * adapter should: 200 → sent (the message id as ref); 429, 5xx, a timeout or a broken connection
 * → transient; 403 with code 50007 → unreachable. Anything else is a request the platform refuses
 * and will refuse again, so it is not retried blindly either.
 */
export class HttpDmNotifier implements Notifier {
  /** Takes sends 32 at a time, as Kenshu's Discord and Slack notifiers do. */
  readonly maxInFlight = 32;

  constructor(
    readonly platform: Platform,
    private readonly baseUrl: string,
    private readonly timeoutMs = 5_000,
  ) {}

  dm(userId: string, message: Reply, key: string): Promise<SendOutcome> {
    return this.send('/dm', { userId, key, text: renderReply(message) });
  }

  /**
   * A retry first looks for the key among the channel's messages, as the Discord adapter does
   * (the key rides on a button there), and answers with the message an earlier try created.
   */
  async post(channelId: string, userId: string | null, message: Reply, key: string, options: SendOptions = {}): Promise<SendOutcome> {
    if (options.retry) {
      try {
        const response = await fetch(`${this.baseUrl}/history?channelId=${encodeURIComponent(channelId)}`, { signal: AbortSignal.timeout(this.timeoutMs) });
        if (!response.ok) return { kind: 'transient', reason: `history: HTTP ${response.status}` };
        const earlier = ((await response.json()) as { id: string; key: string }[]).find((m) => m.key === key);
        if (earlier) return { kind: 'sent', ref: earlier.id };
      } catch (error) {
        return { kind: 'transient', reason: `network: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    // The fake wants someone to address; a post to the moderators addresses nobody.
    return this.send('/post', { channelId, userId: userId ?? '-', key, text: renderReply(message) });
  }

  private async send(path: string, body: Record<string, string>): Promise<SendOutcome> {
    let response: Response;
    let payload: Record<string, unknown>;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      payload = ((await response.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
    } catch (error) {
      return { kind: 'transient', reason: `network: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (response.ok) return typeof payload.id === 'string' ? { kind: 'sent', ref: payload.id } : { kind: 'sent' };
    if (response.status === 429) {
      const seconds = typeof payload.retry_after === 'number' ? payload.retry_after : Number(response.headers.get('retry-after') ?? 0);
      return { kind: 'transient', reason: 'HTTP 429', retryAfterMs: Math.ceil(seconds * 1000) };
    }
    if (response.status >= 500 || response.status === 408) return { kind: 'transient', reason: `HTTP ${response.status}` };
    const code = typeof payload.code === 'number' ? payload.code : undefined;
    if (response.status === 403 && code === CANNOT_DM_USER) return { kind: 'unreachable', reason: `Cannot send messages to this user (${CANNOT_DM_USER})` };
    return { kind: 'unreachable', reason: `HTTP ${response.status}${code === undefined ? '' : ` (${code})`}` };
  }
}
