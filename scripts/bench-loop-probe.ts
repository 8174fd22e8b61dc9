/**
 * Loaded into the Kenshu under test by the Slack benchmark (`node --import tsx --import
 * ./scripts/bench-loop-probe.ts src/main.ts`, with an IPC channel): measures the bot's own
 * event-loop delay, so the benchmark can say how long the bot left requests waiting. Over IPC,
 * `reset` starts a new window and `report` answers with the window's p50, p99 and max in ms.
 * Not part of Kenshu; nothing happens without an IPC channel.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

if (process.send) {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  process.on('message', (message: unknown) => {
    if (message === 'reset') {
      loop.reset();
      process.send?.({ probe: 'reset' });
    } else if (message === 'report') {
      process.send?.({ probe: 'report', p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 });
    }
  });
  // The channel must not keep Kenshu alive once it has shut down.
  process.channel?.unref();
}
