import { HTTPReceiver, type App, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../logger.js';

/** Slash commands and button clicks: Kenshu acknowledges every one with an empty body, whatever follows. */
function acknowledgedEmpty(body: Record<string, unknown>): boolean {
  return typeof body.command === 'string' || body.type === 'block_actions';
}

const alreadyAcknowledged = () => Promise.resolve();

/**
 * Bolt's HTTP receiver, acknowledging slash commands and button clicks as soon as their signature
 * is checked, before Bolt's middleware and listeners run.
 *
 * Why: Slack waits 3 seconds for the acknowledgement, and Kenshu's are always empty, yet through
 * Bolt each one waits for the middleware chain of every registered listener (about a third of a
 * millisecond a request here), so in a burst of 200 the last acknowledgement waited behind all
 * the others' processing. Here a request is answered in the same callback that verified it, and
 * Bolt processes it from a later macrotask, after the requests that arrived with it are answered.
 * Forms (whose acknowledgement may carry errors) and events take Bolt's own path unchanged. The
 * listeners still call `ack()`; for these payloads it does nothing.
 */
export class EarlyAckReceiver extends HTTPReceiver {
  constructor(signingSecret: string, logger: NonNullable<ConstructorParameters<typeof HTTPReceiver>[0]['logger']>, private readonly log: Logger) {
    super({ signingSecret, logger });
  }

  override init(app: App): void {
    // HTTPReceiver only ever calls processEvent on its app.
    super.init({ processEvent: (event: ReceiverEvent) => this.dispatch(app, event) } as unknown as App);
  }

  private readonly acknowledged: ReceiverEvent[] = [];
  private draining = false;

  private async dispatch(app: App, event: ReceiverEvent): Promise<void> {
    if (!acknowledgedEmpty(event.body)) return app.processEvent(event);
    await event.ack();
    this.acknowledged.push({ ...event, ack: alreadyAcknowledged });
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => this.drain(app));
    }
  }

  /** Hands Bolt one acknowledged request per turn of the event loop, so requests arriving meanwhile are answered in between. */
  private drain(app: App): void {
    const event = this.acknowledged.shift();
    if (!event) {
      this.draining = false;
      return;
    }
    app.processEvent(event).catch((error: unknown) => this.log.error({ err: error }, 'slack request failed after its acknowledgement'));
    setImmediate(() => this.drain(app));
  }
}
