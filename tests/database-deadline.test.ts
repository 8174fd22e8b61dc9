import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { CommandContext, Reply } from '../src/commands/command.js';
import { withBoundary } from '../src/commands/execute.js';
import { reportUnavailable, withoutDeadline } from '../src/store/unavailable.js';
import { DatabaseDeadlineError, databaseCallsInFlight, inScope, withinDeadline, type CallScope } from '../src/database-deadline.js';

const never = () => new Promise<never>(() => undefined);
const soon = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 5));

async function deadlineOf(work: Promise<unknown>): Promise<DatabaseDeadlineError> {
  const error: unknown = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DatabaseDeadlineError);
  return error as DatabaseDeadlineError;
}

/** A new interaction's scope. */
const interaction = (): CallScope => ({ wrote: false });

describe('the database deadline', () => {
  it('a read that never answers ends at the deadline, as nothing written', async () => {
    expect((await deadlineOf(withinDeadline(never, false, 20, interaction()))).wrote).toBe(false);
  });

  it('a write that never answers may have been saved', async () => {
    expect((await deadlineOf(withinDeadline(never, true, 20, interaction()))).wrote).toBe(true);
  });

  it('a read cut off after a write in the same interaction may have left that write saved', async () => {
    const scope = interaction();
    await withinDeadline(() => soon('saved'), true, 200, scope);
    expect((await deadlineOf(withinDeadline(never, false, 20, scope))).wrote).toBe(true);
  });

  it('another interaction’s write does not count, nor a call outside any interaction', async () => {
    await withinDeadline(() => soon('saved'), true, 200, interaction());
    await withinDeadline(() => soon('saved'), true, 200);
    expect((await deadlineOf(withinDeadline(never, false, 20, interaction()))).wrote).toBe(false);
    expect((await deadlineOf(withinDeadline(never, false, 20))).wrote).toBe(false);
  });

  it('stores bound to one interaction count its writes; the same stores elsewhere and other entries are untouched', async () => {
    const store = { recordThing: () => soon('saved'), findThing: never };
    const deps = { things: reportUnavailable(store, 20), defaultTimezone: 'Asia/Tokyo', plain: store };
    const scope = interaction();
    const bound = inScope(deps, scope);
    expect(bound.defaultTimezone).toBe('Asia/Tokyo');
    expect(bound.plain).toBe(store);
    await bound.things.recordThing();
    expect(scope.wrote).toBe(true);
    // The read after the write may have left it saved; the unbound store, in no interaction, says nothing was.
    await expect(bound.things.findThing()).rejects.toMatchObject({ code: 'STORE_OUTCOME_UNKNOWN' });
    await expect(deps.things.findThing()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    // Another interaction's binding starts afresh.
    await expect(inScope(deps, interaction()).things.findThing()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('a scheduler pass waits as long as its calls take, and they count as in flight meanwhile', async () => {
    // The calls that never answered above are still in flight, as a hung database's would be.
    const before = databaseCallsInFlight();
    const store = reportUnavailable({ recordSlowly: () => new Promise((resolve) => setTimeout(() => resolve('done'), 60)) }, null);
    const slow = store.recordSlowly();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(databaseCallsInFlight()).toBe(before + 1);
    expect(await slow).toBe('done');
    expect(databaseCallsInFlight()).toBe(before);
  });

  it('a store wrapped without a deadline, as the embedded database is, waits for a slow call instead of refusing it', async () => {
    const store = { findSlowly: () => new Promise<string>((resolve) => setTimeout(() => resolve('found'), 60)) };
    await expect(reportUnavailable(store, 20).findSlowly()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(reportUnavailable(store, null).findSlowly()).resolves.toBe('found');
    await expect(inScope({ store: reportUnavailable(store, null) }, interaction()).store.findSlowly()).resolves.toBe('found');
  });

  it('the same store without a deadline, for the schedulers, waits for a slow call on the same object, and leaves other stores as they are', async () => {
    const target = {
      calls: 0,
      findSlowly() {
        this.calls++;
        return new Promise<string>((resolve) => setTimeout(() => resolve('found'), 60));
      },
    };
    const bounded = reportUnavailable(target, 20);
    await expect(bounded.findSlowly()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(withoutDeadline(bounded).findSlowly()).resolves.toBe('found');
    expect(target.calls).toBe(2);
    const plain = { findSlowly: never };
    expect(withoutDeadline(plain)).toBe(plain);
  });

  it('a method given a longer deadline waits for it, and the store’s other methods keep theirs', async () => {
    const slowly = (value: string) => () => new Promise<string>((resolve) => setTimeout(() => resolve(value), 60));
    const store = { exportAll: slowly('exported'), findOne: slowly('found') };
    const deps = { store: reportUnavailable(store, 20, { exportAll: 500 }) };
    // Each in an interaction of its own (the export, a write by its name, would make the other's cut-off "may have been saved").
    await expect(inScope(deps, interaction()).store.exportAll()).resolves.toBe('exported');
    await expect(inScope(deps, interaction()).store.findOne()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    // Without a deadline at all (the embedded database), none is added for the slower method.
    await expect(reportUnavailable(store, null, { exportAll: 5 }).exportAll()).resolves.toBe('exported');
    // And a write given more time that still runs out may have been saved.
    await expect(reportUnavailable({ exportAll: never }, 20, { exportAll: 40 }).exportAll()).rejects.toMatchObject({ code: 'STORE_OUTCOME_UNKNOWN' });
  });
});

describe('the deadline in a command', () => {
  const logger = pino({ level: 'silent' });
  /** A delivery store whose record is saved and whose reads never answer, bound by a 20 ms deadline. */
  const deliveries = reportUnavailable({ record: () => soon({ id: 1 }), findById: never }, 20);
  const ctx = {
    platform: 'console',
    locale: 'en',
    timezone: 'Asia/Tokyo',
    roles: new Set(),
    direct: false,
    member: { id: 1, pendingNotice: null },
    community: { id: 1 },
    deps: { deliveries, defaultTimezone: 'Asia/Tokyo' },
  } as unknown as CommandContext;
  const told = (reply: Reply) => reply.lines?.join(' ') ?? '';

  it('a read cut off after the same command saved something says it may have been saved', async () => {
    const reply = await withBoundary(ctx, logger, 'deliver new', async (ctx) => {
      await ctx.deps.deliveries.record({} as never, new Date());
      await ctx.deps.deliveries.findById(1);
      return { tone: 'success', title: 'done' };
    });
    expect(told(reply)).toContain('may have been saved');
  });

  it('the next command, only reading, is told that nothing was saved: the earlier write was not its own', async () => {
    const reply = await withBoundary(ctx, logger, 'deliver show', async (ctx) => {
      await ctx.deps.deliveries.findById(1);
      return { tone: 'success', title: 'done' };
    });
    expect(told(reply)).toContain('nothing was saved');
    expect(ctx.deps.deliveries).toBe(deliveries);
  });
});
