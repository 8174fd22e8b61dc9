import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/store/group-commit.js';

/** A `run` that records each batch and answers only when released. */
function gate() {
  const batches: number[][] = [];
  const waiting: (() => void)[] = [];
  const run = (inputs: number[]) => {
    batches.push(inputs);
    return new Promise<number[]>((resolve, reject) => {
      waiting.push(() => (inputs.includes(-1) ? reject(new Error('refused')) : resolve(inputs.map((i) => i * 10))));
    });
  };
  const releaseNext = async () => {
    waiting.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { run, batches, releaseNext };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('sends the calls of one turn together, and gathers the calls made meanwhile into the next', async () => {
    const g = gate();
    const commit = new GroupCommit(g.run, (i) => i, { maxBatch: 100, maxInFlight: 1 });
    const first = [commit.call(1), commit.call(2)];
    await settle();
    const later = [commit.call(3), commit.call(4), commit.call(5)];
    await settle();
    expect(g.batches).toEqual([[1, 2]]);
    await g.releaseNext();
    expect(g.batches).toEqual([[1, 2], [3, 4, 5]]);
    await g.releaseNext();
    expect(await Promise.all([...first, ...later])).toEqual([10, 20, 30, 40, 50]);
  });

  it('keeps to the batch size and the statements in flight, and never puts one key twice in a batch', async () => {
    const g = gate();
    const commit = new GroupCommit(g.run, (i) => i % 100, { maxBatch: 2, maxInFlight: 2 });
    const calls = [1, 101, 2, 3, 4].map((i) => commit.call(i));
    await settle();
    expect(g.batches).toEqual([[1, 2], [101, 3]]);
    await g.releaseNext();
    expect(g.batches).toEqual([[1, 2], [101, 3], [4]]);
    await g.releaseNext();
    await g.releaseNext();
    expect(await Promise.all(calls)).toEqual([10, 1010, 20, 30, 40]);
  });

  it('fails every call of a failed batch, and only those', async () => {
    const g = gate();
    const commit = new GroupCommit(g.run, (i) => i, { maxBatch: 100, maxInFlight: 1 });
    const failed = [commit.call(1), commit.call(-1)].map((p) => p.then(String, (e: Error) => e.message));
    await settle();
    const next = commit.call(2);
    await g.releaseNext();
    await g.releaseNext();
    expect(await Promise.all(failed)).toEqual(['refused', 'refused']);
    expect(await next).toBe(20);
  });
});
