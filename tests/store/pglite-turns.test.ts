import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/store/index.js';
import { openMemoryDatabase } from '../support/databases.js';

/**
 * The embedded database runs queries on the bot's own thread; a burst of them must leave the
 * event loop a turn between any two, or acknowledgements of arriving interactions wait behind
 * the whole burst.
 */
describe('embedded database: the event loop gets a turn between queries', () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openMemoryDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  /** Runs `work` while counting turns of the event loop; `turns()` reads the count so far. */
  async function countingTurns(work: (turns: () => number) => Promise<void>): Promise<void> {
    let count = 0;
    let ticking = true;
    const tick = () => {
      count++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    try {
      await work(() => count);
    } finally {
      ticking = false;
    }
  }

  /** The turn count as each of `pieces` concurrent pieces of work finished. */
  async function turnsAtEnds(pieces: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
    const seen: number[] = [];
    await countingTurns(async (turns) => {
      await Promise.all(Array.from({ length: pieces }, (_, i) => work(i).then(() => seen.push(turns()))));
    });
    return seen;
  }

  it('for a burst of separate queries', async () => {
    const seen = await turnsAtEnds(40, (i) => database.db.execute(sql`select ${i}::integer as n`));
    expect(seen).toHaveLength(40);
    // No two queries finished within the same turn: something else could run between them.
    expect(new Set(seen).size).toBe(40);
  });

  it('for the queries inside transactions too', async () => {
    const seen = await turnsAtEnds(10, (i) =>
      database.db.transaction(async (tx) => {
        for (let q = 0; q < 3; q++) await tx.execute(sql`select ${i * 10 + q}::integer as n`);
      }),
    );
    expect(new Set(seen).size).toBe(10);
    const inside: number[] = [];
    await countingTurns(async (turns) => {
      await database.db.transaction(async (tx) => {
        for (let q = 0; q < 5; q++) {
          await tx.execute(sql`select ${q}::integer as n`);
          inside.push(turns());
        }
      });
    });
    expect(new Set(inside).size).toBe(5);
  });
});
