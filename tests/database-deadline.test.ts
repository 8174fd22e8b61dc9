import { describe, expect, it } from 'vitest';
import { reportUnavailable } from '../src/store/unavailable.js';
import { DatabaseDeadlineError, databaseCallsInFlight, inBackground, inInteraction, withinDeadline } from '../src/database-deadline.js';

const never = () => new Promise<never>(() => undefined);
const soon = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 5));

async function deadlineOf(work: Promise<unknown>): Promise<DatabaseDeadlineError> {
  const error: unknown = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DatabaseDeadlineError);
  return error as DatabaseDeadlineError;
}

describe('the database deadline', () => {
  it('a read that never answers ends at the deadline, as nothing written', async () => {
    expect((await deadlineOf(inInteraction(() => withinDeadline(never, false, 20)))).wrote).toBe(false);
  });

  it('a write that never answers may have been saved', async () => {
    expect((await deadlineOf(inInteraction(() => withinDeadline(never, true, 20)))).wrote).toBe(true);
  });

  it('a read cut off after a write in the same interaction may have left that write saved', async () => {
    const error = await deadlineOf(
      inInteraction(async () => {
        await withinDeadline(() => soon('saved'), true, 200);
        return withinDeadline(never, false, 20);
      }),
    );
    expect(error.wrote).toBe(true);
  });

  it('another interaction’s write does not count', async () => {
    await inInteraction(() => withinDeadline(() => soon('saved'), true, 200));
    expect((await deadlineOf(inInteraction(() => withinDeadline(never, false, 20)))).wrote).toBe(false);
  });

  it('a scheduler pass waits as long as its calls take, and they count as in flight meanwhile', async () => {
    // The calls that never answered above are still in flight, as a hung database's would be.
    const before = databaseCallsInFlight();
    const slow = inBackground(() => withinDeadline(() => new Promise((resolve) => setTimeout(() => resolve('done'), 60)), true, 20));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(databaseCallsInFlight()).toBe(before + 1);
    expect(await slow).toBe('done');
    expect(databaseCallsInFlight()).toBe(before);
  });

  it('a store wrapped without a deadline, as the embedded database is, waits for a slow call instead of refusing it', async () => {
    const store = { findSlowly: () => new Promise<string>((resolve) => setTimeout(() => resolve('found'), 60)) };
    await expect(inInteraction(() => reportUnavailable(store, 20).findSlowly())).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(inInteraction(() => reportUnavailable(store, null).findSlowly())).resolves.toBe('found');
  });

  it('a method given a longer deadline waits for it, and the store’s other methods keep theirs', async () => {
    const slowly = (value: string) => () => new Promise<string>((resolve) => setTimeout(() => resolve(value), 60));
    const store = { exportAll: slowly('exported'), findOne: slowly('found') };
    const wrapped = reportUnavailable(store, 20, { exportAll: 500 });
    await expect(inInteraction(() => wrapped.exportAll())).resolves.toBe('exported');
    await expect(inInteraction(() => wrapped.findOne())).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    // Without a deadline at all (the embedded database), none is added for the slower method.
    await expect(inInteraction(() => reportUnavailable(store, null, { exportAll: 5 }).exportAll())).resolves.toBe('exported');
    // And a write given more time that still runs out may have been saved.
    await expect(inInteraction(() => reportUnavailable({ exportAll: never }, 20, { exportAll: 40 }).exportAll())).rejects.toMatchObject({ code: 'STORE_OUTCOME_UNKNOWN' });
  });
});
