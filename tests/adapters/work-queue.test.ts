import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../src/adapters/work-queue.js';

describe('WorkQueue', () => {
  it('runs at most `concurrency` jobs at once and settles each as its job does', async () => {
    const queue = new WorkQueue(2);
    let running = 0;
    let most = 0;
    const job = (i: number) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (i === 3) throw new Error('job 3 failed');
      return i;
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => queue.run(job(i))));
    expect(most).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([0, 1, 2, 'job 3 failed', 4]);
    expect(queue.size).toBe(0);
  });

  it('starts a job from a macrotask, never in the caller’s microtask chain', async () => {
    const queue = new WorkQueue(1);
    const order: string[] = [];
    const done = queue.run(() => {
      order.push('job');
      return Promise.resolve();
    });
    await Promise.resolve();
    await Promise.resolve();
    order.push('microtasks');
    await done;
    expect(order).toEqual(['microtasks', 'job']);
  });

  it('idle resolves once everything queued is done, and a job that throws at once only rejects its own promise', async () => {
    const queue = new WorkQueue(1);
    const failed = queue.run(() => {
      throw new Error('at once');
    });
    const ok = queue.run(() => Promise.resolve('ok'));
    await expect(failed).rejects.toThrow('at once');
    await queue.idle();
    await expect(ok).resolves.toBe('ok');
    await expect(queue.idle()).resolves.toBeUndefined();
  });

  it('refuses a concurrency below 1', () => {
    expect(() => new WorkQueue(0)).toThrow(RangeError);
  });
});
