/**
 * Loaded into the Kenshu under test by the platform benchmarks (`node --import tsx --import
 * ./scripts/bench-loop-probe.ts src/main.ts`, with an IPC channel): measures the bot's own
 * event-loop delay, so the benchmark can say how long the bot left requests waiting, and when each
 * Discord deferral left the bot: undici's `undici:client:sendHeaders` diagnostics channel says when
 * a request's headers are written to its socket, and an interaction callback's path names its
 * interaction. Over IPC, `reset` starts a new window and `report` answers with the window's loop
 * delay p50, p99 and max in ms, and the deferrals' times (ms since the epoch, by interaction id).
 * Not part of Kenshu; nothing happens without an IPC channel.
 */
import { subscribe } from 'node:diagnostics_channel';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const CALLBACK = /\/interactions\/(\d+)\/[^/]+\/callback/;

if (process.send) {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let deferrals: Record<string, number> = {};
  subscribe('undici:client:sendHeaders', (message) => {
    const id = CALLBACK.exec((message as { request?: { path?: string } }).request?.path ?? '')?.[1];
    if (id !== undefined && !(id in deferrals)) deferrals[id] = performance.timeOrigin + performance.now();
  });
  process.on('message', (message: unknown) => {
    if (message === 'reset') {
      loop.reset();
      deferrals = {};
      process.send?.({ probe: 'reset' });
    } else if (message === 'report') {
      process.send?.({ probe: 'report', p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6, deferrals });
    }
  });
  // The channel must not keep Kenshu alive once it has shut down.
  process.channel?.unref();
}
